package graphql

import (
	"testing"

	"github.com/vektah/gqlparser/v2"

	"github.com/primehub/primehub/internal/graphql/generated"
)

// meQuery is `me` as PrimeHub's clients ask it on every page (test/bench/graphql).
const meQuery = `{ me {
  id username email isAdmin
  groups { id name displayName quotaCpu quotaGpu quotaMemory projectQuotaCpu projectQuotaGpu projectQuotaMemory admins
    instanceTypes { id name displayName cpuLimit memoryLimit gpuLimit }
    images { id name displayName type url }
    datasets { id name writable }
    users { id username } }
  effectiveGroups { id name displayName quotaCpu quotaGpu quotaMemory projectQuotaCpu projectQuotaGpu projectQuotaMemory admins
    instanceTypes { id name displayName cpuLimit memoryLimit gpuLimit }
    images { id name displayName type url }
    datasets { id name writable }
    users { id username } }
} }`

func TestOperationCost(t *testing.T) {
	schema := generated.NewExecutableSchema(generated.Config{}).Schema()
	tests := []struct {
		name, query string
		vars        map[string]any
		want        int
	}{
		{"scalars count nothing", `{ me { id username email } }`, nil, 1},
		{"a list counts its default size", `{ me { groups { id } } }`, nil, 1 * (1 + 20)},
		{"nested lists multiply", `{ me { groups { users { groups { users { id } } } } } }`, nil, 1 + 20*(1+20*(1+20*(1+20)))},
		{"first bounds a list", `{ users(first: 3) { id groups { id } } }`, nil, 3 * (1 + 20)},
		{"first from a variable", `query($n: Int) { users(first: $n) { id } }`, map[string]any{"n": int64(7)}, 7},
		{"a numbered page holds 10", `{ groups(page: 2) { id } }`, nil, 10},
		{"a connection's first sizes its edges", `{ usersConnection(first: 5) { edges { node { id } } } }`, nil, 1 + 5*(1+1)},
		{"fragments count where they are spread", `{ me { ...F } } fragment F on User { groups { id } }`, nil, 1 + 20},
		{"introspection counts nothing", `{ __schema { types { fields { name } } } }`, nil, 0},
		{"absurd sizes saturate", `{ users(first: 2000000000) { groups { users { groups { users { groups { users { id } } } } } } } }`, nil, costCeiling},
	}
	for _, tt := range tests {
		doc, errs := gqlparser.LoadQuery(schema, tt.query)
		if errs != nil {
			t.Fatalf("%s: %v", tt.name, errs)
		}
		op := doc.Operations[0]
		if got := operationCost(op.SelectionSet, doc.Fragments, tt.vars, 0); got != tt.want {
			t.Errorf("%s: cost %d, want %d", tt.name, got, tt.want)
		}
	}
	doc, errs := gqlparser.LoadQuery(schema, meQuery)
	if errs != nil {
		t.Fatal(errs)
	}
	if got := operationCost(doc.Operations[0].SelectionSet, doc.Fragments, nil, 0); got > maxCost/10 {
		t.Errorf("me as clients ask it costs %d, within a tenth of the limit %d", got, maxCost)
	}
}

func BenchmarkOperationCost(b *testing.B) {
	schema := generated.NewExecutableSchema(generated.Config{}).Schema()
	doc, errs := gqlparser.LoadQuery(schema, meQuery)
	if errs != nil {
		b.Fatal(errs)
	}
	for b.Loop() {
		operationCost(doc.Operations[0].SelectionSet, doc.Fragments, nil, 0)
	}
}

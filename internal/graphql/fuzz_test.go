package graphql

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/vektah/gqlparser/v2"

	"github.com/primehub/primehub/internal/graphql/generated"
)

// FuzzDecodeParams: a POST body, as JSON or as a form, is decoded into parameters whose
// variables encode again, or refused with an error; it never panics.
func FuzzDecodeParams(f *testing.F) {
	f.Add(`{"query":"{ me { id } }","variables":{"n":12345678901234567890}}`, false)
	f.Add(`query=%7B+me+%7B+id+%7D+%7D&variables=%7B%22a%22%3A1%7D&operationName=x`, true)
	f.Fuzz(func(t *testing.T, body string, form bool) {
		r := httptest.NewRequest(http.MethodPost, Path, strings.NewReader(body))
		r.Header.Set("Content-Type", "application/json")
		if form {
			r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		}
		params, err := decodeParams(r)
		if (err == nil) == (params == nil) {
			t.Fatalf("decodeParams(%q) = %v, %v", body, params, err)
		}
		if err == nil {
			if _, err := json.Marshal(params.Variables); err != nil {
				t.Errorf("decodeParams(%q): variables do not encode: %v", body, err)
			}
		}
	})
}

// FuzzSelectionDepthAndCost: any operation the schema validates has a depth and a cost
// within bounds, computed without panicking.
func FuzzSelectionDepthAndCost(f *testing.F) {
	schema := generated.NewExecutableSchema(generated.Config{}).Schema()
	f.Add(meQuery)
	f.Add(`query($n: Int) { users(first: $n) { id groups { users { id } } } }`)
	f.Add(`{ me { ...F } } fragment F on User { groups { ...G } } fragment G on Group { users { id } }`)
	f.Fuzz(func(t *testing.T, query string) {
		doc, errs := gqlparser.LoadQuery(schema, query)
		if errs != nil {
			return
		}
		for _, op := range doc.Operations {
			if d := selectionDepth(op.SelectionSet, doc.Fragments, 0); d < 0 {
				t.Errorf("depth %d", d)
			}
			if c := operationCost(op.SelectionSet, doc.Fragments, map[string]any{"n": int64(1 << 40)}, 0); c < 0 || c > costCeiling {
				t.Errorf("cost %d", c)
			}
		}
	})
}

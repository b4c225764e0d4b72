package generated

import (
	"testing"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/parser"
)

// Fields collected for an operation without variables are shared with the next such
// operation of the same document; an operation with variables collects its own, as
// @include and @skip decide with its values.
func TestCollectedFieldsShared(t *testing.T) {
	plain, err := parser.ParseQuery(&ast.Source{Input: `{ a b @include(if: false) c @skip(if: true) }`})
	if err != nil {
		t.Fatal(err)
	}
	withVars, err := parser.ParseQuery(&ast.Source{Input: `query($v: Boolean!) { a b @include(if: $v) }`})
	if err != nil {
		t.Fatal(err)
	}
	satisfies := []string{"Query"}
	collect := func(vars map[string]any) []graphql.CollectedField {
		doc := plain
		if vars != nil {
			doc = withVars
		}
		ec := &executionContext{ExecutionContextState: &graphql.ExecutionContextState[ResolverRoot, DirectiveRoot, ComplexityRoot]{
			OperationContext: &graphql.OperationContext{Doc: doc, Variables: vars},
		}}
		return ec.collectFields(doc.Operations[0].SelectionSet, satisfies)
	}
	names := func(fields []graphql.CollectedField) (out []string) {
		for _, f := range fields {
			out = append(out, f.Alias)
		}
		return out
	}
	first, second := collect(nil), collect(nil)
	if len(first) != 1 || first[0].Alias != "a" || &first[0] != &second[0] {
		t.Errorf("without variables: %v then %v (shared: %t), want [a], shared", names(first), names(second), len(second) > 0 && &first[0] == &second[0])
	}
	if got := names(collect(map[string]any{"v": true})); len(got) != 2 || got[1] != "b" {
		t.Errorf("with v true: %v, want [a b]", got)
	}
	if got := names(collect(map[string]any{"v": false})); len(got) != 1 {
		t.Errorf("with v false: %v, want [a]", got)
	}
}

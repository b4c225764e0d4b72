package graphql

import (
	"context"
	"encoding/json"
	"strings"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"
)

// The cost of an operation estimates the objects it would resolve: each object counts one,
// and a list of objects counts its size times one item. A list's size is its first or last
// argument, perPage for a numbered page, or defaultListSize when nothing bounds it, so
// nesting lists multiplies. Scalars are marshalled in place and count nothing.
const (
	maxCost         = 50_000
	defaultListSize = 20
	// costCeiling keeps the arithmetic of absurd first arguments from overflowing.
	costCeiling = 1 << 40
)

// costLimit refuses operations that cost more than max, before they run.
type costLimit struct{ max int }

var _ interface {
	graphql.HandlerExtension
	graphql.OperationContextMutator
} = costLimit{}

func (costLimit) ExtensionName() string                   { return "CostLimit" }
func (costLimit) Validate(graphql.ExecutableSchema) error { return nil }
func (c costLimit) MutateOperationContext(_ context.Context, op *graphql.OperationContext) *gqlerror.Error {
	if n := operationCost(op.Operation.SelectionSet, op.Doc.Fragments, op.Variables, 0); n > c.max {
		err := gqlerror.Errorf("operation would resolve about %d objects (each list counted as its first, last or page size, "+
			"else %d), more than the limit of %d: nest fewer lists or page through them", n, defaultListSize, c.max)
		err.Extensions = map[string]any{"code": CodeBadInput}
		return err
	}
	return nil
}

// operationCost is the cost of set; pageSize is a size its parent's arguments gave to the
// first list below, as a connection's first gives its edges.
func operationCost(set ast.SelectionSet, fragments ast.FragmentDefinitionList, vars map[string]any, pageSize int) int {
	total := 0
	for _, s := range set {
		var c int
		switch s := s.(type) {
		case *ast.Field:
			if len(s.SelectionSet) == 0 || strings.HasPrefix(s.Name, "__") || s.Definition == nil {
				continue // a scalar; or introspection, bounded by the schema itself
			}
			size := argumentSize(s, vars)
			items, below := 1, size
			if s.Definition.Type.Elem != nil {
				items, below = defaultListSize, 0
				if size > 0 {
					items = size
				} else if pageSize > 0 {
					items = pageSize
				}
			}
			c = saturatingMul(items, 1+operationCost(s.SelectionSet, fragments, vars, below))
		case *ast.InlineFragment:
			c = operationCost(s.SelectionSet, fragments, vars, pageSize)
		case *ast.FragmentSpread:
			if f := fragments.ForName(s.Name); f != nil {
				c = operationCost(f.SelectionSet, fragments, vars, pageSize)
			}
		}
		total = min(total+c, costCeiling)
	}
	return total
}

// argumentSize is the page size a field's arguments ask for: first or last, else perPage
// for a numbered page; 0 when they ask none.
func argumentSize(f *ast.Field, vars map[string]any) int {
	size := 0
	for _, a := range f.Arguments {
		switch a.Name {
		case "first", "last":
			if v, err := a.Value.Value(vars); err == nil {
				size = max(size, intValue(v))
			}
		case "page":
			size = max(size, perPage)
		}
	}
	return min(size, costCeiling)
}

func intValue(v any) int {
	switch v := v.(type) {
	case int:
		return v
	case int64:
		return int(min(v, costCeiling))
	case float64:
		return int(min(v, costCeiling))
	case json.Number:
		n, _ := v.Int64()
		return int(min(n, costCeiling))
	}
	return 0
}

func saturatingMul(a, b int) int {
	if a <= 0 || b <= 0 {
		return 0
	}
	if a > costCeiling/b {
		return costCeiling
	}
	return a * b
}

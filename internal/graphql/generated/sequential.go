package generated

// Not generated: internal/graphql/generate rewrites generated.go to call this.

import (
	"context"

	"github.com/99designs/gqlgen/graphql"
)

// marshalSliceSequentially stands in for graphql.MarshalSliceConcurrently, with the same
// arguments, and marshals the elements in turn instead of on a goroutine each: our
// resolvers read in-memory caches, so the goroutines cost CPU and overlap nothing. As
// there, each element gets a FieldContext with its index, and unless omitPanicHandler an
// element that panics is reported and left null. There is no worker to limit.
func marshalSliceSequentially(
	ctx context.Context,
	length int,
	_ int64,
	omitPanicHandler bool,
	marshalElement func(ctx context.Context, i int) graphql.Marshaler,
) graphql.Array {
	ret := make(graphql.Array, length)
	for i := range length {
		ctx := graphql.WithFieldContext(ctx, &graphql.FieldContext{Index: &i})
		ret[i] = marshalOne(ctx, i, omitPanicHandler, marshalElement)
	}
	return ret
}

func marshalOne(
	ctx context.Context,
	i int,
	omitPanicHandler bool,
	marshalElement func(ctx context.Context, i int) graphql.Marshaler,
) (ret graphql.Marshaler) {
	if !omitPanicHandler {
		defer func() {
			if r := recover(); r != nil {
				graphql.AddError(ctx, graphql.Recover(ctx, r))
				ret = graphql.Null
			}
		}()
	}
	return marshalElement(ctx, i)
}

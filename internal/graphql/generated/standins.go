package generated

// Not generated: stand-ins for pieces of gqlgen's runtime, which internal/graphql/generate
// rewrites generated.go to call.

import (
	"bytes"
	"context"
	"io"
	"sync"

	"github.com/99designs/gqlgen/graphql"
)

// marshalSliceSequentially stands in for graphql.MarshalSliceConcurrently, with the same
// arguments, and marshals the elements in turn instead of on a goroutine each: our
// resolvers read in-memory caches, so the goroutines cost CPU and overlap nothing. As
// there, each element gets a FieldContext with its index, and unless omitPanicHandler an
// element that panics is reported and left null. There is no worker to limit. The field
// contexts and indexes are allocated together, not one by one.
func marshalSliceSequentially(
	ctx context.Context,
	length int,
	_ int64,
	omitPanicHandler bool,
	marshalElement func(ctx context.Context, i int) graphql.Marshaler,
) graphql.Array {
	ret := make(graphql.Array, length)
	contexts := make([]graphql.FieldContext, length)
	indexes := make([]int, length)
	for i := range length {
		indexes[i] = i
		contexts[i].Index = &indexes[i]
		ret[i] = marshalOne(graphql.WithFieldContext(ctx, &contexts[i]), i, omitPanicHandler, marshalElement)
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

// objectFields stands in for graphql.FieldSet, with what the generated code uses of it,
// and writes an object's fields in the order they were asked for without the map and the
// copy of each field FieldSet allocates to write them. Fields with the same response name
// were merged when they were collected; one that is still repeated is written once, as
// FieldSet does.
type objectFields struct {
	fields   []graphql.CollectedField
	Values   []graphql.Marshaler
	Invalids uint32
	// few holds the values of an object asked for few fields, most are, so that they come
	// in the same allocation.
	few [6]graphql.Marshaler
}

func newObjectFields(fields []graphql.CollectedField) *objectFields {
	o := &objectFields{fields: fields}
	if len(fields) <= len(o.few) {
		o.Values = o.few[:len(fields)]
	} else {
		o.Values = make([]graphql.Marshaler, len(fields))
	}
	return o
}

// Dispatch has nothing to run: every field was resolved in place, none delayed.
func (*objectFields) Dispatch(context.Context) {}

func (o *objectFields) MarshalGQL(w io.Writer) {
	_, _ = io.WriteString(w, "{")
	written := 0
	for i := range o.fields {
		if repeated(o.fields[:i], o.fields[i].Alias) {
			continue
		}
		if written > 0 {
			_, _ = io.WriteString(w, ",")
		}
		written++
		// A response name is a GraphQL name ([_A-Za-z][_0-9A-Za-z]*): nothing to escape.
		_, _ = io.WriteString(w, `"`)
		_, _ = io.WriteString(w, o.fields[i].Alias)
		_, _ = io.WriteString(w, `":`)
		o.Values[i].MarshalGQL(w)
	}
	_, _ = io.WriteString(w, "}")
}

func repeated(before []graphql.CollectedField, alias string) bool {
	for i := range before {
		if before[i].Alias == alias {
			return true
		}
	}
	return false
}

// responseBuffers hold the answers' data from one operation to the next, so that an answer
// is not rendered into a buffer grown from nothing each time.
var responseBuffers = sync.Pool{New: func() any { return new([]byte) }}

// maxPooledResponse is the largest buffer kept for the next answer.
const maxPooledResponse = 1 << 20

func responseBuffer() *bytes.Buffer {
	b := responseBuffers.Get().(*[]byte)
	return bytes.NewBuffer((*b)[:0])
}

// ReleaseResponse gives back the buffer holding data, an answer's data the caller has
// written and no longer reads.
func ReleaseResponse(data []byte) {
	if cap(data) == 0 || cap(data) > maxPooledResponse {
		return
	}
	data = data[:0]
	responseBuffers.Put(&data)
}

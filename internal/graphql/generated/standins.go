package generated

// Not generated: stand-ins for pieces of gqlgen's runtime, which internal/graphql/generate
// rewrites generated.go to call.

import (
	"bytes"
	"context"
	"io"
	"math"
	"strconv"
	"sync"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
)

// marshalSliceSequentially stands in for graphql.MarshalSliceConcurrently, with the same
// arguments, and marshals the elements in turn instead of on a goroutine each: our
// resolvers read in-memory caches, so the goroutines cost CPU and overlap nothing. As
// there, each element is marshalled under a FieldContext with its index, and unless
// omitPanicHandler an element that panics is reported and left null. There is no worker
// to limit. As the elements are marshalled one after another, they share one FieldContext
// (and context) whose index moves on: whatever reads it (an error's path, a child's
// parent) reads it while its element is marshalled.
func (ec *executionContext) marshalSliceSequentially(
	ctx context.Context,
	length int,
	_ int64,
	omitPanicHandler bool,
	marshalElement func(ctx context.Context, i int) graphql.Marshaler,
) graphql.Array {
	ret := graphql.Array(ec.ops.values.take(&valueChunks, length))
	element := &ec.ops.elements.take(&elementChunks, 1)[0]
	element.fc.Index = &element.index
	ctx = graphql.WithFieldContext(ctx, &element.fc)
	for i := range length {
		element.index, element.fc.Result = i, nil
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

// elementContext is the FieldContext the elements of a list share, and the index it
// points to, from the operation's chunks.
type elementContext struct {
	fc    graphql.FieldContext
	index int
}

// newFieldContext answers fc from the operation's chunks. internal/graphql/generate has
// the field context functions of fields that keep gqlgen's path (resolvers, arguments)
// call it: as a list's elements' (marshalSliceSequentially), nothing reads a field's
// context once the operation's answer is rendered (errors take their path when added).
func (ec *executionContext) newFieldContext(fc graphql.FieldContext) *graphql.FieldContext {
	p := &ec.ops.fields.take(&fieldContextChunks, 1)[0]
	*p = fc
	return p
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
}

// newObjectFields makes the objectFields of an object asked for fields, from the
// operation's chunks.
func (ec *executionContext) newObjectFields(fields []graphql.CollectedField) *objectFields {
	o := &ec.ops.objects.take(&objectChunks, 1)[0]
	o.fields = fields
	o.Values = ec.ops.values.take(&valueChunks, len(fields))
	return o
}

// Dispatch has nothing to run: every field was resolved in place, none delayed.
func (*objectFields) Dispatch(context.Context) {}

func (o *objectFields) MarshalGQL(w io.Writer) {
	b, ok := w.(*bytes.Buffer) // as answers are rendered (responseBuffer)
	if !ok {
		var buf bytes.Buffer
		o.MarshalGQL(&buf)
		_, _ = w.Write(buf.Bytes())
		return
	}
	b.WriteByte('{')
	written := 0
	for i := range o.fields {
		if repeated(o.fields[:i], o.fields[i].Alias) {
			continue
		}
		if written > 0 {
			b.WriteByte(',')
		}
		written++
		// A response name is a GraphQL name ([_A-Za-z][_0-9A-Za-z]*): nothing to escape.
		b.WriteByte('"')
		b.WriteString(o.fields[i].Alias)
		b.WriteString(`":`)
		o.Values[i].MarshalGQL(b)
	}
	b.WriteByte('}')
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

// operationState is what an operation's executor keeps beside gqlgen's state: the fields
// collected from each selection set, and the chunks its objects, lists, strings and
// field contexts are allocated from, given back once the answer is rendered. An operation's fields are
// resolved one after another (internal/graphql/generate fails if the executor starts a
// goroutine), so none of it needs a lock.
type operationState struct {
	collected []collected
	objects   arena[objectFields]
	values    arena[graphql.Marshaler]
	strings   arena[stringValue]
	literals  arena[literal]
	elements  arena[elementContext]
	fields    arena[graphql.FieldContext]
}

// collected are the fields of a selection set for an object of the types satisfies.
type collected struct {
	sel       ast.SelectionSet
	satisfies []string
	fields    []graphql.CollectedField
}

// collectFields is graphql.CollectFields, remembered without the cache key gqlgen's cache
// hashes (and allocates) for every object: an operation has few selection sets, each the
// same slice every time it is asked for. An operation without variables shares what
// others collected (sharedFields).
func (ec *executionContext) collectFields(sel ast.SelectionSet, satisfies []string) []graphql.CollectedField {
	if len(ec.Variables) == 0 {
		return sharedFields.collect(ec.OperationContext, sel, satisfies)
	}
	for _, c := range ec.ops.collected {
		if sameSlice(c.sel, sel) && sameSlice(c.satisfies, satisfies) {
			return c.fields
		}
	}
	fields := graphql.CollectFields(ec.OperationContext, sel, satisfies)
	ec.ops.collected = append(ec.ops.collected, collected{sel: sel, satisfies: satisfies, fields: fields})
	return fields
}

// sharedFields are the fields collected from the selection sets of operations without
// variables. The handler's query cache gives every operation of the same query the same
// document, so the same selection sets; without variables, which fields @skip and
// @include leave and which @defer defers depend on the document alone. A selection set
// is known by its first element's address and length: the entry keeps the document
// alive, so no other selection set takes that address meanwhile. Whoever reads the
// fields only reads them, as the operation's own fields are shared by its objects.
var sharedFields = fieldCache{m: map[selectionKey][]graphql.CollectedField{}}

// maxSharedFields bounds sharedFields (and the documents it keeps): when it is full, it
// starts again.
const maxSharedFields = 4096

type fieldCache struct {
	mu sync.RWMutex
	m  map[selectionKey][]graphql.CollectedField
}

type selectionKey struct {
	sel       *ast.Selection
	satisfies *string
	nSel      int
	nSat      int
}

func keyOf(sel ast.SelectionSet, satisfies []string) selectionKey {
	k := selectionKey{nSel: len(sel), nSat: len(satisfies)}
	if len(sel) > 0 {
		k.sel = &sel[0]
	}
	if len(satisfies) > 0 {
		k.satisfies = &satisfies[0]
	}
	return k
}

func (c *fieldCache) collect(op *graphql.OperationContext, sel ast.SelectionSet, satisfies []string) []graphql.CollectedField {
	key := keyOf(sel, satisfies)
	c.mu.RLock()
	fields, ok := c.m[key]
	c.mu.RUnlock()
	if ok {
		return fields
	}
	fields = graphql.CollectFields(op, sel, satisfies)
	c.mu.Lock()
	if len(c.m) >= maxSharedFields {
		clear(c.m)
	}
	c.m[key] = fields
	c.mu.Unlock()
	return fields
}

// sameSlice tells whether a and b are the same slice, not merely equal ones.
func sameSlice[T any](a, b []T) bool {
	return len(a) == len(b) && (len(a) == 0 || &a[0] == &b[0])
}

// release gives the operation's chunks back, once its answer is rendered and nothing reads
// its objects, lists or strings any more.
func (ec *executionContext) release() {
	ec.ops.objects.release(&objectChunks)
	ec.ops.values.release(&valueChunks)
	ec.ops.strings.release(&stringChunks)
	ec.ops.literals.release(&literalChunks)
	ec.ops.elements.release(&elementChunks)
	ec.ops.fields.release(&fieldContextChunks)
}

// literal is a number written as it was rendered when resolved.
type literal struct {
	text [32]byte // the longest float64 'g' renders is 24 bytes
	n    uint8
}

func (l *literal) MarshalGQL(w io.Writer) { _, _ = w.Write(l.text[:l.n]) }

func (ec *executionContext) newLiteral(render func([]byte) []byte) graphql.Marshaler {
	l := &ec.ops.literals.take(&literalChunks, 1)[0]
	l.n = uint8(len(render(l.text[:0])))
	return l
}

// integer marshals an Int as graphql.MarshalInt does.
func (ec *executionContext) integer(v int) graphql.Marshaler {
	return ec.newLiteral(func(b []byte) []byte { return strconv.AppendInt(b, int64(v), 10) })
}

func (ec *executionContext) optInteger(v *int) graphql.Marshaler {
	if v == nil {
		return graphql.Null
	}
	return ec.integer(*v)
}

// float marshals a finite Float as graphql.MarshalFloatContext does (%g); any other
// through the generated marshaller, which reports it as an error.
func (ec *executionContext) float(ctx context.Context, sel ast.SelectionSet, v float64) graphql.Marshaler {
	if math.IsInf(v, 0) || math.IsNaN(v) {
		return ec.marshalNFloat2float64(ctx, sel, v)
	}
	return ec.newLiteral(func(b []byte) []byte { return strconv.AppendFloat(b, v, 'g', -1, 64) })
}

func (ec *executionContext) optFloat(ctx context.Context, sel ast.SelectionSet, v *float64) graphql.Marshaler {
	if v == nil {
		return graphql.Null
	}
	return ec.float(ctx, sel, *v)
}

// Booleans are marshalled once for all, and written without the copy into a []byte
// graphql.MarshalBoolean's writes each time.
var (
	marshalledTrue  graphql.Marshaler = literalText("true")
	marshalledFalse graphql.Marshaler = literalText("false")
)

// literalText is JSON written as it is.
type literalText string

func (t literalText) MarshalGQL(w io.Writer) { _, _ = io.WriteString(w, string(t)) }

func (ec *executionContext) boolean(v bool) graphql.Marshaler {
	if v {
		return marshalledTrue
	}
	return marshalledFalse
}

func (ec *executionContext) optBoolean(v *bool) graphql.Marshaler {
	if v == nil {
		return graphql.Null
	}
	return ec.boolean(*v)
}

// str marshals a string, from the operation's chunks.
func (ec *executionContext) str(s string) graphql.Marshaler {
	v := &ec.ops.strings.take(&stringChunks, 1)[0]
	v.s = s
	return v
}

// optStr marshals an optional string: null for nil.
func (ec *executionContext) optStr(s *string) graphql.Marshaler {
	if s == nil {
		return graphql.Null
	}
	return ec.str(*s)
}

// stringValue is a string written as JSON, as graphql.MarshalString writes it.
type stringValue struct{ s string }

func (v *stringValue) MarshalGQL(w io.Writer) {
	b, ok := w.(*bytes.Buffer) // as answers are rendered (responseBuffer)
	if !ok {
		var buf bytes.Buffer
		v.MarshalGQL(&buf)
		_, _ = w.Write(buf.Bytes())
		return
	}
	s := v.s
	start := 0
	b.WriteByte('"')
	// By byte: what is escaped is ASCII, and no byte of a longer UTF-8 sequence is.
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x20 && c != '\\' && c != '"' {
			continue
		}
		b.WriteString(s[start:i])
		switch c {
		case '\t':
			b.WriteString(`\t`)
		case '\r':
			b.WriteString(`\r`)
		case '\n':
			b.WriteString(`\n`)
		case '\\':
			b.WriteString(`\\`)
		case '"':
			b.WriteString(`\"`)
		default:
			const hex = "0123456789ABCDEF" // as gqlgen writes them
			b.WriteString(`\u00`)
			b.WriteByte(hex[c>>4])
			b.WriteByte(hex[c&0xf])
		}
		start = i + 1
	}
	b.WriteString(s[start:])
	b.WriteByte('"')
}

// chunkLen is how many values a chunk holds.
const chunkLen = 256

type chunk[T any] struct {
	items [chunkLen]T
	used  int
}

var (
	objectChunks       = sync.Pool{New: func() any { return new(chunk[objectFields]) }}
	valueChunks        = sync.Pool{New: func() any { return new(chunk[graphql.Marshaler]) }}
	stringChunks       = sync.Pool{New: func() any { return new(chunk[stringValue]) }}
	literalChunks      = sync.Pool{New: func() any { return new(chunk[literal]) }}
	elementChunks      = sync.Pool{New: func() any { return new(chunk[elementContext]) }}
	fieldContextChunks = sync.Pool{New: func() any { return new(chunk[graphql.FieldContext]) }}
)

// arena hands out values from chunks of pool, which release clears and gives back: an
// operation's values are allocated together, and its chunks serve the next operation.
type arena[T any] struct{ chunks []*chunk[T] }

// take gives n zero values.
func (a *arena[T]) take(pool *sync.Pool, n int) []T {
	if n > chunkLen {
		return make([]T, n)
	}
	if len(a.chunks) == 0 || a.chunks[len(a.chunks)-1].used+n > chunkLen {
		a.chunks = append(a.chunks, pool.Get().(*chunk[T]))
	}
	c := a.chunks[len(a.chunks)-1]
	s := c.items[c.used : c.used+n : c.used+n]
	c.used += n
	return s
}

func (a *arena[T]) release(pool *sync.Pool) {
	for _, c := range a.chunks {
		clear(c.items[:c.used])
		c.used = 0
		pool.Put(c)
	}
	a.chunks = a.chunks[:0]
}

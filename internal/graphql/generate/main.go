// Command generate runs gqlgen on gqlgen.yml, as `go tool gqlgen generate` would, and then
// makes the executor cheaper where gqlgen has no option to:
//   - fields and list elements are resolved one after another, where gqlgen starts a
//     goroutine per field with a resolver and per element of every list of objects. Our
//     resolvers only read in-memory caches, so the goroutines overlap no waiting; their
//     stack growth and scheduling were about a fifth of the CPU of a `me` request;
//   - a scalar field read straight from its object is marshalled in place, without the
//     field context, closures and boxing gqlgen's ResolveField allocates for every field
//     (they were a third of the bytes a `me` request allocated);
//   - an object's fields are collected and written by generated/standins.go's
//     objectFields, without the map and the per-field copies gqlgen's FieldSet makes to
//     write them;
//   - answers are rendered into pooled buffers;
//   - the field contexts of fields that keep gqlgen's path (resolvers, arguments) are
//     allocated from the operation's chunks.
//
// `make generate` runs it from internal/graphql.
package main

import (
	"bytes"
	"errors"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"log"
	"os"
	"os/exec"
	"regexp"
	"strings"

	"github.com/99designs/gqlgen/api"
	"github.com/99designs/gqlgen/codegen"
	"github.com/99designs/gqlgen/codegen/config"
)

func main() {
	cfg, err := config.LoadConfig("gqlgen.yml")
	if err != nil {
		log.Fatal(err)
	}
	// gqlgen builds what it generated, but generated/standins.go compiles only with
	// the executor rewritten: build it here once rewritten instead.
	validate := !cfg.SkipValidation
	cfg.SkipValidation = true
	if err := api.Generate(cfg, api.AddPlugin(sequentialFields{})); err != nil {
		log.Fatal(err)
	}
	if err := rewrite(cfg.Exec.Filename); err != nil {
		log.Fatalf("%s: %v", cfg.Exec.Filename, err)
	}
	if validate {
		build := exec.Command("go", "build", "./...")
		build.Stdout, build.Stderr = os.Stdout, os.Stderr
		if err := build.Run(); err != nil {
			log.Fatalf("the generated code does not build: %v", err)
		}
	}
}

// sequentialFields resolves every object's fields in turn, as gqlgen does for Mutation's,
// through the hook gqlgen has for it: the generated code reads Object.DisableConcurrency,
// and plugins see the objects before the executor is rendered from them.
type sequentialFields struct{}

func (sequentialFields) Name() string { return "sequentialfields" }

func (sequentialFields) GenerateCode(data *codegen.Data) error {
	for _, o := range data.Objects {
		o.DisableConcurrency = true
	}
	return nil
}

// rewrites are made to the executor gqlgen renders, from templates that no option or
// plugin reaches. Each must find what it replaces.
var rewrites = []struct{ old, new string }{
	// The executor keeps an operation's own state beside gqlgen's (generated/standins.go's
	// operationState).
	{"type executionContext struct {\n\t*graphql.ExecutionContextState[ResolverRoot, DirectiveRoot, ComplexityRoot]\n}",
		"type executionContext struct {\n\t*graphql.ExecutionContextState[ResolverRoot, DirectiveRoot, ComplexityRoot]\n\tops operationState\n}"},
	// Lists of objects are marshalled by generated/standins.go's stand-in, which takes
	// the same arguments, instead of on a goroutine per element.
	{"graphql.MarshalSliceConcurrently(", "ec.marshalSliceSequentially("},
	// An object's fields are collected and written by generated/standins.go's
	// objectFields, which has what the generated code uses of graphql.FieldSet.
	{"out := graphql.NewFieldSet(fields)", "out := ec.newObjectFields(fields)"},
	// Fields are collected once per selection set and operation, without the cache key
	// gqlgen makes for every object.
	{"graphql.CollectFields(ec.OperationContext, ", "ec.collectFields("},
	// An answer is rendered into a buffer of generated/standins.go's pool, which the
	// transport gives back once it has written the answer (ReleaseResponse); then the
	// operation's chunks are given back.
	{"var buf bytes.Buffer\n\t\t\tdata.MarshalGQL(&buf)", "buf := responseBuffer()\n\t\t\tdata.MarshalGQL(buf)\n\t\t\tec.release()"},
	{"\t\"bytes\"\n", ""}, // used for those buffers only
	// Only fields resolved concurrently are ever deferred (@defer); the others are
	// resolved in place. So each object's group of deferred fields stays empty, and its
	// zero value does instead of one built with its path, field set and map per object.
	{"deferred := graphql.NewDeferredGroup(ctx)", "var deferred graphql.DeferredGroup"},
}

// rewrite makes the rewrites in filename, then fails if it still starts goroutines or
// calls anything concurrent, so that a gqlgen upgrade which renders it differently stops
// `make generate` instead of bringing the goroutines back.
func rewrite(filename string) error {
	src, err := os.ReadFile(filename)
	if err != nil {
		return err
	}
	for _, r := range rewrites {
		if !bytes.Contains(src, []byte(r.old)) {
			return fmt.Errorf("no %q to rewrite: gqlgen renders its executor differently now; update internal/graphql/generate", r.old)
		}
		src = bytes.ReplaceAll(src, []byte(r.old), []byte(r.new))
	}
	src, err = inlineScalarFields(src)
	if err != nil {
		return err
	}
	src, err = operationFieldContexts(src)
	if err != nil {
		return err
	}

	fset := token.NewFileSet()
	file, err := parser.ParseFile(fset, filename, src, 0)
	if err != nil {
		return err
	}
	var concurrent []string
	ast.Inspect(file, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.GoStmt:
			concurrent = append(concurrent, fmt.Sprintf("%s: go statement", fset.Position(n.Pos())))
		case *ast.SelectorExpr:
			if strings.Contains(n.Sel.Name, "Concurrently") {
				concurrent = append(concurrent, fmt.Sprintf("%s: %s", fset.Position(n.Pos()), n.Sel.Name))
			}
		}
		return true
	})
	if len(concurrent) > 0 {
		return fmt.Errorf("still concurrent after the rewrite, update internal/graphql/generate:\n%s", strings.Join(concurrent, "\n"))
	}
	return os.WriteFile(filename, src, 0o644)
}

// inlineable are the marshallers of built-in scalars, which need no field context of their
// own: they never return null for a value, and only Float's reports an error (a value that
// is not finite, which a quantity never gives), whose path is then the object's instead of
// the field's.
var inlineable = regexp.MustCompile(`^marshal(N(String|ID|Boolean|Int|Float)2(string|bool|int|float64)|O(String|ID|Boolean|Int|Float)2ᚖ?(string|bool|int|float64))$`)

// scalarMarshallers are the marshallers of strings, Ints and Booleans that
// generated/standins.go stands in for: their values come from the operation's chunks (or
// are shared, for Booleans), without the closure gqlgen's marshallers allocate for every
// value.
var scalarMarshallers = map[string]string{
	"marshalNString2string": "str", "marshalNID2string": "str",
	"marshalOString2string": "str", "marshalOID2string": "str",
	"marshalOString2ᚖstring": "optStr", "marshalOID2ᚖstring": "optStr",
	"marshalNInt2int": "integer", "marshalOInt2int": "integer", "marshalOInt2ᚖint": "optInteger",
	"marshalNBoolean2bool": "boolean", "marshalOBoolean2bool": "boolean", "marshalOBoolean2ᚖbool": "optBoolean",
}

// floatMarshallers are those of Floats, which generated/standins.go stands in for too when
// the value is finite; when not, they call gqlgen's, which reports the error.
var floatMarshallers = map[string]string{
	"marshalNFloat2float64": "float", "marshalOFloat2float64": "float", "marshalOFloat2ᚖfloat64": "optFloat",
}

// inlineScalarFields rewrites each field function that reads a scalar straight from its
// object, such as
//
//	return graphql.ResolveField(ctx, ec.OperationContext, field, <field context>,
//		func(ctx context.Context) (any, error) { return obj.Name(), nil },
//		nil,
//		func(ctx context.Context, selections ast.SelectionSet, v string) graphql.Marshaler {
//			return ec.marshalNString2string(ctx, selections, v)
//		}, true, true)
//
// into `return ec.marshalNString2string(ctx, field.Selections, obj.Name())`. Fields with a
// resolver, arguments, directives or a marshaller outside inlineable keep gqlgen's path. It
// fails if it finds none, so that a gqlgen that renders fields differently is noticed.
func inlineScalarFields(src []byte) ([]byte, error) {
	return editMethods(src, "no scalar field to inline: gqlgen renders its fields differently now; update internal/graphql/generate",
		func(fset *token.FileSet, fn *ast.FuncDecl) []edit {
			if len(fn.Body.List) != 1 {
				return nil
			}
			value, marshal, ok := trivialField(fn.Body.List[0])
			if !ok {
				return nil
			}
			read := string(src[fset.Position(value.Pos()).Offset:fset.Position(value.End()).Offset])
			text := fmt.Sprintf("{\n\treturn ec.%s(ctx, field.Selections, %s)\n}", marshal, read)
			if m, ok := scalarMarshallers[marshal]; ok {
				text = fmt.Sprintf("{\n\treturn ec.%s(%s)\n}", m, read)
			}
			if m, ok := floatMarshallers[marshal]; ok {
				text = fmt.Sprintf("{\n\treturn ec.%s(ctx, field.Selections, %s)\n}", m, read)
			}
			return []edit{{fset.Position(fn.Body.Lbrace).Offset, fset.Position(fn.Body.Rbrace).Offset + 1, text}}
		})
}

// editMethods makes in src the edits find returns for each method, and fails with none
// when it returns none for all, so that a gqlgen that renders its code differently is
// noticed.
func editMethods(src []byte, none string, find func(fset *token.FileSet, fn *ast.FuncDecl) []edit) ([]byte, error) {
	fset := token.NewFileSet()
	file, err := parser.ParseFile(fset, "", src, 0)
	if err != nil {
		return nil, err
	}
	var edits []edit
	for _, decl := range file.Decls {
		if fn, ok := decl.(*ast.FuncDecl); ok && fn.Recv != nil {
			edits = append(edits, find(fset, fn)...)
		}
	}
	if len(edits) == 0 {
		return nil, errors.New(none)
	}
	return applyEdits(src, edits), nil
}

// edit replaces src[from:to] with text.
type edit struct {
	from, to int
	text     string
}

// applyEdits makes edits, in the order of their offsets, none overlapping, to src.
func applyEdits(src []byte, edits []edit) []byte {
	var out bytes.Buffer
	last := 0
	for _, e := range edits {
		out.Write(src[last:e.from])
		out.WriteString(e.text)
		last = e.to
	}
	out.Write(src[last:])
	return out.Bytes()
}

// operationFieldContexts rewrites each `&graphql.FieldContext{...}` gqlgen renders in its
// field context functions into `ec.newFieldContext(graphql.FieldContext{...})`
// (generated/standins.go), which takes it from the operation's chunks. It fails if it
// finds none, so that a gqlgen that renders them differently is noticed.
func operationFieldContexts(src []byte) ([]byte, error) {
	return editMethods(src, "no field context to take from the operation's chunks: gqlgen renders them differently now; update internal/graphql/generate",
		func(fset *token.FileSet, fn *ast.FuncDecl) []edit {
			if !strings.HasPrefix(fn.Name.Name, "fieldContext_") {
				return nil
			}
			var edits []edit
			ast.Inspect(fn.Body, func(n ast.Node) bool {
				amp, ok := n.(*ast.UnaryExpr)
				if !ok || amp.Op != token.AND {
					return true
				}
				lit, ok := amp.X.(*ast.CompositeLit)
				if !ok || !isSelector(lit.Type, "graphql", "FieldContext") {
					return true
				}
				at, end := fset.Position(amp.Pos()).Offset, fset.Position(lit.End()).Offset
				edits = append(edits, edit{at, at + 1, "ec.newFieldContext("}, edit{end, end, ")"})
				return false
			})
			return edits
		})
}

// trivialField reports whether stmt is `return graphql.ResolveField(...)` for a field whose
// value is read from obj alone (no ctx, no resolver), with no middleware and an inlineable
// marshaller; it returns the value's expression and the marshaller's name.
func trivialField(stmt ast.Stmt) (value ast.Expr, marshal string, ok bool) {
	ret, isRet := stmt.(*ast.ReturnStmt)
	if !isRet || len(ret.Results) != 1 {
		return nil, "", false
	}
	call, isCall := ret.Results[0].(*ast.CallExpr)
	if !isCall || !isSelector(call.Fun, "graphql", "ResolveField") || len(call.Args) != 9 {
		return nil, "", false
	}
	resolve, middleware, marshaller := call.Args[4], call.Args[5], call.Args[6]
	if id, isIdent := middleware.(*ast.Ident); !isIdent || id.Name != "nil" {
		return nil, "", false
	}
	results := singleReturn(resolve)
	if len(results) != 2 || !isNil(results[1]) || !readsOnlyObj(results[0]) {
		return nil, "", false
	}
	m := singleReturn(marshaller)
	if len(m) != 1 {
		return nil, "", false
	}
	mcall, isCall := m[0].(*ast.CallExpr)
	if !isCall || len(mcall.Args) != 3 {
		return nil, "", false
	}
	sel, isSel := mcall.Fun.(*ast.SelectorExpr)
	if !isSel || !isSelector(sel, "ec", sel.Sel.Name) || !inlineable.MatchString(sel.Sel.Name) {
		return nil, "", false
	}
	return results[0], sel.Sel.Name, true
}

// singleReturn gives the results of a function literal whose body is one return.
func singleReturn(e ast.Expr) []ast.Expr {
	lit, ok := e.(*ast.FuncLit)
	if !ok || len(lit.Body.List) != 1 {
		return nil
	}
	ret, ok := lit.Body.List[0].(*ast.ReturnStmt)
	if !ok {
		return nil
	}
	return ret.Results
}

// readsOnlyObj reports whether e is obj.Field or obj.Method(): it needs neither the
// context nor a resolver.
func readsOnlyObj(e ast.Expr) bool {
	if call, ok := e.(*ast.CallExpr); ok {
		if len(call.Args) != 0 {
			return false
		}
		e = call.Fun
	}
	sel, ok := e.(*ast.SelectorExpr)
	return ok && isSelector(sel, "obj", sel.Sel.Name)
}

func isSelector(e ast.Expr, x, name string) bool {
	sel, ok := e.(*ast.SelectorExpr)
	if !ok || sel.Sel.Name != name {
		return false
	}
	id, ok := sel.X.(*ast.Ident)
	return ok && id.Name == x
}

func isNil(e ast.Expr) bool {
	id, ok := e.(*ast.Ident)
	return ok && id.Name == "nil"
}

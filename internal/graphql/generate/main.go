// Command generate runs gqlgen on gqlgen.yml, as `go tool gqlgen generate` would, but has
// the generated executor resolve fields and marshal lists one after another, where gqlgen
// starts a goroutine per field with a resolver and per element of every list of objects,
// and has no option not to. Our resolvers only read in-memory caches, so the goroutines
// overlap no waiting; their stack growth and scheduling were about a fifth of the CPU of a
// `me` request. `make generate` runs it from internal/graphql.
package main

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"log"
	"os"
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
	if err := api.Generate(cfg, api.AddPlugin(sequentialFields{})); err != nil {
		log.Fatal(err)
	}
	if err := rewrite(cfg.Exec.Filename); err != nil {
		log.Fatalf("%s: %v", cfg.Exec.Filename, err)
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
	// Lists of objects are marshalled by generated/sequential.go's stand-in, which takes
	// the same arguments, instead of on a goroutine per element.
	{"graphql.MarshalSliceConcurrently(", "marshalSliceSequentially("},
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

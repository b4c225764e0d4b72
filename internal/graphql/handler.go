package graphql

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/handler"
	"github.com/99designs/gqlgen/graphql/handler/extension"
	"github.com/99designs/gqlgen/graphql/handler/lru"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/primehub/primehub/internal/auth"
	"github.com/primehub/primehub/internal/graphql/generated"
)

// Path is where the API is served.
const Path = "/api/graphql"

// maxDepth limits the nesting of one operation (cost.go limits its cost).
const maxDepth = 12

// Handler serves the API. POST only, as JSON or as a form (query, variables as a JSON
// string), as PrimeHub's clients send it. A request without credentials is served as
// anonymous, which every operation refuses with UNAUTHENTICATED; a request with bad
// credentials gets 401.
func (r *Resolver) Handler(authenticate func(*http.Request) (*auth.Identity, error)) http.Handler {
	srv := handler.New(generated.NewExecutableSchema(generated.Config{Resolvers: r}))
	srv.AddTransport(post{})
	srv.SetQueryCache(lru.New[*ast.QueryDocument](1000))
	// No field middleware (AroundFields): it would not see the scalar fields that
	// internal/graphql/generate has the executor marshal in place.
	srv.Use(extension.Introspection{})
	// Depth first: a deep operation is told it is too deep, the plainer of the two reasons.
	srv.Use(depthLimit{max: maxDepth})
	srv.Use(costLimit{max: maxCost})
	srv.SetErrorPresenter(presentError(r.Log))
	srv.SetRecoverFunc(func(ctx context.Context, v any) error {
		r.Log.Error(fmt.Errorf("%v", v), "GraphQL resolver panicked")
		return errors.New("internal error")
	})
	srv.AroundOperations(func(ctx context.Context, next graphql.OperationHandler) graphql.ResponseHandler {
		return next(withCatalog(ctx, r))
	})
	return http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		if req.Method != http.MethodPost {
			w.Header().Set("Allow", http.MethodPost)
			http.Error(w, "the GraphQL API takes POST", http.StatusMethodNotAllowed)
			return
		}
		ctx := req.Context()
		if req.Header.Get("Authorization") != "" {
			id, err := authenticate(req)
			if err != nil {
				if !errors.Is(err, auth.ErrUnauthenticated) {
					r.Log.Error(err, "authenticate")
					http.Error(w, "authentication unavailable", http.StatusServiceUnavailable)
					return
				}
				r.Log.V(1).Info("request not authenticated", "reason", err.Error())
				w.Header().Set("WWW-Authenticate", `Bearer realm="primehub"`)
				http.Error(w, "unauthorized", http.StatusUnauthorized)
				return
			}
			ctx = auth.WithIdentity(ctx, id)
		}
		srv.ServeHTTP(w, req.WithContext(ctx))
	})
}

// depthLimit refuses operations nested deeper than max fields.
type depthLimit struct{ max int }

var _ interface {
	graphql.HandlerExtension
	graphql.OperationContextMutator
} = depthLimit{}

func (depthLimit) ExtensionName() string                   { return "DepthLimit" }
func (depthLimit) Validate(graphql.ExecutableSchema) error { return nil }
func (d depthLimit) MutateOperationContext(_ context.Context, op *graphql.OperationContext) *gqlerror.Error {
	if depth := selectionDepth(op.Operation.SelectionSet, op.Doc.Fragments, 0); depth > d.max {
		err := gqlerror.Errorf("operation is nested %d fields deep, more than the limit of %d", depth, d.max)
		err.Extensions = map[string]any{"code": CodeBadInput}
		return err
	}
	return nil
}

func selectionDepth(set ast.SelectionSet, fragments ast.FragmentDefinitionList, seen int) int {
	deepest := seen
	for _, s := range set {
		var d int
		switch s := s.(type) {
		case *ast.Field:
			if strings.HasPrefix(s.Name, "__") {
				continue // introspection is bounded by the schema itself
			}
			d = selectionDepth(s.SelectionSet, fragments, seen+1)
		case *ast.InlineFragment:
			d = selectionDepth(s.SelectionSet, fragments, seen)
		case *ast.FragmentSpread:
			if f := fragments.ForName(s.Name); f != nil {
				d = selectionDepth(f.SelectionSet, fragments, seen)
			}
		}
		deepest = max(deepest, d)
	}
	return deepest
}

package serve

import (
	"fmt"
	"strings"

	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/labels"
	ctrl "sigs.k8s.io/controller-runtime"
	"sigs.k8s.io/controller-runtime/pkg/cache"
	"sigs.k8s.io/controller-runtime/pkg/client"

	"github.com/primehub/primehub/internal/graphql"
	"github.com/primehub/primehub/internal/server"
)

// setupGraphQL serves the GraphQL API. Its secrets come from a cache of their own, limited
// to the platform's labelled secrets: the manager's cache would hold every Secret of the
// cluster.
func setupGraphQL(mgr ctrl.Manager, o Options, id *Identity, srv *server.Server) error {
	secrets, err := cache.New(mgr.GetConfig(), cache.Options{
		Scheme: mgr.GetScheme(),
		ByObject: map[client.Object]cache.ByObject{&corev1.Secret{}: {
			Namespaces: map[string]cache.Config{o.Namespace: {}},
			Label:      labels.SelectorFromSet(labels.Set{graphql.SecretLabel: "true"}),
		}},
	})
	if err != nil {
		return fmt.Errorf("secret cache: %w", err)
	}
	if err := mgr.Add(secrets); err != nil {
		return err
	}
	r := &graphql.Resolver{
		Reader:       mgr.GetClient(),
		Client:       mgr.GetClient(),
		APIReader:    mgr.GetAPIReader(),
		SecretReader: secrets,
		Directory:    id.Directory,
		Tokens:       id.Tokens,
		Namespace:    o.Namespace,
		ExternalURL:  strings.TrimSuffix(o.Identity.withDefaults(o.HTTPAddr).ExternalURL, "/"),
		Log:          mgr.GetLogger().WithName("graphql"),
	}
	srv.Handle(graphql.Path, r.Handler(id.Authenticator.Authenticate))
	return nil
}

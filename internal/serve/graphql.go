package serve

import (
	"context"
	"strings"

	ctrl "sigs.k8s.io/controller-runtime"

	"github.com/primehub/primehub/internal/graphql"
	"github.com/primehub/primehub/internal/launch"
	"github.com/primehub/primehub/internal/server"
)

// setupGraphQL serves the GraphQL API.
func setupGraphQL(mgr ctrl.Manager, o Options, id *Identity, launcher *launch.Launcher, srv *server.Server) error {
	secrets, err := graphql.NewSecretCache(mgr.GetConfig(), mgr.GetScheme(), o.Namespace)
	if err != nil {
		return err
	}
	if err := mgr.Add(secrets); err != nil {
		return err
	}
	if err := graphql.IndexFields(context.Background(), mgr.GetCache()); err != nil {
		return err
	}
	r := &graphql.Resolver{
		Reader:       mgr.GetClient(),
		Informers:    mgr.GetCache(),
		Client:       mgr.GetClient(),
		APIReader:    mgr.GetAPIReader(),
		SecretReader: secrets,
		Directory:    id.Directory,
		Launcher:     launcher,
		Tokens:       id.Tokens,
		Namespace:    o.Namespace,
		ExternalURL:  strings.TrimSuffix(o.Identity.withDefaults(o.HTTPAddr).ExternalURL, "/"),
		Log:          mgr.GetLogger().WithName("graphql"),
	}
	srv.Handle(graphql.Path, r.Handler(id.Authenticator.Authenticate))
	return nil
}

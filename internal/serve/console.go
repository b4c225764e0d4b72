package serve

import (
	"net/http"
	"net/url"
	"slices"
	"strings"

	"github.com/go-logr/logr"

	"github.com/primehub/primehub/internal/console"
	"github.com/primehub/primehub/internal/hop"
	"github.com/primehub/primehub/internal/server"
)

// setupConsole serves the web console at /console/ (and sends / there). id is the identity
// setupIdentity made: the console's notebook tickets authenticate with it.
func setupConsole(o Options, srv *server.Server, id *Identity, notebooks notebookFront, apps appFront, log logr.Logger) error {
	io := o.Identity.withDefaults(o.HTTPAddr)
	srv.Handle(console.Prefix, console.Handler(console.Options{
		Issuer:       consoleIssuer(io),
		ClientID:     io.OIDCClientID,
		NotebookURL:  notebooks.URL,
		AppURL:       apps.URL,
		Gates:        slices.DeleteFunc([]*hop.Gate{notebooks.Gate, apps.Gate}, func(g *hop.Gate) bool { return g == nil }),
		Authenticate: id.Authenticator.Authenticate,
		Log:          log.WithName("console"),
	}))
	srv.Handle("GET /{$}", http.RedirectHandler(console.Prefix, http.StatusFound))
	return nil
}

// consoleIssuer is the issuer the browser logs in through, chosen as setupIdentity chooses
// the one whose id_tokens are accepted: --oidc-issuer, else Keycloak's realm, else the
// embedded issuer.
func consoleIssuer(o IdentityOptions) string {
	switch {
	case o.OIDCIssuer != "":
		return o.OIDCIssuer
	case o.Directory == "keycloak":
		return strings.TrimSuffix(o.KeycloakURL, "/") + "/realms/" + url.PathEscape(o.KeycloakRealm)
	default:
		return strings.TrimSuffix(o.ExternalURL, "/") + "/oidc"
	}
}

package serve

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/netip"
	"net/url"
	"os"
	"strings"
	"time"

	"github.com/go-logr/logr"
	"github.com/spf13/pflag"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/client-go/rest"
	ctrl "sigs.k8s.io/controller-runtime"
	"sigs.k8s.io/controller-runtime/pkg/client"

	"github.com/primehub/primehub/internal/auth"
	"github.com/primehub/primehub/internal/directory"
	"github.com/primehub/primehub/internal/directory/builtin"
	"github.com/primehub/primehub/internal/directory/keycloak"
	"github.com/primehub/primehub/internal/oidc"
	"github.com/primehub/primehub/internal/server"
)

// IdentityOptions are the flags of the directory, the embedded issuer and authentication.
type IdentityOptions struct {
	Directory    string
	ExternalURL  string
	OIDCIssuer   string
	OIDCClientID string
	// OIDCUsernameClaim names the claim of --oidc-issuer's id_tokens that is the username.
	OIDCUsernameClaim string
	// TrustedProxies are CIDRs whose X-Forwarded-For names the client (for login limits).
	TrustedProxies string
	RedirectURIs   string
	KeyRotation    time.Duration
	GraphQLSecret  string
	AdminUsername  string
	AdminPassword  string

	KeycloakURL          string
	KeycloakRealm        string
	KeycloakClientID     string
	KeycloakClientSecret string
	KeycloakRolePrefix   string
}

func addIdentityFlags(f *pflag.FlagSet, o *IdentityOptions) {
	f.StringVar(&o.Directory, "directory", "builtin", "where users and groups live: builtin (the User and Group CRDs) or keycloak (a realm in PrimeHub's layout)")
	f.StringVar(&o.ExternalURL, "external-url", "http://127.0.0.1:8080", "the URL people and clients reach primehub at; the embedded issuer is <external-url>/oidc")
	f.StringVar(&o.OIDCIssuer, "oidc-issuer", "", "accept id_tokens of this OpenID issuer instead of the embedded one, which is then not served")
	f.StringVar(&o.OIDCClientID, "oidc-client-id", "primehub", "the OpenID client id (the audience id_tokens must carry)")
	f.StringVar(&o.OIDCUsernameClaim, "oidc-username-claim", "sub", "with --oidc-issuer and the builtin directory, the id_token claim holding the username: "+
		"the issuer's subject by default; name another (such as email) only if the issuer sets it and users cannot choose it")
	f.StringVar(&o.TrustedProxies, "trusted-proxies", "", "comma-separated CIDRs of proxies in front of primehub (such as the ingress) whose X-Forwarded-For names the client, "+
		"for the embedded issuer's limits on failed logins by client address (empty: the peer is the client; behind an ingress, set it, "+
		"or every client shares the ingress's address and its limit)")
	f.StringVar(&o.RedirectURIs, "oidc-redirect-uris", "", "comma-separated, more URIs the embedded issuer may send logins and logouts back to (always: <external-url>/console/callback, and <external-url>/ after logout)")
	f.DurationVar(&o.KeyRotation, "oidc-key-rotation", 30*24*time.Hour, "rotate the embedded issuer's signing key when it is older than this")
	f.StringVar(&o.GraphQLSecret, "graphql-secret", "", "shared secret that, as a Bearer token, has full permission (empty: off)")
	f.StringVar(&o.AdminUsername, "admin-username", "phadmin", "the administrator created on first start")
	f.StringVar(&o.AdminPassword, "admin-password", "", "the first administrator's password, used on first start only (default: a generated one, printed once)")
	f.StringVar(&o.KeycloakURL, "keycloak-url", "", "Keycloak's base URL, with --directory=keycloak (such as https://id.example.com)")
	f.StringVar(&o.KeycloakRealm, "keycloak-realm", "primehub", "the Keycloak realm")
	f.StringVar(&o.KeycloakClientID, "keycloak-client-id", "primehub-admin", "a confidential client of the realm with a service account that may manage users and the realm, and direct access grants")
	f.StringVar(&o.KeycloakClientSecret, "keycloak-client-secret", "", "that client's secret")
	f.StringVar(&o.KeycloakRolePrefix, "keycloak-role-prefix", "", "prefix of the realm roles projected from resources' access (<prefix>:it:<name>), for several PrimeHubs in one realm")
}

// Identity is what the rest of the server uses to know who a request is.
type Identity struct {
	Directory     directory.Directory
	Authenticator *auth.Authenticator
	Tokens        *auth.APITokens
	// keycloak is set with --directory=keycloak, for the role projection.
	keycloak   *keycloak.Directory
	rolePrefix string
}

// setupControllers registers the controllers the directory needs: with Keycloak, the
// projection of resources' access into realm roles.
func (id *Identity) setupControllers(mgr ctrl.Manager, namespace string) error {
	if id.keycloak == nil {
		return nil
	}
	p := &keycloak.RoleProjector{Client: mgr.GetClient(), Namespace: namespace, Prefix: id.rolePrefix, Directory: id.keycloak}
	if err := p.SetupWithManager(mgr); err != nil {
		return fmt.Errorf("keycloak role projection: %w", err)
	}
	return nil
}

// withDefaults fills what Options built in code (not from flags) leave empty, with the
// flags' defaults; the external URL defaults to the HTTP address.
func (o IdentityOptions) withDefaults(httpAddr string) IdentityOptions {
	if o.Directory == "" {
		o.Directory = "builtin"
	}
	if o.ExternalURL == "" {
		host, port, _ := strings.Cut(httpAddr, ":")
		if host == "" || host == "0.0.0.0" {
			host = "127.0.0.1"
		}
		o.ExternalURL = "http://" + host + ":" + port
	}
	if o.OIDCClientID == "" {
		o.OIDCClientID = "primehub"
	}
	if o.AdminUsername == "" {
		o.AdminUsername = "phadmin"
	}
	if o.KeycloakRealm == "" {
		o.KeycloakRealm = "primehub"
	}
	if o.KeycloakClientID == "" {
		o.KeycloakClientID = "primehub-admin"
	}
	if o.KeyRotation <= 0 {
		o.KeyRotation = 30 * 24 * time.Hour
	}
	return o
}

func (o IdentityOptions) validate() error {
	switch o.Directory {
	case "builtin":
	case "keycloak":
		if o.KeycloakURL == "" || o.KeycloakRealm == "" || o.KeycloakClientID == "" || o.KeycloakClientSecret == "" {
			return errors.New("--directory=keycloak needs --keycloak-url, --keycloak-realm, --keycloak-client-id and --keycloak-client-secret")
		}
	default:
		return fmt.Errorf("--directory must be builtin or keycloak, not %q", o.Directory)
	}
	if _, err := parseCIDRs(o.TrustedProxies); err != nil {
		return err
	}
	u, err := url.Parse(o.ExternalURL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || (u.Path != "" && u.Path != "/") {
		return fmt.Errorf("--external-url must be an http(s) URL without a path, not %q", o.ExternalURL)
	}
	return nil
}

// setupIdentity starts the directory and API token informers, bootstraps the admin and the
// settings on first start, and mounts the embedded issuer. The informers run until ctx ends.
func setupIdentity(ctx, setupCtx context.Context, all Options, cfg *rest.Config, scheme *runtime.Scheme,
	c client.Client, srv *server.Server, log logr.Logger) (*Identity, error) {
	namespace := all.Namespace
	o := all.Identity.withDefaults(all.HTTPAddr)
	if err := o.validate(); err != nil {
		return nil, err
	}
	tokens, err := auth.NewAPITokens(cfg, scheme, namespace, log.WithName("api-tokens"))
	if err != nil {
		return nil, err
	}
	id := &Identity{Tokens: tokens, rolePrefix: o.KeycloakRolePrefix}
	dir, ensureSettings, err := newDirectory(o, cfg, scheme, namespace, id, log)
	if err != nil {
		return nil, err
	}
	for name, start := range map[string]func(context.Context) error{"directory": dir.Start, "API tokens": tokens.Start} {
		go func() {
			if err := start(ctx); err != nil {
				log.Error(err, "informers stopped", "of", name)
			}
		}()
	}
	if !dir.WaitForCacheSync(setupCtx) || !tokens.WaitForCacheSync(setupCtx) {
		return nil, errors.New("the directory or the API tokens were not read in time")
	}
	if err := bootstrap(setupCtx, o, id.Directory, ensureSettings, os.Stderr, log); err != nil {
		return nil, err
	}
	go tokens.RevokeOnUserDeletion(ctx, id.Directory)

	ao := auth.Options{Issuer: o.OIDCIssuer, ClientID: o.OIDCClientID, UsernameClaim: o.OIDCUsernameClaim, SharedSecret: o.GraphQLSecret,
		Directory: id.Directory, Tokens: tokens, Log: log.WithName("auth")}
	if ao.Issuer == "" && o.Directory == "keycloak" {
		ao.Issuer = strings.TrimSuffix(o.KeycloakURL, "/") + "/realms/" + url.PathEscape(o.KeycloakRealm)
	}
	// The embedded issuer serves the builtin directory; Keycloak is an issuer itself.
	if ao.Issuer == "" {
		keys, err := oidc.NewKeys(setupCtx, c, namespace, log.WithName("oidc"))
		if err != nil {
			return nil, err
		}
		go keys.RotateEvery(ctx, o.KeyRotation)
		issuer, provider, err := mountIssuer(o, id.Directory, keys, srv, log)
		if err != nil {
			return nil, err
		}
		go provider.DeleteExpiredEvery(ctx, 10*time.Minute)
		// The embedded issuer's subject is the username, and its tokens carry the session
		// generation.
		ao.Issuer, ao.IssuerKeys, ao.UsernameClaim, ao.SessionGenerations = issuer, keys.PublicKeys, "", true
	}
	id.Authenticator = auth.New(ao)
	return id, nil
}

// runnableDirectory is a directory whose cache runs until its context ends.
type runnableDirectory interface {
	Start(context.Context) error
	WaitForCacheSync(context.Context) bool
}

// newDirectory makes the backend --directory names, sets it on id, and answers how to
// store the default settings on first start.
func newDirectory(o IdentityOptions, cfg *rest.Config, scheme *runtime.Scheme, namespace string, id *Identity,
	log logr.Logger) (runnableDirectory, func(context.Context) (bool, error), error) {
	if o.Directory == "keycloak" {
		kc := keycloak.New(keycloak.Options{URL: o.KeycloakURL, Realm: o.KeycloakRealm, ClientID: o.KeycloakClientID,
			ClientSecret: o.KeycloakClientSecret, Log: log.WithName("directory")})
		id.Directory, id.keycloak = kc, kc
		// The realm's settings read as the defaults until an admin changes them.
		return kc, func(context.Context) (bool, error) { return false, nil }, nil
	}
	b, err := builtin.New(cfg, scheme, namespace, log.WithName("directory"))
	if err != nil {
		return nil, nil, err
	}
	id.Directory = b
	return b, b.EnsureSettings, nil
}

// mountIssuer serves the embedded OpenID issuer at <external-url>/oidc and answers its URL
// and the provider.
func mountIssuer(o IdentityOptions, dir directory.Directory, keys *oidc.Keys, srv *server.Server, log logr.Logger) (string, *oidc.Provider, error) {
	// zitadel/oidc logs through slog's default logger; send it to ours, so its lines come
	// out in --log-format like every other.
	slog.SetDefault(slog.New(logr.ToSlogHandler(log.WithName("oidc"))))
	external := strings.TrimSuffix(o.ExternalURL, "/")
	issuer := external + "/oidc"
	var extra []string
	for _, u := range strings.Split(o.RedirectURIs, ",") {
		if u = strings.TrimSpace(u); u != "" {
			extra = append(extra, u)
		}
	}
	trusted, err := parseCIDRs(o.TrustedProxies)
	if err != nil {
		return "", nil, err
	}
	provider, err := oidc.New(oidc.Options{
		Issuer:         issuer,
		TrustedProxies: trusted,
		LogoutRedirect: external + "/",
		Directory:      dir,
		Keys:           keys,
		Clients: []oidc.Client{{
			ID:                  o.OIDCClientID,
			Redirects:           append([]string{external + "/console/callback"}, extra...),
			PostLogoutRedirects: append([]string{external + "/"}, extra...),
		}},
		Log: log.WithName("oidc"),
	})
	if err != nil {
		return "", nil, err
	}
	srv.Handle("/oidc/", provider)
	log.Info("serving the embedded OpenID issuer", "issuer", issuer)
	return issuer, provider, nil
}

// bootstrap makes what a first start needs: the default settings and an administrator.
// A later start changes neither, even with another --admin-password.
func bootstrap(ctx context.Context, o IdentityOptions, dir directory.Directory, ensureSettings func(context.Context) (bool, error),
	out io.Writer, log logr.Logger) error {
	if created, err := ensureSettings(ctx); err != nil {
		return err
	} else if created {
		log.Info("stored the default settings")
	}
	_, err := dir.GetUser(ctx, o.AdminUsername)
	if err == nil {
		return nil
	}
	if !errors.Is(err, directory.ErrNotFound) {
		return err
	}
	password, generated := o.AdminPassword, false
	if password == "" {
		b := make([]byte, 18)
		if _, err := rand.Read(b); err != nil {
			return fmt.Errorf("generate admin password: %w", err)
		}
		password, generated = base64.RawURLEncoding.EncodeToString(b), true
	}
	if _, err := directory.HashPassword(password); err != nil {
		return fmt.Errorf("--admin-password: %w", err)
	}
	if _, err := dir.CreateUser(ctx, directory.User{Username: o.AdminUsername, DisplayName: "PrimeHub administrator", Admin: true}); err != nil {
		if errors.Is(err, directory.ErrAlreadyExists) { // another replica was first
			return nil
		}
		return fmt.Errorf("create the administrator: %w", err)
	}
	if err := dir.SetPassword(ctx, o.AdminUsername, password); err != nil {
		return fmt.Errorf("set the administrator's password: %w", err)
	}
	log.Info("created the administrator", "username", o.AdminUsername, "passwordGenerated", generated)
	if generated {
		// Printed once, outside the structured log, so log collectors do not keep it.
		fmt.Fprintf(out, "\nprimehub: created administrator %q with password %s\nprimehub: it is not shown again; change it after logging in.\n\n", o.AdminUsername, password)
	}
	return nil
}

// parseCIDRs reads --trusted-proxies.
func parseCIDRs(list string) ([]netip.Prefix, error) {
	var out []netip.Prefix
	for _, s := range strings.Split(list, ",") {
		if s = strings.TrimSpace(s); s == "" {
			continue
		}
		p, err := netip.ParsePrefix(s)
		if err != nil {
			return nil, fmt.Errorf("--trusted-proxies: %q is not a CIDR such as 10.0.0.0/8: %w", s, err)
		}
		out = append(out, p.Masked())
	}
	return out, nil
}

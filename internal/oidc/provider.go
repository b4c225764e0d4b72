// Package oidc is PrimeHub's embedded OpenID provider, at /oidc, for the builtin directory:
// discovery, JWKS, authorization code with PKCE, refresh tokens, end-session and a plain
// login page, on zitadel/oidc's certified op package.
package oidc

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/go-logr/logr"
	"github.com/zitadel/oidc/v3/pkg/op"

	"github.com/primehub/primehub/internal/directory"
)

// Options configure the provider.
type Options struct {
	// Issuer is the provider's public URL, such as https://primehub.example.com/oidc; its
	// path is where the provider is mounted.
	Issuer string
	// LogoutRedirect is where a logout without a post_logout_redirect_uri lands.
	LogoutRedirect string
	Directory      directory.Directory
	Keys           *Keys
	Clients        []Client
	Log            logr.Logger
}

// Provider is the embedded issuer as an http.Handler for paths under the issuer's path.
type Provider struct {
	handler http.Handler
	op      *op.Provider
	storage *storage
	issuer  string
	dir     directory.Directory
	backoff *Backoff
	log     logr.Logger
}

// New makes the provider.
func New(o Options) (*Provider, error) {
	u, err := url.Parse(o.Issuer)
	if err != nil || u.Host == "" || (u.Scheme != "http" && u.Scheme != "https") {
		return nil, fmt.Errorf("issuer %q is not an http(s) URL", o.Issuer)
	}
	issuer := strings.TrimSuffix(o.Issuer, "/")
	clients := map[string]*Client{}
	for i := range o.Clients {
		c := o.Clients[i]
		c.loginURL = func(id string) string { return issuer + "/login?authRequestID=" + url.QueryEscape(id) }
		clients[c.ID] = &c
	}
	p := &Provider{issuer: issuer, dir: o.Directory, backoff: NewBackoff(time.Now), log: o.Log}
	p.storage = newStorage(o.Directory, o.Keys, clients)
	cfg := &op.Config{
		CryptoKey:                o.Keys.cryptoKey(),
		DefaultLogoutRedirectURI: o.LogoutRedirect,
		CodeMethodS256:           true,
		GrantTypeRefreshToken:    true,
		SupportedScopes:          []string{"openid", "profile", "email", "offline_access", "groups"},
		SupportedClaims: []string{"sub", "aud", "exp", "iat", "iss", "auth_time", "nonce", "azp", "at_hash",
			"preferred_username", "name", "email", "groups"},
	}
	var opts []op.Option
	if u.Scheme == "http" {
		opts = append(opts, op.WithAllowInsecure())
	}
	p.op, err = op.NewProvider(cfg, p.storage, op.StaticIssuer(issuer), opts...)
	if err != nil {
		return nil, fmt.Errorf("OpenID provider: %w", err)
	}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /login", p.loginPage)
	mux.HandleFunc("POST /login", p.login)
	mux.Handle("/", p.op)
	p.handler = http.StripPrefix(strings.TrimSuffix(u.Path, "/"), mux)
	return p, nil
}

// ServeHTTP serves the provider's endpoints.
func (p *Provider) ServeHTTP(w http.ResponseWriter, r *http.Request) { p.handler.ServeHTTP(w, r) }

// callbackURL is where a finished login goes to get its code.
func (p *Provider) callbackURL(authRequestID string) string {
	return p.op.AuthorizationEndpoint().Absolute(p.issuer) + "/callback?id=" + url.QueryEscape(authRequestID)
}

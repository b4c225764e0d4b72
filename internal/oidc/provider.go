// Package oidc is PrimeHub's embedded OpenID provider, at /oidc, for the builtin directory:
// discovery, JWKS, authorization code with PKCE, refresh tokens, end-session, a plain
// login page and a login session (single sign-on), on zitadel/oidc's certified op package.
// Its state is shared by every replica: keys and refresh token families are Secrets,
// logins in progress, access tokens and login sessions are sealed or signed.
package oidc

import (
	"context"
	"fmt"
	"net/http"
	"net/netip"
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
	// Keys are the issuer's keys, in a Secret of the platform namespace; the refresh
	// token families are Secrets of that namespace too.
	Keys    *Keys
	Clients []Client
	// TrustedProxies are the proxies (such as the ingress) whose X-Forwarded-For names the
	// client, for the limits on failed logins by client address.
	TrustedProxies []netip.Prefix
	// PasswordChecks bounds the password checks run at once (argon2id takes 64 MiB each);
	// zero means defaultPasswordChecks.
	PasswordChecks int
	Log            logr.Logger
}

// defaultPasswordChecks is 256 MiB of argon2id memory at most.
const defaultPasswordChecks = 4

// Failed logins allowed in a row before waits start: for a username, and for a client
// address, which many people behind one NAT may share.
const (
	freeUserFailures    = 5
	freeAddressFailures = 20
)

// Provider is the embedded issuer as an http.Handler for paths under the issuer's path.
type Provider struct {
	handler http.Handler
	op      *op.Provider
	storage *storage
	issuer  string
	dir     directory.Directory
	// sessionKey signs session cookies, set on cookiePath (the issuer's), Secure with an
	// https issuer.
	sessionKey   []byte
	cookiePath   string
	secureCookie bool
	// users and addresses limit failed logins by username and by client address.
	users, addresses *Limiter
	// passwordChecks holds a slot for each password check running.
	passwordChecks chan struct{}
	trusted        []netip.Prefix
	log            logr.Logger
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
	checks := o.PasswordChecks
	if checks <= 0 {
		checks = defaultPasswordChecks
	}
	p := &Provider{issuer: issuer, dir: o.Directory, log: o.Log, trusted: o.TrustedProxies,
		users:          NewLimiter(freeUserFailures, true, time.Now),
		addresses:      NewLimiter(freeAddressFailures, false, time.Now),
		passwordChecks: make(chan struct{}, checks),
	}
	if p.sessionKey, err = sessionKey(o.Keys.cryptoKey()); err != nil {
		return nil, err
	}
	p.cookiePath, p.secureCookie = strings.TrimSuffix(u.Path, "/")+"/", u.Scheme == "https"
	if p.storage, err = newStorage(o.Directory, o.Keys, clients, o.Log); err != nil {
		return nil, err
	}
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
	p.storage.codes = p.op.Crypto()
	mux := http.NewServeMux()
	mux.HandleFunc("GET /login", p.loginPage)
	mux.HandleFunc("POST /login", p.login)
	mux.Handle(p.op.EndSessionEndpoint().Relative(), p.endingSession(p.op))
	mux.Handle("/", p.op)
	p.handler = http.StripPrefix(strings.TrimSuffix(u.Path, "/"), p.bounded(mux))
	return p, nil
}

// ServeHTTP serves the provider's endpoints.
func (p *Provider) ServeHTTP(w http.ResponseWriter, r *http.Request) { p.handler.ServeHTTP(w, r) }

// maxAuthorizeQuery bounds an authorization request as sent: it is parsed before its
// fields are measured (maxAuthRequestBytes).
const maxAuthorizeQuery = 16 << 10

// bounded refuses an authorization request too large to be one a client of ours sends.
func (p *Provider) bounded(next http.Handler) http.Handler {
	authorize := p.op.AuthorizationEndpoint().Relative()
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == authorize {
			if len(r.URL.RawQuery) > maxAuthorizeQuery {
				http.Error(w, fmt.Sprintf("the authorization request is longer than %d bytes", maxAuthorizeQuery), http.StatusRequestURITooLong)
				return
			}
			r.Body = http.MaxBytesReader(w, r.Body, maxAuthorizeQuery)
		}
		next.ServeHTTP(w, r)
	})
}

// DeleteExpiredEvery deletes the refresh families that expired, every period until ctx
// ends. Every replica may run it: a deletion is conditional on the family not having
// changed since it was read.
func (p *Provider) DeleteExpiredEvery(ctx context.Context, every time.Duration) {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		if err := p.storage.families.clean(ctx); err != nil {
			p.log.Error(err, "delete expired refresh families")
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// callbackURL is where a finished login goes to get its code.
func (p *Provider) callbackURL(authRequestID string) string {
	return p.op.AuthorizationEndpoint().Absolute(p.issuer) + "/callback?id=" + url.QueryEscape(authRequestID)
}

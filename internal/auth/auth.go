// Package auth turns a request's Bearer token into one identity: an id_token of the
// configured issuer (verified with go-oidc), a personal API token, or the shared secret.
package auth

import (
	"context"
	"crypto"
	"crypto/subtle"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"sync"

	"github.com/coreos/go-oidc/v3/oidc"
	"github.com/go-logr/logr"

	"github.com/primehub/primehub/internal/directory"
)

// Identity is who a request acts as.
type Identity struct {
	// Username is empty for the shared secret, which acts as the platform itself.
	Username string
	Admin    bool
	// Groups are the groups the user is a member of, everyone included.
	Groups []string
	// AdminOf are the groups the user administers.
	AdminOf []string
	// Method is how the request proved it: id_token, api_token, notebook_session or
	// shared_secret.
	Method string
	// Generation is the user's session generation: sessions made from this identity (a
	// notebook's) carry it, and end when it changes.
	Generation string
	// Memberships are the groups of Groups as the directory had them when the request
	// was authenticated (nil for the shared secret), so that what serves the request
	// need not read them again. Shared: callers must not change them.
	Memberships []directory.Group
}

// The ways a request may authenticate.
const (
	MethodIDToken      = "id_token"
	MethodAPIToken     = "api_token"
	MethodSharedSecret = "shared_secret"
	// MethodNotebookSession is a browser's session for one notebook (internal/proxy).
	MethodNotebookSession = "notebook_session"
)

// ErrUnauthenticated means the request carries no usable credentials.
var ErrUnauthenticated = errors.New("unauthenticated")

// Options configure an Authenticator.
type Options struct {
	// Issuer is the OpenID issuer whose id_tokens are accepted; ClientID the audience
	// they must carry.
	Issuer, ClientID string
	// IssuerKeys, when set, are the issuer's public keys, read in process; the embedded
	// issuer uses it so the server does not fetch its own discovery over the network.
	IssuerKeys func(context.Context) ([]crypto.PublicKey, error)
	// UsernameClaim is the id_token claim naming the user, with a directory that does not
	// know the issuer's subjects (the builtin one): empty means the subject. The issuer
	// sets the subject; a claim such as preferred_username may be the user's own choice at
	// an external issuer, so it is only used when an administrator names it.
	UsernameClaim string
	// SessionGenerations checks the embedded issuer's session_generation claim against the
	// user's, so the id_tokens of sessions revoked since (a password change, disabling the
	// user) stop working.
	SessionGenerations bool
	// SharedSecret grants full permission; empty turns it off.
	SharedSecret string
	Directory    directory.Directory
	// Tokens are the personal API tokens; nil turns them off.
	Tokens *APITokens
	Log    logr.Logger
}

// Authenticator authenticates requests.
type Authenticator struct {
	o Options

	mu       sync.Mutex
	verifier *oidc.IDTokenVerifier
}

// New makes an Authenticator. An external issuer is discovered on first use, so that a
// provider briefly down at start does not keep the server from starting.
func New(o Options) *Authenticator {
	a := &Authenticator{o: o}
	if o.IssuerKeys != nil {
		a.verifier = oidc.NewVerifier(o.Issuer, localKeys(o.IssuerKeys), &oidc.Config{ClientID: o.ClientID})
	}
	return a
}

// Authenticate answers the identity of r, or an error wrapping ErrUnauthenticated.
func (a *Authenticator) Authenticate(r *http.Request) (*Identity, error) {
	token, ok := bearer(r)
	if !ok {
		return nil, fmt.Errorf("%w: no Bearer token", ErrUnauthenticated)
	}
	return a.AuthenticateToken(r.Context(), token)
}

// AuthenticateToken answers the identity a Bearer token stands for.
func (a *Authenticator) AuthenticateToken(ctx context.Context, token string) (*Identity, error) {
	if a.o.SharedSecret != "" && subtle.ConstantTimeCompare([]byte(token), []byte(a.o.SharedSecret)) == 1 {
		return &Identity{Admin: true, Method: MethodSharedSecret}, nil
	}
	if strings.HasPrefix(token, tokenPrefix) {
		if a.o.Tokens == nil {
			return nil, fmt.Errorf("%w: API tokens are off", ErrUnauthenticated)
		}
		username, err := a.o.Tokens.lookup(ctx, token)
		if err != nil {
			return nil, fmt.Errorf("%w: %w", ErrUnauthenticated, err)
		}
		return a.identity(ctx, username, MethodAPIToken, nil)
	}
	v, err := a.idTokenVerifier(ctx)
	if err != nil {
		return nil, err
	}
	idToken, err := v.Verify(ctx, token)
	if err != nil {
		return nil, fmt.Errorf("%w: id_token: %w", ErrUnauthenticated, err)
	}
	username, err := a.username(ctx, idToken)
	if err != nil {
		return nil, err
	}
	var generation *string
	if a.o.SessionGenerations {
		var claims map[string]any
		if err := idToken.Claims(&claims); err != nil {
			return nil, fmt.Errorf("%w: id_token claims: %w", ErrUnauthenticated, err)
		}
		g, _ := claims[SessionGenerationClaim].(string)
		generation = &g
	}
	return a.identity(ctx, username, MethodIDToken, generation)
}

// SessionGenerationClaim is the claim the embedded issuer (internal/oidc) writes the
// user's session generation into.
const SessionGenerationClaim = "session_generation"

// subjectResolver is a directory whose issuer's subjects are not usernames: Keycloak's are
// user ids, and its preferred_username is lowercased.
type subjectResolver interface {
	UsernameOfSubject(ctx context.Context, sub string) (string, error)
}

// username is whom a verified id_token names: by subject where the directory knows
// subjects, else by the subject itself or the claim an administrator named.
func (a *Authenticator) username(ctx context.Context, idToken *oidc.IDToken) (string, error) {
	if r, ok := a.o.Directory.(subjectResolver); ok {
		username, err := r.UsernameOfSubject(ctx, idToken.Subject)
		if errors.Is(err, directory.ErrNotFound) {
			return "", fmt.Errorf("%w: no user with subject %q", ErrUnauthenticated, idToken.Subject)
		}
		return username, err
	}
	if a.o.UsernameClaim == "" || a.o.UsernameClaim == "sub" {
		return idToken.Subject, nil
	}
	var claims map[string]any
	if err := idToken.Claims(&claims); err != nil {
		return "", fmt.Errorf("%w: id_token claims: %w", ErrUnauthenticated, err)
	}
	username, _ := claims[a.o.UsernameClaim].(string)
	if username == "" {
		return "", fmt.Errorf("%w: id_token has no %s claim", ErrUnauthenticated, a.o.UsernameClaim)
	}
	return username, nil
}

func (a *Authenticator) idTokenVerifier(ctx context.Context) (*oidc.IDTokenVerifier, error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.verifier != nil {
		return a.verifier, nil
	}
	if a.o.Issuer == "" {
		return nil, fmt.Errorf("%w: no OpenID issuer configured", ErrUnauthenticated)
	}
	// Discovery outlives the request that triggered it: the key set it makes keeps
	// refreshing with this context.
	p, err := oidc.NewProvider(context.WithoutCancel(ctx), a.o.Issuer)
	if err != nil {
		return nil, fmt.Errorf("discover OpenID issuer %s: %w", a.o.Issuer, err)
	}
	a.verifier = p.Verifier(&oidc.Config{ClientID: a.o.ClientID})
	return a.verifier, nil
}

// Identify answers who holds a session the platform made for username: the user, if still
// enabled and of the same session generation.
func (a *Authenticator) Identify(ctx context.Context, username, generation string) (*Identity, error) {
	return a.identity(ctx, username, MethodNotebookSession, &generation)
}

// identity reads what a user may do from the directory, so a disabled or deleted user's
// tokens stop working at once; with a generation, so do those of revoked sessions.
func (a *Authenticator) identity(ctx context.Context, username, method string, generation *string) (*Identity, error) {
	u, err := a.o.Directory.GetUser(ctx, username)
	if errors.Is(err, directory.ErrNotFound) {
		return nil, fmt.Errorf("%w: no user %q", ErrUnauthenticated, username)
	}
	if err != nil {
		return nil, fmt.Errorf("read user %q: %w", username, err)
	}
	if u.Disabled {
		return nil, fmt.Errorf("%w: user %q is disabled", ErrUnauthenticated, username)
	}
	if generation != nil && *generation != u.SessionGeneration {
		return nil, fmt.Errorf("%w: the session of %q was revoked (password set or user disabled since)", ErrUnauthenticated, username)
	}
	groups, err := a.o.Directory.GroupsOf(ctx, username)
	if err != nil {
		return nil, fmt.Errorf("groups of %q: %w", username, err)
	}
	id := &Identity{Username: u.Username, Admin: u.Admin, Method: method, Generation: u.SessionGeneration, Memberships: groups,
		Groups: make([]string, 0, len(groups))}
	for _, g := range groups {
		id.Groups = append(id.Groups, g.Name)
		if slices.Contains(g.Admins, username) {
			id.AdminOf = append(id.AdminOf, g.Name)
		}
	}
	return id, nil
}

func bearer(r *http.Request) (string, bool) {
	scheme, token, ok := strings.Cut(r.Header.Get("Authorization"), " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") || token == "" {
		return "", false
	}
	return strings.TrimSpace(token), true
}

// localKeys verifies signatures against keys read in process.
type localKeys func(context.Context) ([]crypto.PublicKey, error)

func (k localKeys) VerifySignature(ctx context.Context, jwt string) ([]byte, error) {
	keys, err := k(ctx)
	if err != nil {
		return nil, err
	}
	return (&oidc.StaticKeySet{PublicKeys: keys}).VerifySignature(ctx, jwt)
}

type contextKey struct{}

// WithIdentity answers ctx carrying id, as Middleware passes it on.
func WithIdentity(ctx context.Context, id *Identity) context.Context {
	return context.WithValue(ctx, contextKey{}, id)
}

// FromContext answers the identity the Middleware put in ctx.
func FromContext(ctx context.Context) (*Identity, bool) {
	id, ok := ctx.Value(contextKey{}).(*Identity)
	return id, ok
}

// Middleware lets through only authenticated requests, with their identity in the context;
// others get 401. Why a token failed is logged, never the token.
func (a *Authenticator) Middleware(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id, err := a.Authenticate(r)
		if err != nil {
			if errors.Is(err, ErrUnauthenticated) {
				a.o.Log.V(1).Info("request not authenticated", "reason", err.Error(), "path", r.URL.Path)
				w.Header().Set("WWW-Authenticate", `Bearer realm="primehub"`)
				http.Error(w, "unauthorized", http.StatusUnauthorized)
				return
			}
			a.o.Log.Error(err, "authenticate")
			http.Error(w, "authentication unavailable", http.StatusServiceUnavailable)
			return
		}
		next.ServeHTTP(w, r.WithContext(WithIdentity(r.Context(), id)))
	})
}

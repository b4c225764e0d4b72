package oidc

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"fmt"
	"sync"
	"time"

	jose "github.com/go-jose/go-jose/v4"
	"github.com/go-logr/logr"
	"github.com/zitadel/oidc/v3/pkg/oidc"
	"github.com/zitadel/oidc/v3/pkg/op"

	"github.com/primehub/primehub/internal/auth"
	"github.com/primehub/primehub/internal/directory"
)

// Token lifetimes. A refresh token is replaced at each use, so an active session lasts
// while it is used at least once per refreshLifetime.
const (
	authRequestLifetime = 10 * time.Minute
	idTokenLifetime     = time.Hour
	accessTokenLifetime = time.Hour
	refreshLifetime     = 24 * time.Hour
)

// Bounds on logins in progress, so that nobody can fill the issuer's memory by opening
// login pages: in all, from one client address, and the size of each.
const (
	defaultMaxPending           = 10_000
	defaultMaxPendingPerAddress = 100
	maxAuthRequestBytes         = 4 << 10
)

// ErrTooManyLogins means too many logins are in progress; the client should try later.
var ErrTooManyLogins = errors.New("too many logins in progress")

// storage is what the op package needs of the issuer. Logins in progress and tokens live
// in this replica's memory: a login must come back to the replica that started it (the
// service keeps client affinity), and a restart ends refresh sessions, not id_tokens,
// which verify against the keys in the Secret.
type storage struct {
	dir     directory.Directory
	keys    *Keys
	log     logr.Logger
	clients map[string]*Client
	now     func() time.Time

	maxPending, maxPendingPerAddress int

	mu            sync.Mutex
	authRequests  map[string]*authRequest
	pending       map[string]int    // client address → its auth requests
	codes         map[string]string // code → auth request id
	accessTokens  map[string]*accessToken
	refreshTokens map[string]*refreshToken // by hash of the token
	// spent are refresh tokens already exchanged, by hash: one presented again was copied,
	// and its whole family (every token descended from the same login) is revoked.
	spent map[string]spentToken
}

type spentToken struct {
	family  string
	expires time.Time
}

var _ op.Storage = (*storage)(nil)

func newStorage(dir directory.Directory, keys *Keys, clients map[string]*Client, log logr.Logger) *storage {
	return &storage{
		dir: dir, keys: keys, clients: clients, now: time.Now, log: log,
		maxPending: defaultMaxPending, maxPendingPerAddress: defaultMaxPendingPerAddress,
		authRequests:  map[string]*authRequest{},
		pending:       map[string]int{},
		spent:         map[string]spentToken{},
		codes:         map[string]string{},
		accessTokens:  map[string]*accessToken{},
		refreshTokens: map[string]*refreshToken{},
	}
}

var errUnknown = errors.New("unknown or expired")

func randomID() string {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		panic(fmt.Sprintf("crypto/rand: %v", err)) // never fails on supported platforms
	}
	return base64.RawURLEncoding.EncodeToString(b)
}

func tokenHash(token string) string {
	sum := sha256.Sum256([]byte(token))
	return base64.RawURLEncoding.EncodeToString(sum[:])
}

// expire drops whatever has expired; called with mu held on every write.
func (s *storage) expire() {
	now := s.now()
	for id, a := range s.authRequests {
		if now.Sub(a.created) > authRequestLifetime {
			s.dropAuthRequest(id)
		}
	}
	for code, id := range s.codes {
		if _, ok := s.authRequests[id]; !ok {
			delete(s.codes, code)
		}
	}
	for id, t := range s.accessTokens {
		if now.After(t.expires) {
			delete(s.accessTokens, id)
		}
	}
	for h, t := range s.refreshTokens {
		if now.After(t.expires) {
			delete(s.refreshTokens, h)
		}
	}
	for h, t := range s.spent {
		if now.After(t.expires) {
			delete(s.spent, h)
		}
	}
}

// dropAuthRequest forgets a login in progress; mu held.
func (s *storage) dropAuthRequest(id string) {
	a, ok := s.authRequests[id]
	if !ok {
		return
	}
	delete(s.authRequests, id)
	if s.pending[a.address]--; s.pending[a.address] <= 0 {
		delete(s.pending, a.address)
	}
}

// authRequestSize is about what a login in progress keeps in memory.
func authRequestSize(r *oidc.AuthRequest) int {
	n := len(r.ClientID) + len(r.RedirectURI) + len(r.State) + len(r.Nonce) + len(r.IDTokenHint) + len(r.LoginHint) +
		len(r.CodeChallenge) + len(r.RequestParam) + len(r.ResponseType) + len(r.ResponseMode) + len(r.Display) +
		len(r.CodeChallengeMethod)
	for _, l := range [][]string{r.Scopes, r.Prompt, r.ACRValues} {
		for _, v := range l {
			n += len(v) + 1
		}
	}
	return n + 8*len(r.UILocales)
}

// CreateAuthRequest keeps a login in progress, within the bounds on their number and size.
func (s *storage) CreateAuthRequest(ctx context.Context, req *oidc.AuthRequest, _ string) (op.AuthRequest, error) {
	if n := authRequestSize(req); n > maxAuthRequestBytes {
		return nil, oidc.ErrInvalidRequest().WithDescription("the authorization request is %d bytes, more than %d", n, maxAuthRequestBytes)
	}
	address := addressFrom(ctx)
	s.mu.Lock()
	defer s.mu.Unlock()
	s.expire()
	if len(s.authRequests) >= s.maxPending || s.pending[address] >= s.maxPendingPerAddress {
		// RFC 6749's code for an overloaded server; the client is sent back with it.
		e := &oidc.Error{ErrorType: "temporarily_unavailable", Description: "too many logins in progress; try again in a few minutes"}
		return nil, e.WithParent(ErrTooManyLogins)
	}
	a := &authRequest{id: randomID(), created: s.now(), req: *req, address: address}
	s.authRequests[a.id] = a
	s.pending[address]++
	return a, nil
}

func (s *storage) AuthRequestByID(_ context.Context, id string) (op.AuthRequest, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	a, ok := s.authRequests[id]
	if !ok || s.now().Sub(a.created) > authRequestLifetime {
		return nil, fmt.Errorf("login request: %w", errUnknown)
	}
	return a, nil
}

// completeLogin marks a login as done by user, whose password was checked at authTime.
func (s *storage) completeLogin(id string, u directory.User, authTime time.Time) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	a, ok := s.authRequests[id]
	if !ok || s.now().Sub(a.created) > authRequestLifetime {
		return fmt.Errorf("login request: %w", errUnknown)
	}
	a.subject, a.generation, a.authTime, a.done = u.Username, u.SessionGeneration, authTime, true
	return nil
}

func (s *storage) AuthRequestByCode(_ context.Context, code string) (op.AuthRequest, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	id, ok := s.codes[code]
	if !ok {
		return nil, fmt.Errorf("code: %w", errUnknown)
	}
	a, ok := s.authRequests[id]
	if !ok || s.now().Sub(a.created) > authRequestLifetime {
		return nil, fmt.Errorf("code: %w", errUnknown)
	}
	return a, nil
}

func (s *storage) SaveAuthCode(_ context.Context, id, code string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.codes[code] = id
	return nil
}

// DeleteAuthRequest is called once the code is exchanged, which makes codes single-use.
func (s *storage) DeleteAuthRequest(_ context.Context, id string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.dropAuthRequest(id)
	for code, rid := range s.codes {
		if rid == id {
			delete(s.codes, code)
		}
	}
	return nil
}

func (s *storage) SigningKey(ctx context.Context) (op.SigningKey, error) {
	set, err := s.keys.current(ctx)
	if err != nil {
		return nil, err
	}
	return signer{set.current()}, nil
}

func (s *storage) SignatureAlgorithms(context.Context) ([]jose.SignatureAlgorithm, error) {
	return []jose.SignatureAlgorithm{jose.RS256}, nil
}

func (s *storage) KeySet(ctx context.Context) ([]op.Key, error) {
	set, err := s.keys.current(ctx)
	if err != nil {
		return nil, err
	}
	keys := make([]op.Key, 0, len(set.Keys))
	for _, k := range set.Keys {
		keys = append(keys, publicKey{k})
	}
	return keys, nil
}

func (s *storage) GetClientByClientID(_ context.Context, id string) (op.Client, error) {
	c, ok := s.clients[id]
	if !ok {
		return nil, fmt.Errorf("client %q: %w", id, errUnknown)
	}
	return c, nil
}

// AuthorizeClientIDSecret refuses: every client is public and proves itself with PKCE.
func (s *storage) AuthorizeClientIDSecret(context.Context, string, string) error {
	return errors.New("clients of this issuer have no secret")
}

// SetUserinfoFromScopes is deprecated in op; SetUserinfoFromRequest does the work.
func (s *storage) SetUserinfoFromScopes(context.Context, *oidc.UserInfo, string, string, []string) error {
	return nil
}

// SetUserinfoFromRequest puts the user's claims into the id_token, with the session
// generation of the login it comes from.
func (s *storage) SetUserinfoFromRequest(ctx context.Context, info *oidc.UserInfo, req op.IDTokenRequest, scopes []string) error {
	if err := s.userinfo(ctx, info, req.GetSubject(), scopes); err != nil {
		return err
	}
	// A password change or disabling the user makes a new generation (directory.User), and
	// the id_tokens of older ones stop working (internal/auth).
	info.AppendClaims(auth.SessionGenerationClaim, generationOf(req))
	return nil
}

func (s *storage) SetUserinfoFromToken(ctx context.Context, info *oidc.UserInfo, tokenID, subject, _ string) error {
	at, err := s.activeAccessToken(ctx, tokenID, subject)
	if err != nil {
		return err
	}
	return s.userinfo(ctx, info, subject, at.scopes)
}

// userinfo fills the claims PrimeHub's clients read: preferred_username, email, name and
// the groups of the user (everyone included), as Keycloak's PrimeHub realm sends them.
func (s *storage) userinfo(ctx context.Context, info *oidc.UserInfo, username string, _ []string) error {
	u, err := s.dir.GetUser(ctx, username)
	if err != nil {
		return fmt.Errorf("user %q: %w", username, err)
	}
	groups, err := s.dir.GroupsOf(ctx, username)
	if err != nil {
		return fmt.Errorf("groups of %q: %w", username, err)
	}
	names := make([]string, 0, len(groups))
	for _, g := range groups {
		names = append(names, g.Name)
	}
	info.Subject = u.Username
	info.PreferredUsername = u.Username
	info.Name = u.DisplayName
	info.Email = u.Email
	info.AppendClaims("groups", names)
	return nil
}

func (s *storage) SetIntrospectionFromToken(ctx context.Context, resp *oidc.IntrospectionResponse, tokenID, subject, clientID string) error {
	at, err := s.activeAccessToken(ctx, tokenID, subject)
	if err != nil {
		return err
	}
	resp.Active = true
	resp.Subject = subject
	resp.ClientID = at.clientID
	resp.Scope = at.scopes
	resp.Expiration = oidc.FromTime(at.expires)
	return nil
}

func (s *storage) GetPrivateClaimsFromScopes(context.Context, string, string, []string) (map[string]any, error) {
	return nil, nil
}

func (s *storage) GetKeyByIDAndClientID(context.Context, string, string) (*jose.JSONWebKey, error) {
	return nil, errors.New("JWT profile grants are not supported")
}

func (s *storage) ValidateJWTProfileScopes(context.Context, string, []string) ([]string, error) {
	return nil, errors.New("JWT profile grants are not supported")
}

func (s *storage) Health(context.Context) error { return nil }

// signer is the current key as op signs with it: the private key.
type signer struct{ k signingKey }

func (k signer) ID() string                                  { return k.k.ID }
func (k signer) SignatureAlgorithm() jose.SignatureAlgorithm { return jose.RS256 }
func (k signer) Key() any                                    { return k.k.Private }

// publicKey is a key as the JWKS publishes it: only the public half, ever.
type publicKey struct{ k signingKey }

func (k publicKey) ID() string                         { return k.k.ID }
func (k publicKey) Algorithm() jose.SignatureAlgorithm { return jose.RS256 }
func (k publicKey) Use() string                        { return "sig" }
func (k publicKey) Key() any                           { return &k.k.Private.PublicKey }

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

// Lifetimes. A refresh token is replaced at each use, so an active session lasts while it
// is used at least once per refreshLifetime. A code works for codeLifetime after the login.
const (
	authRequestLifetime = 10 * time.Minute
	codeLifetime        = 2 * time.Minute
	idTokenLifetime     = time.Hour
	accessTokenLifetime = time.Hour
	refreshLifetime     = 24 * time.Hour
)

// Bounds of what a client hands back to the issuer: an authorization request's fields
// (so its sealed id and its code stay a few KiB), and a sealed id or access token.
const (
	maxAuthRequestBytes = 4 << 10
	maxSealedBytes      = 8 << 10
)

// storage is what the op package needs of the issuer. It keeps no login state in a
// replica's memory: logins in progress and access tokens are sealed into the ids handed
// out (sealer), refresh token families are Secrets (families). Only the record of codes
// already exchanged is per replica, and short-lived (codeLifetime).
type storage struct {
	dir          directory.Directory
	keys         *Keys
	log          logr.Logger
	clients      map[string]*Client
	now          func() time.Time
	requests     *sealer
	accessTokens *sealer
	families     *families
	// codes opens a code, which op makes by encrypting the authorization request's id.
	codes op.Decrypter

	mu sync.Mutex
	// spent are the refs of authorization requests whose code was exchanged, until the
	// code expires.
	spent map[string]time.Time
}

var _ op.Storage = (*storage)(nil)

func newStorage(dir directory.Directory, keys *Keys, clients map[string]*Client, log logr.Logger) (*storage, error) {
	secret := keys.cryptoKey()
	requests, err := newSealer(secret, "authorization request", maxSealedBytes)
	if err != nil {
		return nil, err
	}
	accessTokens, err := newSealer(secret, "access token", maxSealedBytes)
	if err != nil {
		return nil, err
	}
	return &storage{
		dir: dir, keys: keys, clients: clients, now: time.Now, log: log,
		requests: requests, accessTokens: accessTokens,
		families: &families{client: keys.client, namespace: keys.namespace, now: time.Now, log: log},
		spent:    map[string]time.Time{},
	}, nil
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

// authRequestSize is about what a login in progress puts in its id.
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

// CreateAuthRequest starts a login: its id is its state, sealed, within a bound on its size.
func (s *storage) CreateAuthRequest(_ context.Context, req *oidc.AuthRequest, _ string) (op.AuthRequest, error) {
	if n := authRequestSize(req); n > maxAuthRequestBytes {
		return nil, oidc.ErrInvalidRequest().WithDescription("the authorization request is %d bytes, more than %d", n, maxAuthRequestBytes)
	}
	a := &authRequest{requestState: newRequestState(randomID(), s.now(), req)}
	var err error
	if a.id, err = s.requests.seal(a.requestState); err != nil {
		return nil, err
	}
	return a, nil
}

// AuthRequestByID opens a login's id, refusing it once expired or its code spent.
func (s *storage) AuthRequestByID(_ context.Context, id string) (op.AuthRequest, error) {
	a, err := s.authRequest(id)
	if err != nil {
		return nil, err
	}
	return a, nil
}

func (s *storage) authRequest(id string) (*authRequest, error) {
	a := &authRequest{id: id}
	if err := s.requests.open(id, &a.requestState); err != nil {
		return nil, fmt.Errorf("login request: %w", errUnknown)
	}
	if !s.now().Before(a.expires()) {
		return nil, fmt.Errorf("login request: %w", errUnknown)
	}
	s.mu.Lock()
	_, spent := s.spent[a.Ref]
	s.mu.Unlock()
	if spent {
		return a, errSpent
	}
	return a, nil
}

var errSpent = fmt.Errorf("login request: its code was used: %w", errUnknown)

// completeLogin marks a login as done by user, whose password was checked at authTime,
// and answers its new id.
func (s *storage) completeLogin(id string, u directory.User, authTime time.Time) (string, error) {
	a, err := s.authRequest(id)
	if err != nil {
		return "", err
	}
	if a.Done() {
		return "", fmt.Errorf("login request: already done: %w", errUnknown)
	}
	a.Subject, a.Generation, a.AuthTime, a.Completed = u.Username, u.SessionGeneration, authTime.Unix(), s.now().Unix()
	return s.requests.seal(a.requestState)
}

// AuthRequestByCode opens a code: the completed login's id, encrypted by op. A code used
// before revokes the refresh tokens it gave (RFC 6749 4.1.2).
func (s *storage) AuthRequestByCode(ctx context.Context, code string) (op.AuthRequest, error) {
	if len(code) > 2*maxSealedBytes {
		return nil, fmt.Errorf("code: %w", errUnknown)
	}
	id, err := s.codes.Decrypt(code)
	if err != nil {
		return nil, fmt.Errorf("code: %w", errUnknown)
	}
	a, err := s.authRequest(id)
	if errors.Is(err, errSpent) {
		s.revoke(ctx, familyOf(a.Ref), "authorization code reused")
	}
	if err != nil || !a.Done() {
		return nil, fmt.Errorf("code: %w", errUnknown)
	}
	return a, nil
}

// SaveAuthCode keeps nothing: the code holds the login.
func (s *storage) SaveAuthCode(context.Context, string, string) error { return nil }

// spend marks a login's code as exchanged on this replica, answering false when it
// already was (across replicas, the code meets the family of its first exchange, familyOf).
func (s *storage) spend(a *authRequest) bool {
	now := s.now()
	s.mu.Lock()
	defer s.mu.Unlock()
	for ref, until := range s.spent {
		if now.After(until) {
			delete(s.spent, ref)
		}
	}
	if _, ok := s.spent[a.Ref]; ok {
		return false
	}
	s.spent[a.Ref] = a.expires()
	return true
}

// DeleteAuthRequest is called once the code is exchanged (spend has marked it) or the
// login given up.
func (s *storage) DeleteAuthRequest(_ context.Context, id string) error {
	if a, err := s.authRequest(id); err == nil {
		s.spend(a)
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
	return s.userinfo(ctx, info, subject, at.Scopes)
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
	resp.ClientID = at.ClientID
	resp.Scope = at.Scopes
	resp.Expiration = oidc.FromTime(time.Unix(at.Expires, 0))
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

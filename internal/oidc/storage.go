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
	"github.com/zitadel/oidc/v3/pkg/oidc"
	"github.com/zitadel/oidc/v3/pkg/op"

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

// storage is what the op package needs of the issuer. Logins in progress and tokens live
// in this replica's memory: a login must come back to the replica that started it (the
// service keeps client affinity), and a restart ends refresh sessions, not id_tokens,
// which verify against the keys in the Secret.
type storage struct {
	dir     directory.Directory
	keys    *Keys
	clients map[string]*Client
	now     func() time.Time

	mu            sync.Mutex
	authRequests  map[string]*authRequest
	codes         map[string]string // code → auth request id
	accessTokens  map[string]*accessToken
	refreshTokens map[string]*refreshToken // by hash of the token
}

var _ op.Storage = (*storage)(nil)

func newStorage(dir directory.Directory, keys *Keys, clients map[string]*Client) *storage {
	return &storage{
		dir: dir, keys: keys, clients: clients, now: time.Now,
		authRequests:  map[string]*authRequest{},
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
			delete(s.authRequests, id)
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
}

func (s *storage) CreateAuthRequest(_ context.Context, req *oidc.AuthRequest, _ string) (op.AuthRequest, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.expire()
	a := &authRequest{id: randomID(), created: s.now(), req: *req}
	s.authRequests[a.id] = a
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

// completeLogin marks a login as done by username.
func (s *storage) completeLogin(id, username string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	a, ok := s.authRequests[id]
	if !ok || s.now().Sub(a.created) > authRequestLifetime {
		return fmt.Errorf("login request: %w", errUnknown)
	}
	a.subject, a.authTime, a.done = username, s.now(), true
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
	delete(s.authRequests, id)
	for code, rid := range s.codes {
		if rid == id {
			delete(s.codes, code)
		}
	}
	return nil
}

func (s *storage) CreateAccessToken(_ context.Context, req op.TokenRequest) (string, time.Time, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.expire()
	id, exp := s.newAccessToken(req, "")
	return id, exp, nil
}

func (s *storage) newAccessToken(req op.TokenRequest, refreshID string) (string, time.Time) {
	id := randomID()
	exp := s.now().Add(accessTokenLifetime)
	clientID := ""
	if aud := req.GetAudience(); len(aud) > 0 {
		clientID = aud[0]
	}
	s.accessTokens[id] = &accessToken{subject: req.GetSubject(), clientID: clientID, scopes: req.GetScopes(), expires: exp, refreshID: refreshID}
	return id, exp
}

// CreateAccessAndRefreshTokens issues a new refresh token and, when one was presented,
// revokes it: refresh tokens are single-use.
func (s *storage) CreateAccessAndRefreshTokens(ctx context.Context, req op.TokenRequest, current string) (string, string, time.Time, error) {
	if err := s.userActive(ctx, req.GetSubject()); err != nil {
		return "", "", time.Time{}, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.expire()
	rt := &refreshToken{id: randomID(), subject: req.GetSubject(), scopes: req.GetScopes(), expires: s.now().Add(refreshLifetime), authTime: s.now()}
	switch r := req.(type) {
	case op.AuthRequest:
		rt.clientID, rt.authTime = r.GetClientID(), r.GetAuthTime()
	case op.RefreshTokenRequest:
		rt.clientID, rt.authTime = r.GetClientID(), r.GetAuthTime()
	}
	if current != "" {
		old, ok := s.refreshTokens[tokenHash(current)]
		if !ok {
			return "", "", time.Time{}, fmt.Errorf("refresh token: %w", errUnknown)
		}
		s.revokeRefresh(tokenHash(current), old)
	}
	token := randomID()
	s.refreshTokens[tokenHash(token)] = rt
	id, exp := s.newAccessToken(req, rt.id)
	return id, token, exp, nil
}

// userActive refuses tokens for users deleted or disabled since they logged in.
func (s *storage) userActive(ctx context.Context, username string) error {
	u, err := s.dir.GetUser(ctx, username)
	if err != nil {
		return fmt.Errorf("user %q: %w", username, err)
	}
	if u.Disabled {
		return fmt.Errorf("user %q is disabled", username)
	}
	return nil
}

func (s *storage) TokenRequestByRefreshToken(ctx context.Context, token string) (op.RefreshTokenRequest, error) {
	s.mu.Lock()
	rt, ok := s.refreshTokens[tokenHash(token)]
	if ok && s.now().After(rt.expires) {
		ok = false
	}
	var copied refreshToken
	if ok {
		copied = *rt
	}
	s.mu.Unlock()
	if !ok {
		return nil, fmt.Errorf("refresh token: %w", errUnknown)
	}
	if err := s.userActive(ctx, copied.subject); err != nil {
		return nil, err
	}
	return &copied, nil
}

// revokeRefresh drops a refresh token and the access tokens issued with it; mu held.
func (s *storage) revokeRefresh(hash string, rt *refreshToken) {
	delete(s.refreshTokens, hash)
	for id, at := range s.accessTokens {
		if at.refreshID == rt.id {
			delete(s.accessTokens, id)
		}
	}
}

// TerminateSession is logout: every token of the user at the client stops working, except
// id_tokens, which are self-contained and expire on their own.
func (s *storage) TerminateSession(_ context.Context, userID, clientID string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	for h, rt := range s.refreshTokens {
		if rt.subject == userID && rt.clientID == clientID {
			s.revokeRefresh(h, rt)
		}
	}
	for id, at := range s.accessTokens {
		if at.subject == userID && at.clientID == clientID {
			delete(s.accessTokens, id)
		}
	}
	return nil
}

func (s *storage) RevokeToken(_ context.Context, tokenOrID, userID, clientID string) *oidc.Error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if rt, ok := s.refreshTokens[tokenHash(tokenOrID)]; ok {
		if rt.clientID != clientID {
			return oidc.ErrInvalidClient().WithDescription("token was not issued to this client")
		}
		s.revokeRefresh(tokenHash(tokenOrID), rt)
		return nil
	}
	if at, ok := s.accessTokens[tokenOrID]; ok {
		if at.clientID != clientID || at.subject != userID {
			return oidc.ErrInvalidClient().WithDescription("token was not issued to this client")
		}
		delete(s.accessTokens, tokenOrID)
	}
	return nil // RFC 7009: an unknown token is not an error
}

func (s *storage) GetRefreshTokenInfo(_ context.Context, clientID, token string) (string, string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	rt, ok := s.refreshTokens[tokenHash(token)]
	if !ok || rt.clientID != clientID {
		return "", "", op.ErrInvalidRefreshToken
	}
	return rt.subject, rt.id, nil
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

// SetUserinfoFromRequest puts the user's claims into the id_token.
func (s *storage) SetUserinfoFromRequest(ctx context.Context, info *oidc.UserInfo, req op.IDTokenRequest, scopes []string) error {
	return s.userinfo(ctx, info, req.GetSubject(), scopes)
}

func (s *storage) SetUserinfoFromToken(ctx context.Context, info *oidc.UserInfo, tokenID, subject, _ string) error {
	s.mu.Lock()
	at, ok := s.accessTokens[tokenID]
	s.mu.Unlock()
	if !ok || s.now().After(at.expires) || at.subject != subject {
		return fmt.Errorf("access token: %w", errUnknown)
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
	s.mu.Lock()
	at, ok := s.accessTokens[tokenID]
	s.mu.Unlock()
	if !ok || s.now().After(at.expires) || at.subject != subject {
		return fmt.Errorf("access token: %w", errUnknown)
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

package oidc

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/zitadel/oidc/v3/pkg/oidc"
	"github.com/zitadel/oidc/v3/pkg/op"
)

// Refresh tokens come in families: the tokens descended, one refresh after another, from
// one login. Each is single-use; a spent token presented again means it was copied, and the
// whole family is revoked, the thief's tokens and the owner's alike. Each also carries the
// user's session generation at login, and stops working once the generation changes.
//
// The state is this replica's memory; it is kept to these few methods (issue, spend,
// revoke a family) so that it can move to the API server when replicas share it.

var errReused = errors.New("refresh token used twice: its session is revoked")

// generationOf is the session generation a token request carries from its login.
func generationOf(req any) string {
	switch r := req.(type) {
	case *authRequest:
		return r.generation
	case *refreshToken:
		return r.generation
	}
	return ""
}

// userActive refuses tokens for users deleted or disabled since they logged in, or whose
// sessions were revoked since (a new session generation).
func (s *storage) userActive(ctx context.Context, username, generation string) error {
	u, err := s.dir.GetUser(ctx, username)
	if err != nil {
		return fmt.Errorf("user %q: %w", username, err)
	}
	if u.Disabled {
		return fmt.Errorf("user %q is disabled", username)
	}
	if u.SessionGeneration != generation {
		return fmt.Errorf("the sessions of user %q were revoked (password set or user disabled since the login)", username)
	}
	return nil
}

// CreateAccessToken answers a code exchange without offline_access.
func (s *storage) CreateAccessToken(ctx context.Context, req op.TokenRequest) (string, time.Time, error) {
	if err := s.userActive(ctx, req.GetSubject(), generationOf(req)); err != nil {
		return "", time.Time{}, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.expire()
	id, exp := s.newAccessToken(req, "", generationOf(req))
	return id, exp, nil
}

func (s *storage) newAccessToken(req op.TokenRequest, refreshID, generation string) (string, time.Time) {
	id := randomID()
	exp := s.now().Add(accessTokenLifetime)
	clientID := ""
	if aud := req.GetAudience(); len(aud) > 0 {
		clientID = aud[0]
	}
	s.accessTokens[id] = &accessToken{subject: req.GetSubject(), clientID: clientID, scopes: req.GetScopes(), expires: exp,
		refreshID: refreshID, generation: generation}
	return id, exp
}

// CreateAccessAndRefreshTokens issues a new refresh token and, when one was presented,
// spends it.
func (s *storage) CreateAccessAndRefreshTokens(ctx context.Context, req op.TokenRequest, current string) (string, string, time.Time, error) {
	generation := generationOf(req)
	if err := s.userActive(ctx, req.GetSubject(), generation); err != nil {
		if r, ok := req.(*refreshToken); ok {
			s.revokeFamily(r.family, "sessions revoked")
		}
		return "", "", time.Time{}, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.expire()
	rt := &refreshToken{id: randomID(), subject: req.GetSubject(), scopes: req.GetScopes(), expires: s.now().Add(refreshLifetime),
		authTime: s.now(), generation: generation}
	rt.family = rt.id
	switch r := req.(type) {
	case *authRequest:
		rt.clientID, rt.authTime = r.GetClientID(), r.GetAuthTime()
	case *refreshToken:
		rt.clientID, rt.authTime, rt.family = r.clientID, r.authTime, r.family
	}
	if current != "" {
		h := tokenHash(current)
		old, ok := s.refreshTokens[h]
		if !ok {
			// Spent by a refresh running at the same time: the token was used twice.
			if spent, ok := s.spent[h]; ok {
				s.revokeFamilyLocked(spent.family, "refresh token reused")
				return "", "", time.Time{}, errReused
			}
			return "", "", time.Time{}, fmt.Errorf("refresh token: %w", errUnknown)
		}
		s.revokeRefresh(h, old)
		s.spent[h] = spentToken{family: old.family, expires: old.expires}
	}
	token := randomID()
	s.refreshTokens[tokenHash(token)] = rt
	id, exp := s.newAccessToken(req, rt.id, generation)
	return id, token, exp, nil
}

func (s *storage) TokenRequestByRefreshToken(ctx context.Context, token string) (op.RefreshTokenRequest, error) {
	h := tokenHash(token)
	s.mu.Lock()
	if spent, ok := s.spent[h]; ok {
		s.revokeFamilyLocked(spent.family, "refresh token reused")
		s.mu.Unlock()
		return nil, errReused
	}
	rt, ok := s.refreshTokens[h]
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
	if err := s.userActive(ctx, copied.subject, copied.generation); err != nil {
		s.revokeFamily(copied.family, "sessions revoked")
		return nil, err
	}
	return &copied, nil
}

func (s *storage) revokeFamily(family, reason string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.revokeFamilyLocked(family, reason)
}

// revokeFamilyLocked drops every refresh token of a family and their access tokens; mu held.
func (s *storage) revokeFamilyLocked(family, reason string) {
	n := 0
	for h, rt := range s.refreshTokens {
		if rt.family == family {
			s.revokeRefresh(h, rt)
			n++
		}
	}
	if n > 0 {
		s.log.Info("revoked a login's refresh tokens", "reason", reason, "tokens", n)
	}
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

// activeAccessToken answers the grant of an opaque access token that still works.
func (s *storage) activeAccessToken(ctx context.Context, tokenID, subject string) (accessToken, error) {
	s.mu.Lock()
	at, ok := s.accessTokens[tokenID]
	var copied accessToken
	if ok {
		copied = *at
	}
	s.mu.Unlock()
	if !ok || s.now().After(copied.expires) || copied.subject != subject {
		return accessToken{}, fmt.Errorf("access token: %w", errUnknown)
	}
	if err := s.userActive(ctx, subject, copied.generation); err != nil {
		return accessToken{}, err
	}
	return copied, nil
}

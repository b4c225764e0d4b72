package oidc

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/zitadel/oidc/v3/pkg/oidc"
	"github.com/zitadel/oidc/v3/pkg/op"

	"github.com/primehub/primehub/internal/directory"
)

// Each token carries the user's session generation at login, and stops working once the
// generation changes (a password change, or disabling the user). Refresh tokens are kept
// in families (families.go).

var (
	errReused = errors.New("refresh token used twice: its session is revoked")
	// errInactive means the user was deleted, disabled or had their sessions revoked.
	errInactive = errors.New("the user's sessions are revoked")
)

// refused is err as a token request's answer: a grant refused is the client's error
// (invalid_grant), not the server's.
func refused(err error) error {
	if errors.Is(err, errReused) || errors.Is(err, errCodeReused) || errors.Is(err, errInactive) || errors.Is(err, errUnknown) {
		return oidc.ErrInvalidGrant().WithDescription("%s", err).WithParent(err)
	}
	return err
}

// generationOf is the session generation a token request carries from its login.
func generationOf(req any) string {
	switch r := req.(type) {
	case *authRequest:
		return r.Generation
	case *refreshToken:
		return r.f.Generation
	}
	return ""
}

// userActive refuses tokens for users deleted or disabled since they logged in, or whose
// sessions were revoked since (a new session generation).
func (s *storage) userActive(ctx context.Context, username, generation string) error {
	u, err := s.dir.GetUser(ctx, username)
	if errors.Is(err, directory.ErrNotFound) {
		return fmt.Errorf("user %q: %w: %w", username, err, errInactive)
	}
	if err != nil {
		return fmt.Errorf("user %q: %w", username, err)
	}
	if u.Disabled {
		return fmt.Errorf("user %q is disabled: %w", username, errInactive)
	}
	if u.SessionGeneration != generation {
		return fmt.Errorf("the sessions of user %q were revoked (password set or user disabled since the login): %w", username, errInactive)
	}
	return nil
}

// CreateAccessToken answers a code exchange without offline_access. It makes a family
// without a refresh token all the same: the family's Secret spends the code on every
// replica, and lets logout, or the code used again, end the access token.
func (s *storage) CreateAccessToken(ctx context.Context, req op.TokenRequest) (string, time.Time, error) {
	if err := s.userActive(ctx, req.GetSubject(), generationOf(req)); err != nil {
		return "", time.Time{}, refused(err)
	}
	a, ok := req.(*authRequest)
	if !ok {
		return "", time.Time{}, fmt.Errorf("token request of type %T", req)
	}
	f := &family{ID: familyOf(a.Ref), Subject: a.Subject, ClientID: a.ClientID, Generation: a.Generation, Scopes: a.Scopes,
		AuthTime: a.GetAuthTime(), Created: s.now(), Expires: s.now().Add(accessTokenLifetime)}
	if err := s.exchange(ctx, a, f); err != nil {
		return "", time.Time{}, refused(err)
	}
	return s.newAccessToken(req, f.ID)
}

// exchange spends a's code and stores the family it makes; a code spent before, on this
// replica or another, revokes the family of its first exchange.
func (s *storage) exchange(ctx context.Context, a *authRequest, f *family) error {
	if !s.spend(a) {
		s.revoke(ctx, f.ID, "authorization code reused")
		return errCodeReused
	}
	if err := s.families.create(ctx, f); err != nil {
		if errors.Is(err, errCodeReused) {
			s.revoke(ctx, f.ID, "authorization code reused")
		}
		return err
	}
	return nil
}

// newAccessToken seals an access token's grant into its id.
func (s *storage) newAccessToken(req op.TokenRequest, familyID string) (string, time.Time, error) {
	exp := s.now().Add(accessTokenLifetime)
	at := accessToken{Subject: req.GetSubject(), Scopes: req.GetScopes(), Expires: exp.Unix(), Generation: generationOf(req), Family: familyID}
	if aud := req.GetAudience(); len(aud) > 0 {
		at.ClientID = aud[0]
	}
	id, err := s.accessTokens.seal(at)
	if err != nil {
		return "", time.Time{}, err
	}
	return id, exp, nil
}

// CreateAccessAndRefreshTokens answers a code exchange with offline_access, which makes
// a family, or a refresh, which replaces the family's token.
func (s *storage) CreateAccessAndRefreshTokens(ctx context.Context, req op.TokenRequest, _ string) (string, string, time.Time, error) {
	if err := s.userActive(ctx, req.GetSubject(), generationOf(req)); err != nil {
		if r, ok := req.(*refreshToken); ok {
			s.revoke(ctx, r.f.ID, "sessions revoked")
		}
		return "", "", time.Time{}, refused(err)
	}
	var f *family
	switch r := req.(type) {
	case *authRequest:
		f = &family{ID: familyOf(r.Ref), Subject: r.Subject, ClientID: r.ClientID, Generation: r.Generation, Scopes: r.Scopes,
			AuthTime: r.GetAuthTime(), Created: s.now()}
	case *refreshToken:
		f = r.f
	default:
		return "", "", time.Time{}, fmt.Errorf("token request of type %T", req)
	}
	token := newRefreshToken(f.ID)
	f.TokenHash, f.Expires = tokenHash(token), s.now().Add(refreshLifetime)
	switch r := req.(type) {
	case *authRequest:
		if err := s.exchange(ctx, r, f); err != nil {
			return "", "", time.Time{}, refused(err)
		}
		if err := s.families.cap(ctx, f.Subject); err != nil {
			s.log.Error(err, "revoke a user's oldest logins", "username", f.Subject)
		}
	case *refreshToken:
		// Compare-and-swap: the family as read when the token was checked.
		if err := s.families.save(ctx, f); err != nil {
			if errors.Is(err, errConflict) {
				// Spent by a refresh running at the same time, on this replica or another.
				s.revoke(ctx, f.ID, "refresh token reused")
				return "", "", time.Time{}, refused(errReused)
			}
			return "", "", time.Time{}, refused(err)
		}
	}
	id, exp, err := s.newAccessToken(req, f.ID)
	if err != nil {
		return "", "", time.Time{}, err
	}
	return id, token, exp, nil
}

// TokenRequestByRefreshToken checks a refresh token against its family: the current token
// works; another one of the family was copied, and revokes the family.
func (s *storage) TokenRequestByRefreshToken(ctx context.Context, token string) (op.RefreshTokenRequest, error) {
	id, ok := parseRefreshToken(token)
	if !ok {
		return nil, fmt.Errorf("refresh token: %w", errUnknown)
	}
	f, err := s.families.get(ctx, id)
	if err != nil {
		return nil, err
	}
	if !f.live(s.now()) {
		return nil, fmt.Errorf("refresh token: %w", errUnknown)
	}
	if f.TokenHash != tokenHash(token) {
		s.revoke(ctx, f.ID, "refresh token reused")
		return nil, errReused
	}
	if err := s.userActive(ctx, f.Subject, f.Generation); err != nil {
		s.revoke(ctx, f.ID, "sessions revoked")
		return nil, err
	}
	return &refreshToken{f: f}, nil
}

// revoke revokes a family, logging a failure: the caller refuses the token anyway.
func (s *storage) revoke(ctx context.Context, familyID, reason string) {
	if err := s.families.revoke(ctx, familyID, reason); err != nil {
		s.log.Error(err, "revoke a login's refresh tokens", "reason", reason)
	}
}

// TerminateSession is logout: every refresh token and access token of the user at the
// client stops working. id_tokens are self-contained and expire on their own.
func (s *storage) TerminateSession(ctx context.Context, userID, clientID string) error {
	return s.families.revokeUser(ctx, userID, clientID, "logout")
}

// RevokeToken revokes a refresh token's family, or an access token's (RFC 7009 allows
// either to end the other).
func (s *storage) RevokeToken(ctx context.Context, tokenOrID, userID, clientID string) *oidc.Error {
	familyID, owner := "", ""
	if id, ok := parseRefreshToken(tokenOrID); ok {
		f, err := s.families.get(ctx, id)
		if errors.Is(err, errUnknown) {
			return nil
		}
		if err != nil {
			return oidc.ErrServerError().WithParent(err)
		}
		familyID, owner = f.ID, f.ClientID
	} else {
		var at accessToken
		if err := s.accessTokens.open(tokenOrID, &at); err != nil {
			return nil // RFC 7009: an unknown token is not an error
		}
		if at.Subject != userID {
			return oidc.ErrInvalidClient().WithDescription("token was not issued to this client")
		}
		familyID, owner = at.Family, at.ClientID
	}
	if owner != clientID {
		return oidc.ErrInvalidClient().WithDescription("token was not issued to this client")
	}
	if err := s.families.revoke(ctx, familyID, "revoked by the client"); err != nil {
		return oidc.ErrServerError().WithParent(err)
	}
	return nil
}

// GetRefreshTokenInfo answers, for the revocation endpoint, the user of a refresh token
// and, as its id, the token itself (RevokeToken reads it again).
func (s *storage) GetRefreshTokenInfo(ctx context.Context, clientID, token string) (string, string, error) {
	id, ok := parseRefreshToken(token)
	if !ok {
		return "", "", op.ErrInvalidRefreshToken
	}
	f, err := s.families.get(ctx, id)
	if errors.Is(err, errUnknown) {
		return "", "", op.ErrInvalidRefreshToken
	}
	if err != nil {
		return "", "", err
	}
	if !f.live(s.now()) || f.ClientID != clientID {
		return "", "", op.ErrInvalidRefreshToken
	}
	return f.Subject, token, nil
}

// activeAccessToken answers the grant of an opaque access token that still works: not
// expired, its family not revoked, its user active in the same generation.
func (s *storage) activeAccessToken(ctx context.Context, tokenID, subject string) (accessToken, error) {
	var at accessToken
	if err := s.accessTokens.open(tokenID, &at); err != nil {
		return accessToken{}, fmt.Errorf("access token: %w", errUnknown)
	}
	if !s.now().Before(time.Unix(at.Expires, 0)) || at.Subject != subject {
		return accessToken{}, fmt.Errorf("access token: %w", errUnknown)
	}
	f, err := s.families.get(ctx, at.Family)
	if err != nil {
		return accessToken{}, err
	}
	if !f.live(s.now()) {
		return accessToken{}, fmt.Errorf("access token: its login was revoked: %w", errUnknown)
	}
	if err := s.userActive(ctx, subject, at.Generation); err != nil {
		return accessToken{}, err
	}
	return at, nil
}

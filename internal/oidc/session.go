package oidc

import (
	"crypto/hkdf"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/zitadel/oidc/v3/pkg/oidc"
)

// SessionCookie holds a browser's login session at the issuer (its single sign-on): after
// one password login, the issuer's next authorization requests from that browser are
// answered without the password, as Keycloak does. It is HttpOnly and scoped to the
// issuer's path.
const SessionCookie = "primehub_oidc_session"

// sessionLifetime is how long a session lasts from its password login, used or not.
const sessionLifetime = 12 * time.Hour

// maxSessionCookie bounds the cookie read: a username is at most maxUsernameBytes.
const maxSessionCookie = 1 << 10

// session is a browser's login: who, with which session generation (a password change or
// disabling the user ends it), and when the password was checked. It is self-contained and
// signed, so every replica reads it; it never holds a password hash or a token.
type session struct {
	User       string `json:"u"`
	Generation string `json:"g"`
	AuthTime   int64  `json:"t"`
	Expires    int64  `json:"e"`
}

// sessionVersion prefixes a session cookie's value, so that a change of format is refused,
// not misread.
const sessionVersion = "v1"

// sessionKey derives the key that signs session cookies from the Secret's encryption key,
// which every replica reads and which rotations keep.
func sessionKey(secret [32]byte) ([]byte, error) {
	k, err := hkdf.Key(sha256.New, secret[:], nil, "primehub oidc session cookie v1", 32)
	if err != nil {
		return nil, fmt.Errorf("derive the session cookie key: %w", err)
	}
	return k, nil
}

func sessionMAC(key []byte, signed string) []byte {
	m := hmac.New(sha256.New, key)
	m.Write([]byte(signed))
	return m.Sum(nil)
}

// encodeSession is s as a cookie value: version, payload and HMAC-SHA256, dot-separated.
func encodeSession(key []byte, s session) (string, error) {
	payload, err := json.Marshal(s)
	if err != nil {
		return "", fmt.Errorf("encode session: %w", err)
	}
	signed := sessionVersion + "." + base64.RawURLEncoding.EncodeToString(payload)
	return signed + "." + base64.RawURLEncoding.EncodeToString(sessionMAC(key, signed)), nil
}

var errBadSession = errors.New("not a session of this issuer")

// decodeSession reads a cookie value, refusing one not signed with key or expired at now.
func decodeSession(key []byte, value string, now time.Time) (session, error) {
	if len(value) > maxSessionCookie {
		return session{}, fmt.Errorf("%w: %d bytes", errBadSession, len(value))
	}
	signed, mac, ok := cutLast(value, ".")
	if !ok {
		return session{}, errBadSession
	}
	version, payload, ok := strings.Cut(signed, ".")
	if !ok || version != sessionVersion {
		return session{}, errBadSession
	}
	got, err := base64.RawURLEncoding.DecodeString(mac)
	if err != nil || !hmac.Equal(got, sessionMAC(key, signed)) {
		return session{}, fmt.Errorf("%w: bad signature", errBadSession)
	}
	raw, err := base64.RawURLEncoding.DecodeString(payload)
	if err != nil {
		return session{}, errBadSession
	}
	var s session
	if err := json.Unmarshal(raw, &s); err != nil || s.User == "" {
		return session{}, errBadSession
	}
	if !now.Before(time.Unix(s.Expires, 0)) {
		return session{}, fmt.Errorf("%w: expired", errBadSession)
	}
	return s, nil
}

func cutLast(s, sep string) (before, after string, ok bool) {
	i := strings.LastIndex(s, sep)
	if i < 0 {
		return s, "", false
	}
	return s[:i], s[i+len(sep):], true
}

// sessionAnswers says whether a browser's session may answer an authorization request
// without asking for the password: not when the request says prompt=login, nor when the
// password was checked longer ago than its max_age (op makes prompt=login a max_age of 0).
func sessionAnswers(prompt []string, maxAge *uint, s session, now time.Time) bool {
	if slices.Contains(prompt, oidc.PromptLogin) {
		return false
	}
	if maxAge != nil && now.Sub(time.Unix(s.AuthTime, 0)) >= time.Duration(*maxAge)*time.Second {
		return false
	}
	return true
}

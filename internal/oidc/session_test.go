package oidc

import (
	"encoding/base64"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/zitadel/oidc/v3/pkg/oidc"
)

func TestSessionCookieIsSignedAndExpires(t *testing.T) {
	key, err := sessionKey([32]byte{1})
	if err != nil {
		t.Fatal(err)
	}
	otherKey, _ := sessionKey([32]byte{2})
	now := time.Unix(1_800_000_000, 0)
	s := session{User: "alice", Generation: "g1", AuthTime: now.Unix(), Expires: now.Add(time.Hour).Unix()}
	value, err := encodeSession(key, s)
	if err != nil {
		t.Fatal(err)
	}
	signed, mac, _ := cutLast(value, ".")
	bobPayload := base64.RawURLEncoding.EncodeToString([]byte(`{"u":"bob","g":"g1","t":1800000000,"e":1800003600}`))

	for _, tc := range []struct {
		name, value string
		key         []byte
		at          time.Time
		ok          bool
	}{
		{"as signed", value, key, now, true},
		{"just before expiry", value, key, now.Add(time.Hour - time.Second), true},
		{"expired", value, key, now.Add(time.Hour), false},
		{"another issuer's key", value, otherKey, now, false},
		{"another user's name under alice's signature", sessionVersion + "." + bobPayload + "." + mac, key, now, false},
		{"no signature", signed, key, now, false},
		{"empty signature", signed + ".", key, now, false},
		{"signature truncated", value[:len(value)-2], key, now, false},
		{"another version", "v2" + strings.TrimPrefix(value, sessionVersion), key, now, false},
		{"garbage", "x", key, now, false},
		{"empty", "", key, now, false},
		{"too long", value + strings.Repeat("A", maxSessionCookie), key, now, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := decodeSession(tc.key, tc.value, tc.at)
			if tc.ok && (err != nil || got != s) {
				t.Errorf("decode: %+v, %v; want %+v", got, err, s)
			}
			if !tc.ok && err == nil {
				t.Errorf("decode accepted it: %+v", got)
			}
		})
	}
}

func TestSessionAnswers(t *testing.T) {
	now := time.Unix(1_800_000_000, 0)
	s := session{User: "alice", AuthTime: now.Add(-10 * time.Minute).Unix()}
	maxAge := func(n uint) *uint { return &n }
	for _, tc := range []struct {
		name string
		req  oidc.AuthRequest
		want bool
	}{
		{"plain", oidc.AuthRequest{}, true},
		{"prompt=none", oidc.AuthRequest{Prompt: []string{oidc.PromptNone}}, true},
		{"prompt=login", oidc.AuthRequest{Prompt: []string{oidc.PromptLogin}}, false},
		{"prompt=consent login", oidc.AuthRequest{Prompt: []string{oidc.PromptConsent, oidc.PromptLogin}}, false},
		{"max_age=0", oidc.AuthRequest{MaxAge: maxAge(0)}, false},
		{"max_age shorter than the session", oidc.AuthRequest{MaxAge: maxAge(60)}, false},
		{"max_age longer than the session", oidc.AuthRequest{MaxAge: maxAge(3600)}, true},
	} {
		if got := sessionAnswers(tc.req.Prompt, tc.req.MaxAge, s, now); got != tc.want {
			t.Errorf("%s: %v, want %v", tc.name, got, tc.want)
		}
	}
}

// TestSessionCookieAttributes: the cookie is scoped to the issuer's path, HttpOnly, Lax,
// and Secure when the issuer is https.
func TestSessionCookieAttributes(t *testing.T) {
	for _, tc := range []struct {
		issuer, path string
		secure       bool
	}{
		{"https://primehub.example.com/oidc", "/oidc/", true},
		{"http://127.0.0.1:8080/oidc/", "/oidc/", false},
		{"https://example.com/primehub/oidc", "/primehub/oidc/", true},
	} {
		p, err := New(Options{Issuer: tc.issuer, Keys: &Keys{}})
		if err != nil {
			t.Fatal(err)
		}
		c := p.sessionCookie("v", time.Now())
		if c.Path != tc.path || c.Secure != tc.secure || !c.HttpOnly || c.SameSite != http.SameSiteLaxMode {
			t.Errorf("issuer %s: cookie %s", tc.issuer, c)
		}
	}
}

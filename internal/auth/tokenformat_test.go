package auth

import (
	"strings"
	"testing"
)

func TestAPITokenFormat(t *testing.T) {
	token, id, err := newAPIToken()
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(token, "phat_"+id+"_") || len(id) != 16 {
		t.Fatalf("token %q, id %q", token, id)
	}
	other, _, _ := newAPIToken()
	if other == token {
		t.Fatal("two tokens are equal")
	}
	gotID, secret, ok := parseAPIToken(token)
	if !ok || gotID != id || len(secret) != 43 {
		t.Fatalf("parse %q = %q, %q, %v", token, gotID, secret, ok)
	}
	if h := secretHash(secret); len(h) != 64 || strings.Contains(h, secret) {
		t.Errorf("hash %q", h)
	}
	for _, bad := range []string{
		"", "phat_", "phat_0123456789abcdef", "phat_0123456789abcdef-secret", "phat_0123456789ABCDEF_secret",
		"phat_0123456789abcdeg_secret", "eyJhbGciOiJSUzI1NiJ9.e30.sig", "xphat_0123456789abcdef_secret",
	} {
		if _, _, ok := parseAPIToken(bad); ok {
			t.Errorf("parsed %q as a token", bad)
		}
	}
}

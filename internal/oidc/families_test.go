package oidc

import (
	"reflect"
	"strings"
	"testing"
	"time"

	corev1 "k8s.io/api/core/v1"

	"github.com/primehub/primehub/internal/names"
)

func TestFamilySecretRoundTrip(t *testing.T) {
	now := time.Unix(1_800_000_000, 0)
	f := &family{ID: familyOf("ref"), Subject: "Ada.Lovelace@Example.com", ClientID: "primehub", Generation: "g7",
		Scopes: []string{"openid", "offline_access"}, AuthTime: now, Created: now.Add(time.Nanosecond), Expires: now.Add(refreshLifetime), TokenHash: tokenHash("t")}
	s := f.toSecret("platform")
	if s.Name != "primehub-oidc-rt-"+f.ID || s.Namespace != "platform" || s.Labels[FamilyLabel] != "true" ||
		s.Labels[familyUserLabel] != names.Label(f.Subject) {
		t.Fatalf("secret %s/%s labels %v", s.Namespace, s.Name, s.Labels)
	}
	for _, v := range s.Data {
		if string(v) == "t" {
			t.Fatal("the secret holds the token itself, not its hash")
		}
	}
	got, err := familyFromSecret(s)
	if err != nil {
		t.Fatal(err)
	}
	got.secret = nil
	if !reflect.DeepEqual(got, f) {
		t.Errorf("read back %+v, want %+v", got, f)
	}
	f.Revoked = true
	if got, _ := familyFromSecret(f.toSecret("platform")); !got.Revoked || got.live(now) {
		t.Error("a revoked family reads back live")
	}

	bad := func(change func(*corev1.Secret)) *corev1.Secret {
		c := s.DeepCopy()
		change(c)
		return c
	}
	for name, s := range map[string]*corev1.Secret{
		"another name":  bad(func(s *corev1.Secret) { s.Name = "primehub-oidc-keys" }),
		"id not hex":    bad(func(s *corev1.Secret) { s.Name = familySecretName + strings.Repeat("z", 32) }),
		"no expiry":     bad(func(s *corev1.Secret) { delete(s.Data, famExpires) }),
		"no user":       bad(func(s *corev1.Secret) { delete(s.Data, famSubject) }),
		"no client":     bad(func(s *corev1.Secret) { delete(s.Data, famClient) }),
		"bad auth time": bad(func(s *corev1.Secret) { s.Data[famAuthTime] = []byte("yesterday") }),
		"no creation":   bad(func(s *corev1.Secret) { delete(s.Data, famCreated) }),
	} {
		if _, err := familyFromSecret(s); err == nil {
			t.Errorf("%s: read as a family", name)
		}
	}
}

func TestRefreshTokenFormat(t *testing.T) {
	id := familyOf("ref")
	if !isFamilyID(id) || familyOf("ref") != id || familyOf("other") == id {
		t.Fatalf("familyOf: %q", id)
	}
	tok := newRefreshToken(id)
	for _, tc := range []struct {
		token string
		ok    bool
	}{
		{tok, true},
		{id, false},
		{id + ".", false},
		{strings.ToUpper(id) + ".x", false},
		{"../../secrets/x.y", false},
		{id[:31] + ".x", false},
		{"", false},
	} {
		got, ok := parseRefreshToken(tc.token)
		if ok != tc.ok || (ok && got != id) {
			t.Errorf("parse %q: %q, %v; want ok=%v", tc.token, got, ok, tc.ok)
		}
	}
}

func TestOverflowingFamilies(t *testing.T) {
	now := time.Unix(1_800_000_000, 0)
	mk := func(id string, created time.Duration, revoked bool, expires time.Duration) *family {
		return &family{ID: id, Revoked: revoked, Expires: now.Add(expires), Created: now.Add(created)}
	}
	fams := []*family{
		mk("newest", -time.Minute, false, time.Hour),
		mk("oldest-revoked", -3*time.Hour, true, time.Hour),
		mk("oldest-expired", -3*time.Hour, false, -time.Minute),
		mk("old", -2*time.Hour, false, time.Hour),
		mk("middle", -time.Hour, false, time.Hour),
	}
	var ids []string
	for _, f := range overflowing(fams, now, 2) {
		ids = append(ids, f.ID)
	}
	if !reflect.DeepEqual(ids, []string{"old"}) {
		t.Errorf("revoked beyond 2: %v, want [old]", ids)
	}
	if got := overflowing(fams, now, 3); got != nil {
		t.Errorf("3 live within 3: %v", got)
	}
}

func TestSealer(t *testing.T) {
	a, err := newSealer([32]byte{1}, "authorization request", 256)
	if err != nil {
		t.Fatal(err)
	}
	other, _ := newSealer([32]byte{1}, "access token", 256)
	otherKey, _ := newSealer([32]byte{2}, "authorization request", 256)
	type v struct{ A string }
	sealed, err := a.seal(v{"x"})
	if err != nil {
		t.Fatal(err)
	}
	if again, _ := a.seal(v{"x"}); again == sealed {
		t.Error("sealing twice gave the same value: the nonce is not random")
	}
	var got v
	if err := a.open(sealed, &got); err != nil || got.A != "x" {
		t.Fatalf("open: %+v, %v", got, err)
	}
	flipped := []byte(sealed)
	flipped[len(flipped)-3] ^= 1
	long, _ := a.seal(v{strings.Repeat("x", 256)})
	for name, tc := range map[string]struct {
		s      *sealer
		sealed string
	}{
		"another purpose": {other, sealed},
		"another key":     {otherKey, sealed},
		"a bit flipped":   {a, string(flipped)},
		"truncated":       {a, sealed[:10]},
		"empty":           {a, ""},
		"not base64":      {a, "%%%"},
		"too long":        {a, long},
	} {
		if err := tc.s.open(tc.sealed, &got); err == nil {
			t.Errorf("%s: opened", name)
		}
	}
}

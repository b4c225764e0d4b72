package identity_test

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"

	"github.com/primehub/primehub/internal/auth"
	"github.com/primehub/primehub/internal/directory"
	"github.com/primehub/primehub/internal/oidc"
	"github.com/primehub/primehub/test/framework"
)

// issuerAt serves an embedded issuer with keys from namespace, as a fresh start of
// primehub would, and answers its URL.
func issuerAt(t *testing.T, namespace string, d directory.Directory) (*oidc.Keys, string) {
	t.Helper()
	keys, err := oidc.NewKeys(context.Background(), framework.Client(), namespace, framework.Logger(t))
	if err != nil {
		t.Fatal(err)
	}
	var p *oidc.Provider
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { p.ServeHTTP(w, r) }))
	t.Cleanup(srv.Close)
	p, err = oidc.New(oidc.Options{Issuer: srv.URL + "/oidc", LogoutRedirect: srv.URL + "/", Directory: d, Keys: keys,
		Clients: []oidc.Client{{ID: "primehub", Redirects: []string{srv.URL + "/test/callback"}}}, Log: framework.Logger(t)})
	if err != nil {
		t.Fatal(err)
	}
	return keys, srv.URL
}

func jwksKeyIDs(t *testing.T, issuer string) []string {
	t.Helper()
	resp, err := http.Get(issuer + "/oidc/keys")
	if err != nil {
		t.Fatal(err)
	}
	var set struct {
		Keys []map[string]any `json:"keys"`
	}
	if err := json.Unmarshal([]byte(readBody(t, resp)), &set); err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, k := range set.Keys {
		if _, private := k["d"]; private {
			t.Error("the JWKS publishes a private key")
		}
		ids = append(ids, k["kid"].(string))
	}
	return ids
}

func TestSigningKeysSurviveRestartsAndRotate(t *testing.T) {
	ns := framework.NewNamespace(t)
	d := framework.StartBuiltinDirectory(t, ns, framework.Logger(t))
	createUser(t, d, directory.User{Username: "margaret"}, "apollo-guidance")

	keys, first := issuerAt(t, ns, d)
	before := jwksKeyIDs(t, first)
	if len(before) != 1 {
		t.Fatalf("a new issuer publishes keys %v, want one", before)
	}
	tok := loginAt(t, first, "margaret", "apollo-guidance")

	// A restart (a new process on the same Secret) keeps the key.
	_, second := issuerAt(t, ns, d)
	if got := jwksKeyIDs(t, second); !slices.Equal(got, before) {
		t.Fatalf("after a restart the JWKS has %v, want %v", got, before)
	}

	if err := keys.Rotate(context.Background()); err != nil {
		t.Fatal(err)
	}
	_, third := issuerAt(t, ns, d)
	after := jwksKeyIDs(t, third)
	if len(after) != 2 || after[0] != before[0] {
		t.Fatalf("after a rotation the JWKS has %v, want the old key and a new one", after)
	}
	fresh := loginAt(t, third, "margaret", "apollo-guidance")
	if kid := keyID(t, fresh); kid != after[1] {
		t.Errorf("a token after the rotation is signed by %s, want the new key %s", kid, after[1])
	}

	// The embedded issuer's tokens are verified in process, with the keys of the Secret:
	// the one signed before the rotation still passes.
	a := auth.New(auth.Options{Issuer: first + "/oidc", ClientID: "primehub", IssuerKeys: keys.PublicKeys, Directory: d, Log: framework.Logger(t)})
	if id, err := a.AuthenticateToken(context.Background(), tok); err != nil || id.Username != "margaret" {
		t.Errorf("a token signed before the rotation: %+v, %v", id, err)
	}
}

func loginAt(t *testing.T, base, username, password string) string {
	t.Helper()
	b := newBrowser(t, &served{base: base})
	return b.login(username, password).Extra("id_token").(string)
}

func keyID(t *testing.T, token string) string {
	t.Helper()
	header, _, _ := strings.Cut(token, ".")
	raw, err := base64.RawURLEncoding.DecodeString(header)
	if err != nil {
		t.Fatal(err)
	}
	var h struct {
		KeyID string `json:"kid"`
	}
	if err := json.Unmarshal(raw, &h); err != nil {
		t.Fatal(err)
	}
	return h.KeyID
}

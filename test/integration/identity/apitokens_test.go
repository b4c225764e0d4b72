package identity_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/primehub/primehub/internal/directory"
	"github.com/primehub/primehub/test/framework"
)

// gql posts query with variables as token to the shared serve's API and decodes data.
func gql(t *testing.T, s *served, token, query string, vars map[string]any, data any) (codes []string) {
	t.Helper()
	body, _ := json.Marshal(map[string]any{"query": query, "variables": vars})
	req, _ := http.NewRequest(http.MethodPost, s.base+"/api/graphql", strings.NewReader(string(body)))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	out := readBody(t, resp)
	if resp.StatusCode != http.StatusOK {
		return []string{resp.Status}
	}
	var r struct {
		Data   json.RawMessage
		Errors []struct {
			Message    string
			Extensions struct{ Code string }
		}
	}
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatalf("%s: %v", out, err)
	}
	for _, e := range r.Errors {
		codes = append(codes, e.Extensions.Code+": "+e.Message)
	}
	if data != nil && len(r.Data) > 0 && string(r.Data) != "null" {
		if err := json.Unmarshal(r.Data, data); err != nil {
			t.Fatalf("%s: %v", out, err)
		}
	}
	return codes
}

func refusedWith(codes []string, code string) bool {
	for _, c := range codes {
		if strings.HasPrefix(c, code+":") {
			return true
		}
	}
	return false
}

// TestAPITokens: tokens may expire; a request authenticated by an API token cannot make
// more tokens or set the password without the current one (a leaked token must not become
// the account); administrators list and revoke a user's tokens.
func TestAPITokens(t *testing.T) {
	s := sharedServe(t)
	d := framework.StartBuiltinDirectory(t, s.namespace, framework.Logger(t))
	createUser(t, d, directory.User{Username: "token_tom"}, "tom-password-1")
	session := newBrowser(t, s).login("token_tom", "tom-password-1").Extra("id_token").(string)
	type created struct {
		CreateAPIToken struct {
			Token    string
			APIToken struct{ ID, ExpiresAt string } `json:"apiToken"`
		} `json:"createApiToken"`
	}
	create := `mutation($n: String!, $e: String) { createApiToken(name: $n, expiresAt: $e) { token apiToken { id expiresAt } } }`

	// Expiry.
	var short created
	expires := time.Now().Add(3 * time.Second).UTC().Truncate(time.Second).Add(time.Second)
	if codes := gql(t, s, session, create, map[string]any{"n": "short", "e": expires.Format(time.RFC3339)}, &short); codes != nil {
		t.Fatalf("createApiToken with expiresAt: %v", codes)
	}
	if short.CreateAPIToken.APIToken.ExpiresAt != expires.Format(time.RFC3339) {
		t.Errorf("expiresAt = %q, want %s", short.CreateAPIToken.APIToken.ExpiresAt, expires.Format(time.RFC3339))
	}
	if got := me(t, s, short.CreateAPIToken.Token); got != "token_tom" {
		t.Fatalf("a token before its expiry: me = %s", got)
	}
	for _, bad := range []string{time.Now().Add(-time.Hour).UTC().Format(time.RFC3339), "tomorrow"} {
		if codes := gql(t, s, session, create, map[string]any{"n": "bad", "e": bad}, nil); !refusedWith(codes, "BAD_USER_INPUT") {
			t.Errorf("expiresAt %q: %v, want BAD_USER_INPUT", bad, codes)
		}
	}

	// What an API token may not do.
	var long created
	if codes := gql(t, s, session, create, map[string]any{"n": "long"}, &long); codes != nil {
		t.Fatalf("createApiToken: %v", codes)
	}
	tok := long.CreateAPIToken.Token
	if codes := gql(t, s, tok, create, map[string]any{"n": "minted"}, nil); !refusedWith(codes, "FORBIDDEN") {
		t.Errorf("an API token made a token: %v", codes)
	}
	reset := `mutation($p: String, $c: String) { resetPassword(password: $p, currentPassword: $c) { id } }`
	if codes := gql(t, s, tok, reset, map[string]any{"p": "taken-over-1"}, nil); !refusedWith(codes, "FORBIDDEN") {
		t.Errorf("an API token set the password without the current one: %v", codes)
	}
	if codes := gql(t, s, tok, reset, map[string]any{"p": "taken-over-1", "c": "a-wrong-guess"}, nil); !refusedWith(codes, "FORBIDDEN") {
		t.Errorf("an API token set the password with a wrong current one: %v", codes)
	}
	if _, err := d.Authenticate(t.Context(), "token_tom", "taken-over-1"); err == nil {
		t.Fatal("the password was changed")
	}
	if codes := gql(t, s, tok, reset, map[string]any{"p": "tom-password-2", "c": "tom-password-1"}, nil); codes != nil {
		t.Errorf("with the current password: %v", codes)
	}

	// Expired by now.
	time.Sleep(time.Until(expires) + 100*time.Millisecond)
	if got := me(t, s, short.CreateAPIToken.Token); got != "401 Unauthorized" {
		t.Errorf("a token after its expiry: me = %s, want 401", got)
	}

	// An administrator lists tom's tokens and revokes one; tom cannot do it to others.
	admin := newBrowser(t, s).login("phadmin", adminPassword).Extra("id_token").(string)
	var listed struct {
		User struct {
			APITokens []struct{ ID, Name string } `json:"apiTokens"`
		}
	}
	if codes := gql(t, s, admin, `query($u: ID!) { user(where: {id: $u}) { apiTokens { id name } } }`, map[string]any{"u": "token_tom"}, &listed); codes != nil {
		t.Fatal(codes)
	}
	// Made within one second, the two may list in either order.
	got := fmt.Sprint(listed.User.APITokens)
	if want1, want2 := fmt.Sprintf("[{%s short} {%s long}]", short.CreateAPIToken.APIToken.ID, long.CreateAPIToken.APIToken.ID),
		fmt.Sprintf("[{%s long} {%s short}]", long.CreateAPIToken.APIToken.ID, short.CreateAPIToken.APIToken.ID); got != want1 && got != want2 {
		t.Errorf("the admin lists %v", listed.User.APITokens)
	}
	revoke := `mutation($id: ID, $u: String) { revokeApiToken(id: $id, username: $u) { id } }`
	if codes := gql(t, s, tok, revoke, map[string]any{"id": "0000000000000000", "u": "phadmin"}, nil); !refusedWith(codes, "FORBIDDEN") {
		t.Errorf("tom revoked the admin's tokens: %v", codes)
	}
	if codes := gql(t, s, admin, revoke, map[string]any{"id": long.CreateAPIToken.APIToken.ID, "u": "token_tom"}, nil); codes != nil {
		t.Fatalf("the admin revokes tom's token: %v", codes)
	}
	if got := me(t, s, tok); got != "401 Unauthorized" {
		t.Errorf("a revoked token: me = %s, want 401", got)
	}
}

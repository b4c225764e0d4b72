package identity_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	gooidc "github.com/coreos/go-oidc/v3/oidc"
	"golang.org/x/oauth2"
	"sigs.k8s.io/controller-runtime/pkg/client"

	"github.com/primehub/primehub/api/v1beta1"
	"github.com/primehub/primehub/internal/directory"
	"github.com/primehub/primehub/internal/directory/builtin"
	"github.com/primehub/primehub/internal/names"
	"github.com/primehub/primehub/test/framework"
)

// browser logs in to the embedded issuer as a person would, over loopback HTTP: it follows
// redirects with a cookie jar and stops where the issuer sends it back to the client.
type browser struct {
	t        *testing.T
	issuer   string
	redirect string
	client   *http.Client
	oauth    oauth2.Config
	provider *gooidc.Provider
}

func newBrowser(t *testing.T, s *served) *browser {
	t.Helper()
	jar, _ := cookiejar.New(nil)
	b := &browser{t: t, issuer: s.base + "/oidc", redirect: s.base + "/test/callback"}
	b.client = &http.Client{Jar: jar, Timeout: 30 * time.Second, CheckRedirect: func(req *http.Request, _ []*http.Request) error {
		if strings.HasPrefix(req.URL.String(), b.redirect) || strings.HasPrefix(req.URL.String(), s.base+"/?") || req.URL.String() == s.base+"/" {
			return http.ErrUseLastResponse
		}
		return nil
	}}
	p, err := gooidc.NewProvider(context.Background(), b.issuer)
	if err != nil {
		t.Fatalf("discovery of %s: %v", b.issuer, err)
	}
	b.provider = p
	b.oauth = oauth2.Config{ClientID: "primehub", Endpoint: p.Endpoint(), RedirectURL: b.redirect,
		Scopes: []string{gooidc.ScopeOpenID, "profile", "email", gooidc.ScopeOfflineAccess}}
	return b
}

var authRequestIDPattern = regexp.MustCompile(`name="authRequestID" value="([^"]+)"`)

// startLogin opens the authorization URL with PKCE and answers the login form's request id.
func (b *browser) startLogin(state, verifier string, opts ...oauth2.AuthCodeOption) string {
	b.t.Helper()
	id, back := b.authorize(state, verifier, opts...)
	if id == "" {
		b.t.Fatalf("authorization went back to the client (%s), not to the login form", back)
	}
	return id
}

// authorize opens the authorization URL with PKCE and answers where the browser ends: the
// login form's request id, or else the URL it is sent back to the client at (a code, when
// its session at the issuer answered; an error).
func (b *browser) authorize(state, verifier string, opts ...oauth2.AuthCodeOption) (string, *url.URL) {
	b.t.Helper()
	resp, err := b.client.Get(b.oauth.AuthCodeURL(state, append(opts, oauth2.S256ChallengeOption(verifier))...))
	if err != nil {
		b.t.Fatal(err)
	}
	body := readBody(b.t, resp)
	if m := authRequestIDPattern.FindStringSubmatch(body); resp.StatusCode == http.StatusOK && m != nil {
		return m[1], nil
	}
	back, err := url.Parse(resp.Header.Get("Location"))
	if resp.StatusCode != http.StatusFound || err != nil || !strings.HasPrefix(back.String(), b.redirect) {
		b.t.Fatalf("authorization URL answered %s to %q, neither the login form nor the client: %s", resp.Status, resp.Header.Get("Location"), body)
	}
	return "", back
}

// loginPrompt makes a login ask for the password even when the browser has a session.
var loginPrompt = oauth2.SetAuthURLParam("prompt", "login")

// submit posts the login form and answers the response, not followed past the client.
func (b *browser) submit(id, username, password string) (*http.Response, string) {
	b.t.Helper()
	resp, err := b.client.PostForm(b.issuer+"/login", url.Values{"authRequestID": {id}, "username": {username}, "password": {password}})
	if err != nil {
		b.t.Fatal(err)
	}
	return resp, readBody(b.t, resp)
}

// login logs in with the password (prompt=login, whatever session the browser has) and
// exchanges the code, with its PKCE verifier, for tokens.
func (b *browser) login(username, password string) *oauth2.Token {
	b.t.Helper()
	verifier, state := oauth2.GenerateVerifier(), "state-"+oauth2.GenerateVerifier()[:8]
	resp, body := b.submit(b.startLogin(state, verifier, loginPrompt), username, password)
	if resp.StatusCode != http.StatusFound {
		b.t.Fatalf("login as %s: %s %s", username, resp.Status, body)
	}
	back, err := url.Parse(resp.Header.Get("Location"))
	if err != nil || !strings.HasPrefix(back.String(), b.redirect) {
		b.t.Fatalf("login sent the browser to %q, not the client", resp.Header.Get("Location"))
	}
	return b.exchange(back, state, verifier)
}

// exchange checks that the client got its state and a code back, and exchanges the code,
// with its PKCE verifier, for tokens; without the verifier the exchange fails.
func (b *browser) exchange(back *url.URL, state, verifier string) *oauth2.Token {
	b.t.Helper()
	if back.Query().Get("state") != state || back.Query().Get("code") == "" {
		b.t.Fatalf("callback %s lacks the state or a code", back)
	}
	ctx := context.WithValue(context.Background(), oauth2.HTTPClient, b.client)
	if _, err := b.oauth.Exchange(ctx, back.Query().Get("code")); err == nil {
		b.t.Fatal("code exchanged without the PKCE verifier")
	}
	tok, err := b.oauth.Exchange(ctx, back.Query().Get("code"), oauth2.VerifierOption(verifier))
	if err != nil {
		b.t.Fatalf("exchange the code with its verifier: %v", err)
	}
	return tok
}

type claims struct {
	Subject           string   `json:"sub"`
	PreferredUsername string   `json:"preferred_username"`
	Email             string   `json:"email"`
	Name              string   `json:"name"`
	Groups            []string `json:"groups"`
	AuthTime          int64    `json:"auth_time"`
}

func (b *browser) verify(tok *oauth2.Token) (*gooidc.IDToken, claims) {
	b.t.Helper()
	raw, _ := tok.Extra("id_token").(string)
	idt, err := b.provider.Verifier(&gooidc.Config{ClientID: "primehub"}).Verify(context.Background(), raw)
	if err != nil {
		b.t.Fatalf("verify id_token: %v", err)
	}
	var c claims
	if err := idt.Claims(&c); err != nil {
		b.t.Fatal(err)
	}
	return idt, c
}

func readBody(t *testing.T, resp *http.Response) string {
	t.Helper()
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func createUser(t *testing.T, d directory.Directory, u directory.User, password string) {
	t.Helper()
	ctx := context.Background()
	if _, err := d.CreateUser(ctx, u); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = d.DeleteUser(context.Background(), u.Username) })
	if err := d.SetPassword(ctx, u.Username, password); err != nil {
		t.Fatal(err)
	}
	// Setting the password stores it, then starts a new session generation. serve reads
	// the user from its cache: a login before its cache has the new generation would
	// pair the new password with the old generation, and its tokens would be refused.
	// Wait until a cache (this test's) has it.
	cr := &v1beta1.User{}
	if err := framework.Client().Get(ctx, client.ObjectKey{Name: names.Label(u.Username)}, cr); err != nil {
		t.Fatal(err)
	}
	want := cr.Annotations[builtin.SessionGenerationAnnotation]
	framework.Eventually(t, 5*time.Second, func(ctx context.Context) error {
		if got, err := d.GetUser(ctx, u.Username); err != nil || got.SessionGeneration != want {
			return fmt.Errorf("the directory's cache does not have the new session generation of %s yet (%v)", u.Username, err)
		}
		return nil
	})
}

func TestLoginRefreshLogout(t *testing.T) {
	s := sharedServe(t)
	d := framework.StartBuiltinDirectory(t, s.namespace, framework.Logger(t))
	ctx := context.Background()
	username := "Ada.Lovelace@Example.com"
	createUser(t, d, directory.User{Username: username, Email: "ada@example.com", DisplayName: "Ada Lovelace"}, "analytical-engine")
	if _, err := d.CreateGroup(ctx, directory.Group{Name: "data_science", DisplayName: "Data Science", Members: []string{username}}); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = d.DeleteGroup(context.Background(), "data_science") })

	// Discovery names the endpoints under /oidc and PKCE.
	resp, err := http.Get(s.base + "/oidc/.well-known/openid-configuration")
	if err != nil {
		t.Fatal(err)
	}
	var disc map[string]any
	if err := json.Unmarshal([]byte(readBody(t, resp)), &disc); err != nil {
		t.Fatal(err)
	}
	if disc["issuer"] != s.base+"/oidc" || !strings.HasPrefix(disc["jwks_uri"].(string), s.base+"/oidc/") ||
		!slices.Contains(toStrings(disc["code_challenge_methods_supported"]), "S256") || disc["end_session_endpoint"] == nil {
		t.Errorf("discovery: %v", disc)
	}

	b := newBrowser(t, s)
	tok := b.login(username, "analytical-engine")
	idt, c := b.verify(tok)
	if c.PreferredUsername != username || c.Subject != username || c.Email != "ada@example.com" || c.Name != "Ada Lovelace" {
		t.Errorf("id_token claims %+v", c)
	}
	if !slices.Equal(c.Groups, []string{"everyone", "data_science"}) {
		t.Errorf("id_token groups %v, want [everyone data_science]", c.Groups)
	}
	if idt.Issuer != s.base+"/oidc" {
		t.Errorf("issuer %q", idt.Issuer)
	}
	if tok.RefreshToken == "" {
		t.Fatal("no refresh token for offline_access")
	}

	// Refresh: a new id_token; the used refresh token is spent.
	refreshed, err := b.oauth.TokenSource(ctx, &oauth2.Token{RefreshToken: tok.RefreshToken}).Token()
	if err != nil {
		t.Fatalf("refresh: %v", err)
	}
	if _, c2 := b.verify(refreshed); c2.PreferredUsername != username {
		t.Errorf("refreshed id_token for %q", c2.PreferredUsername)
	}

	// The access token reads the userinfo endpoint.
	info, err := b.provider.UserInfo(ctx, oauth2.StaticTokenSource(refreshed))
	if err != nil || info.Email != "ada@example.com" {
		t.Errorf("userinfo: %+v, %v", info, err)
	}
	// (Used twice, a refresh token revokes its family: TestRefreshTokenReuseRevokesItsFamily.)
	if _, err := b.oauth.TokenSource(ctx, &oauth2.Token{RefreshToken: tok.RefreshToken}).Token(); err == nil {
		t.Error("a refresh token worked twice")
	}

	// Logout redirects where asked and ends the session: refresh and access tokens.
	q := url.Values{"id_token_hint": {refreshed.Extra("id_token").(string)}, "post_logout_redirect_uri": {s.base + "/"}, "state": {"bye"}}
	resp, err = b.client.Get(disc["end_session_endpoint"].(string) + "?" + q.Encode())
	if err != nil {
		t.Fatal(err)
	}
	readBody(t, resp)
	if resp.StatusCode != http.StatusFound || resp.Header.Get("Location") != s.base+"/?state=bye" {
		t.Errorf("logout answered %s to %q", resp.Status, resp.Header.Get("Location"))
	}
	if _, err := b.oauth.TokenSource(ctx, &oauth2.Token{RefreshToken: refreshed.RefreshToken}).Token(); err == nil {
		t.Error("refresh worked after logout")
	}
	if _, err := b.provider.UserInfo(ctx, oauth2.StaticTokenSource(refreshed)); err == nil {
		t.Error("the access token read userinfo after logout")
	}

	// A user disabled since logging in cannot refresh.
	tok = b.login(username, "analytical-engine")
	if err := d.SetUserDisabled(ctx, username, true); err != nil {
		t.Fatal(err)
	}
	// serve sees the change through its informer, within moments.
	refresh := tok.RefreshToken
	framework.Eventually(t, 5*time.Second, func(ctx context.Context) error {
		next, err := b.oauth.TokenSource(ctx, &oauth2.Token{RefreshToken: refresh}).Token()
		if err != nil {
			return nil
		}
		refresh = next.RefreshToken
		return errors.New("a disabled user refreshed")
	})

	// The first start created the administrator with the password given.
	admin := newBrowser(t, s).login("phadmin", adminPassword)
	if _, c := b.verify(admin); c.PreferredUsername != "phadmin" {
		t.Errorf("admin logged in as %q", c.PreferredUsername)
	}
	assertNoSecrets(t, s.logs.String(), "analytical-engine", adminPassword, sharedSecret, tok.RefreshToken, tok.AccessToken, "$argon2id$")
}

func TestWrongPasswordAndBackoff(t *testing.T) {
	s := sharedServe(t)
	d := framework.StartBuiltinDirectory(t, s.namespace, framework.Logger(t))
	createUser(t, d, directory.User{Username: "grace_hopper"}, "cobol-rules")
	b := newBrowser(t, s)
	id := b.startLogin("st", oauth2.GenerateVerifier())

	resp, body := b.submit(id, "grace_hopper", "wrong-password")
	if resp.StatusCode != http.StatusUnauthorized || !strings.Contains(body, "Invalid username or password.") {
		t.Fatalf("wrong password: %s %s", resp.Status, body)
	}
	resp, body = b.submit(id, "nobody", "wrong-password")
	if resp.StatusCode != http.StatusUnauthorized || !strings.Contains(body, "Invalid username or password.") {
		t.Fatalf("unknown user answered differently: %s %s", resp.Status, body)
	}
	for range 4 {
		b.submit(id, "grace_hopper", "wrong-password")
	}
	// Five failures in a row: even the right password waits now.
	resp, body = b.submit(id, "grace_hopper", "cobol-rules")
	if resp.StatusCode != http.StatusTooManyRequests || resp.Header.Get("Retry-After") == "" || !strings.Contains(body, "Too many failed logins") {
		t.Fatalf("after 5 failures: %s %s", resp.Status, body)
	}
	time.Sleep(1100 * time.Millisecond)
	resp, body = b.submit(id, "grace_hopper", "cobol-rules")
	if resp.StatusCode != http.StatusFound {
		t.Fatalf("after the wait, the right password: %s %s", resp.Status, body)
	}
	if strings.Contains(body, "argon2") {
		t.Error("a response holds a password hash")
	}
	assertNoSecrets(t, s.logs.String(), "cobol-rules", "wrong-password", adminPassword, "$argon2id$")
}

func assertNoSecrets(t *testing.T, logs string, secrets ...string) {
	t.Helper()
	if !strings.Contains(logs, "logged in") {
		t.Errorf("the logs captured hold no login: the check below would prove nothing")
	}
	for _, s := range secrets {
		if s != "" && strings.Contains(logs, s) {
			t.Errorf("serve's log holds a secret (%.6s…)", s)
		}
	}
}

func toStrings(v any) []string {
	var out []string
	if l, ok := v.([]any); ok {
		for _, x := range l {
			if s, ok := x.(string); ok {
				out = append(out, s)
			}
		}
	}
	return out
}

package identity_test

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"golang.org/x/oauth2"

	"github.com/primehub/primehub/internal/directory"
	"github.com/primehub/primehub/internal/oidc"
	"github.com/primehub/primehub/test/framework"
)

// sessionCookie is the browser's session cookie at the issuer, or nil.
func (b *browser) sessionCookie() *http.Cookie {
	u, _ := url.Parse(b.issuer + "/authorize")
	for _, c := range b.client.Jar.Cookies(u) {
		if c.Name == oidc.SessionCookie {
			return c
		}
	}
	return nil
}

func (b *browser) setSessionCookie(value string) {
	u, _ := url.Parse(b.issuer + "/")
	b.client.Jar.SetCookies(u, []*http.Cookie{{Name: oidc.SessionCookie, Value: value, Path: "/oidc/"}})
}

// asksPassword says whether an authorization request of b, without prompt, shows the
// login form rather than going back to the client with a code.
func (b *browser) asksPassword() bool {
	b.t.Helper()
	id, _ := b.authorize("st", oauth2.GenerateVerifier())
	return id != ""
}

// TestSessionAnswersTheNextLogin: after a password login, the browser's next
// authorization request (a reload of the console, which keeps its tokens in memory only)
// is answered without the password, for the same user and login time; prompt=login and
// max_age ask again; prompt=none without a session goes back with login_required.
func TestSessionAnswersTheNextLogin(t *testing.T) {
	s := sharedServe(t)
	d := framework.StartBuiltinDirectory(t, s.namespace, framework.Logger(t))
	createUser(t, d, directory.User{Username: "sso_sam"}, "sam-password-1")
	b := newBrowser(t, s)
	// The login's own answer (not followed) sets the cookie.
	verifier := oauth2.GenerateVerifier()
	direct := *b.client
	direct.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	resp, err := direct.PostForm(b.issuer+"/login", url.Values{"authRequestID": {b.startLogin("first", verifier)},
		"username": {"sso_sam"}, "password": {"sam-password-1"}})
	if err != nil {
		t.Fatal(err)
	}
	if body := readBody(t, resp); resp.StatusCode != http.StatusFound {
		t.Fatalf("login: %s %s", resp.Status, body)
	}
	var set string
	for _, c := range resp.Header.Values("Set-Cookie") {
		if strings.HasPrefix(c, oidc.SessionCookie+"=") {
			set = c
		}
	}
	for _, attr := range []string{"Path=/oidc/", "HttpOnly", "SameSite=Lax", "Expires="} {
		if !strings.Contains(set, attr) {
			t.Errorf("the session cookie %q lacks %s", set, attr)
		}
	}
	if strings.Contains(set, "Secure") {
		t.Errorf("the session cookie of an http issuer is Secure: %q", set)
	}
	resp, err = b.client.Get(resp.Header.Get("Location"))
	if err != nil {
		t.Fatal(err)
	}
	readBody(t, resp)
	back, _ := url.Parse(resp.Header.Get("Location"))
	first := b.exchange(back, "first", verifier)
	_, firstClaims := b.verify(first)

	verifier = oauth2.GenerateVerifier()
	id, back := b.authorize("second", verifier)
	if id != "" {
		t.Fatal("the second authorization of the browser asked for the password")
	}
	again := b.exchange(back, "second", verifier)
	if _, c := b.verify(again); c.Subject != "sso_sam" || c.AuthTime == 0 || c.AuthTime != firstClaims.AuthTime {
		t.Errorf("the session's login is %s at %d, want sso_sam at %d (the password login)", c.Subject, c.AuthTime, firstClaims.AuthTime)
	}
	if again.RefreshToken == "" || again.RefreshToken == first.RefreshToken {
		t.Error("the session's login has no refresh token of its own")
	}

	verifier = oauth2.GenerateVerifier()
	id, back = b.authorize("silent", verifier, oauth2.SetAuthURLParam("prompt", "none"))
	if id != "" {
		t.Error("prompt=none with a session showed the login form")
	} else if _, c := b.verify(b.exchange(back, "silent", verifier)); c.Subject != "sso_sam" {
		t.Errorf("prompt=none logged in %q", c.Subject)
	}
	if id, _ := b.authorize("st", oauth2.GenerateVerifier(), loginPrompt); id == "" {
		t.Error("prompt=login did not ask for the password")
	}
	if id, _ := b.authorize("st", oauth2.GenerateVerifier(), oauth2.SetAuthURLParam("max_age", "0")); id == "" {
		t.Error("max_age=0 did not ask for the password")
	}
	if id, _ := b.authorize("st", oauth2.GenerateVerifier(), oauth2.SetAuthURLParam("max_age", "3600")); id != "" {
		t.Error("max_age=3600 asked for the password of a login made just now")
	}

	// Another browser has no session.
	other := newBrowser(t, s)
	if !other.asksPassword() {
		t.Error("a browser without the cookie logged in")
	}
	id, back = other.authorize("quiet", oauth2.GenerateVerifier(), oauth2.SetAuthURLParam("prompt", "none"))
	if id != "" || back.Query().Get("error") != "login_required" || back.Query().Get("state") != "quiet" {
		t.Errorf("prompt=none without a session: form %q, back to %s; want the client told login_required", id, back)
	}
	assertNoSecrets(t, s.logs.String(), b.sessionCookie().Value, "sam-password-1", first.RefreshToken)
}

// TestSessionEndsWithPasswordChangeAndDisabling: a password change ends the browser's
// session, and so does an admin disabling the user, even once enabled again.
func TestSessionEndsWithPasswordChangeAndDisabling(t *testing.T) {
	s := sharedServe(t)
	d := framework.StartBuiltinDirectory(t, s.namespace, framework.Logger(t))
	ctx := context.Background()
	createUser(t, d, directory.User{Username: "sso_pat"}, "pat-password-1")
	b := newBrowser(t, s)
	b.login("sso_pat", "pat-password-1")
	if b.asksPassword() {
		t.Fatal("the session did not answer before the change")
	}
	if err := d.SetPassword(ctx, "sso_pat", "pat-password-2"); err != nil {
		t.Fatal(err)
	}
	// serve sees the change through its informer, within moments.
	framework.Eventually(t, 5*time.Second, func(context.Context) error {
		if !b.asksPassword() {
			return errors.New("the session from before the password change still logs in")
		}
		return nil
	})

	b.login("sso_pat", "pat-password-2")
	if b.asksPassword() {
		t.Fatal("the session of the new password did not answer")
	}
	if err := d.SetUserDisabled(ctx, "sso_pat", true); err != nil {
		t.Fatal(err)
	}
	if err := d.SetUserDisabled(ctx, "sso_pat", false); err != nil {
		t.Fatal(err)
	}
	framework.Eventually(t, 5*time.Second, func(context.Context) error {
		if !b.asksPassword() {
			return errors.New("the session from before disabling the user still logs in")
		}
		return nil
	})
}

// TestLogoutEndsTheSession: logging out (end_session, as the console's signoutRedirect
// does) clears the browser's session.
func TestLogoutEndsTheSession(t *testing.T) {
	s := sharedServe(t)
	d := framework.StartBuiltinDirectory(t, s.namespace, framework.Logger(t))
	createUser(t, d, directory.User{Username: "sso_lou"}, "lou-password-1")
	b := newBrowser(t, s)
	tok := b.login("sso_lou", "lou-password-1")
	if b.asksPassword() {
		t.Fatal("the session did not answer before logout")
	}
	q := url.Values{"id_token_hint": {tok.Extra("id_token").(string)}, "post_logout_redirect_uri": {s.base + "/"}}
	resp, err := b.client.Get(b.issuer + "/end_session?" + q.Encode())
	if err != nil {
		t.Fatal(err)
	}
	readBody(t, resp)
	if resp.StatusCode != http.StatusFound {
		t.Fatalf("logout: %s", resp.Status)
	}
	if c := b.sessionCookie(); c != nil {
		t.Errorf("after logout the browser keeps the session cookie")
	}
	if !b.asksPassword() {
		t.Error("after logout the browser logged in without the password")
	}
}

// TestForgedSessionIsRefused: a session cookie whose user was changed, or signed with
// another key, or garbage, logs nobody in.
func TestForgedSessionIsRefused(t *testing.T) {
	s := sharedServe(t)
	d := framework.StartBuiltinDirectory(t, s.namespace, framework.Logger(t))
	createUser(t, d, directory.User{Username: "sso_eve"}, "eve-password-1")
	b := newBrowser(t, s)
	b.login("sso_eve", "eve-password-1")
	c := b.sessionCookie()
	if c == nil {
		t.Fatal("a login set no session cookie")
	}
	genuine := c.Value
	parts := strings.Split(genuine, ".")
	if len(parts) != 3 {
		t.Fatalf("the session cookie is %d dot-separated parts, want 3", len(parts))
	}
	raw, err := base64.RawURLEncoding.DecodeString(parts[1])
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(raw), "argon2") || strings.Contains(string(raw), "eve-password-1") {
		t.Fatalf("the session cookie holds a password or its hash: %s", raw)
	}
	var claims map[string]any
	if err := json.Unmarshal(raw, &claims); err != nil {
		t.Fatal(err)
	}
	// The same session as the administrator's, under eve's signature.
	claims["u"] = "phadmin"
	asAdmin, _ := json.Marshal(claims)
	payload := base64.RawURLEncoding.EncodeToString(asAdmin)
	mac := hmac.New(sha256.New, []byte("a key that is not the issuer's"))
	mac.Write([]byte(parts[0] + "." + payload))
	for name, value := range map[string]string{
		"the user changed":       parts[0] + "." + payload + "." + parts[2],
		"signed by another key":  parts[0] + "." + payload + "." + base64.RawURLEncoding.EncodeToString(mac.Sum(nil)),
		"the signature stripped": parts[0] + "." + parts[1],
		"garbage":                "garbage",
	} {
		b.setSessionCookie(value)
		if id, back := b.authorize("st", oauth2.GenerateVerifier()); id == "" {
			t.Errorf("a session cookie with %s logged in: back to %s", name, back)
		}
	}
	b.setSessionCookie(genuine)
	if b.asksPassword() {
		t.Error("the genuine cookie, set back, did not log in: the test above proves nothing")
	}
}

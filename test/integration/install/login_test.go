package install_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"golang.org/x/oauth2"

	"github.com/primehub/primehub/test/framework"
)

var httpClient = &http.Client{Timeout: 10 * time.Second}

func get(url string) (string, error) {
	resp, err := httpClient.Get(url)
	if err != nil {
		return "", err
	}
	body := readAll(resp)
	if resp.StatusCode != http.StatusOK {
		return body, fmt.Errorf("%s: %s %s", url, resp.Status, body)
	}
	return body, nil
}

func readAll(resp *http.Response) string {
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return string(b)
}

var authRequestIDPattern = regexp.MustCompile(`name="authRequestID" value="([^"]+)"`)

// login logs username in at base's embedded issuer as the console does (code with PKCE)
// and answers the id_token. A user just created is retried for a while.
func login(t *testing.T, base, username, password string) string {
	t.Helper()
	var idt string
	framework.Eventually(t, 30*time.Second, func(context.Context) error {
		var err error
		idt, err = tryLogin(base, username, password)
		return err
	})
	return idt
}

func tryLogin(base, username, password string) (string, error) {
	issuer, redirect := base+"/oidc", base+"/console/callback"
	jar, _ := cookiejar.New(nil)
	browser := &http.Client{Jar: jar, Timeout: 30 * time.Second,
		CheckRedirect: func(req *http.Request, _ []*http.Request) error {
			if strings.HasPrefix(req.URL.String(), redirect) {
				return http.ErrUseLastResponse
			}
			return nil
		}}
	oc := oauth2.Config{ClientID: "primehub", RedirectURL: redirect, Scopes: []string{"openid", "profile", "email"},
		Endpoint: oauth2.Endpoint{AuthURL: issuer + "/authorize", TokenURL: issuer + "/oauth/token", AuthStyle: oauth2.AuthStyleInParams}}
	verifier := oauth2.GenerateVerifier()
	resp, err := browser.Get(oc.AuthCodeURL("state-1", oauth2.S256ChallengeOption(verifier)))
	if err != nil {
		return "", err
	}
	body := readAll(resp)
	m := authRequestIDPattern.FindStringSubmatch(body)
	if m == nil {
		return "", fmt.Errorf("authorization answered %s, not the login form: %s", resp.Status, body)
	}
	resp, err = browser.PostForm(issuer+"/login", url.Values{"authRequestID": {m[1]}, "username": {username}, "password": {password}})
	if err != nil {
		return "", err
	}
	body = readAll(resp)
	back, err := url.Parse(resp.Header.Get("Location"))
	if resp.StatusCode != http.StatusFound || err != nil || back.Query().Get("code") == "" {
		return "", fmt.Errorf("login as %s: %s to %q: %s", username, resp.Status, resp.Header.Get("Location"), body)
	}
	tok, err := oc.Exchange(context.WithValue(context.Background(), oauth2.HTTPClient, browser),
		back.Query().Get("code"), oauth2.VerifierOption(verifier))
	if err != nil {
		return "", fmt.Errorf("exchange the code: %w", err)
	}
	idt, _ := tok.Extra("id_token").(string)
	if idt == "" {
		return "", errors.New("no id_token")
	}
	return idt, nil
}

package identity_test

import (
	"context"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/base64"
	"encoding/json"
	"encoding/pem"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"time"

	jose "github.com/go-jose/go-jose/v4"
	"github.com/go-logr/logr/funcr"
	corev1 "k8s.io/api/core/v1"
	"sigs.k8s.io/controller-runtime/pkg/client"

	"github.com/primehub/primehub/internal/auth"
	"github.com/primehub/primehub/internal/directory"
	"github.com/primehub/primehub/internal/oidc"
	"github.com/primehub/primehub/test/framework"
)

const sharedSecret = "the-shared-graphql-secret"

// whoami serves, behind the auth middleware, the identity of each request.
func whoami(t *testing.T, a *auth.Authenticator) *httptest.Server {
	srv := httptest.NewServer(a.Middleware(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id, _ := auth.FromContext(r.Context())
		_ = json.NewEncoder(w).Encode(id)
	})))
	t.Cleanup(srv.Close)
	return srv
}

func call(t *testing.T, srv *httptest.Server, token string) (int, auth.Identity, string) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, srv.URL, nil)
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	body := readBody(t, resp)
	var id auth.Identity
	if resp.StatusCode == http.StatusOK {
		if err := json.Unmarshal([]byte(body), &id); err != nil {
			t.Fatal(err)
		}
	}
	return resp.StatusCode, id, body
}

// issuerKey is the embedded issuer's current signing key, read from its Secret as only
// the cluster admin can, to sign tokens that are genuine in all but one claim.
func issuerKey(t *testing.T, namespace string) (string, *rsa.PrivateKey) {
	t.Helper()
	s := &corev1.Secret{}
	if err := framework.Client().Get(context.Background(), client.ObjectKey{Namespace: namespace, Name: oidc.KeysSecret}, s); err != nil {
		t.Fatal(err)
	}
	var keys []struct {
		ID  string `json:"kid"`
		PEM string `json:"pem"`
	}
	if err := json.Unmarshal(s.Data["signing-keys.json"], &keys); err != nil || len(keys) == 0 {
		t.Fatalf("signing keys: %v", err)
	}
	last := keys[len(keys)-1]
	block, _ := pem.Decode([]byte(last.PEM))
	priv, err := x509.ParsePKCS1PrivateKey(block.Bytes)
	if err != nil {
		t.Fatal(err)
	}
	return last.ID, priv
}

func sign(t *testing.T, kid string, key *rsa.PrivateKey, claims map[string]any) string {
	t.Helper()
	signer, err := jose.NewSigner(jose.SigningKey{Algorithm: jose.RS256, Key: jose.JSONWebKey{Key: key, KeyID: kid}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	payload, _ := json.Marshal(claims)
	jws, err := signer.Sign(payload)
	if err != nil {
		t.Fatal(err)
	}
	out, err := jws.CompactSerialize()
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestBearerTokens(t *testing.T) {
	s := sharedServe(t)
	d := framework.StartBuiltinDirectory(t, s.namespace, framework.Logger(t))
	ctx := context.Background()
	username := "Katherine_Johnson"
	createUser(t, d, directory.User{Username: username, Email: "kj@example.com"}, "orbital-mechanics")
	createUser(t, d, directory.User{Username: "dorothy"}, "fortran-forever")
	g := directory.Group{Name: "flight_research", DisplayName: "Flight Research", Members: []string{username, "dorothy"}, Admins: []string{username}}
	if _, err := d.CreateGroup(ctx, g); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = d.DeleteGroup(context.Background(), g.Name) })

	tokens, err := auth.NewAPITokens(framework.Config(), framework.Scheme, s.namespace, framework.Logger(t))
	if err != nil {
		t.Fatal(err)
	}
	tctx, cancel := context.WithCancel(ctx)
	t.Cleanup(cancel)
	go func() { _ = tokens.Start(tctx) }()
	if !tokens.WaitForCacheSync(ctx) {
		t.Fatal("API token cache did not sync")
	}
	logs := &syncBuffer{}
	log := funcr.New(func(prefix, args string) { _, _ = logs.Write([]byte(prefix + " " + args + "\n")) }, funcr.Options{Verbosity: 9})
	// The issuer is discovered over HTTP, as any issuer given by --oidc-issuer would be.
	a := auth.New(auth.Options{Issuer: s.base + "/oidc", ClientID: "primehub", SharedSecret: sharedSecret,
		Directory: d, Tokens: tokens, Log: log})
	srv := whoami(t, a)

	tok := newBrowser(t, s).login(username, "orbital-mechanics")
	idToken := tok.Extra("id_token").(string)
	code, id, body := call(t, srv, idToken)
	if code != http.StatusOK {
		t.Fatalf("a genuine id_token: %d %s", code, body)
	}
	if id.Username != username || id.Admin || id.Method != auth.MethodIDToken ||
		!slices.Equal(id.Groups, []string{"everyone", "flight_research"}) || !slices.Equal(id.AdminOf, []string{"flight_research"}) {
		t.Errorf("identity %+v", id)
	}

	code, id, _ = call(t, srv, sharedSecret)
	if code != http.StatusOK || !id.Admin || id.Method != auth.MethodSharedSecret {
		t.Errorf("shared secret: %d %+v", code, id)
	}

	kid, key := issuerKey(t, s.namespace)
	now := time.Now()
	genuine := map[string]any{"iss": s.base + "/oidc", "sub": username, "preferred_username": username,
		"aud": "primehub", "iat": now.Unix(), "exp": now.Add(time.Hour).Unix()}
	with := func(k string, v any) map[string]any {
		c := map[string]any{}
		for kk, vv := range genuine {
			c[kk] = vv
		}
		c[k] = v
		return c
	}
	if code, _, _ := call(t, srv, sign(t, kid, key, genuine)); code != http.StatusOK {
		t.Fatalf("a token signed with the issuer's key is refused (%d): the cases below would prove nothing", code)
	}
	forger, _ := rsa.GenerateKey(rand.Reader, 2048)
	tampered := strings.Split(idToken, ".")
	payload, _ := json.Marshal(with("preferred_username", "dorothy"))
	tampered[1] = base64.RawURLEncoding.EncodeToString(payload)
	for name, token := range map[string]string{
		"no token":            "",
		"garbage":             "not-a-token",
		"wrong shared secret": sharedSecret + "x",
		"forged signature":    sign(t, kid, forger, genuine),
		"tampered claims":     strings.Join(tampered, "."),
		"expired":             sign(t, kid, key, with("exp", now.Add(-time.Minute).Unix())),
		"wrong audience":      sign(t, kid, key, with("aud", "another-client")),
		"wrong issuer":        sign(t, kid, key, with("iss", "https://evil.example.com/oidc")),
		"unknown user":        sign(t, kid, key, with("sub", "nobody-at-all")),
		// The issuer's subject names the user, never a preferred_username that an
		// external issuer may let its users choose.
		"preferred_username of another subject": sign(t, kid, key, with("sub", "someone-else-at-the-issuer")),
		"unknown API token":                     "phat_0123456789abcdef_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
		"access token instead":                  tok.AccessToken,
	} {
		if code, _, body := call(t, srv, token); code != http.StatusUnauthorized {
			t.Errorf("%s: %d %s, want 401", name, code, body)
		}
	}

	// An administrator may name the claim that holds the username instead.
	byClaim := whoami(t, auth.New(auth.Options{Issuer: s.base + "/oidc", ClientID: "primehub", UsernameClaim: "upn", Directory: d, Log: log}))
	if code, id, body := call(t, byClaim, sign(t, kid, key, with("upn", username))); code != http.StatusOK || id.Username != username {
		t.Errorf("username in the claim the admin named: %d %+v %s", code, id, body)
	}
	if code, _, _ := call(t, byClaim, sign(t, kid, key, genuine)); code != http.StatusUnauthorized {
		t.Errorf("without the claim the admin named: %d, want 401", code)
	}

	// Personal API tokens: shown once, listed without their value, last use recorded,
	// revocable.
	value, created, err := tokens.Create(ctx, username, "laptop")
	if err != nil {
		t.Fatal(err)
	}
	if code, id, _ := call(t, srv, value); code != http.StatusOK || id.Username != username || id.Method != auth.MethodAPIToken {
		t.Errorf("API token: %d %+v", code, id)
	}
	framework.Eventually(t, 10*time.Second, func(ctx context.Context) error {
		list, err := tokens.List(ctx, username)
		if err != nil || len(list) != 1 || list[0].ID != created.ID || list[0].Name != "laptop" || list[0].LastUsed.IsZero() {
			return errorf("tokens of %s: %+v, %v", username, list, err)
		}
		return nil
	})
	if list, _ := tokens.List(ctx, "dorothy"); len(list) != 0 {
		t.Errorf("dorothy sees tokens %+v", list)
	}
	stored := &corev1.Secret{}
	if err := framework.Client().Get(ctx, client.ObjectKey{Namespace: s.namespace, Name: "api-token-" + created.ID}, stored); err != nil {
		t.Fatal(err)
	}
	for _, v := range stored.Data {
		if strings.Contains(value, string(v)) || strings.Contains(string(v), value[len("phat_")+17:]) {
			t.Error("the token's value is stored")
		}
	}
	if err := tokens.Revoke(ctx, "dorothy", created.ID); err == nil {
		t.Error("dorothy revoked another user's token")
	}
	if err := tokens.Revoke(ctx, username, created.ID); err != nil {
		t.Fatal(err)
	}
	if code, _, _ := call(t, srv, value); code != http.StatusUnauthorized {
		t.Errorf("revoked API token: %d, want 401", code)
	}

	// Disabling a user stops their tokens at once.
	value, _, err = tokens.Create(ctx, username, "ci")
	if err != nil {
		t.Fatal(err)
	}
	if err := d.SetUserDisabled(ctx, username, true); err != nil {
		t.Fatal(err)
	}
	for name, token := range map[string]string{"id_token": idToken, "API token": value} {
		if code, _, _ := call(t, srv, token); code != http.StatusUnauthorized {
			t.Errorf("%s of a disabled user: %d, want 401", name, code)
		}
	}

	// A deleted user's tokens go with them: a new user of the same name gets none.
	revokeCtx, stopRevoking := context.WithCancel(ctx)
	defer stopRevoking()
	go tokens.RevokeOnUserDeletion(revokeCtx, d)
	value, orphan, err := tokens.Create(ctx, "dorothy", "old laptop")
	if err != nil {
		t.Fatal(err)
	}
	if err := d.DeleteUser(ctx, "dorothy"); err != nil {
		t.Fatal(err)
	}
	framework.Eventually(t, 10*time.Second, func(ctx context.Context) error {
		err := framework.Client().Get(ctx, client.ObjectKey{Namespace: s.namespace, Name: "api-token-" + orphan.ID}, &corev1.Secret{})
		if err == nil {
			return errorf("the token of deleted user dorothy is still stored")
		}
		return nil
	})
	createUser(t, d, directory.User{Username: "dorothy"}, "fortran-forever")
	if code, _, _ := call(t, srv, value); code != http.StatusUnauthorized {
		t.Errorf("a deleted user's token works for a new user of the same name: %d", code)
	}

	if !strings.Contains(logs.String(), "request not authenticated") {
		t.Error("refusals are not logged: the check below would prove nothing")
	}
	for _, secret := range []string{idToken, value, tok.AccessToken, sharedSecret, tampered[2]} {
		if strings.Contains(logs.String(), secret) || strings.Contains(s.logs.String(), secret) {
			t.Errorf("a log line holds a token (%.10s…)", secret)
		}
	}
}

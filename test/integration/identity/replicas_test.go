package identity_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"golang.org/x/oauth2"
	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"sigs.k8s.io/controller-runtime/pkg/client"

	"github.com/primehub/primehub/internal/directory"
	"github.com/primehub/primehub/internal/oidc"
	"github.com/primehub/primehub/test/framework"
)

// replicas are embedded issuers on one Secret and one API server, as the chart's
// replicas are, behind one URL: each request goes to the next replica in turn, or to the
// one pinned.
type replicas struct {
	t         *testing.T
	namespace string
	dir       directory.Directory
	url       string
	mu        sync.Mutex
	providers []*oidc.Provider
	next      atomic.Int32
	pinned    atomic.Int32 // -1: in turn
}

func startReplicas(t *testing.T, n int) *replicas {
	t.Helper()
	ns := framework.NewNamespace(t)
	r := &replicas{t: t, namespace: ns, dir: framework.StartBuiltinDirectory(t, ns, framework.Logger(t))}
	r.pinned.Store(-1)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		r.mu.Lock()
		i := r.pinned.Load()
		if i < 0 {
			i = (r.next.Add(1) - 1) % int32(len(r.providers))
		}
		p := r.providers[i]
		r.mu.Unlock()
		p.ServeHTTP(w, req)
	}))
	t.Cleanup(srv.Close)
	r.url = srv.URL
	for range n {
		r.add()
	}
	return r
}

// add starts one more replica, as a new process would: its own keys, read from the Secret.
func (r *replicas) add() *oidc.Provider {
	r.t.Helper()
	keys, err := oidc.NewKeys(context.Background(), framework.Client(), r.namespace, framework.Logger(r.t))
	if err != nil {
		r.t.Fatal(err)
	}
	p, err := oidc.New(oidc.Options{Issuer: r.url + "/oidc", LogoutRedirect: r.url + "/", Directory: r.dir, Keys: keys,
		Clients: []oidc.Client{{ID: "primehub", Redirects: []string{r.url + "/test/callback"}, PostLogoutRedirects: []string{r.url + "/"}}},
		Log:     framework.Logger(r.t)})
	if err != nil {
		r.t.Fatal(err)
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	r.providers = append(r.providers, p)
	return p
}

// on pins the following requests to replica i; -1 sends them to each in turn.
func (r *replicas) on(i int) { r.pinned.Store(int32(i)) }

func (b *browser) refresh(token string) (*oauth2.Token, error) {
	return b.oauth.TokenSource(context.Background(), &oauth2.Token{RefreshToken: token}).Token()
}

// TestLoginSurvivesAChangeOfReplica: with requests spread over two replicas, a login
// started on one finishes on the other, its code is exchanged on either, and the browser's
// session of one logs in at the other; a replica started later takes the refresh tokens.
func TestLoginSurvivesAChangeOfReplica(t *testing.T) {
	r := startReplicas(t, 2)
	createUser(t, r.dir, directory.User{Username: "replica_rae"}, "rae-password-1")
	b := newBrowser(t, &served{base: r.url})

	// In turn: authorize on one, the login page on the other, the password on the first,
	// the callback on the second, the code exchange on the first.
	tok := b.login("replica_rae", "rae-password-1")
	if _, c := b.verify(tok); c.Subject != "replica_rae" {
		t.Fatalf("logged in as %q", c.Subject)
	}
	// The session cookie set by one replica logs in at the other.
	for i := range 2 {
		r.on(i)
		if b.asksPassword() {
			t.Errorf("replica %d did not take the browser's session", i)
		}
	}

	// A refresh token minted by one replica works on the other, and its access token
	// reads userinfo there.
	r.on(0)
	next, err := b.refresh(tok.RefreshToken)
	if err != nil {
		t.Fatalf("refresh on replica 0: %v", err)
	}
	r.on(1)
	next, err = b.refresh(next.RefreshToken)
	if err != nil {
		t.Fatalf("refresh on replica 1 of a token of replica 0: %v", err)
	}
	r.on(0)
	if info, err := b.provider.UserInfo(context.Background(), oauth2.StaticTokenSource(next)); err != nil || info.Subject != "replica_rae" {
		t.Errorf("userinfo on replica 0 with an access token of replica 1: %+v, %v", info, err)
	}

	// A restart keeps refresh sessions: a replica started now takes the token.
	third := len(r.providers)
	r.add()
	r.on(third)
	if _, err := b.refresh(next.RefreshToken); err != nil {
		t.Errorf("a replica started after the login refused its refresh token: %v", err)
	}
}

// TestReuseAcrossReplicasRevokesTheFamily: a refresh token spent on one replica and
// presented again on the other revokes its family on both; so does a code exchanged on
// one and again on the other; logout on one ends the refresh tokens on the other.
func TestReuseAcrossReplicasRevokesTheFamily(t *testing.T) {
	r := startReplicas(t, 2)
	createUser(t, r.dir, directory.User{Username: "replica_ray"}, "ray-password-1")
	b := newBrowser(t, &served{base: r.url})
	ctx := context.Background()

	first := b.login("replica_ray", "ray-password-1")
	r.on(0)
	second, err := b.refresh(first.RefreshToken)
	if err != nil {
		t.Fatal(err)
	}
	r.on(1)
	if _, err := b.refresh(first.RefreshToken); err == nil {
		t.Fatal("a refresh token spent on replica 0 worked again on replica 1")
	}
	for i := range 2 {
		r.on(i)
		if _, err := b.refresh(second.RefreshToken); err == nil {
			t.Errorf("after the reuse, the family's current token still works on replica %d", i)
		}
		if _, err := b.provider.UserInfo(ctx, oauth2.StaticTokenSource(second)); err == nil {
			t.Errorf("after the reuse, the family's access token still reads userinfo on replica %d", i)
		}
	}

	// A code exchanged on replica 0, then again on replica 1, with a refresh token or
	// without: the tokens of the first exchange stop working.
	online := *b
	online.oauth.Scopes = []string{"openid", "profile", "email"}
	for _, c := range []*browser{b, &online} {
		r.on(-1)
		verifier, state := oauth2.GenerateVerifier(), "code-twice"
		id, _ := c.authorize(state, verifier, loginPrompt)
		resp, body := c.submit(id, "replica_ray", "ray-password-1")
		if resp.StatusCode != http.StatusFound {
			t.Fatalf("login: %s %s", resp.Status, body)
		}
		back, _ := url.Parse(resp.Header.Get("Location"))
		code := back.Query().Get("code")
		exchange := func() (*oauth2.Token, error) {
			return c.oauth.Exchange(context.WithValue(ctx, oauth2.HTTPClient, c.client), code, oauth2.VerifierOption(verifier))
		}
		r.on(0)
		got, err := exchange()
		if err != nil {
			t.Fatalf("exchange on replica 0 (scopes %v): %v", c.oauth.Scopes, err)
		}
		r.on(1)
		var refusal *oauth2.RetrieveError
		if _, err := exchange(); err == nil {
			t.Errorf("a code exchanged on replica 0 was exchanged again on replica 1 (scopes %v)", c.oauth.Scopes)
		} else if !errors.As(err, &refusal) || refusal.ErrorCode != "invalid_grant" {
			t.Errorf("a code exchanged twice: %v, want invalid_grant", err)
		}
		r.on(0)
		if got.RefreshToken != "" {
			if _, err := c.refresh(got.RefreshToken); err == nil {
				t.Error("after its code was used twice, the refresh token of its first exchange still works")
			}
		}
		if _, err := c.provider.UserInfo(ctx, oauth2.StaticTokenSource(got)); err == nil {
			t.Errorf("after its code was used twice, the access token of its first exchange still reads userinfo (scopes %v)", c.oauth.Scopes)
		}
	}

	// Logout on replica 0 ends, on replica 1, the refresh tokens and the access tokens,
	// those given with a refresh token and those without.
	r.on(-1)
	tok := b.login("replica_ray", "ray-password-1")
	onlineTok := online.login("replica_ray", "ray-password-1")
	r.on(0)
	q := url.Values{"id_token_hint": {tok.Extra("id_token").(string)}, "post_logout_redirect_uri": {r.url + "/"}}
	resp, err := b.client.Get(r.url + "/oidc/end_session?" + q.Encode())
	if err != nil {
		t.Fatal(err)
	}
	readBody(t, resp)
	r.on(1)
	if _, err := b.refresh(tok.RefreshToken); err == nil {
		t.Error("after logout on replica 0, the refresh token works on replica 1")
	}
	for _, at := range []*oauth2.Token{tok, onlineTok} {
		if _, err := b.provider.UserInfo(ctx, oauth2.StaticTokenSource(at)); err == nil {
			t.Error("after logout on replica 0, an access token reads userinfo on replica 1")
		}
	}
}

// TestRefreshTokenRaceAcrossReplicas: one refresh token presented at the same moment to
// both replicas, many times, is accepted once at most, and its family ends revoked: the
// family's Secret is replaced by compare-and-swap, so two replicas cannot both spend it.
func TestRefreshTokenRaceAcrossReplicas(t *testing.T) {
	r := startReplicas(t, 2)
	createUser(t, r.dir, directory.User{Username: "replica_rio"}, "rio-password-1")
	b := newBrowser(t, &served{base: r.url})
	tok := b.login("replica_rio", "rio-password-1")
	r.on(-1)
	const presentations = 8
	var accepted atomic.Int32
	var last atomic.Value
	var wg sync.WaitGroup
	start := make(chan struct{})
	for range presentations {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			if next, err := b.refresh(tok.RefreshToken); err == nil {
				accepted.Add(1)
				last.Store(next.RefreshToken)
			}
		}()
	}
	close(start)
	wg.Wait()
	if n := accepted.Load(); n > 1 {
		t.Fatalf("one refresh token presented %d times at once was accepted %d times", presentations, n)
	}
	if next, ok := last.Load().(string); ok {
		if _, err := b.refresh(next); err == nil {
			t.Error("after the token was presented again, the token it gave still works")
		}
	}
}

// TestFamiliesAreBounded: one user logging in again and again keeps at most 50 refresh
// families (Secrets); the oldest is revoked. Families past their expiry are deleted.
func TestFamiliesAreBounded(t *testing.T) {
	r := startReplicas(t, 1)
	createUser(t, r.dir, directory.User{Username: "replica_rex"}, "rex-password-1")
	b := newBrowser(t, &served{base: r.url})
	first := b.login("replica_rex", "rex-password-1")
	second := b.login("replica_rex", "rex-password-1")
	for i := range 49 {
		verifier := oauth2.GenerateVerifier()
		_, back := b.authorize(fmt.Sprint("s", i), verifier)
		if back == nil {
			t.Fatal("the browser's session did not answer")
		}
		b.exchange(back, fmt.Sprint("s", i), verifier)
	}
	if _, err := b.refresh(first.RefreshToken); err == nil {
		t.Error("the oldest of 51 logins can still refresh")
	}
	if _, err := b.refresh(second.RefreshToken); err != nil {
		t.Errorf("the second oldest of 51 logins cannot refresh: %v", err)
	}

	// An expired family is deleted; a live one, and other Secrets, are kept.
	ctx := context.Background()
	var list corev1.SecretList
	if err := framework.Client().List(ctx, &list, client.InNamespace(r.namespace), client.MatchingLabels{oidc.FamilyLabel: "true"}); err != nil {
		t.Fatal(err)
	}
	if len(list.Items) != 51 {
		t.Fatalf("%d refresh families, want 51", len(list.Items))
	}
	expired := list.Items[0].DeepCopy()
	expired.Data["expires"] = []byte(strconv.FormatInt(time.Now().Add(-time.Minute).Unix(), 10))
	if err := framework.Client().Update(ctx, expired); err != nil {
		t.Fatal(err)
	}
	other := &corev1.Secret{ObjectMeta: metav1.ObjectMeta{Name: "not-a-family", Namespace: r.namespace,
		Labels: map[string]string{"app.kubernetes.io/managed-by": "primehub"}}}
	if err := framework.Client().Create(ctx, other); err != nil {
		t.Fatal(err)
	}
	cleaning, stop := context.WithCancel(ctx)
	defer stop()
	go r.providers[0].DeleteExpiredEvery(cleaning, time.Hour)
	framework.Eventually(t, 10*time.Second, func(ctx context.Context) error {
		if err := framework.Client().Get(ctx, client.ObjectKeyFromObject(expired), &corev1.Secret{}); !apierrors.IsNotFound(err) {
			return fmt.Errorf("the expired family is still there: %v", err)
		}
		return nil
	})
	if err := framework.Client().List(ctx, &list, client.InNamespace(r.namespace), client.MatchingLabels{oidc.FamilyLabel: "true"}); err != nil {
		t.Fatal(err)
	}
	if len(list.Items) != 50 {
		t.Errorf("%d refresh families after deleting the expired one, want 50", len(list.Items))
	}
	if err := framework.Client().Get(ctx, client.ObjectKeyFromObject(other), &corev1.Secret{}); err != nil {
		t.Errorf("another Secret: %v", err)
	}
}

package identity_test

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"strings"
	"testing"
	"time"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/primehub/primehub/api/v1beta1"
	"github.com/primehub/primehub/internal/directory"
	"github.com/primehub/primehub/internal/proxy"
	"github.com/primehub/primehub/test/framework"
)

// notebookBrowser is a browser opening notebooks: it follows no redirect by itself, so
// each hop of the way in is seen.
type notebookBrowser struct {
	t      *testing.T
	s      *served
	client *http.Client
}

func newNotebookBrowser(t *testing.T, s *served) *notebookBrowser {
	jar, _ := cookiejar.New(nil)
	return &notebookBrowser{t: t, s: s, client: &http.Client{Jar: jar, Timeout: 30 * time.Second,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
}

// open asks for a page, as a browser navigating to it does.
func (b *notebookBrowser) open(target string) (*http.Response, string) {
	b.t.Helper()
	req, _ := http.NewRequest(http.MethodGet, target, nil)
	req.Header.Set("Accept", "text/html")
	resp, err := b.client.Do(req)
	if err != nil {
		b.t.Fatal(err)
	}
	return resp, readBody(b.t, resp)
}

// ticket asks the console for the ticket of a login hop, as its notebook login page does
// with the user's id_token; it answers the status and the URL to go to.
func (b *notebookBrowser) ticket(idToken, state, redirect string) (int, string) {
	b.t.Helper()
	body, _ := json.Marshal(map[string]string{"state": state, "redirect": redirect})
	req, _ := http.NewRequest(http.MethodPost, b.s.base+"/console/notebook-ticket", bytes.NewReader(body))
	req.Header.Set("Authorization", "Bearer "+idToken)
	resp, err := b.client.Do(req)
	if err != nil {
		b.t.Fatal(err)
	}
	out := readBody(b.t, resp)
	var got struct{ URL string }
	_ = json.Unmarshal([]byte(out), &got)
	return resp.StatusCode, got.URL
}

// hop goes the whole way into the notebook at path as the user of idToken, and answers
// where the notebook's origin finally sent it and what it said.
func (b *notebookBrowser) hop(path, idToken string) (int, string) {
	b.t.Helper()
	resp, _ := b.open(b.s.notebooks + path)
	login, err := url.Parse(resp.Header.Get("Location"))
	if resp.StatusCode != http.StatusFound || err != nil || !strings.HasPrefix(login.String(), b.s.base+"/console/notebook-login?") {
		b.t.Fatalf("a browser without a session was sent to %d %q, not the console's notebook login", resp.StatusCode, login)
	}
	code, ticketURL := b.ticket(idToken, login.Query().Get("state"), login.Query().Get("redirect"))
	if code != http.StatusOK || !strings.HasPrefix(ticketURL, b.s.notebooks+"/notebook/_session?") {
		b.t.Fatalf("the console's ticket: %d %q", code, ticketURL)
	}
	resp, body := b.open(ticketURL)
	if resp.StatusCode != http.StatusFound || resp.Header.Get("Location") != path {
		b.t.Fatalf("the ticket led to %d %q: %s", resp.StatusCode, resp.Header.Get("Location"), body)
	}
	resp, body = b.open(b.s.notebooks + path)
	return resp.StatusCode, body
}

// TestNotebooksOnTheirOwnOrigin: a browser gets into its notebooks on the notebooks' own
// origin through a hop the console signs, never with the console's tokens. What it gets
// there opens that one notebook only, for that browser only, and ends with the user's
// sessions. The console's origin serves no notebook, and the notebooks' origin nothing else.
func TestNotebooksOnTheirOwnOrigin(t *testing.T) {
	s := sharedServe(t)
	d := framework.StartBuiltinDirectory(t, s.namespace, framework.Logger(t))
	ctx := context.Background()
	createUser(t, d, directory.User{Username: "nora"}, "nora-password")
	createUser(t, d, directory.User{Username: "otto"}, "otto-password")
	for _, nb := range []struct{ name, user string }{{"noras", "nora"}, {"noras-second", "nora"}, {"ottos", "otto"}} {
		n := &v1beta1.Notebook{ObjectMeta: metav1.ObjectMeta{Namespace: s.namespace, Name: nb.name},
			Spec: v1beta1.NotebookSpec{User: nb.user, Group: "none", InstanceType: "none", Image: "none"}}
		if err := framework.Client().Create(ctx, n); err != nil {
			t.Fatal(err)
		}
	}
	nora := loginAt(t, s.base, "nora", "nora-password")
	otto := loginAt(t, s.base, "otto", "otto-password")
	noras := proxy.Prefix + s.namespace + "/noras/tree"
	// Through the proxy to the notebook, which has no pod: it answers that it is not running.
	const through = "is not running"

	b := newNotebookBrowser(t, s)
	var code int
	var body string
	framework.Eventually(t, 10*time.Second, func(context.Context) error {
		if code, body = b.hop(noras, nora); !strings.Contains(body, through) {
			return errorf("nora's notebook: %d %s", code, body)
		}
		return nil
	})
	// What the browser holds on the notebooks' origin is no token of the console's.
	nbURL, _ := url.Parse(s.notebooks + noras)
	cookies := b.client.Jar.Cookies(nbURL)
	if len(cookies) != 1 || cookies[0].Name != proxy.SessionCookie || strings.Contains(cookies[0].Value, nora) {
		t.Fatalf("cookies on the notebooks' origin: %v", cookies)
	}
	consoleURL, _ := url.Parse(s.base + "/console/")
	if c := b.client.Jar.Cookies(consoleURL); len(c) != 0 {
		t.Errorf("the console's origin got cookies: %v", c)
	}

	// The session opens that notebook only: not another of nora's, nor otto's.
	for _, other := range []string{"noras-second", "ottos"} {
		resp, _ := b.open(s.notebooks + proxy.Prefix + s.namespace + "/" + other + "/tree")
		if resp.StatusCode != http.StatusFound || !strings.Contains(resp.Header.Get("Location"), "/console/notebook-login") {
			t.Errorf("nora's session for one notebook opened %s: %d", other, resp.StatusCode)
		}
	}
	// Nor does it open another notebook when sent for that notebook's path.
	stolen := cookies[0].Value
	req, _ := http.NewRequest(http.MethodGet, s.notebooks+proxy.Prefix+s.namespace+"/ottos/tree", nil)
	req.AddCookie(&http.Cookie{Name: proxy.SessionCookie, Value: stolen})
	if resp, err := http.DefaultClient.Do(req); err != nil || resp.StatusCode != http.StatusUnauthorized {
		t.Errorf("nora's session for noras, sent for ottos: %v %v", resp.StatusCode, err)
	}

	// Otto cannot get in to nora's notebook, by the hop as himself.
	if code, body := newNotebookBrowser(t, s).hop(noras, otto); code != http.StatusForbidden {
		t.Errorf("otto in nora's notebook: %d %s", code, body)
	}
	// A ticket is for the browser whose login asked for it: another browser (an attacker's
	// page handing its ticket to the victim, or a leaked one) gets nothing with it.
	attacker := newNotebookBrowser(t, s)
	resp, _ := attacker.open(s.notebooks + noras)
	login, _ := url.Parse(resp.Header.Get("Location"))
	_, ticketURL := attacker.ticket(otto, login.Query().Get("state"), noras)
	victim := newNotebookBrowser(t, s)
	victim.open(s.notebooks + noras) // a login of its own in progress
	if resp, body := victim.open(ticketURL); resp.StatusCode != http.StatusBadRequest || len(victim.client.Jar.Cookies(nbURL)) != 0 {
		t.Errorf("another browser's ticket: %d %s, cookies %v", resp.StatusCode, body, victim.client.Jar.Cookies(nbURL))
	}
	// An API token makes no ticket.
	if code, _ := b.ticket(apiToken(t, s, nora), "state", noras); code != http.StatusForbidden {
		t.Errorf("a ticket for an API token: %d", code)
	}

	// The console's origin serves no notebook: it sends browsers to the notebooks' origin;
	// and the notebooks' origin serves nothing of the console's.
	if resp, _ := b.open(s.base + noras); resp.StatusCode != http.StatusFound || resp.Header.Get("Location") != s.notebooks+noras {
		t.Errorf("a notebook on the console's origin: %d to %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	for _, path := range []string{"/console/", "/api/graphql", "/oidc/.well-known/openid-configuration", "/"} {
		if resp, _ := b.open(s.notebooks + path); resp.StatusCode != http.StatusNotFound {
			t.Errorf("%s on the notebooks' origin: %d", path, resp.StatusCode)
		}
	}

	// A password change ends the notebook session, as it ends nora's other sessions.
	if out := graphqlAs(t, s, nora, `mutation { resetPassword(password: "nora-password-2") { id } }`); !strings.Contains(out, `"id":"nora"`) {
		t.Fatalf("resetPassword: %s", out)
	}
	framework.Eventually(t, 5*time.Second, func(context.Context) error {
		if resp, body := b.open(s.notebooks + noras); resp.StatusCode != http.StatusFound {
			return errorf("after the password change: %d %s", resp.StatusCode, body)
		}
		return nil
	})
}

// apiToken makes an API token of the user of idToken.
func apiToken(t *testing.T, s *served, idToken string) string {
	t.Helper()
	var out struct{ CreateAPIToken struct{ Token string } }
	if codes := gql(t, s, idToken, `mutation { createApiToken(name: "notebook test") { token } }`, nil, &out); codes != nil {
		t.Fatalf("createApiToken: %v", codes)
	}
	return out.CreateAPIToken.Token
}

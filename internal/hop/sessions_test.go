package hop

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/primehub/primehub/internal/auth"
)

// notebookGate and appGate are gates as the notebook and application proxies make them.
func notebookGate() *Gate {
	return &Gate{Prefix: "/notebook/", Segments: 2, What: "notebook", Cookie: "primehub_notebook",
		Sessions: NewSessions([]byte("key")), Identify: identifyAlice, Origin: "https://notebooks.example"}
}

func appGate() *Gate {
	return &Gate{Prefix: "/app/", Segments: 1, What: "application", Cookie: "primehub_app",
		Sessions: NewSessions([]byte("key")), Identify: identifyAlice, Origin: "https://apps.example"}
}

// identifyAlice knows alice only, as a directory where bob is disabled would.
func identifyAlice(_ context.Context, username, _ string) (*auth.Identity, error) {
	if username != "alice" {
		return nil, fmt.Errorf("%w: user %q is disabled", auth.ErrUnauthenticated, username)
	}
	return &auth.Identity{Username: username}, nil
}

// ticketOf is the ticket in a URL TicketURL made.
func ticketOf(t *testing.T, ticketURL string) string {
	t.Helper()
	u, err := url.Parse(ticketURL)
	if err != nil {
		t.Fatal(err)
	}
	return u.Query().Get("ticket")
}

func TestTicketBecomesSession(t *testing.T) {
	g := notebookGate()
	ticketURL, err := g.TicketURL("alice", "g1", "state", "/notebook/ns/nb/tree?x=1")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(ticketURL, "https://notebooks.example/notebook/_session?ticket=") {
		t.Errorf("ticket URL %q", ticketURL)
	}
	s := g.Sessions
	tk, err := s.check(ticketOf(t, ticketURL), kindTicket)
	if err != nil {
		t.Fatal(err)
	}
	want := grant{Kind: kindTicket, User: "alice", Generation: "g1", Base: "/notebook/ns/nb/", State: "state", Redirect: "/notebook/ns/nb/tree?x=1", Expires: tk.Expires}
	if tk != want {
		t.Errorf("ticket grant %+v, want %+v", tk, want)
	}
	if _, err := s.check(ticketOf(t, ticketURL), kindSession); !errors.Is(err, ErrBadGrant) {
		t.Errorf("a ticket passed for a session: %v", err)
	}
	session := s.session(tk)
	sg, err := s.check(session, kindSession)
	if err != nil || sg.User != "alice" || sg.Base != "/notebook/ns/nb/" || sg.State != "" || sg.Generation != "g1" {
		t.Errorf("session grant %+v, %v", sg, err)
	}
	if _, err := s.check(session, kindTicket); !errors.Is(err, ErrBadGrant) {
		t.Errorf("a session passed for a ticket: %v", err)
	}
}

func TestBadGrants(t *testing.T) {
	s := NewSessions([]byte("key"))
	ticket, _ := s.ticket("alice", "", "state", "/notebook/ns/nb/", "/notebook/ns/nb/")
	payload, sig, _ := strings.Cut(ticket, ".")
	other, _ := NewSessions([]byte("other key")).ticket("alice", "", "state", "/notebook/ns/nb/", "/notebook/ns/nb/")
	expired := NewSessions([]byte("key"))
	expired.now = func() time.Time { return time.Now().Add(-2 * ticketLifetime) }
	old, _ := expired.ticket("alice", "", "state", "/notebook/ns/nb/", "/notebook/ns/nb/")
	for name, value := range map[string]string{
		"empty":             "",
		"no signature":      payload,
		"another key":       other,
		"expired":           old,
		"payload changed":   strings.Replace(payload, "a", "b", 1) + "." + sig,
		"signature changed": payload + "." + strings.Repeat("A", len(sig)),
		"too long":          ticket + strings.Repeat("x", 5000),
	} {
		if _, err := s.check(value, kindTicket); !errors.Is(err, ErrBadGrant) {
			t.Errorf("%s: %v, want ErrBadGrant", name, err)
		}
	}
}

// A ticket names one target of the gate's, by a plain path of its origin, for a login in
// progress.
func TestTicketTargets(t *testing.T) {
	for _, tt := range []struct {
		g     *Gate
		paths []string
		bad   []string
	}{
		{notebookGate(), []string{"/notebook/ns/nb/", "/notebook/ns/nb", "/notebook/ns/nb/lab/tree?x=1"},
			[]string{"/console/", "https://evil.example/notebook/ns/nb/", "//evil.example/notebook/ns/nb/", "/notebook/ns/nb/\\evil",
				"/notebook/ns/nb/\tx", "/notebook/ns/", "/notebook//nb/", "/notebook/_session", "/app/a/"}},
		{appGate(), []string{"/app/a/", "/app/a", "/app/mlflow-x/runs?x=1"},
			[]string{"/app/", "/app//x", "/app/_session", "/notebook/ns/nb/", "/app/a\\@evil.example/", "/app/a/\n", "//evil.example/app/a/"}},
	} {
		for _, p := range tt.paths {
			if _, err := tt.g.TicketURL("alice", "", "state", p); err != nil {
				t.Errorf("%s: no ticket for %q: %v", tt.g.What, p, err)
			}
		}
		for _, p := range tt.bad {
			if _, err := tt.g.TicketURL("alice", "", "state", p); err == nil {
				t.Errorf("%s: a ticket for %q", tt.g.What, p)
			}
		}
		for _, state := range []string{"", strings.Repeat("s", 129)} {
			if _, err := tt.g.TicketURL("alice", "", state, tt.paths[0]); err == nil {
				t.Errorf("%s: a ticket for state %q", tt.g.What, state)
			}
		}
	}
}

// The hop's last step: the ticket, with the state cookie of the browser it was made for.
func TestStartSession(t *testing.T) {
	g := notebookGate()
	ticket := func(user, redirect string) string {
		u, err := g.TicketURL(user, "", "state", redirect)
		if err != nil {
			t.Fatal(err)
		}
		return ticketOf(t, u)
	}
	alice, bob := ticket("alice", "/notebook/ns/nb/tree"), ticket("bob", "/notebook/ns/nb/tree")
	// An application's ticket, signed with the same key, opens no notebook.
	app := appGate()
	appURL, _ := app.TicketURL("alice", "", "state", "/app/a/")
	start := func(ticket, state string) *httptest.ResponseRecorder {
		r := httptest.NewRequest(http.MethodGet, g.SessionPath()+"?"+url.Values{"ticket": {ticket}}.Encode(), nil)
		if state != "" {
			r.AddCookie(&http.Cookie{Name: g.stateCookie(), Value: state})
		}
		w := httptest.NewRecorder()
		g.StartSession(w, r)
		return w
	}
	w := start(alice, "state")
	if w.Code != http.StatusFound || w.Header().Get("Location") != "/notebook/ns/nb/tree" {
		t.Fatalf("got %d to %q", w.Code, w.Header().Get("Location"))
	}
	var session *http.Cookie
	for _, c := range w.Result().Cookies() {
		if c.Name == g.Cookie {
			session = c
		}
	}
	if session == nil || session.Path != "/notebook/ns/nb/" || !session.HttpOnly || session.SameSite != http.SameSiteLaxMode {
		t.Fatalf("session cookie %+v", session)
	}
	// The session opens that notebook, and no other.
	r := httptest.NewRequest(http.MethodGet, "/notebook/ns/nb/tree", nil)
	r.AddCookie(session)
	if id, err := g.Authenticate(httptest.NewRecorder(), r, "/notebook/ns/nb/"); err != nil || id.Username != "alice" {
		t.Errorf("the session: %v, %v", id, err)
	}
	if _, err := g.Authenticate(httptest.NewRecorder(), r, "/notebook/ns/other/"); !errors.Is(err, auth.ErrUnauthenticated) {
		t.Errorf("the session opened another notebook: %v", err)
	}
	for name, w := range map[string]*httptest.ResponseRecorder{
		"no state cookie":       start(alice, ""),
		"another state":         start(alice, "other"),
		"a forged ticket":       start(alice+"x", "state"),
		"a disabled user":       start(bob, "state"),
		"a session as one":      start(session.Value, "state"),
		"an application ticket": start(ticketOf(t, appURL), "state"),
	} {
		if w.Code == http.StatusFound || len(w.Result().Cookies()) != 0 {
			t.Errorf("%s: %d, cookies %v", name, w.Code, w.Result().Cookies())
		}
	}
}

// FuzzSessionCheck: nothing but what the key signed passes for a session.
func FuzzSessionCheck(f *testing.F) {
	s := NewSessions([]byte("key"))
	ticket, _ := s.ticket("alice", "", "state", "/notebook/ns/nb/", "/notebook/ns/nb/")
	g, _ := s.check(ticket, kindTicket)
	f.Add(s.session(g))
	f.Add(ticket)
	f.Add("e30.")
	f.Fuzz(func(t *testing.T, value string) {
		g, err := s.check(value, kindSession)
		if err != nil {
			return
		}
		if s.sign(g) != value {
			t.Errorf("%q passed, but the key signs %q for its grant %+v", value, s.sign(g), g)
		}
	})
}

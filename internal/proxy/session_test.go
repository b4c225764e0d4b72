package proxy

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

func TestTicketBecomesSession(t *testing.T) {
	s := NewSessions([]byte("key"))
	ticket, err := s.Ticket("alice", "g1", "state", "/notebook/ns/nb/tree?x=1")
	if err != nil {
		t.Fatal(err)
	}
	g, err := s.check(ticket, kindTicket)
	if err != nil {
		t.Fatal(err)
	}
	want := grant{Kind: kindTicket, User: "alice", Generation: "g1", Namespace: "ns", Name: "nb", State: "state", Redirect: "/notebook/ns/nb/tree?x=1", Expires: g.Expires}
	if g != want {
		t.Errorf("ticket grant %+v, want %+v", g, want)
	}
	if _, err := s.check(ticket, kindSession); !errors.Is(err, ErrBadGrant) {
		t.Errorf("a ticket passed for a session: %v", err)
	}
	session := s.session(g)
	sg, err := s.check(session, kindSession)
	if err != nil || sg.User != "alice" || sg.Namespace != "ns" || sg.Name != "nb" || sg.State != "" || sg.Generation != "g1" {
		t.Errorf("session grant %+v, %v", sg, err)
	}
	if _, err := s.check(session, kindTicket); !errors.Is(err, ErrBadGrant) {
		t.Errorf("a session passed for a ticket: %v", err)
	}
}

func TestBadGrants(t *testing.T) {
	s := NewSessions([]byte("key"))
	ticket, _ := s.Ticket("alice", "", "state", "/notebook/ns/nb/")
	payload, sig, _ := strings.Cut(ticket, ".")
	other, _ := NewSessions([]byte("other key")).Ticket("alice", "", "state", "/notebook/ns/nb/")
	expired := NewSessions([]byte("key"))
	expired.now = func() time.Time { return time.Now().Add(-2 * ticketLifetime) }
	old, _ := expired.Ticket("alice", "", "state", "/notebook/ns/nb/")
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

func TestTicketNeedsANotebookPathAndState(t *testing.T) {
	s := NewSessions([]byte("key"))
	for _, tt := range []struct{ state, redirect string }{
		{"s", "/console/"},
		{"s", "https://evil.example/notebook/ns/nb/"},
		{"s", "//evil.example/notebook/ns/nb/"},
		{"s", "/notebook/ns/nb/\\evil"},
		{"s", "/notebook/ns/nb/\tx"},
		{"s", "/notebook/ns/"},
		{"", "/notebook/ns/nb/"},
		{strings.Repeat("s", 129), "/notebook/ns/nb/"},
	} {
		if _, err := s.Ticket("alice", "", tt.state, tt.redirect); err == nil {
			t.Errorf("ticket for state %q, redirect %q", tt.state, tt.redirect)
		}
	}
}

// The hop's last step: the ticket, with the state cookie of the browser it was made for.
func TestStartSession(t *testing.T) {
	s := NewSessions([]byte("key"))
	p := &Proxy{Sessions: s, Identify: identifyAlice}
	ticket, _ := s.Ticket("alice", "", "state", "/notebook/ns/nb/tree")
	bob, _ := s.Ticket("bob", "", "state", "/notebook/ns/nb/tree")
	start := func(ticket, state string) *httptest.ResponseRecorder {
		r := httptest.NewRequest(http.MethodGet, SessionPath+"?"+url.Values{"ticket": {ticket}}.Encode(), nil)
		if state != "" {
			r.AddCookie(&http.Cookie{Name: StateCookie, Value: state})
		}
		w := httptest.NewRecorder()
		p.ServeHTTP(w, r)
		return w
	}
	w := start(ticket, "state")
	if w.Code != http.StatusFound || w.Header().Get("Location") != "/notebook/ns/nb/tree" {
		t.Fatalf("got %d to %q", w.Code, w.Header().Get("Location"))
	}
	var session *http.Cookie
	for _, c := range w.Result().Cookies() {
		if c.Name == SessionCookie {
			session = c
		}
	}
	if session == nil || session.Path != "/notebook/ns/nb/" || !session.HttpOnly || session.SameSite != http.SameSiteLaxMode {
		t.Fatalf("session cookie %+v", session)
	}
	if g, err := s.check(session.Value, kindSession); err != nil || g.User != "alice" {
		t.Errorf("session %+v, %v", g, err)
	}
	for name, w := range map[string]*httptest.ResponseRecorder{
		"no state cookie":  start(ticket, ""),
		"another state":    start(ticket, "other"),
		"a forged ticket":  start(ticket+"x", "state"),
		"a disabled user":  start(bob, "state"),
		"a session as one": start(session.Value, "state"),
	} {
		if w.Code == http.StatusFound || len(w.Result().Cookies()) != 0 {
			t.Errorf("%s: %d, cookies %v", name, w.Code, w.Result().Cookies())
		}
	}
}

// FuzzSessionCheck: nothing but what the key signed passes for a session.
func FuzzSessionCheck(f *testing.F) {
	s := NewSessions([]byte("key"))
	ticket, _ := s.Ticket("alice", "", "state", "/notebook/ns/nb/")
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

// identifyAlice knows alice only, as a directory where bob is disabled would.
func identifyAlice(_ context.Context, username, _ string) (*auth.Identity, error) {
	if username != "alice" {
		return nil, fmt.Errorf("%w: user %q is disabled", auth.ErrUnauthenticated, username)
	}
	return &auth.Identity{Username: username}, nil
}

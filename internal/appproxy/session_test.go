package appproxy

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/primehub/primehub/internal/proxy"
)

func TestTicketBecomesSession(t *testing.T) {
	s := NewSessions([]byte("key"))
	ticket, err := s.Ticket("alice", "g1", "state", "/app/mlflow-x/runs?x=1")
	if err != nil {
		t.Fatal(err)
	}
	g, err := s.check(ticket, kindTicket)
	want := grant{Kind: kindTicket, User: "alice", Generation: "g1", App: "mlflow-x", State: "state", Redirect: "/app/mlflow-x/runs?x=1", Expires: g.Expires}
	if err != nil || g != want {
		t.Fatalf("ticket grant %+v, %v; want %+v", g, err, want)
	}
	if _, err := s.check(ticket, kindSession); !errors.Is(err, ErrBadGrant) {
		t.Errorf("a ticket passed for a session: %v", err)
	}
	sg, err := s.check(s.session(g), kindSession)
	if err != nil || sg.User != "alice" || sg.App != "mlflow-x" || sg.State != "" || sg.Redirect != "" {
		t.Errorf("session grant %+v, %v", sg, err)
	}
}

func TestBadGrants(t *testing.T) {
	s := NewSessions([]byte("key"))
	ticket, _ := s.Ticket("alice", "", "state", "/app/a/")
	payload, sig, _ := strings.Cut(ticket, ".")
	other, _ := NewSessions([]byte("other key")).Ticket("alice", "", "state", "/app/a/")
	expired := NewSessions([]byte("key"))
	expired.now = func() time.Time { return time.Now().Add(-2 * ticketLifetime) }
	old, _ := expired.Ticket("alice", "", "state", "/app/a/")
	// A notebook's ticket signed with the same key is no application ticket.
	notebook, _ := proxy.NewSessions([]byte("key")).Ticket("alice", "", "state", "/notebook/ns/nb/")
	for name, value := range map[string]string{
		"empty":             "",
		"no signature":      payload,
		"another key":       other,
		"expired":           old,
		"a notebook's":      notebook,
		"payload changed":   strings.Replace(payload, "a", "b", 1) + "." + sig,
		"signature changed": payload + "." + strings.Repeat("A", len(sig)),
		"too long":          ticket + strings.Repeat("x", 5000),
	} {
		if _, err := s.check(value, kindTicket); !errors.Is(err, ErrBadGrant) {
			t.Errorf("%s: %v, want ErrBadGrant", name, err)
		}
	}
}

func TestTicketTargets(t *testing.T) {
	s := NewSessions([]byte("key"))
	for _, path := range []string{"/app/", "/app//x", "/app/_session", "/notebook/ns/nb/", "/app/a\\@evil.example/", "/app/a/\n", "//evil.example/app/a/"} {
		if _, err := s.Ticket("alice", "", "state", path); err == nil {
			t.Errorf("a ticket for %q", path)
		}
	}
	if _, err := s.Ticket("alice", "", "", "/app/a/"); err == nil {
		t.Error("a ticket without a state")
	}
	if _, err := s.Ticket("alice", "", "state", "/app/a"); err != nil {
		t.Errorf("the app's path without its slash: %v", err)
	}
}

func TestConfine(t *testing.T) {
	h := map[string][]string{"Set-Cookie": {
		"own=1; Path=/app/a/", "root=1; Path=/", "other=1; Path=/app/b/", "primehub_app=x; Path=/app/a/",
		"domain=1; Path=/app/a/; Domain=example.com", "nopath=1", "prefix=1; Path=/app/ab"},
		"Service-Worker-Allowed": {"/"}, "Clear-Site-Data": {`"*"`}}
	confine(h, "a")
	got := strings.Join(h["Set-Cookie"], " | ")
	if got != "own=1; Path=/app/a/ | nopath=1" || h["Service-Worker-Allowed"] != nil || h["Clear-Site-Data"] != nil {
		t.Errorf("kept %q and %v", got, h)
	}
}

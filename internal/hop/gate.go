package hop

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"github.com/primehub/primehub/internal/auth"
)

// Gate is the way in to one origin's targets: the pages under Prefix, each target named by
// the Segments path segments after it (a notebook by namespace and name, an application
// by its name).
type Gate struct {
	// Prefix is where the targets' pages are, such as /notebook/; Segments how many path
	// segments after it name one target; What what a target is, for messages.
	Prefix   string
	Segments int
	What     string
	// Cookie names the session cookie; the state cookie is Cookie + "_state".
	Cookie   string
	Sessions *Sessions
	// Bearer answers who a request's Authorization header stands for (API clients), or an
	// error wrapping auth.ErrUnauthenticated.
	Bearer func(*http.Request) (*auth.Identity, error)
	// Identify answers who holds a session: the user, if still enabled and of the same
	// session generation.
	Identify func(ctx context.Context, username, generation string) (*auth.Identity, error)
	// Origin is this origin (scheme://host[:port]): browsers' WebSocket upgrades and
	// changes must come from it, and the console sends browsers to it. Secure marks its
	// cookies Secure (it is https).
	Origin string
	Secure bool
	// LoginURL is the console's login page for this origin, where a browser without a
	// session is sent, with ?state=&redirect=<path>.
	LoginURL string
}

// SessionPath is where a browser brings its ticket.
func (g *Gate) SessionPath() string { return g.Prefix + "_session" }

func (g *Gate) stateCookie() string { return g.Cookie + "_state" }

// Base is the path of the target a path under Prefix opens (Prefix, then Segments
// segments and a slash): a plain path of this origin, with nothing a browser would read as
// another host.
func (g *Gate) Base(path string) (string, bool) {
	if strings.ContainsAny(path, "\\") || strings.ContainsFunc(path, func(r rune) bool { return r < 0x20 || r == 0x7f }) {
		return "", false
	}
	rest, ok := strings.CutPrefix(path, g.Prefix)
	if !ok {
		return "", false
	}
	parts := strings.SplitN(rest, "/", g.Segments+1)
	if len(parts) < g.Segments {
		return "", false
	}
	for _, p := range parts[:g.Segments] {
		if p == "" || strings.HasPrefix(p, "_") || strings.ContainsAny(p, "?#") {
			return "", false
		}
	}
	return g.Prefix + strings.Join(parts[:g.Segments], "/") + "/", true
}

// TicketURL is where the console sends the browser holding state, logged in as the user of
// session generation generation, to open redirect (a path of a target under Prefix).
func (g *Gate) TicketURL(user, generation, state, redirect string) (string, error) {
	base, ok := g.Base(redirect)
	if !ok {
		return "", fmt.Errorf("%q is not the path of a %s", redirect, g.What)
	}
	ticket, err := g.Sessions.ticket(user, generation, state, base, redirect)
	if err != nil {
		return "", err
	}
	return strings.TrimSuffix(g.Origin, "/") + g.SessionPath() + "?" + url.Values{"ticket": {ticket}}.Encode(), nil
}

// Authenticate answers who asks for the target under base: an API client by its
// Authorization header, a browser by its session for that target, which is renewed while
// in use.
func (g *Gate) Authenticate(w http.ResponseWriter, r *http.Request, base string) (*auth.Identity, error) {
	if r.Header.Get("Authorization") != "" {
		return g.Bearer(r)
	}
	c, err := r.Cookie(g.Cookie)
	if err != nil || g.Sessions == nil {
		return nil, fmt.Errorf("%w: no %s session", auth.ErrUnauthenticated, g.What)
	}
	s, err := g.Sessions.check(c.Value, kindSession)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", auth.ErrUnauthenticated, err)
	}
	if s.Base != base {
		return nil, fmt.Errorf("%w: the session is for %s", auth.ErrUnauthenticated, s.Base)
	}
	id, err := g.Identify(r.Context(), s.User, s.Generation)
	if err != nil {
		return nil, err
	}
	if g.Sessions.renewable(s) {
		http.SetCookie(w, g.cookie(g.Cookie, g.Sessions.session(s), base, 0))
	}
	return id, nil
}

// Browser tells a browser navigating to a page, which Login may send to log in.
func (g *Gate) Browser(r *http.Request) bool {
	return g.LoginURL != "" && g.Sessions != nil && r.Method == http.MethodGet && strings.Contains(r.Header.Get("Accept"), "text/html")
}

// Login sends a browser to the console's login page, with a state only this browser holds,
// so that the ticket the console gives it works for it alone.
func (g *Gate) Login(w http.ResponseWriter, r *http.Request) {
	state := rand.Text()
	http.SetCookie(w, g.cookie(g.stateCookie(), state, g.SessionPath(), int(stateLifetime.Seconds())))
	q := url.Values{"state": {state}, "redirect": {r.URL.RequestURI()}}
	http.Redirect(w, r, g.LoginURL+"?"+q.Encode(), http.StatusFound)
}

// StartSession takes a browser's ticket at SessionPath: if it is the ticket of the login
// this browser started, the browser gets a session for the ticket's target and goes on
// there.
func (g *Gate) StartSession(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet || g.Sessions == nil {
		http.Error(w, "not found", http.StatusNotFound)
		return
	}
	t, err := g.Sessions.check(r.URL.Query().Get("ticket"), kindTicket)
	if err == nil && !strings.HasPrefix(t.Base, g.Prefix) {
		err = fmt.Errorf("%w: not a ticket for a %s", ErrBadGrant, g.What)
	}
	if err != nil {
		http.Error(w, fmt.Sprintf("This %s login has expired or is not valid: open the %s again. (%s)", g.What, g.What, err), http.StatusBadRequest)
		return
	}
	state, err := r.Cookie(g.stateCookie())
	if err != nil || subtle.ConstantTimeCompare([]byte(state.Value), []byte(t.State)) != 1 {
		http.Error(w, fmt.Sprintf("This %s login was not started in this browser, or another one started since: open the %s again.", g.What, g.What), http.StatusBadRequest)
		return
	}
	if _, err := g.Identify(r.Context(), t.User, t.Generation); err != nil {
		if !errors.Is(err, auth.ErrUnauthenticated) {
			http.Error(w, "authentication unavailable", http.StatusServiceUnavailable)
			return
		}
		http.Error(w, "unauthorized", http.StatusUnauthorized)
		return
	}
	http.SetCookie(w, g.cookie(g.stateCookie(), "", g.SessionPath(), -1))
	http.SetCookie(w, g.cookie(g.Cookie, g.Sessions.session(t), t.Base, 0))
	http.Redirect(w, r, t.Redirect, http.StatusFound)
}

// SameOrigin: a request a browser may send from any site (a read), or one from this
// origin. Browsers send Origin with every WebSocket upgrade and change; API clients, which
// send none, authenticate with a header no other site can make a browser send.
func (g *Gate) SameOrigin(r *http.Request) bool {
	upgrade := strings.EqualFold(r.Header.Get("Upgrade"), "websocket")
	if !upgrade && (r.Method == http.MethodGet || r.Method == http.MethodHead || r.Method == http.MethodOptions) {
		return true
	}
	origin := r.Header.Get("Origin")
	return origin == "" || origin == g.Origin
}

// cookie is one of the gate's cookies: HttpOnly, so the target's pages cannot read it,
// and sent by the browser only to path. maxAge 0 makes it last as long as the browser
// session, -1 deletes it.
func (g *Gate) cookie(name, value, path string, maxAge int) *http.Cookie {
	return &http.Cookie{Name: name, Value: value, Path: path, MaxAge: maxAge,
		HttpOnly: true, Secure: g.Secure, SameSite: http.SameSiteLaxMode}
}

package appproxy

import (
	"github.com/primehub/primehub/internal/controller/app"

	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"
)

// A browser gets into an application that is not public through the hop notebooks take
// (internal/proxy's session.go), on the applications' origin:
//
//  1. The proxy, asked by a browser without a session, sets a random state in a cookie of
//     its own and sends the browser to the console's login page for it.
//  2. The console, logged in, asks for a ticket (POST /console/notebook-ticket with the
//     application's path): signed, good for a minute, for one application and for the
//     browser holding that state.
//  3. The browser brings the ticket to SessionPath; the proxy checks it against the state
//     cookie and sets the session cookie, limited to that application's path, then sends
//     the browser on.
//
// Whether the user may reach the application is decided at every request, by its scope
// and the user's groups as they are then: a session says who the browser is, not what
// they may reach. Sessions carry the user's session generation, so a password change or
// disabling the user ends them.
const (
	// SessionPath is where a browser brings its ticket.
	SessionPath = "/app/_session"
	// SessionCookie holds a browser's session for one application, on its path.
	SessionCookie = "primehub_app"
	// StateCookie holds the state of a login hop in progress.
	StateCookie = "primehub_app_state"
	// cookiePrefix names the platform's cookies: applications may set none of that name.
	cookiePrefix = "primehub"
)

const (
	ticketLifetime  = time.Minute
	sessionLifetime = 24 * time.Hour
	stateLifetime   = 10 * time.Minute
)

// Sessions signs and checks tickets and sessions.
type Sessions struct {
	key []byte
	now func() time.Time
}

// NewSessions signs with key, which every replica must share.
func NewSessions(key []byte) *Sessions { return &Sessions{key: key, now: time.Now} }

// grant is what a ticket or a session stands for: one user, for one application.
type grant struct {
	Kind       string `json:"k"`
	User       string `json:"u"`
	Generation string `json:"g"`
	App        string `json:"a"`
	State      string `json:"s,omitempty"`
	Redirect   string `json:"r,omitempty"`
	Expires    int64  `json:"e"`
}

const (
	kindTicket  = "ticket"
	kindSession = "session"
)

// ErrBadGrant means a ticket or session is forged, expired, or for something else.
var ErrBadGrant = errors.New("invalid application ticket or session")

// IsPath tells whether redirect is an application's path, which Ticket takes.
func IsPath(redirect string) bool { return strings.HasPrefix(redirect, app.Prefix) }

// Ticket is what the console hands a browser for the application redirect (a path under
// /app/) opens, as the user of session generation generation, for the browser holding state.
func (s *Sessions) Ticket(user, generation, state, redirect string) (string, error) {
	id, ok := Target(redirect)
	if !ok {
		return "", fmt.Errorf("%q is not an application's path", redirect)
	}
	if state == "" || len(state) > 128 {
		return "", errors.New("a ticket needs the state of the login it continues")
	}
	return s.sign(grant{Kind: kindTicket, User: user, Generation: generation, App: id,
		State: state, Redirect: redirect, Expires: s.now().Add(ticketLifetime).Unix()}), nil
}

func (s *Sessions) session(g grant) string {
	g.Kind, g.State, g.Redirect = kindSession, "", ""
	g.Expires = s.now().Add(sessionLifetime).Unix()
	return s.sign(g)
}

func (s *Sessions) renewable(g grant) bool {
	return time.Unix(g.Expires, 0).Sub(s.now()) < sessionLifetime/2
}

func (s *Sessions) sign(g grant) string {
	payload, _ := json.Marshal(g)
	p := base64.RawURLEncoding.EncodeToString(payload)
	return p + "." + base64.RawURLEncoding.EncodeToString(s.mac(p))
}

// mac is domain-separated from the notebooks' grants: neither is ever taken for the other.
func (s *Sessions) mac(payload string) []byte {
	h := hmac.New(sha256.New, s.key)
	h.Write([]byte("app-grant." + payload))
	return h.Sum(nil)
}

func (s *Sessions) check(value, kind string) (grant, error) {
	p, sig, ok := strings.Cut(value, ".")
	if !ok || len(value) > 4096 {
		return grant{}, fmt.Errorf("%w: malformed", ErrBadGrant)
	}
	mac, err := base64.RawURLEncoding.Strict().DecodeString(sig)
	if err != nil || !hmac.Equal(mac, s.mac(p)) {
		return grant{}, fmt.Errorf("%w: bad signature", ErrBadGrant)
	}
	payload, err := base64.RawURLEncoding.DecodeString(p)
	if err != nil {
		return grant{}, fmt.Errorf("%w: malformed", ErrBadGrant)
	}
	var g grant
	if err := json.Unmarshal(payload, &g); err != nil {
		return grant{}, fmt.Errorf("%w: malformed", ErrBadGrant)
	}
	if g.Kind != kind {
		return grant{}, fmt.Errorf("%w: a %s, not a %s", ErrBadGrant, g.Kind, kind)
	}
	if !s.now().Before(time.Unix(g.Expires, 0)) {
		return grant{}, fmt.Errorf("%w: expired", ErrBadGrant)
	}
	return g, nil
}

// Target is the application a path under /app/ opens: a plain path of this origin, with
// nothing a browser would read as another host.
func Target(path string) (string, bool) {
	if strings.ContainsAny(path, "\\") || strings.ContainsFunc(path, func(r rune) bool { return r < 0x20 || r == 0x7f }) {
		return "", false
	}
	id, ok := parse(path)
	return id, ok && id != "_session"
}

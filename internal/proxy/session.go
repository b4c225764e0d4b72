package proxy

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"
)

// A browser gets into a notebook on the notebooks' origin through a short hop, since the
// console's tokens must never reach that origin, where users' code runs:
//
//  1. The proxy, asked for a notebook by a browser without a session, sets a random state
//     in a cookie of its own and sends the browser to the console's notebook login page.
//  2. The console, logged in, asks for a ticket (POST /console/notebook-ticket): signed,
//     good for a minute, for one notebook and for the browser holding that state.
//  3. The browser brings the ticket to SessionPath; the proxy checks it against the state
//     cookie and sets the session cookie, limited to that notebook's path and good for that
//     notebook only, then sends the browser on.
//
// Tickets and sessions are signed with the platform's notebook key, which every replica
// reads from the same Secret; they carry the user's session generation, so a password
// change or disabling the user ends them at once.
const (
	// SessionPath is where a browser brings its ticket.
	SessionPath = Prefix + "_session"
	// SessionCookie holds a browser's session for one notebook, on that notebook's path.
	SessionCookie = "primehub_notebook"
	// StateCookie holds the state of a login hop in progress.
	StateCookie = "primehub_notebook_state"
	// cookiePrefix names the platform's cookies: notebooks may set none of that name.
	cookiePrefix = "primehub"
)

// Lifetimes: a ticket is used at once; a session is renewed while it is used, so an open
// notebook keeps working, and ends after a day without use.
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

// grant is what a ticket or a session lets in: one user into one notebook, until Expires.
type grant struct {
	Kind       string `json:"k"`
	User       string `json:"u"`
	Generation string `json:"g"`
	Namespace  string `json:"ns"`
	Name       string `json:"n"`
	// State and Redirect are a ticket's: the browser it is for, and where it goes after.
	State    string `json:"s,omitempty"`
	Redirect string `json:"r,omitempty"`
	Expires  int64  `json:"e"`
}

const (
	kindTicket  = "ticket"
	kindSession = "session"
)

// ErrBadGrant means a ticket or session is forged, expired, or for something else.
var ErrBadGrant = errors.New("invalid notebook ticket or session")

// Ticket is what the console hands a browser for the notebook that redirect (a path under
// Prefix) opens, as the user of session generation generation, for the browser holding state.
func (s *Sessions) Ticket(user, generation, state, redirect string) (string, error) {
	ns, name, ok := Target(redirect)
	if !ok {
		return "", fmt.Errorf("%q is not a notebook's path", redirect)
	}
	if state == "" || len(state) > 128 {
		return "", errors.New("a ticket needs the state of the login it continues")
	}
	return s.sign(grant{Kind: kindTicket, User: user, Generation: generation, Namespace: ns, Name: name,
		State: state, Redirect: redirect, Expires: s.now().Add(ticketLifetime).Unix()}), nil
}

// session turns a checked ticket into a session of the same user for the same notebook.
func (s *Sessions) session(g grant) string {
	g.Kind, g.State, g.Redirect = kindSession, "", ""
	g.Expires = s.now().Add(sessionLifetime).Unix()
	return s.sign(g)
}

// renewable: less than half the session's lifetime is left.
func (s *Sessions) renewable(g grant) bool {
	return time.Unix(g.Expires, 0).Sub(s.now()) < sessionLifetime/2
}

func (s *Sessions) sign(g grant) string {
	payload, _ := json.Marshal(g)
	p := base64.RawURLEncoding.EncodeToString(payload)
	return p + "." + base64.RawURLEncoding.EncodeToString(s.mac(p))
}

func (s *Sessions) mac(payload string) []byte {
	h := hmac.New(sha256.New, s.key)
	h.Write([]byte("notebook-grant." + payload))
	return h.Sum(nil)
}

// check answers the grant value stands for, if it is genuine, unexpired and of kind.
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

// Target is the notebook a path under Prefix opens: a plain path of this origin, with
// nothing a browser would read as another host.
func Target(path string) (ns, name string, ok bool) {
	if strings.ContainsAny(path, "\\") || strings.ContainsFunc(path, func(r rune) bool { return r < 0x20 || r == 0x7f }) {
		return "", "", false
	}
	return parse(path)
}

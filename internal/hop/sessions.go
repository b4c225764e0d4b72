// Package hop lets a browser into pages served on an origin of their own (notebooks',
// applications'), where users' code runs, without the console's tokens ever going there:
//
//  1. The origin's proxy, asked by a browser without a session, sets a random state in a
//     cookie of its own and sends the browser to the console's login page for it (Login).
//  2. The console, logged in, asks for a ticket (POST /console/notebook-ticket): signed,
//     good for a minute, for one target (a notebook, an application) and for the browser
//     holding that state (Sessions.Ticket).
//  3. The browser brings the ticket to the origin's SessionPath; the proxy checks it
//     against the state cookie and sets the session cookie, limited to the target's path
//     and good for that target only, then sends the browser on (StartSession).
//
// Tickets and sessions are signed with a key every replica derives from the same Secret;
// they carry the user's session generation, so a password change or disabling the user
// ends them at once. One Gate serves each origin.
package hop

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

// Lifetimes: a ticket is used at once; a session is renewed while it is used, so an open
// page keeps working, and ends after a day without use.
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

// grant is what a ticket or a session lets in: one user into the pages under Base (a
// target's path, such as /notebook/<ns>/<name>/), until Expires.
type grant struct {
	Kind       string `json:"k"`
	User       string `json:"u"`
	Generation string `json:"g"`
	Base       string `json:"b"`
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
var ErrBadGrant = errors.New("invalid ticket or session")

// ticket is the ticket for the browser holding state, into the target under base, going
// on to redirect, as the user of session generation generation.
func (s *Sessions) ticket(user, generation, state, base, redirect string) (string, error) {
	if state == "" || len(state) > 128 {
		return "", errors.New("a ticket needs the state of the login it continues")
	}
	return s.sign(grant{Kind: kindTicket, User: user, Generation: generation, Base: base,
		State: state, Redirect: redirect, Expires: s.now().Add(ticketLifetime).Unix()}), nil
}

// session turns a checked ticket into a session of the same user for the same target.
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
	h.Write([]byte("hop-grant." + payload))
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

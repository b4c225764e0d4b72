package oidc

import (
	"context"
	"errors"
	"html/template"
	"math"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/zitadel/oidc/v3/pkg/oidc"
	"github.com/zitadel/oidc/v3/pkg/op"

	"github.com/primehub/primehub/internal/directory"
)

// loginForm is deliberately plain: no scripts, no external assets.
var loginForm = template.Must(template.New("login").Parse(`<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Log in to {{.Org}}</title>
<style>body{font-family:sans-serif;max-width:22rem;margin:4rem auto;padding:0 1rem}
label,input,button{display:block;width:100%;box-sizing:border-box;margin:.3rem 0}
input,button{padding:.5rem}.error{color:#b00020}</style></head>
<body><h1>{{.Org}}</h1>
{{if .Error}}<p class="error" role="alert">{{.Error}}</p>{{end}}
<form method="post" action="login">
<input type="hidden" name="authRequestID" value="{{.ID}}">
<label for="username">Username</label><input id="username" name="username" value="{{.Username}}" autocomplete="username" required autofocus>
<label for="password">Password</label><input id="password" name="password" type="password" autocomplete="current-password" required>
<button type="submit">Log in</button>
</form></body></html>
`))

type loginData struct {
	Org, ID, Username, Error string
}

func (p *Provider) renderLogin(w http.ResponseWriter, r *http.Request, status int, d loginData) {
	d.Org = "PrimeHub"
	if s, err := p.dir.GetSettings(r.Context()); err == nil {
		d.Org = s.OrgName
	}
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	h.Set("X-Frame-Options", "DENY")
	h.Set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'")
	w.WriteHeader(status)
	if err := loginForm.Execute(w, d); err != nil {
		p.log.Error(err, "render login page")
	}
}

// loginPage asks for the password, unless the browser's session answers the request
// (sessionAnswers) for a user still active with the session's generation. A request with
// prompt=none that the session cannot answer goes back to the client with login_required.
func (p *Provider) loginPage(w http.ResponseWriter, r *http.Request) {
	id := r.URL.Query().Get("authRequestID")
	req, err := p.storage.AuthRequestByID(r.Context(), id)
	if err != nil {
		http.Error(w, "This login link has expired; go back to the application and log in again.", http.StatusBadRequest)
		return
	}
	a := req.(*authRequest)
	if s, ok := p.browserSession(r); ok && sessionAnswers(a.Prompt, a.MaxAge, s, p.storage.now()) {
		u := directory.User{Username: s.User, SessionGeneration: s.Generation}
		done, err := p.storage.completeLogin(id, u, time.Unix(s.AuthTime, 0))
		if err != nil {
			http.Error(w, "This login link has expired; go back to the application and log in again.", http.StatusBadRequest)
			return
		}
		p.log.Info("logged in by the browser's session", "username", s.User, "remote", clientAddress(r, p.trusted))
		http.Redirect(w, r, p.callbackURL(done), http.StatusFound)
		return
	}
	if slices.Contains(a.Prompt, oidc.PromptNone) {
		_ = p.storage.DeleteAuthRequest(r.Context(), id)
		op.AuthRequestError(w, r, a, oidc.ErrLoginRequired().WithDescription("the user is not logged in"), p.op)
		return
	}
	p.renderLogin(w, r, http.StatusOK, loginData{ID: id})
}

// browserSession is the session of r's cookie, when it is valid and its user is still
// active with the session's generation.
func (p *Provider) browserSession(r *http.Request) (session, bool) {
	c, err := r.Cookie(SessionCookie)
	if err != nil {
		return session{}, false
	}
	s, err := decodeSession(p.sessionKey, c.Value, p.storage.now())
	if err != nil {
		p.log.Info("session cookie refused", "reason", err.Error(), "remote", clientAddress(r, p.trusted))
		return session{}, false
	}
	if err := p.storage.userActive(r.Context(), s.User, s.Generation); err != nil {
		p.log.Info("session cookie ended", "reason", err.Error())
		return session{}, false
	}
	return s, true
}

// setSession gives the browser a session for u, who just gave their password.
func (p *Provider) setSession(w http.ResponseWriter, u directory.User, authTime time.Time) error {
	exp := authTime.Add(sessionLifetime)
	v, err := encodeSession(p.sessionKey, session{User: u.Username, Generation: u.SessionGeneration, AuthTime: authTime.Unix(), Expires: exp.Unix()})
	if err != nil {
		return err
	}
	http.SetCookie(w, p.sessionCookie(v, exp))
	return nil
}

func (p *Provider) sessionCookie(value string, expires time.Time) *http.Cookie {
	return &http.Cookie{Name: SessionCookie, Value: value, Path: p.cookiePath, Expires: expires,
		HttpOnly: true, Secure: p.secureCookie, SameSite: http.SameSiteLaxMode}
}

// endingSession clears the browser's session at logout (end_session), before op ends the
// user's tokens at the client and redirects.
func (p *Provider) endingSession(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		c := p.sessionCookie("", time.Unix(0, 0))
		c.MaxAge = -1
		http.SetCookie(w, c)
		next.ServeHTTP(w, r)
	})
}

// Bounds of a login attempt: the username's length (it names a limiter key) and how long
// an attempt waits for a password check slot before it is turned away.
const (
	maxUsernameBytes  = 256
	passwordCheckWait = 10 * time.Second
)

// login checks the password and sends the browser on to the client with a code. The
// attempt first reserves its place with the limiters of its username and client address,
// then waits for a password check slot. Failures are logged with the username, never the
// password.
func (p *Provider) login(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, 64<<10)
	if err := r.ParseForm(); err != nil {
		http.Error(w, "bad form", http.StatusBadRequest)
		return
	}
	id, username, password := r.PostForm.Get("authRequestID"), r.PostForm.Get("username"), r.PostForm.Get("password")
	if _, err := p.storage.AuthRequestByID(r.Context(), id); err != nil {
		http.Error(w, "This login link has expired; go back to the application and log in again.", http.StatusBadRequest)
		return
	}
	data := loginData{ID: id, Username: username}
	if len(username) > maxUsernameBytes {
		data.Username, data.Error = "", "Invalid username or password."
		p.renderLogin(w, r, http.StatusUnauthorized, data)
		return
	}
	address := clientAddress(r, p.trusted)
	userKey := strings.ToLower(username) // Alice and alice share one count
	if wait := p.addresses.Reserve(address); wait > 0 {
		p.tooMany(w, r, data, wait, "address", address, username)
		return
	}
	if wait := p.users.Reserve(userKey); wait > 0 {
		p.addresses.Cancel(address)
		p.tooMany(w, r, data, wait, "username", address, username)
		return
	}
	u, err := p.checkPassword(r.Context(), username, password)
	switch {
	case errors.Is(err, directory.ErrBadCredentials):
		p.addresses.Done(address, true)
		p.users.Done(userKey, true)
		p.log.Info("login failed", "username", username, "remote", address)
		data.Error = "Invalid username or password."
		p.renderLogin(w, r, http.StatusUnauthorized, data)
		return
	case err != nil:
		p.addresses.Cancel(address)
		p.users.Cancel(userKey)
		if errors.Is(err, errBusy) {
			w.Header().Set("Retry-After", "5")
			data.Error = "Too many people are logging in at once. Try again in a few seconds."
			p.log.Info("login turned away: every password check slot is busy", "username", username, "remote", address)
			p.renderLogin(w, r, http.StatusServiceUnavailable, data)
			return
		}
		p.log.Error(err, "login", "username", username)
		data.Error = "Logging in failed; try again later."
		p.renderLogin(w, r, http.StatusInternalServerError, data)
		return
	}
	p.addresses.Done(address, false)
	p.users.Done(userKey, false)
	authTime := p.storage.now()
	done, err := p.storage.completeLogin(id, u, authTime)
	if err != nil {
		http.Error(w, "This login link has expired; go back to the application and log in again.", http.StatusBadRequest)
		return
	}
	if err := p.setSession(w, u, authTime); err != nil {
		p.log.Error(err, "set the session cookie", "username", u.Username)
	}
	p.log.Info("logged in", "username", u.Username, "remote", address)
	http.Redirect(w, r, p.callbackURL(done), http.StatusFound)
}

func (p *Provider) tooMany(w http.ResponseWriter, r *http.Request, data loginData, wait time.Duration, by, address, username string) {
	secs := int(math.Ceil(wait.Seconds()))
	w.Header().Set("Retry-After", strconv.Itoa(secs))
	data.Error = "Too many failed logins. Try again in " + strconv.Itoa(secs) + " seconds."
	p.log.Info("login refused while backing off", "by", by, "username", username, "remote", address)
	p.renderLogin(w, r, http.StatusTooManyRequests, data)
}

var errBusy = errors.New("every password check slot is busy")

// checkPassword checks a password in one of the bounded slots: argon2id takes 64 MiB a
// check, so unbounded parallel logins would take the server's memory.
func (p *Provider) checkPassword(ctx context.Context, username, password string) (directory.User, error) {
	timer := time.NewTimer(passwordCheckWait)
	defer timer.Stop()
	select {
	case p.passwordChecks <- struct{}{}:
	case <-timer.C:
		return directory.User{}, errBusy
	case <-ctx.Done():
		return directory.User{}, ctx.Err()
	}
	defer func() { <-p.passwordChecks }()
	return p.dir.Authenticate(ctx, username, password)
}

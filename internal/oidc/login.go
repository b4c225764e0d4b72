package oidc

import (
	"context"
	"errors"
	"html/template"
	"math"
	"net/http"
	"strconv"
	"strings"
	"time"

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

func (p *Provider) loginPage(w http.ResponseWriter, r *http.Request) {
	id := r.URL.Query().Get("authRequestID")
	if _, err := p.storage.AuthRequestByID(r.Context(), id); err != nil {
		http.Error(w, "This login link has expired; go back to the application and log in again.", http.StatusBadRequest)
		return
	}
	p.renderLogin(w, r, http.StatusOK, loginData{ID: id})
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
	if err := p.storage.completeLogin(id, u); err != nil {
		http.Error(w, "This login link has expired; go back to the application and log in again.", http.StatusBadRequest)
		return
	}
	p.log.Info("logged in", "username", u.Username, "remote", address)
	http.Redirect(w, r, p.callbackURL(id), http.StatusFound)
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

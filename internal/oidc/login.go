package oidc

import (
	"errors"
	"html/template"
	"math"
	"net/http"
	"strconv"

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

// login checks the password, unless the username is backing off, and sends the browser on
// to the client with a code. Failures are logged with the username, never the password.
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
	if wait := p.backoff.Wait(username); wait > 0 {
		secs := int(math.Ceil(wait.Seconds()))
		w.Header().Set("Retry-After", strconv.Itoa(secs))
		data.Error = "Too many failed logins. Try again in " + strconv.Itoa(secs) + " seconds."
		p.log.Info("login refused while backing off", "username", username, "remote", r.RemoteAddr)
		p.renderLogin(w, r, http.StatusTooManyRequests, data)
		return
	}
	u, err := p.dir.Authenticate(r.Context(), username, password)
	if errors.Is(err, directory.ErrBadCredentials) {
		p.backoff.Failed(username)
		p.log.Info("login failed", "username", username, "remote", r.RemoteAddr)
		data.Error = "Invalid username or password."
		p.renderLogin(w, r, http.StatusUnauthorized, data)
		return
	}
	if err != nil {
		p.log.Error(err, "login", "username", username)
		data.Error = "Logging in failed; try again later."
		p.renderLogin(w, r, http.StatusInternalServerError, data)
		return
	}
	p.backoff.Succeeded(username)
	if err := p.storage.completeLogin(id, u.Username); err != nil {
		http.Error(w, "This login link has expired; go back to the application and log in again.", http.StatusBadRequest)
		return
	}
	p.log.Info("logged in", "username", u.Username, "remote", r.RemoteAddr)
	http.Redirect(w, r, p.callbackURL(id), http.StatusFound)
}

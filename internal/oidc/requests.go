package oidc

import (
	"time"

	"github.com/zitadel/oidc/v3/pkg/oidc"
)

// authRequest is one login in progress, from /authorize to the code exchange.
type authRequest struct {
	id      string
	created time.Time
	req     oidc.AuthRequest
	address string // the client's, for the bound on logins in progress
	subject string
	// generation is the user's session generation when their password was checked.
	generation string
	authTime   time.Time
	done       bool
}

func (a *authRequest) GetID() string          { return a.id }
func (a *authRequest) GetACR() string         { return "" }
func (a *authRequest) GetAMR() []string       { return []string{"pwd"} }
func (a *authRequest) GetAudience() []string  { return []string{a.req.ClientID} }
func (a *authRequest) GetAuthTime() time.Time { return a.authTime }
func (a *authRequest) GetClientID() string    { return a.req.ClientID }
func (a *authRequest) GetNonce() string       { return a.req.Nonce }
func (a *authRequest) GetRedirectURI() string { return a.req.RedirectURI }
func (a *authRequest) GetScopes() []string    { return a.req.Scopes }
func (a *authRequest) GetState() string       { return a.req.State }
func (a *authRequest) GetSubject() string     { return a.subject }
func (a *authRequest) Done() bool             { return a.done }
func (a *authRequest) GetResponseType() oidc.ResponseType {
	return a.req.ResponseType
}
func (a *authRequest) GetResponseMode() oidc.ResponseMode {
	return a.req.ResponseMode
}

func (a *authRequest) GetCodeChallenge() *oidc.CodeChallenge {
	if a.req.CodeChallenge == "" {
		return nil
	}
	return &oidc.CodeChallenge{Challenge: a.req.CodeChallenge, Method: a.req.CodeChallengeMethod}
}

// refreshToken is a refresh token's grant; the token itself is known only by its hash.
type refreshToken struct {
	id string
	// family is the id of the first token of the login this one descends from.
	family     string
	subject    string
	generation string
	clientID   string
	scopes     []string
	authTime   time.Time
	expires    time.Time
}

func (r *refreshToken) GetAMR() []string            { return []string{"pwd"} }
func (r *refreshToken) GetAudience() []string       { return []string{r.clientID} }
func (r *refreshToken) GetAuthTime() time.Time      { return r.authTime }
func (r *refreshToken) GetClientID() string         { return r.clientID }
func (r *refreshToken) GetScopes() []string         { return r.scopes }
func (r *refreshToken) GetSubject() string          { return r.subject }
func (r *refreshToken) SetCurrentScopes(s []string) { r.scopes = s }

// accessToken is an opaque access token's grant, by id.
type accessToken struct {
	subject    string
	clientID   string
	scopes     []string
	expires    time.Time
	refreshID  string
	generation string
}

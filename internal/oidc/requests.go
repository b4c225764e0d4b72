package oidc

import (
	"time"

	"github.com/zitadel/oidc/v3/pkg/oidc"
)

// authRequest is one login in progress, from /authorize to the code exchange. It lives in
// no replica's memory: its id is its state, sealed (storage.requests), so a login started
// on one replica finishes on any other. Completing the login seals a new id, with the user.
type authRequest struct {
	id string
	requestState
}

// requestState is what an authorization request's id holds. Ref is random and the same
// in every id of one request, so that its code is spent once whichever id it came from.
type requestState struct {
	Ref                 string                   `json:"r"`
	Created             int64                    `json:"c"`
	ClientID            string                   `json:"ci"`
	RedirectURI         string                   `json:"ru"`
	State               string                   `json:"st,omitempty"`
	Nonce               string                   `json:"n,omitempty"`
	Scopes              []string                 `json:"sc,omitempty"`
	ResponseType        oidc.ResponseType        `json:"rt"`
	ResponseMode        oidc.ResponseMode        `json:"rm,omitempty"`
	CodeChallenge       string                   `json:"cc,omitempty"`
	CodeChallengeMethod oidc.CodeChallengeMethod `json:"ccm,omitempty"`
	Prompt              []string                 `json:"p,omitempty"`
	MaxAge              *uint                    `json:"ma,omitempty"`
	// Once the user is known: who, their session generation when the password was
	// checked (AuthTime), and when the login was completed (the code's lifetime starts).
	Subject    string `json:"u,omitempty"`
	Generation string `json:"g,omitempty"`
	AuthTime   int64  `json:"at,omitempty"`
	Completed  int64  `json:"d,omitempty"`
}

func newRequestState(ref string, created time.Time, r *oidc.AuthRequest) requestState {
	return requestState{Ref: ref, Created: created.Unix(), ClientID: r.ClientID, RedirectURI: r.RedirectURI, State: r.State,
		Nonce: r.Nonce, Scopes: r.Scopes, ResponseType: r.ResponseType, ResponseMode: r.ResponseMode,
		CodeChallenge: r.CodeChallenge, CodeChallengeMethod: r.CodeChallengeMethod, Prompt: r.Prompt, MaxAge: r.MaxAge}
}

// expires is when the request stops working: a login in progress after
// authRequestLifetime, a completed one (its code) after codeLifetime.
func (a *requestState) expires() time.Time {
	if a.Completed != 0 {
		return time.Unix(a.Completed, 0).Add(codeLifetime)
	}
	return time.Unix(a.Created, 0).Add(authRequestLifetime)
}

func (a *authRequest) GetID() string          { return a.id }
func (a *authRequest) GetACR() string         { return "" }
func (a *authRequest) GetAMR() []string       { return []string{"pwd"} }
func (a *authRequest) GetAudience() []string  { return []string{a.ClientID} }
func (a *authRequest) GetAuthTime() time.Time { return time.Unix(a.AuthTime, 0) }
func (a *authRequest) GetClientID() string    { return a.ClientID }
func (a *authRequest) GetNonce() string       { return a.Nonce }
func (a *authRequest) GetRedirectURI() string { return a.RedirectURI }
func (a *authRequest) GetScopes() []string    { return a.Scopes }
func (a *authRequest) GetState() string       { return a.State }
func (a *authRequest) GetSubject() string     { return a.Subject }
func (a *authRequest) Done() bool             { return a.Completed != 0 }
func (a *authRequest) GetResponseType() oidc.ResponseType {
	return a.ResponseType
}
func (a *authRequest) GetResponseMode() oidc.ResponseMode {
	return a.ResponseMode
}

func (a *authRequest) GetCodeChallenge() *oidc.CodeChallenge {
	if a.CodeChallenge == "" {
		return nil
	}
	return &oidc.CodeChallenge{Challenge: a.CodeChallenge, Method: a.CodeChallengeMethod}
}

// refreshToken is a refresh token's grant: its family as read from the API server.
type refreshToken struct{ f *family }

func (r *refreshToken) GetAMR() []string            { return []string{"pwd"} }
func (r *refreshToken) GetAudience() []string       { return []string{r.f.ClientID} }
func (r *refreshToken) GetAuthTime() time.Time      { return r.f.AuthTime }
func (r *refreshToken) GetClientID() string         { return r.f.ClientID }
func (r *refreshToken) GetScopes() []string         { return r.f.Scopes }
func (r *refreshToken) GetSubject() string          { return r.f.Subject }
func (r *refreshToken) SetCurrentScopes(s []string) { r.f.Scopes = s }

// accessToken is an opaque access token's grant, sealed into the token's id
// (storage.accessTokens). It names the family of its login, and stops working when the
// family is revoked.
type accessToken struct {
	Subject    string   `json:"u"`
	ClientID   string   `json:"ci"`
	Scopes     []string `json:"sc,omitempty"`
	Expires    int64    `json:"e"`
	Generation string   `json:"g,omitempty"`
	Family     string   `json:"f"`
}

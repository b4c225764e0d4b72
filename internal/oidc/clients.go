package oidc

import (
	"strings"
	"time"

	"github.com/zitadel/oidc/v3/pkg/oidc"
	"github.com/zitadel/oidc/v3/pkg/op"
)

// Client is an application that logs people in through the issuer: a public client
// (no secret) that must use PKCE, as the console and PrimeHub's SDK are.
type Client struct {
	ID string
	// RedirectURIs are where a login may return; PostLogoutRedirectURIs where a logout may.
	Redirects           []string
	PostLogoutRedirects []string
	loginURL            func(authRequestID string) string
}

var _ op.Client = (*Client)(nil)

func (c *Client) GetID() string                       { return c.ID }
func (c *Client) RedirectURIs() []string              { return c.Redirects }
func (c *Client) PostLogoutRedirectURIs() []string    { return c.PostLogoutRedirects }
func (c *Client) ApplicationType() op.ApplicationType { return op.ApplicationTypeWeb }
func (c *Client) AuthMethod() oidc.AuthMethod         { return oidc.AuthMethodNone }
func (c *Client) ResponseTypes() []oidc.ResponseType {
	return []oidc.ResponseType{oidc.ResponseTypeCode}
}
func (c *Client) GrantTypes() []oidc.GrantType {
	return []oidc.GrantType{oidc.GrantTypeCode, oidc.GrantTypeRefreshToken}
}
func (c *Client) LoginURL(id string) string            { return c.loginURL(id) }
func (c *Client) AccessTokenType() op.AccessTokenType  { return op.AccessTokenTypeBearer }
func (c *Client) IDTokenLifetime() time.Duration       { return idTokenLifetime }
func (c *Client) IsScopeAllowed(scope string) bool     { return scope == "groups" }
func (c *Client) IDTokenUserinfoClaimsAssertion() bool { return true }
func (c *Client) ClockSkew() time.Duration             { return 0 }
func (c *Client) RestrictAdditionalIdTokenScopes() func([]string) []string {
	return func(s []string) []string { return s }
}
func (c *Client) RestrictAdditionalAccessTokenScopes() func([]string) []string {
	return func(s []string) []string { return s }
}

// DevMode allows http redirect URIs, which only an http (development) issuer has.
func (c *Client) DevMode() bool {
	for _, u := range c.Redirects {
		if strings.HasPrefix(u, "http://") {
			return true
		}
	}
	return false
}

package keycloak

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"path"
	"strings"
	"sync"
	"time"

	"github.com/primehub/primehub/internal/directory"
)

// api calls Keycloak's Admin REST API as a service-account client (client credentials),
// which needs the realm-management roles manage-users and view-realm, and manage-realm for
// the settings and the projected roles.
type api struct {
	base, realm, clientID, clientSecret string
	http                                *http.Client

	mu      sync.Mutex
	token   string
	expires time.Time
}

// statusError is an answer of Keycloak other than 2xx.
type statusError struct {
	method, path string
	code         int
	body         string
}

func (e *statusError) Error() string {
	return fmt.Sprintf("keycloak %s %s: %d %s", e.method, e.path, e.code, strings.TrimSpace(e.body))
}

// Unwrap maps Keycloak's answers onto the directory's errors.
func (e *statusError) Unwrap() error {
	switch e.code {
	case http.StatusNotFound:
		return directory.ErrNotFound
	case http.StatusConflict:
		return directory.ErrAlreadyExists
	case http.StatusBadRequest:
		return directory.ErrInvalid
	}
	return nil
}

func (a *api) tokenURL() string {
	return a.base + "/realms/" + url.PathEscape(a.realm) + "/protocol/openid-connect/token"
}

// accessToken answers a service-account token, renewed a little before it expires.
func (a *api) accessToken(ctx context.Context) (string, error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.token != "" && time.Until(a.expires) > 10*time.Second {
		return a.token, nil
	}
	form := url.Values{"grant_type": {"client_credentials"}, "client_id": {a.clientID}, "client_secret": {a.clientSecret}}
	resp, err := a.postForm(ctx, form)
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		body, _ := io.ReadAll(io.LimitReader(resp.Body, 4096))
		return "", fmt.Errorf("keycloak service-account token for client %q: %w", a.clientID, &statusError{"POST", "token", resp.StatusCode, string(body)})
	}
	var tr tokenResponse
	if err := json.NewDecoder(resp.Body).Decode(&tr); err != nil || tr.AccessToken == "" {
		return "", fmt.Errorf("keycloak token response: %v", err)
	}
	a.token, a.expires = tr.AccessToken, time.Now().Add(time.Duration(tr.ExpiresIn)*time.Second)
	return a.token, nil
}

func (a *api) postForm(ctx context.Context, form url.Values) (*http.Response, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, a.tokenURL(), strings.NewReader(form.Encode()))
	if err != nil {
		return nil, err
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	resp, err := a.http.Do(req)
	if err != nil {
		return nil, fmt.Errorf("keycloak token endpoint: %w", err)
	}
	return resp, nil
}

// checkPassword asks the token endpoint for a password grant (the client needs direct
// access grants); only whether it is granted matters, the tokens are dropped.
func (a *api) checkPassword(ctx context.Context, username, password string) (bool, error) {
	form := url.Values{"grant_type": {"password"}, "client_id": {a.clientID}, "client_secret": {a.clientSecret},
		"username": {username}, "password": {password}, "scope": {"openid"}}
	resp, err := a.postForm(ctx, form)
	if err != nil {
		return false, err
	}
	defer resp.Body.Close()
	_, _ = io.Copy(io.Discard, resp.Body)
	switch resp.StatusCode {
	case http.StatusOK:
		return true, nil
	case http.StatusUnauthorized, http.StatusBadRequest:
		return false, nil
	}
	return false, fmt.Errorf("keycloak password grant: status %d", resp.StatusCode)
}

// do calls an admin endpoint, path relative to /admin/realms/<realm> (or "" for the realm
// itself); it answers the id in the Location of a 201.
func (a *api) do(ctx context.Context, method, p string, query url.Values, in, out any) (string, error) {
	token, err := a.accessToken(ctx)
	if err != nil {
		return "", err
	}
	u := a.base + "/admin/realms/" + url.PathEscape(a.realm) + p
	if len(query) > 0 {
		u += "?" + query.Encode()
	}
	var body io.Reader
	if in != nil {
		b, err := json.Marshal(in)
		if err != nil {
			return "", fmt.Errorf("encode %s %s: %w", method, p, err)
		}
		body = bytes.NewReader(b)
	}
	req, err := http.NewRequestWithContext(ctx, method, u, body)
	if err != nil {
		return "", err
	}
	req.Header.Set("Authorization", "Bearer "+token)
	if in != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := a.http.Do(req)
	if err != nil {
		return "", fmt.Errorf("keycloak %s %s: %w", method, p, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode/100 != 2 {
		b, _ := io.ReadAll(io.LimitReader(resp.Body, 4096))
		return "", &statusError{method, p, resp.StatusCode, string(b)}
	}
	if out != nil {
		if err := json.NewDecoder(resp.Body).Decode(out); err != nil {
			return "", fmt.Errorf("decode keycloak %s %s: %w", method, p, err)
		}
	}
	return path.Base(resp.Header.Get("Location")), nil
}

// pageSize is how many users or groups one list request asks for.
const pageSize = 200

// list pages through a list endpoint.
func list[T any](ctx context.Context, a *api, p string, query url.Values) ([]T, error) {
	var all []T
	for first := 0; ; first += pageSize {
		q := url.Values{}
		for k, v := range query {
			q[k] = v
		}
		q.Set("first", fmt.Sprint(first))
		q.Set("max", fmt.Sprint(pageSize))
		var page []T
		if _, err := a.do(ctx, http.MethodGet, p, q, nil, &page); err != nil {
			return nil, err
		}
		all = append(all, page...)
		if len(page) < pageSize {
			return all, nil
		}
	}
}

package proxy

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"
	"testing"

	"github.com/primehub/primehub/internal/auth"
)

func TestParse(t *testing.T) {
	tests := []struct {
		path     string
		ns, name string
		ok       bool
	}{
		{"/notebook/primehub/nb1/", "primehub", "nb1", true},
		{"/notebook/primehub/nb1/lab/tree/x.ipynb", "primehub", "nb1", true},
		{"/notebook/primehub/nb1", "primehub", "nb1", true},
		{"/notebook/primehub/", "", "", false},
		{"/notebook//nb1/", "", "", false},
		{"/notebooks/primehub/nb1/", "", "", false},
	}
	for _, tt := range tests {
		ns, name, ok := parse(tt.path)
		if ns != tt.ns || name != tt.name || ok != tt.ok {
			t.Errorf("parse(%q) = %q, %q, %v; want %q, %q, %v", tt.path, ns, name, ok, tt.ns, tt.name, tt.ok)
		}
	}
}

func TestExpiredCookieSendsBrowserToLogin(t *testing.T) {
	// No Reader: a request that fails authentication reads nothing.
	p := &Proxy{
		Authenticate: func(*http.Request) (*auth.Identity, error) {
			return nil, fmt.Errorf("%w: id_token expired", auth.ErrUnauthenticated)
		},
		LoginURL: "/console/login",
	}
	r := httptest.NewRequest(http.MethodGet, "/notebook/primehub/nb/lab?x=1", nil)
	r.Header.Set("Accept", "text/html")
	r.AddCookie(&http.Cookie{Name: TokenCookie, Value: "expired"})
	w := httptest.NewRecorder()
	p.ServeHTTP(w, r)
	if want := "/console/login?redirect=%2Fnotebook%2Fprimehub%2Fnb%2Flab%3Fx%3D1"; w.Code != http.StatusFound || w.Header().Get("Location") != want {
		t.Errorf("got %d to %q, want 302 to %q", w.Code, w.Header().Get("Location"), want)
	}
}

func TestDropTokenCookie(t *testing.T) {
	r := httptest.NewRequest(http.MethodGet, "/notebook/primehub/nb/", nil)
	r.Header.Add("Cookie", "_xsrf=2|ab|cd; "+TokenCookie+"=secret")
	r.Header.Add("Cookie", "username-x=\"quoted value\"")
	dropTokenCookie(r)
	if got, want := r.Header.Values("Cookie"), []string{`_xsrf=2|ab|cd; username-x="quoted value"`}; !slices.Equal(got, want) {
		t.Errorf("Cookie = %q, want %q", got, want)
	}
	r = httptest.NewRequest(http.MethodGet, "/notebook/primehub/nb/", nil)
	r.Header.Set("Cookie", TokenCookie+"=secret")
	dropTokenCookie(r)
	if _, ok := r.Header["Cookie"]; ok {
		t.Errorf("Cookie header kept: %q", r.Header.Values("Cookie"))
	}
}

func TestPassive(t *testing.T) {
	tests := []struct {
		method, path string
		passive      bool
	}{
		{http.MethodGet, "/notebook/ns/nb/api/kernels", true},
		{http.MethodGet, "/notebook/ns/nb/api/contents/x.ipynb", true},
		{http.MethodHead, "/notebook/ns/nb/api/status", true},
		{http.MethodGet, "/notebook/ns/nb/lab/api/workspaces/default", true},
		{http.MethodGet, "/notebook/ns/nb/tree", false},
		{http.MethodGet, "/notebook/ns/nb/notebooks/api.ipynb", false},
		{http.MethodPut, "/notebook/ns/nb/api/contents/x.ipynb", false},
		{http.MethodPost, "/notebook/ns/nb/api/kernels", false},
		{http.MethodGet, "/notebook/ns/nb/", false},
	}
	for _, tt := range tests {
		r := httptest.NewRequest(tt.method, tt.path, nil)
		if got := passive(r, "ns", "nb"); got != tt.passive {
			t.Errorf("passive(%s %s) = %v, want %v", tt.method, tt.path, got, tt.passive)
		}
	}
}

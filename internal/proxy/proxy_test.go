package proxy

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"testing"
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

func TestBrowserWithoutSessionGoesToLogin(t *testing.T) {
	// No Reader: a request that fails authentication reads nothing.
	p := &Proxy{Sessions: NewSessions([]byte("key")), LoginURL: "https://primehub.example/console/notebook-login"}
	r := httptest.NewRequest(http.MethodGet, "/notebook/primehub/nb/lab?x=1", nil)
	r.Header.Set("Accept", "text/html")
	r.AddCookie(&http.Cookie{Name: SessionCookie, Value: "forged.value"})
	w := httptest.NewRecorder()
	p.ServeHTTP(w, r)
	loc, err := url.Parse(w.Header().Get("Location"))
	if w.Code != http.StatusFound || err != nil || loc.Host != "primehub.example" || loc.Path != "/console/notebook-login" ||
		loc.Query().Get("redirect") != "/notebook/primehub/nb/lab?x=1" {
		t.Fatalf("got %d to %q, want 302 to the console's notebook login", w.Code, w.Header().Get("Location"))
	}
	c := w.Result().Cookies()
	if len(c) != 1 || c[0].Name != StateCookie || c[0].Value != loc.Query().Get("state") || c[0].Value == "" ||
		c[0].Path != SessionPath || !c[0].HttpOnly || c[0].SameSite != http.SameSiteLaxMode {
		t.Errorf("state cookie %+v, for state %q", c, loc.Query().Get("state"))
	}
}

func TestDropPlatformCookies(t *testing.T) {
	r := httptest.NewRequest(http.MethodGet, "/notebook/primehub/nb/", nil)
	r.Header.Add("Cookie", "_xsrf=2|ab|cd; "+SessionCookie+"=secret")
	r.Header.Add("Cookie", "username-x=\"quoted value\"; "+StateCookie+"=s")
	dropPlatformCookies(r)
	if got, want := r.Header.Values("Cookie"), []string{`_xsrf=2|ab|cd; username-x="quoted value"`}; !slices.Equal(got, want) {
		t.Errorf("Cookie = %q, want %q", got, want)
	}
	r = httptest.NewRequest(http.MethodGet, "/notebook/primehub/nb/", nil)
	r.Header.Set("Cookie", SessionCookie+"=secret")
	dropPlatformCookies(r)
	if _, ok := r.Header["Cookie"]; ok {
		t.Errorf("Cookie header kept: %q", r.Header.Values("Cookie"))
	}
}

func TestConfine(t *testing.T) {
	h := http.Header{}
	for _, c := range []string{
		"_xsrf=2|a|b; Path=/notebook/ns/nb/",
		"plain=1",
		"deep=1; Path=/notebook/ns/nb/lab",
		"exact=1; Path=/notebook/ns/nb",
		"primehub_notebook=forged; Path=/notebook/ns/nb/",
		"PrimeHub_x=1",
		"wide=1; Path=/",
		"sibling=1; Path=/notebook/ns/nb2/",
		"other=1; Path=/notebook/ns/other/",
		"domain=1; Domain=example.com",
		"broken",
	} {
		h.Add("Set-Cookie", c)
	}
	h.Set("Service-Worker-Allowed", "/")
	h.Set("Clear-Site-Data", `"cookies"`)
	h.Set("Content-Type", "text/html")
	confine(h, "ns", "nb")
	want := []string{"_xsrf=2|a|b; Path=/notebook/ns/nb/", "plain=1", "deep=1; Path=/notebook/ns/nb/lab", "exact=1; Path=/notebook/ns/nb"}
	if got := h.Values("Set-Cookie"); !slices.Equal(got, want) {
		t.Errorf("Set-Cookie = %q, want %q", got, want)
	}
	if h.Get("Service-Worker-Allowed") != "" || h.Get("Clear-Site-Data") != "" || h.Get("Content-Type") != "text/html" {
		t.Errorf("headers %v", h)
	}
}

func TestSameOrigin(t *testing.T) {
	const origin = "https://notebooks.example"
	tests := []struct {
		method, origin string
		upgrade        bool
		ok             bool
	}{
		{http.MethodGet, "", false, true},
		{http.MethodGet, "https://evil.example", false, true}, // a read: the answer is the browser's to withhold
		{http.MethodGet, "https://evil.example", true, false},
		{http.MethodGet, "https://console.example", true, false},
		{http.MethodGet, origin, true, true},
		{http.MethodGet, "", true, true}, // an API client's socket
		{http.MethodPost, "https://evil.example", false, false},
		{http.MethodPut, "null", false, false},
		{http.MethodDelete, origin, false, true},
		{http.MethodPost, "", false, true},
	}
	p := &Proxy{Origin: origin}
	for _, tt := range tests {
		r := httptest.NewRequest(tt.method, "/notebook/ns/nb/api/kernels", nil)
		if tt.origin != "" {
			r.Header.Set("Origin", tt.origin)
		}
		if tt.upgrade {
			r.Header.Set("Connection", "Upgrade")
			r.Header.Set("Upgrade", "websocket")
		}
		if got := p.sameOrigin(r); got != tt.ok {
			t.Errorf("%s from %q (upgrade %t): %t, want %t", tt.method, tt.origin, tt.upgrade, got, tt.ok)
		}
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

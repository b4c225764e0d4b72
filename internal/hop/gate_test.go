package hop

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"testing"
)

func TestBrowserWithoutSessionGoesToLogin(t *testing.T) {
	g := notebookGate()
	g.LoginURL = "https://primehub.example/console/notebook-login"
	r := httptest.NewRequest(http.MethodGet, "/notebook/primehub/nb/lab?x=1", nil)
	r.Header.Set("Accept", "text/html")
	r.AddCookie(&http.Cookie{Name: g.Cookie, Value: "forged.value"})
	w := httptest.NewRecorder()
	if _, err := g.Authenticate(w, r, "/notebook/primehub/nb/"); err == nil || !g.Browser(r) {
		t.Fatalf("a forged session authenticated: %v", err)
	}
	g.Login(w, r)
	loc, err := url.Parse(w.Header().Get("Location"))
	if w.Code != http.StatusFound || err != nil || loc.Host != "primehub.example" || loc.Path != "/console/notebook-login" ||
		loc.Query().Get("redirect") != "/notebook/primehub/nb/lab?x=1" {
		t.Fatalf("got %d to %q, want 302 to the console's notebook login", w.Code, w.Header().Get("Location"))
	}
	c := w.Result().Cookies()
	if len(c) != 1 || c[0].Name != g.stateCookie() || c[0].Value != loc.Query().Get("state") || c[0].Value == "" ||
		c[0].Path != "/notebook/_session" || !c[0].HttpOnly || c[0].SameSite != http.SameSiteLaxMode {
		t.Errorf("state cookie %+v, for state %q", c, loc.Query().Get("state"))
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
	g := &Gate{Origin: origin}
	for _, tt := range tests {
		r := httptest.NewRequest(tt.method, "/notebook/ns/nb/api/kernels", nil)
		if tt.origin != "" {
			r.Header.Set("Origin", tt.origin)
		}
		if tt.upgrade {
			r.Header.Set("Connection", "Upgrade")
			r.Header.Set("Upgrade", "websocket")
		}
		if got := g.SameOrigin(r); got != tt.ok {
			t.Errorf("%s from %q (upgrade %t): %t, want %t", tt.method, tt.origin, tt.upgrade, got, tt.ok)
		}
	}
}

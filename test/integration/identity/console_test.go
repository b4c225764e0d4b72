package identity_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// TestConsoleLoginRedirectStaysOnSite: the console's login page, where the notebook proxy
// sends browsers, takes only a path of this site to go back to. Anything a browser would
// read as another site is refused by the server before the page runs: a tab or newline the
// browser strips (/<TAB>/evil.example.com becomes //evil.example.com), a backslash it reads
// as a slash, a scheme.
func TestConsoleLoginRedirectStaysOnSite(t *testing.T) {
	s := sharedServe(t)
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	get := func(redirect string) (int, string) {
		t.Helper()
		resp, err := client.Get(s.base + "/console/login?redirect=" + url.QueryEscape(redirect))
		if err != nil {
			t.Fatal(err)
		}
		return resp.StatusCode, readBody(t, resp)
	}
	for _, ok := range []string{"/notebook/ns/nb/lab?x=1", "/console/jobs", "/console/"} {
		if code, body := get(ok); code != http.StatusOK {
			t.Errorf("redirect=%q: %d %s, want the login page", ok, code, body)
		}
	}
	for _, bad := range []string{"/\t/evil.example.com", "/\n/evil.example.com", "/\r/evil.example.com", "//evil.example.com",
		"/\\evil.example.com", "\\\\evil.example.com", "https://evil.example.com/", "javascript:alert(1)", " //evil.example.com",
		"/\x00/evil.example.com", "evil.example.com"} {
		code, body := get(bad)
		if code != http.StatusBadRequest || !strings.Contains(body, "redirect") {
			t.Errorf("redirect=%q: %d %q, want 400 naming the redirect", bad, code, body)
		}
	}
}

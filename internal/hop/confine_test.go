package hop

import (
	"net/http"
	"net/http/httptest"
	"slices"
	"testing"
)

func TestDropPlatformCookies(t *testing.T) {
	r := httptest.NewRequest(http.MethodGet, "/notebook/primehub/nb/", nil)
	r.Header.Add("Cookie", "_xsrf=2|ab|cd; "+"primehub_notebook"+"=secret")
	r.Header.Add("Cookie", "username-x=\"quoted value\"; "+"primehub_notebook_state"+"=s")
	DropPlatformCookies(r)
	if got, want := r.Header.Values("Cookie"), []string{`_xsrf=2|ab|cd; username-x="quoted value"`}; !slices.Equal(got, want) {
		t.Errorf("Cookie = %q, want %q", got, want)
	}
	r = httptest.NewRequest(http.MethodGet, "/notebook/primehub/nb/", nil)
	r.Header.Set("Cookie", "primehub_notebook"+"=secret")
	DropPlatformCookies(r)
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
	Confine(h, "/notebook/ns/nb/")
	want := []string{"_xsrf=2|a|b; Path=/notebook/ns/nb/", "plain=1", "deep=1; Path=/notebook/ns/nb/lab", "exact=1; Path=/notebook/ns/nb"}
	if got := h.Values("Set-Cookie"); !slices.Equal(got, want) {
		t.Errorf("Set-Cookie = %q, want %q", got, want)
	}
	if h.Get("Service-Worker-Allowed") != "" || h.Get("Clear-Site-Data") != "" || h.Get("Content-Type") != "text/html" {
		t.Errorf("headers %v", h)
	}
}

package proxy

import (
	"net/http/httptest"
	"strings"
	"testing"
)

// FuzzParse: a proxied path names one notebook (a namespace and a name without slashes,
// the name followed by a slash or the end) or none.
func FuzzParse(f *testing.F) {
	f.Add("/notebook/primehub/nb-1/lab?x=1")
	f.Add("/notebook//x/")
	f.Fuzz(func(t *testing.T, path string) {
		ns, name, ok := parse(path)
		if !ok {
			return
		}
		rest := strings.TrimPrefix(path, Prefix+ns+"/"+name)
		if ns == "" || name == "" || strings.Contains(ns, "/") || strings.Contains(name, "/") ||
			!strings.HasPrefix(path, Prefix+ns+"/"+name) || (rest != "" && rest[0] != '/') {
			t.Errorf("parse(%q) = %q, %q", path, ns, name)
		}
	})
}

// FuzzDropPlatformCookies: whatever else the Cookie header holds, the platform's cookies
// never reach the notebook, however they are written (Go's cookie parser, as a notebook
// server in Go would read the header, finds none), and the notebook's own cookies do.
func FuzzDropPlatformCookies(f *testing.F) {
	f.Add("a=1; " + SessionCookie + "=secret; b=2")
	f.Add(SessionCookie + "=x;;" + StateCookie + "=y")
	f.Add(SessionCookie + " =x; b=2")
	f.Add("PrimeHub_Notebook=x; _xsrf=2|a|b")
	f.Fuzz(func(t *testing.T, header string) {
		r := httptest.NewRequest("GET", "/", nil)
		r.Header.Set("Cookie", header)
		dropPlatformCookies(r)
		kept := r.Header.Get("Cookie")
		for _, c := range r.Cookies() {
			if platformCookie(c.Name) {
				t.Errorf("Cookie %q kept the platform's cookie %q: %q", header, c.Name, kept)
			}
		}
		for _, part := range strings.Split(header, ";") {
			part = strings.TrimSpace(part)
			if name, _, _ := strings.Cut(part, "="); part != "" && !platformCookie(strings.TrimSpace(name)) && !strings.Contains(kept, part) {
				t.Errorf("Cookie %q lost %q: %q", header, part, kept)
			}
		}
	})
}

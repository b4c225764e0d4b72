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

// FuzzDropTokenCookie: whatever else the Cookie header holds, the session cookie as a
// browser sends it (name=value, as the console set it) never reaches the notebook, and the
// notebook's own cookies do.
//
// Not checked: a part such as "primehub_token =x", which Go's cookie parser reads as the
// session cookie and dropTokenCookie keeps; no browser sends the console's cookie so.
func FuzzDropTokenCookie(f *testing.F) {
	f.Add("a=1; " + TokenCookie + "=secret; b=2")
	f.Add(TokenCookie + "=x;;" + TokenCookie + "=y")
	f.Fuzz(func(t *testing.T, header string) {
		r := httptest.NewRequest("GET", "/", nil)
		r.Header.Set("Cookie", header)
		dropTokenCookie(r)
		kept := r.Header.Get("Cookie")
		for _, part := range strings.Split(kept, ";") {
			if name, _, _ := strings.Cut(strings.TrimSpace(part), "="); name == TokenCookie {
				t.Errorf("Cookie %q kept the session cookie: %q", header, kept)
			}
		}
		for _, part := range strings.Split(header, ";") {
			part = strings.TrimSpace(part)
			if name, _, _ := strings.Cut(part, "="); part != "" && name != TokenCookie && !strings.Contains(kept, part) {
				t.Errorf("Cookie %q lost %q: %q", header, part, kept)
			}
		}
	})
}

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

// FuzzDropTokenCookie: whatever else the Cookie header holds, the session cookie never
// reaches the notebook, however it is written (Go's cookie parser, as a notebook server in
// Go would read the header, finds none), and the notebook's own cookies do.
func FuzzDropTokenCookie(f *testing.F) {
	f.Add("a=1; " + TokenCookie + "=secret; b=2")
	f.Add(TokenCookie + "=x;;" + TokenCookie + "=y")
	f.Add(TokenCookie + " =x; b=2")
	f.Fuzz(func(t *testing.T, header string) {
		r := httptest.NewRequest("GET", "/", nil)
		r.Header.Set("Cookie", header)
		dropTokenCookie(r)
		kept := r.Header.Get("Cookie")
		if c, err := r.Cookie(TokenCookie); err == nil {
			t.Errorf("Cookie %q kept the session cookie %q: %q", header, c.Value, kept)
		}
		for _, part := range strings.Split(header, ";") {
			part = strings.TrimSpace(part)
			if name, _, _ := strings.Cut(part, "="); part != "" && strings.TrimSpace(name) != TokenCookie && !strings.Contains(kept, part) {
				t.Errorf("Cookie %q lost %q: %q", header, part, kept)
			}
		}
	})
}

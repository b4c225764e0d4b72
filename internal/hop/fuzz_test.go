package hop

import (
	"net/http/httptest"
	"strings"
	"testing"
)

// FuzzDropPlatformCookies: whatever else the Cookie header holds, the platform's cookies
// never reach a target, however they are written (Go's cookie parser, as a server
// in Go would read the header, finds none), and the target's own cookies do.
func FuzzDropPlatformCookies(f *testing.F) {
	f.Add("a=1; " + "primehub_notebook" + "=secret; b=2")
	f.Add("primehub_notebook" + "=x;;" + "primehub_notebook_state" + "=y")
	f.Add("primehub_notebook" + " =x; b=2")
	f.Add("PrimeHub_Notebook=x; _xsrf=2|a|b")
	f.Fuzz(func(t *testing.T, header string) {
		r := httptest.NewRequest("GET", "/", nil)
		r.Header.Set("Cookie", header)
		DropPlatformCookies(r)
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

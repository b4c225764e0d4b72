package console

import (
	"net/http"
	"net/url"
	"strings"
)

// SameOriginPath tells whether a browser sent to target stays on this site: an absolute
// path, not a scheme-relative URL. Browsers strip tabs and newlines from URLs and read a
// backslash as a slash, so "/\t/evil.example.com" and "/\evil.example.com" both lead to
// //evil.example.com; any control character or backslash is refused outright.
func SameOriginPath(target string) bool {
	if !strings.HasPrefix(target, "/") || strings.HasPrefix(target, "//") {
		return false
	}
	for i := 0; i < len(target); i++ {
		if c := target[i]; c < 0x20 || c == 0x7f || c == '\\' {
			return false
		}
	}
	u, err := url.Parse(target)
	return err == nil && u.Scheme == "" && u.Host == "" && u.User == nil
}

// loginPage serves the app's login route, which goes back to the path in redirect once
// logged in; a redirect off this site is refused here, before any script runs.
func loginPage(app http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if t, ok := r.URL.Query()["redirect"]; ok && (len(t) != 1 || !SameOriginPath(t[0])) {
			http.Error(w, "redirect must be one path on this site, such as /console/ or /notebook/<namespace>/<name>/", http.StatusBadRequest)
			return
		}
		app.ServeHTTP(w, r)
	})
}

package hop

import (
	"net/http"
	"strings"
)

// cookiePrefix names the platform's cookies: no target may see or set one of that name.
const cookiePrefix = "primehub"

// DropPlatformCookies removes the platform's cookies from a request going on to a target.
// The target's own cookies are kept byte for byte: parsing and writing them again would
// alter values Go finds unusual.
func DropPlatformCookies(r *http.Request) {
	var kept []string
	for _, line := range r.Header.Values("Cookie") {
		for _, part := range strings.Split(line, ";") {
			part = strings.TrimSpace(part)
			// Cookie parsers trim the name too: "primehub_notebook =x" is the session cookie.
			name, _, _ := strings.Cut(part, "=")
			if !platformCookie(strings.TrimSpace(name)) && part != "" {
				kept = append(kept, part)
			}
		}
	}
	r.Header.Del("Cookie")
	if len(kept) > 0 {
		r.Header.Set("Cookie", strings.Join(kept, "; "))
	}
}

// platformCookie: a cookie name of the platform's (cookie names are case-sensitive, but a
// target need not be allowed names that differ from ours in case only).
func platformCookie(name string) bool {
	return strings.HasPrefix(strings.ToLower(name), cookiePrefix)
}

// Confine drops what a target's answer claims beyond base, the target's own path: cookies
// of the platform's names, for other paths or for other hosts, a service worker's scope
// beyond its script's folder, and clearing the origin's data.
func Confine(h http.Header, base string) {
	h.Del("Service-Worker-Allowed")
	h.Del("Clear-Site-Data")
	base = strings.TrimSuffix(base, "/")
	var kept []string
	for _, line := range h.Values("Set-Cookie") {
		c, err := http.ParseSetCookie(line)
		if err != nil || platformCookie(c.Name) || c.Domain != "" ||
			(c.Path != "" && c.Path != base && !strings.HasPrefix(c.Path, base+"/")) {
			continue
		}
		kept = append(kept, line)
	}
	h.Del("Set-Cookie")
	for _, line := range kept {
		h.Add("Set-Cookie", line)
	}
}

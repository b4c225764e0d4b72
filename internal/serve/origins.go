package serve

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"github.com/primehub/primehub/internal/server"
)

// An origin of its own serves pages where users' code runs (notebooks, applications), so
// that it reaches neither the console's tokens nor another such origin's cookies.

// taken is an origin flag already in use, whose host another may not share.
type taken struct{ flag, url string }

// ownOrigin checks the origin flag of value: an origin (scheme://host[:port]) on a host
// none of others has (browsers share cookies between the ports of a host), https when the
// console is. external is --external-url, the first of others.
func ownOrigin(flag, value string, others ...taken) (*url.URL, error) {
	u, err := url.Parse(value)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || strings.Trim(u.Path, "/") != "" || u.RawQuery != "" {
		return nil, fmt.Errorf("%s must be an origin such as https://%s.primehub.example, not %q", flag, strings.TrimSuffix(strings.TrimPrefix(flag, "--"), "-url")+"s", value)
	}
	for _, o := range others {
		if ou, err := url.Parse(o.url); err == nil && o.url != "" && strings.EqualFold(ou.Hostname(), u.Hostname()) {
			return nil, fmt.Errorf("%s's host must not be %s's (%s): browsers share cookies between the ports of a host", flag, o.flag, u.Hostname())
		}
	}
	if len(others) > 0 && strings.HasPrefix(others[0].url, "https://") && u.Scheme != "https" {
		return nil, fmt.Errorf("%s must be https, as %s is", flag, others[0].flag)
	}
	return &url.URL{Scheme: u.Scheme, Host: u.Host}, nil
}

// serveOnOrigin serves h under prefix on origin u, listening on addr too when it is set.
// The origin serves nothing else (code there could call the console's API with the
// browser's cookies otherwise), and the console's origin sends browsers on to it.
func serveOnOrigin(srv *server.Server, u *url.URL, addr, addrFlag, prefix, what string, h http.Handler) error {
	if addr != "" {
		if err := srv.Listen(addr, addrFlag); err != nil {
			return err
		}
	}
	// Patterns with a host match it without the port, and win over those without one.
	srv.HandleStreaming(u.Hostname()+prefix, h)
	srv.Handle(u.Hostname()+"/", http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		http.Error(w, fmt.Sprintf("this origin serves %s only, under %s", what, prefix), http.StatusNotFound)
	}))
	srv.Handle(prefix, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet {
			http.Error(w, fmt.Sprintf("%s are served at %s", what, u), http.StatusNotFound)
			return
		}
		http.Redirect(w, r, u.String()+r.URL.RequestURI(), http.StatusFound)
	}))
	return nil
}

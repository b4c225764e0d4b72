// Package proxy is the notebook proxy at /notebook/<namespace>/<name>/...: it lets a
// notebook's owner (and, if allowed, system admins) through to the notebook's Jupyter
// server, over HTTP and WebSocket, with the notebook's token, which only it knows, and
// records activity for idle culling.
package proxy

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/http/httputil"
	"net/url"
	"strconv"
	"strings"
	"sync"

	"github.com/go-logr/logr"
	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"sigs.k8s.io/controller-runtime/pkg/client"

	"github.com/primehub/primehub/api/v1beta1"
	"github.com/primehub/primehub/internal/auth"
	"github.com/primehub/primehub/internal/controller/notebook"
)

// Prefix is where the proxy is mounted.
const Prefix = "/notebook/"

// Proxy forwards requests to notebook pods.
type Proxy struct {
	// Reader reads notebooks and pods, from the cache.
	Reader client.Reader
	// Tokens makes the notebooks' tokens.
	Tokens *notebook.Tokens
	// Authenticate answers who a request's Authorization header stands for (API clients),
	// or an error wrapping auth.ErrUnauthenticated.
	Authenticate func(*http.Request) (*auth.Identity, error)
	// Sessions checks browsers' notebook sessions, and Identify who holds one: the user, if
	// still enabled and of the same session generation.
	Sessions *Sessions
	Identify func(ctx context.Context, username, generation string) (*auth.Identity, error)
	// Origin is the notebooks' origin (scheme://host[:port]): browsers' WebSocket upgrades
	// and changes must come from it. Secure marks its cookies Secure (it is https).
	Origin string
	Secure bool
	// LoginURL is the console's notebook login page, where a browser without a session is
	// sent, with ?state=&redirect=<path>.
	LoginURL string
	// AdminAccess lets system admins into every notebook (--admin-notebook-access).
	AdminAccess bool
	// Activity records that a notebook is in use.
	Activity *Activity
	Log      logr.Logger

	once    sync.Once
	reverse *httputil.ReverseProxy
}

type upstreamKey struct{}

// ServeHTTP checks who asks for which notebook and forwards to the notebook's pod IP. The
// Service's ClusterIP is never used: it is not routable from where primehub may run, and
// the pod IP is what the notebook server answers on.
func (p *Proxy) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path == SessionPath {
		p.startSession(w, r)
		return
	}
	ns, name, ok := parse(r.URL.Path)
	if !ok {
		http.Error(w, "notebook path must be /notebook/<namespace>/<name>/", http.StatusNotFound)
		return
	}
	if !p.sameOrigin(r) {
		// Jupyter skips its own origin and XSRF checks for requests with its token, which
		// all of these carry: another site's page must not drive a notebook.
		http.Error(w, fmt.Sprintf("a request from %s may not change a notebook or open its sockets", r.Header.Get("Origin")), http.StatusForbidden)
		return
	}
	id, err := p.authenticate(w, r, ns, name)
	if err != nil {
		if !errors.Is(err, auth.ErrUnauthenticated) {
			p.Log.Error(err, "authenticate")
			http.Error(w, "authentication unavailable", http.StatusServiceUnavailable)
			return
		}
		if p.LoginURL != "" && r.Method == http.MethodGet && strings.Contains(r.Header.Get("Accept"), "text/html") {
			p.login(w, r)
			return
		}
		w.Header().Set("WWW-Authenticate", `Bearer realm="primehub"`)
		http.Error(w, "unauthorized", http.StatusUnauthorized)
		return
	}
	nb := &v1beta1.Notebook{}
	if err := p.Reader.Get(r.Context(), client.ObjectKey{Namespace: ns, Name: name}, nb); err != nil {
		if apierrors.IsNotFound(err) {
			http.Error(w, fmt.Sprintf("notebook %s/%s not found", ns, name), http.StatusNotFound)
			return
		}
		http.Error(w, "reading the notebook failed", http.StatusServiceUnavailable)
		return
	}
	if id.Username != nb.Spec.User && !(p.AdminAccess && id.Admin) {
		http.Error(w, fmt.Sprintf("notebook %s/%s belongs to another user", ns, name), http.StatusForbidden)
		return
	}
	target, err := p.upstream(r.Context(), nb)
	if err != nil {
		http.Error(w, err.Error(), http.StatusServiceUnavailable)
		return
	}
	passive := passive(r, ns, name)
	if p.Activity != nil && !passive {
		p.Activity.Touch(ns, name)
	}
	// Never pass primehub credentials on to user code.
	r.Header.Del("Authorization")
	dropPlatformCookies(r)
	if passive {
		// Jupyter's own last_activity should not count an open tab's polling either.
		q := r.URL.Query()
		q.Set("no_track_activity", "1")
		r.URL.RawQuery = q.Encode()
	}
	p.once.Do(p.init)
	p.reverse.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), upstreamKey{}, target)))
}

// authenticate answers who asks: an API client by its Authorization header, a browser by
// its session for this notebook, which is renewed while in use.
func (p *Proxy) authenticate(w http.ResponseWriter, r *http.Request, ns, name string) (*auth.Identity, error) {
	if r.Header.Get("Authorization") != "" {
		return p.Authenticate(r)
	}
	c, err := r.Cookie(SessionCookie)
	if err != nil || p.Sessions == nil {
		return nil, fmt.Errorf("%w: no notebook session", auth.ErrUnauthenticated)
	}
	g, err := p.Sessions.check(c.Value, kindSession)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", auth.ErrUnauthenticated, err)
	}
	if g.Namespace != ns || g.Name != name {
		return nil, fmt.Errorf("%w: the session is for notebook %s/%s", auth.ErrUnauthenticated, g.Namespace, g.Name)
	}
	id, err := p.Identify(r.Context(), g.User, g.Generation)
	if err != nil {
		return nil, err
	}
	if p.Sessions.renewable(g) {
		http.SetCookie(w, p.cookie(SessionCookie, p.Sessions.session(g), notebookPath(ns, name), 0))
	}
	return id, nil
}

// login sends a browser to the console's notebook login page, with a state only this
// browser holds, so that the ticket the console gives it works for it alone.
func (p *Proxy) login(w http.ResponseWriter, r *http.Request) {
	state := rand.Text()
	http.SetCookie(w, p.cookie(StateCookie, state, SessionPath, int(stateLifetime.Seconds())))
	q := url.Values{"state": {state}, "redirect": {r.URL.RequestURI()}}
	http.Redirect(w, r, p.LoginURL+"?"+q.Encode(), http.StatusFound)
}

// startSession takes a browser's ticket: if it is the ticket of the login this browser
// started, the browser gets a session for the ticket's notebook and goes on there.
func (p *Proxy) startSession(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet || p.Sessions == nil {
		http.Error(w, "not found", http.StatusNotFound)
		return
	}
	g, err := p.Sessions.check(r.URL.Query().Get("ticket"), kindTicket)
	if err != nil {
		http.Error(w, "This notebook login has expired or is not valid: open the notebook again. ("+err.Error()+")", http.StatusBadRequest)
		return
	}
	state, err := r.Cookie(StateCookie)
	if err != nil || subtle.ConstantTimeCompare([]byte(state.Value), []byte(g.State)) != 1 {
		http.Error(w, "This notebook login was not started in this browser, or another one started since: open the notebook again.", http.StatusBadRequest)
		return
	}
	if _, err := p.Identify(r.Context(), g.User, g.Generation); err != nil {
		http.Error(w, "unauthorized", http.StatusUnauthorized)
		return
	}
	http.SetCookie(w, p.cookie(StateCookie, "", SessionPath, -1))
	http.SetCookie(w, p.cookie(SessionCookie, p.Sessions.session(g), notebookPath(g.Namespace, g.Name), 0))
	http.Redirect(w, r, g.Redirect, http.StatusFound)
}

// cookie is one of the proxy's cookies on the notebooks' origin: HttpOnly, so code in a
// notebook cannot read it, and sent by the browser only to path. maxAge 0 makes it last
// as long as the browser session, -1 deletes it.
func (p *Proxy) cookie(name, value, path string, maxAge int) *http.Cookie {
	return &http.Cookie{Name: name, Value: value, Path: path, MaxAge: maxAge,
		HttpOnly: true, Secure: p.Secure, SameSite: http.SameSiteLaxMode}
}

// sameOrigin: a request a browser may send from any site (a read) or one from the
// notebooks' own origin. Browsers send Origin with every WebSocket upgrade and change; API
// clients, which send none, authenticate with a header no other site can make them send.
func (p *Proxy) sameOrigin(r *http.Request) bool {
	upgrade := strings.EqualFold(r.Header.Get("Upgrade"), "websocket")
	if !upgrade && (r.Method == http.MethodGet || r.Method == http.MethodHead || r.Method == http.MethodOptions) {
		return true
	}
	origin := r.Header.Get("Origin")
	return origin == "" || origin == p.Origin
}

// notebookPath is the path a notebook's pages are under, and its session cookie's.
func notebookPath(ns, name string) string { return Prefix + ns + "/" + name + "/" }

// passive tells a read of the notebook server's API (GET or HEAD below <prefix>api/, or an
// extension's .../api/...): what a browser tab left open does on its own, polling. It is
// not use of the notebook; page loads, WebSocket messages and changes are.
func passive(r *http.Request, ns, name string) bool {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		return false
	}
	rest := strings.TrimPrefix(r.URL.Path, Prefix+ns+"/"+name+"/")
	return strings.HasPrefix(rest, "api/") || strings.Contains(rest, "/api/")
}

func (p *Proxy) init() {
	p.reverse = &httputil.ReverseProxy{
		Rewrite: func(pr *httputil.ProxyRequest) {
			up := pr.In.Context().Value(upstreamKey{}).(*upstream)
			pr.SetURL(up.url)
			// The notebook server runs under its /notebook/<ns>/<name>/ base URL: keep the path.
			pr.Out.URL.Path, pr.Out.URL.RawPath = pr.In.URL.Path, pr.In.URL.RawPath
			// Jupyter's origin check compares the browser's Origin with Host.
			pr.Out.Host = pr.In.Host
			pr.SetXForwarded()
			// The token lets the request past Jupyter's authentication (and so its XSRF
			// check); nobody else has it.
			pr.Out.Header.Set("Authorization", "token "+up.token)
		},
		ErrorHandler: func(w http.ResponseWriter, r *http.Request, err error) {
			p.Log.V(1).Info("notebook unreachable", "path", r.URL.Path, "error", err.Error())
			http.Error(w, "the notebook server does not answer", http.StatusBadGateway)
		},
		ModifyResponse: func(resp *http.Response) error {
			ns, name, _ := parse(resp.Request.URL.Path)
			confine(resp.Header, ns, name)
			return nil
		},
		FlushInterval: -1, // stream: terminals and kernels send as they go
	}
}

// dropPlatformCookies removes the platform's cookies from r. The notebook's own cookies
// are kept byte for byte: parsing and writing them again would alter values Go finds
// unusual.
func dropPlatformCookies(r *http.Request) {
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
// notebook need not be allowed names that differ from ours in case only).
func platformCookie(name string) bool {
	return strings.HasPrefix(strings.ToLower(name), cookiePrefix)
}

// confine drops what a notebook's answer claims beyond the notebook's own path: cookies
// of the platform's names, for other paths or for other hosts, a service worker's scope
// beyond its script's folder, and clearing the origin's data.
func confine(h http.Header, ns, name string) {
	h.Del("Service-Worker-Allowed")
	h.Del("Clear-Site-Data")
	base := strings.TrimSuffix(notebookPath(ns, name), "/")
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

// upstream is where a running notebook's server answers, and its token.
type upstream struct {
	url   *url.URL
	token string
}

// upstream is the running notebook's pod address and token. Only a pod the notebook
// controls will do: one that merely has its name is someone else's, and gets none of the
// owner's traffic (nor the token).
func (p *Proxy) upstream(ctx context.Context, nb *v1beta1.Notebook) (*upstream, error) {
	pod := &corev1.Pod{}
	err := p.Reader.Get(ctx, client.ObjectKey{Namespace: nb.Namespace, Name: notebook.ResourceName(nb.Name)}, pod)
	if err != nil || !metav1.IsControlledBy(pod, nb) || pod.Status.Phase != corev1.PodRunning || pod.Status.PodIP == "" || !pod.DeletionTimestamp.IsZero() {
		return nil, fmt.Errorf("notebook %s/%s is not running", nb.Namespace, nb.Name)
	}
	return &upstream{
		url:   &url.URL{Scheme: "http", Host: net.JoinHostPort(pod.Status.PodIP, strconv.Itoa(notebook.Port))},
		token: p.Tokens.Token(nb),
	}, nil
}

// parse splits /notebook/<ns>/<name>/... ; the name must be followed by a slash or end.
func parse(path string) (ns, name string, ok bool) {
	rest, found := strings.CutPrefix(path, Prefix)
	if !found {
		return "", "", false
	}
	parts := strings.SplitN(rest, "/", 3)
	if len(parts) < 2 || parts[0] == "" || parts[1] == "" {
		return "", "", false
	}
	return parts[0], parts[1], true
}

// Package proxy is the notebook proxy at /notebook/<namespace>/<name>/...: it lets a
// notebook's owner (and, if allowed, system admins) through to the notebook's Jupyter
// server, over HTTP and WebSocket, with the notebook's token, which only it knows, and
// records activity for idle culling.
package proxy

import (
	"context"
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

// TokenCookie holds the id_token of a browser logged in to the console (which sets it,
// HttpOnly, on Prefix): a browser opening a notebook cannot send a Bearer header.
const TokenCookie = "primehub_token"

// Proxy forwards requests to notebook pods.
type Proxy struct {
	// Reader reads notebooks and pods, from the cache.
	Reader client.Reader
	// Tokens makes the notebooks' tokens.
	Tokens *notebook.Tokens
	// Authenticate answers who asks, or an error wrapping auth.ErrUnauthenticated.
	Authenticate func(*http.Request) (*auth.Identity, error)
	// LoginURL is where a browser without credentials is sent, with ?redirect=<path>.
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
	ns, name, ok := parse(r.URL.Path)
	if !ok {
		http.Error(w, "notebook path must be /notebook/<namespace>/<name>/", http.StatusNotFound)
		return
	}
	id, err := p.Authenticate(withCookieToken(r))
	if err != nil {
		if !errors.Is(err, auth.ErrUnauthenticated) {
			p.Log.Error(err, "authenticate")
			http.Error(w, "authentication unavailable", http.StatusServiceUnavailable)
			return
		}
		if p.LoginURL != "" && strings.Contains(r.Header.Get("Accept"), "text/html") {
			http.Redirect(w, r, p.LoginURL+"?redirect="+url.QueryEscape(r.URL.RequestURI()), http.StatusFound)
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
	dropTokenCookie(r)
	if passive {
		// Jupyter's own last_activity should not count an open tab's polling either.
		q := r.URL.Query()
		q.Set("no_track_activity", "1")
		r.URL.RawQuery = q.Encode()
	}
	p.once.Do(p.init)
	p.reverse.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), upstreamKey{}, target)))
}

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
		FlushInterval: -1, // stream: terminals and kernels send as they go
	}
}

// withCookieToken answers r with the session cookie's token as its Bearer token, when r
// has no Authorization header of its own.
func withCookieToken(r *http.Request) *http.Request {
	if r.Header.Get("Authorization") != "" {
		return r
	}
	c, err := r.Cookie(TokenCookie)
	if err != nil || c.Value == "" {
		return r
	}
	r2 := r.Clone(r.Context())
	r2.Header.Set("Authorization", "Bearer "+c.Value)
	return r2
}

// dropTokenCookie removes the session cookie from r. The notebook's own cookies are kept
// byte for byte: parsing and writing them again would alter values Go finds unusual.
func dropTokenCookie(r *http.Request) {
	var kept []string
	for _, line := range r.Header.Values("Cookie") {
		for _, part := range strings.Split(line, ";") {
			part = strings.TrimSpace(part)
			// Cookie parsers trim the name too: "primehub_token =x" is the session cookie.
			name, _, _ := strings.Cut(part, "=")
			if strings.TrimSpace(name) != TokenCookie && part != "" {
				kept = append(kept, part)
			}
		}
	}
	r.Header.Del("Cookie")
	if len(kept) > 0 {
		r.Header.Set("Cookie", strings.Join(kept, "; "))
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

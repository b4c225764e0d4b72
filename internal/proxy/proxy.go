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
	"github.com/primehub/primehub/internal/hop"
)

// Prefix is where the proxy is mounted.
const Prefix = "/notebook/"

// SessionCookie holds a browser's session for one notebook, on that notebook's path.
const SessionCookie = "primehub_notebook"

// NewGate is the way in to notebooks on their origin: g, for the pages under Prefix.
func NewGate(g hop.Gate) *hop.Gate {
	g.Prefix, g.Segments, g.What, g.Cookie = Prefix, 2, "notebook", SessionCookie
	return &g
}

// Proxy forwards requests to notebook pods.
type Proxy struct {
	// Reader reads notebooks and pods, from the cache.
	Reader client.Reader
	// Tokens makes the notebooks' tokens.
	Tokens *notebook.Tokens
	// Gate lets browsers in (package hop) and authenticates every request.
	Gate *hop.Gate
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
	if r.URL.Path == p.Gate.SessionPath() {
		p.Gate.StartSession(w, r)
		return
	}
	ns, name, ok := parse(r.URL.Path)
	if !ok {
		http.Error(w, "notebook path must be /notebook/<namespace>/<name>/", http.StatusNotFound)
		return
	}
	if !p.Gate.SameOrigin(r) {
		// Jupyter skips its own origin and XSRF checks for requests with its token, which
		// all of these carry: another site's page must not drive a notebook.
		http.Error(w, fmt.Sprintf("a request from %s may not change a notebook or open its sockets", r.Header.Get("Origin")), http.StatusForbidden)
		return
	}
	id, err := p.Gate.Authenticate(w, r, notebookPath(ns, name))
	if err != nil {
		if !errors.Is(err, auth.ErrUnauthenticated) {
			p.Log.Error(err, "authenticate")
			http.Error(w, "authentication unavailable", http.StatusServiceUnavailable)
			return
		}
		if p.Gate.Browser(r) {
			p.Gate.Login(w, r)
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
	hop.DropPlatformCookies(r)
	if passive {
		// Jupyter's own last_activity should not count an open tab's polling either.
		q := r.URL.Query()
		q.Set("no_track_activity", "1")
		r.URL.RawQuery = q.Encode()
	}
	p.once.Do(p.init)
	p.reverse.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), upstreamKey{}, target)))
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
			hop.Confine(resp.Header, notebookPath(ns, name))
			return nil
		},
		FlushInterval: -1, // stream: terminals and kernels send as they go
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

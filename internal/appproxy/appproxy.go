// Package appproxy serves applications' web UIs at /app/<id>/...: it checks who may reach
// the application by its scope (the group's members, any user, or anyone) and forwards to
// the application's pod IP, over HTTP and WebSocket.
//
// Applications run code a group member chose, so they are served on an origin of their
// own (--app-url), never the console's (whose tokens their pages would read) nor the
// notebooks' (where their pages would drive a visitor's notebook with its cookie). API
// clients authenticate with their Bearer token, which is never passed on.
package appproxy

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
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/go-logr/logr"
	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"sigs.k8s.io/controller-runtime/pkg/client"

	"github.com/primehub/primehub/api/v1beta1"
	"github.com/primehub/primehub/internal/auth"
	"github.com/primehub/primehub/internal/controller/app"
)

// Proxy forwards requests to applications' pods.
type Proxy struct {
	// Reader reads applications, templates, deployments and pods, from the cache.
	Reader client.Reader
	// Namespace is the platform namespace, where applications are installed.
	Namespace string
	// Authenticate answers who a request's Authorization header stands for, or an error
	// wrapping auth.ErrUnauthenticated.
	Authenticate func(*http.Request) (*auth.Identity, error)
	// Sessions checks browsers' application sessions, and Identify who holds one: the
	// user, if still enabled and of the same session generation.
	Sessions *Sessions
	Identify func(ctx context.Context, username, generation string) (*auth.Identity, error)
	// Origin is the applications' origin (scheme://host[:port]): browsers' WebSocket
	// upgrades and changes with a session must come from it. Secure marks cookies Secure.
	Origin string
	Secure bool
	// LoginURL is the console's login page for the hop, where a browser without a
	// session is sent, with ?state=&redirect=<path>.
	LoginURL string
	Log      logr.Logger

	once    sync.Once
	reverse *httputil.ReverseProxy
}

type upstreamKey struct{}

// ServeHTTP checks who asks for which application and forwards to its pod.
func (p *Proxy) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path == SessionPath {
		p.startSession(w, r)
		return
	}
	id, ok := parse(r.URL.Path)
	if !ok {
		http.Error(w, "application path must be /app/<id>/", http.StatusNotFound)
		return
	}
	a := &v1beta1.PhApplication{}
	if err := p.Reader.Get(r.Context(), client.ObjectKey{Namespace: p.Namespace, Name: id}, a); err != nil {
		if apierrors.IsNotFound(err) {
			http.Error(w, fmt.Sprintf("application %s not found", id), http.StatusNotFound)
			return
		}
		http.Error(w, "reading the application failed", http.StatusServiceUnavailable)
		return
	}
	if status, msg := p.allowed(w, r, a); status != http.StatusOK {
		if status == http.StatusUnauthorized {
			if p.LoginURL != "" && p.Sessions != nil && r.Method == http.MethodGet && strings.Contains(r.Header.Get("Accept"), "text/html") {
				p.login(w, r)
				return
			}
			w.Header().Set("WWW-Authenticate", `Bearer realm="primehub"`)
		}
		http.Error(w, msg, status)
		return
	}
	target, err := p.upstream(r.Context(), a)
	if err != nil {
		http.Error(w, err.Error(), http.StatusServiceUnavailable)
		return
	}
	// Never pass primehub credentials on to the application.
	r.Header.Del("Authorization")
	dropPlatformCookies(r)
	p.once.Do(p.init)
	p.reverse.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), upstreamKey{}, target)))
}

// allowed answers whether r may reach a, by its scope: http.StatusOK, or the status and
// message of the refusal. Who asks is an API client by its Authorization header, or a
// browser by its session for a.
func (p *Proxy) allowed(w http.ResponseWriter, r *http.Request, a *v1beta1.PhApplication) (int, string) {
	if a.Spec.Scope == v1beta1.PhAppScopePublic {
		return http.StatusOK, ""
	}
	who, err := p.authenticate(w, r, a.Name)
	if err != nil {
		if errors.Is(err, auth.ErrUnauthenticated) {
			return http.StatusUnauthorized, "application " + a.Name + " is not public: log in (" + err.Error() + ")"
		}
		p.Log.Error(err, "authenticate")
		return http.StatusServiceUnavailable, "authentication unavailable"
	}
	if a.Spec.Scope == v1beta1.PhAppScopePrimeHub || who.Admin {
		return http.StatusOK, ""
	}
	// The identity's groups are read from the directory at every request.
	if !slices.Contains(who.Groups, a.Spec.Group) {
		return http.StatusForbidden, fmt.Sprintf("application %s is for the members of group %s", a.Name, a.Spec.Group)
	}
	return http.StatusOK, ""
}

// authenticate answers who asks: an API client by its Authorization header, a browser by
// its session for application id, which is renewed while in use. A browser's change or
// WebSocket from another origin is refused: another site's page must not drive an
// application with the visitor's session.
func (p *Proxy) authenticate(w http.ResponseWriter, r *http.Request, id string) (*auth.Identity, error) {
	if r.Header.Get("Authorization") != "" {
		return p.Authenticate(r)
	}
	c, err := r.Cookie(SessionCookie)
	if err != nil || p.Sessions == nil {
		return nil, fmt.Errorf("%w: no application session", auth.ErrUnauthenticated)
	}
	g, err := p.Sessions.check(c.Value, kindSession)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", auth.ErrUnauthenticated, err)
	}
	if g.App != id {
		return nil, fmt.Errorf("%w: the session is for application %s", auth.ErrUnauthenticated, g.App)
	}
	if !p.sameOrigin(r) {
		return nil, fmt.Errorf("%w: a request from %s may not use the session", auth.ErrUnauthenticated, r.Header.Get("Origin"))
	}
	who, err := p.Identify(r.Context(), g.User, g.Generation)
	if err != nil {
		return nil, err
	}
	if p.Sessions.renewable(g) {
		http.SetCookie(w, p.cookie(SessionCookie, p.Sessions.session(g), appPath(id), 0))
	}
	return who, nil
}

// sameOrigin: a read, or a request from the applications' own origin.
func (p *Proxy) sameOrigin(r *http.Request) bool {
	upgrade := strings.EqualFold(r.Header.Get("Upgrade"), "websocket")
	if !upgrade && (r.Method == http.MethodGet || r.Method == http.MethodHead || r.Method == http.MethodOptions) {
		return true
	}
	origin := r.Header.Get("Origin")
	return origin == "" || origin == p.Origin
}

// login sends a browser to the console's login page, with a state only this browser
// holds, so that the ticket the console gives it works for it alone.
func (p *Proxy) login(w http.ResponseWriter, r *http.Request) {
	state := rand.Text()
	http.SetCookie(w, p.cookie(StateCookie, state, SessionPath, int(stateLifetime.Seconds())))
	q := url.Values{"state": {state}, "redirect": {r.URL.RequestURI()}}
	http.Redirect(w, r, p.LoginURL+"?"+q.Encode(), http.StatusFound)
}

// startSession takes a browser's ticket: if it is the ticket of the login this browser
// started, the browser gets a session for the ticket's application and goes on there.
func (p *Proxy) startSession(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet || p.Sessions == nil {
		http.Error(w, "not found", http.StatusNotFound)
		return
	}
	g, err := p.Sessions.check(r.URL.Query().Get("ticket"), kindTicket)
	if err != nil {
		http.Error(w, "This application login has expired or is not valid: open the application again. ("+err.Error()+")", http.StatusBadRequest)
		return
	}
	state, err := r.Cookie(StateCookie)
	if err != nil || subtle.ConstantTimeCompare([]byte(state.Value), []byte(g.State)) != 1 {
		http.Error(w, "This application login was not started in this browser, or another one started since: open the application again.", http.StatusBadRequest)
		return
	}
	if _, err := p.Identify(r.Context(), g.User, g.Generation); err != nil {
		http.Error(w, "unauthorized", http.StatusUnauthorized)
		return
	}
	http.SetCookie(w, p.cookie(StateCookie, "", SessionPath, -1))
	http.SetCookie(w, p.cookie(SessionCookie, p.Sessions.session(g), appPath(g.App), 0))
	http.Redirect(w, r, g.Redirect, http.StatusFound)
}

// cookie is one of the proxy's cookies: HttpOnly, so an application's pages cannot read
// it, and sent by the browser only to path.
func (p *Proxy) cookie(name, value, path string, maxAge int) *http.Cookie {
	return &http.Cookie{Name: name, Value: value, Path: path, MaxAge: maxAge,
		HttpOnly: true, Secure: p.Secure, SameSite: http.SameSiteLaxMode}
}

// appPath is the path an application's pages are under, and its session cookie's.
func appPath(id string) string { return app.Prefix + id + "/" }

// dropPlatformCookies removes the platform's cookies from r; the application's own are
// kept byte for byte.
func dropPlatformCookies(r *http.Request) {
	var kept []string
	for _, line := range r.Header.Values("Cookie") {
		for _, part := range strings.Split(line, ";") {
			part = strings.TrimSpace(part)
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

func platformCookie(name string) bool { return strings.HasPrefix(strings.ToLower(name), cookiePrefix) }

// confine drops what an application's answer claims beyond its own path: cookies of the
// platform's names, for other paths or hosts, a service worker's wider scope, and
// clearing the origin's data.
func confine(h http.Header, id string) {
	h.Del("Service-Worker-Allowed")
	h.Del("Clear-Site-Data")
	base := strings.TrimSuffix(appPath(id), "/")
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

// upstream is where a's web UI answers: the pod IP of a running pod of the Deployment a
// controls, on the template's HTTP port. A pod or Deployment that merely has the name is
// someone else's and gets no traffic.
type upstream struct {
	id    string
	url   *url.URL
	strip string
}

func (p *Proxy) upstream(ctx context.Context, a *v1beta1.PhApplication) (*upstream, error) {
	notRunning := fmt.Errorf("application %s is not running", a.Name)
	tmpl := &v1beta1.PhAppTemplate{}
	if err := p.Reader.Get(ctx, client.ObjectKey{Namespace: a.Namespace, Name: a.Spec.Template}, tmpl); err != nil || tmpl.Spec.HTTP == nil {
		return nil, fmt.Errorf("application %s has no web UI", a.Name)
	}
	dep := &appsv1.Deployment{}
	if err := p.Reader.Get(ctx, client.ObjectKey{Namespace: a.Namespace, Name: app.ResourceName(a.Name)}, dep); err != nil || !metav1.IsControlledBy(dep, a) {
		return nil, notRunning
	}
	pods := &corev1.PodList{}
	if err := p.Reader.List(ctx, pods, client.InNamespace(a.Namespace), client.MatchingLabels{app.LabelApp: a.Name}); err != nil {
		return nil, notRunning
	}
	for i := range pods.Items {
		pod := &pods.Items[i]
		if pod.Status.Phase == corev1.PodRunning && pod.Status.PodIP != "" && pod.DeletionTimestamp.IsZero() && controlledByDeployment(ctx, p.Reader, pod, dep) {
			up := &upstream{id: a.Name, url: &url.URL{Scheme: "http", Host: net.JoinHostPort(pod.Status.PodIP, strconv.Itoa(int(tmpl.Spec.HTTP.Port)))}}
			if tmpl.Spec.HTTP.StripPrefix {
				up.strip = app.BasePath(a.Name)
			}
			return up, nil
		}
	}
	return nil, notRunning
}

// controlledByDeployment: pod's ReplicaSet is controlled by dep.
func controlledByDeployment(ctx context.Context, r client.Reader, pod *corev1.Pod, dep *appsv1.Deployment) bool {
	ref := metav1.GetControllerOfNoCopy(pod)
	if ref == nil || ref.Kind != "ReplicaSet" {
		return false
	}
	rs := &appsv1.ReplicaSet{}
	if err := r.Get(ctx, client.ObjectKey{Namespace: pod.Namespace, Name: ref.Name}, rs); err != nil {
		return false
	}
	return rs.UID == ref.UID && metav1.IsControlledBy(rs, dep)
}

func (p *Proxy) init() {
	p.reverse = &httputil.ReverseProxy{
		Rewrite: func(pr *httputil.ProxyRequest) {
			up := pr.In.Context().Value(upstreamKey{}).(*upstream)
			pr.SetURL(up.url)
			pr.Out.URL.Path, pr.Out.URL.RawPath = pr.In.URL.Path, pr.In.URL.RawPath
			if up.strip != "" {
				pr.Out.URL.Path = "/" + strings.TrimPrefix(strings.TrimPrefix(pr.In.URL.Path, up.strip), "/")
				pr.Out.URL.RawPath = ""
				pr.Out.Header.Set("X-Forwarded-Prefix", up.strip)
			}
			pr.Out.Host = pr.In.Host
			pr.SetXForwarded()
		},
		ErrorHandler: func(w http.ResponseWriter, r *http.Request, err error) {
			p.Log.V(1).Info("application unreachable", "path", r.URL.Path, "error", err.Error())
			http.Error(w, "the application does not answer", http.StatusBadGateway)
		},
		ModifyResponse: func(resp *http.Response) error {
			confine(resp.Header, resp.Request.Context().Value(upstreamKey{}).(*upstream).id)
			return nil
		},
		FlushInterval: -1,
	}
}

// parse reads the id of /app/<id>/...; the id must be followed by a slash or end.
func parse(path string) (string, bool) {
	rest, found := strings.CutPrefix(path, app.Prefix)
	if !found {
		return "", false
	}
	id, _, _ := strings.Cut(rest, "/")
	return id, id != ""
}

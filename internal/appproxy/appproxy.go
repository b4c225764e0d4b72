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
	"github.com/primehub/primehub/internal/hop"
)

// SessionCookie holds a browser's session for one application, on its path.
const SessionCookie = "primehub_app"

// NewGate is the way in to applications on their origin: g, for the pages under app.Prefix.
func NewGate(g hop.Gate) *hop.Gate {
	g.Prefix, g.Segments, g.What, g.Cookie = app.Prefix, 1, "application", SessionCookie
	return &g
}

// Proxy forwards requests to applications' pods.
type Proxy struct {
	// Reader reads applications, templates, deployments and pods, from the cache.
	Reader client.Reader
	// Namespace is the platform namespace, where applications are installed.
	Namespace string
	// Gate lets browsers in (package hop) and authenticates every request to an
	// application that is not public.
	Gate *hop.Gate
	Log  logr.Logger

	once    sync.Once
	reverse *httputil.ReverseProxy
}

type upstreamKey struct{}

// ServeHTTP checks who asks for which application and forwards to its pod.
func (p *Proxy) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path == p.Gate.SessionPath() {
		p.Gate.StartSession(w, r)
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
			if p.Gate.Browser(r) {
				p.Gate.Login(w, r)
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
	hop.DropPlatformCookies(r)
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
	if !p.Gate.SameOrigin(r) {
		// Another site's page must not drive the application with the visitor's session.
		return http.StatusForbidden, fmt.Sprintf("a request from %s may not change application %s or open its sockets", r.Header.Get("Origin"), a.Name)
	}
	who, err := p.Gate.Authenticate(w, r, appPath(a.Name))
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

// appPath is the path an application's pages are under, and its session cookie's.
func appPath(id string) string { return app.Prefix + id + "/" }

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
			hop.Confine(resp.Header, appPath(resp.Request.Context().Value(upstreamKey{}).(*upstream).id))
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

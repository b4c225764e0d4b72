// Package endpoint serves model deployments' endpoints at /deployment/<id>/...: it lets
// callers with one of the deployment's client credentials (HTTP Basic: the client's name
// and secret), or anyone when the endpoint is public and its group allows public
// endpoints, through to one of the deployment's available pods, at its IP, on the model
// server's port.
package endpoint

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
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
	"sigs.k8s.io/controller-runtime/pkg/client"

	"github.com/primehub/primehub/api/v1beta1"
	"github.com/primehub/primehub/internal/controller/deployment"
	"github.com/primehub/primehub/internal/directory"
)

// Prefix is where endpoints are mounted.
const Prefix = "/deployment/"

// Proxy forwards calls to deployments' pods.
type Proxy struct {
	// Reader reads deployments and pods, from the cache.
	Reader client.Reader
	// Groups reads the deployments' groups, from the directory's cache: a group decides at
	// each call whether its endpoints may be public.
	Groups Groups
	// Namespace is the platform namespace, where deployments run.
	Namespace string
	Log       logr.Logger

	once    sync.Once
	reverse *httputil.ReverseProxy
}

// Groups reads a group (directory.Directory does).
type Groups interface {
	GetGroup(ctx context.Context, name string) (directory.Group, error)
}

type upstreamKey struct{}

// ServeHTTP checks the caller's credential and forwards the call, without the prefix, to
// a pod's IP: the Service's ClusterIP is not routable from where primehub may run.
func (p *Proxy) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	id, rest, ok := parse(r.URL.Path)
	if !ok {
		http.Error(w, "model endpoints are at /deployment/<id>/", http.StatusNotFound)
		return
	}
	d := &v1beta1.PhDeployment{}
	if err := p.Reader.Get(r.Context(), client.ObjectKey{Namespace: p.Namespace, Name: id}, d); err != nil {
		if apierrors.IsNotFound(err) {
			http.Error(w, fmt.Sprintf("deployment %s not found", id), http.StatusNotFound)
			return
		}
		http.Error(w, "reading the deployment failed", http.StatusServiceUnavailable)
		return
	}
	public, err := p.public(r.Context(), d)
	if err != nil {
		p.Log.Error(err, "reading the deployment's group", "deployment", id)
		http.Error(w, "reading the deployment's group failed", http.StatusServiceUnavailable)
		return
	}
	if !public {
		name, secret, ok := r.BasicAuth()
		if !ok || !deployment.ClientAllowed(d, name, secret) {
			why := fmt.Sprintf("deployment %s is private", id)
			if d.Spec.Endpoint.AccessType == v1beta1.EndpointPublic {
				why = fmt.Sprintf("deployment %s asks for a public endpoint, but its group %s does not allow public endpoints (allowPublicDeploymentEndpoints)", id, d.Spec.Group)
			}
			w.Header().Set("WWW-Authenticate", fmt.Sprintf("Basic realm=%q", "deployment "+id))
			http.Error(w, why+": call it with one of its client credentials (HTTP Basic: the client's name and secret)", http.StatusUnauthorized)
			return
		}
	}
	if d.Spec.Stop {
		http.Error(w, fmt.Sprintf("deployment %s is stopped", id), http.StatusServiceUnavailable)
		return
	}
	target, err := p.upstream(r.Context(), d)
	if err != nil {
		http.Error(w, err.Error(), http.StatusServiceUnavailable)
		return
	}
	// The model server gets neither the caller's credential nor the console's cookies.
	r.Header.Del("Authorization")
	r.Header.Del("Cookie")
	r.URL.Path, r.URL.RawPath = rest, ""
	p.once.Do(p.init)
	p.reverse.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), upstreamKey{}, target)))
}

// public tells whether the deployment's endpoint takes calls without a credential: it asks
// to be public and its group, as it is now, allows it.
func (p *Proxy) public(ctx context.Context, d *v1beta1.PhDeployment) (bool, error) {
	if d.Spec.Endpoint.AccessType != v1beta1.EndpointPublic {
		return false, nil
	}
	g, err := p.Groups.GetGroup(ctx, d.Spec.Group)
	if errors.Is(err, directory.ErrNotFound) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("read group %s: %w", d.Spec.Group, err)
	}
	return g.Deployments != nil && g.Deployments.AllowPublicEndpoints, nil
}

// upstream picks one of the deployment's available pods.
func (p *Proxy) upstream(ctx context.Context, d *v1beta1.PhDeployment) (*url.URL, error) {
	var pods corev1.PodList
	if err := p.Reader.List(ctx, &pods, client.InNamespace(p.Namespace), client.MatchingLabels{deployment.LabelDeployment: d.Name}); err != nil {
		return nil, fmt.Errorf("reading the deployment's pods failed")
	}
	var ready []string
	for i := range pods.Items {
		pod := &pods.Items[i]
		if pod.Status.Phase == corev1.PodRunning && pod.DeletionTimestamp.IsZero() && pod.Status.PodIP != "" && podReady(pod) {
			ready = append(ready, pod.Status.PodIP)
		}
	}
	if len(ready) == 0 {
		return nil, fmt.Errorf("deployment %s has no available replica", d.Name)
	}
	ip := ready[rand.IntN(len(ready))]
	return &url.URL{Scheme: "http", Host: net.JoinHostPort(ip, strconv.Itoa(deployment.Port))}, nil
}

func (p *Proxy) init() {
	p.reverse = &httputil.ReverseProxy{
		Rewrite: func(pr *httputil.ProxyRequest) {
			pr.SetURL(pr.In.Context().Value(upstreamKey{}).(*url.URL))
			pr.SetXForwarded()
		},
		// What a model server answers runs on primehub's origin: a browser shows it in a
		// sandbox of no origin, where its scripts reach none of the console's storage.
		ModifyResponse: func(resp *http.Response) error {
			resp.Header.Set("Content-Security-Policy", "sandbox")
			resp.Header.Set("X-Content-Type-Options", "nosniff")
			resp.Header.Del("Set-Cookie")
			return nil
		},
		ErrorHandler: func(w http.ResponseWriter, r *http.Request, err error) {
			p.Log.Info("model server unreachable", "path", r.URL.Path, "error", err.Error())
			http.Error(w, "the model server did not answer", http.StatusBadGateway)
		},
	}
}

// parse splits /deployment/<id>/<rest> into the id and /<rest>.
func parse(p string) (id, rest string, ok bool) {
	after, found := strings.CutPrefix(p, Prefix)
	if !found {
		return "", "", false
	}
	id, rest, _ = strings.Cut(after, "/")
	if id == "" || len(id) > 63 || strings.Trim(id, "abcdefghijklmnopqrstuvwxyz0123456789-") != "" {
		return "", "", false
	}
	return id, "/" + rest, true
}

func podReady(pod *corev1.Pod) bool {
	for _, c := range pod.Status.Conditions {
		if c.Type == corev1.PodReady {
			return c.Status == corev1.ConditionTrue
		}
	}
	return false
}

package serve

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/spf13/pflag"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	ctrl "sigs.k8s.io/controller-runtime"
	"sigs.k8s.io/controller-runtime/pkg/client"

	"github.com/primehub/primehub/internal/console"
	"github.com/primehub/primehub/internal/controller/notebook"
	"github.com/primehub/primehub/internal/launch"
	"github.com/primehub/primehub/internal/proxy"
	"github.com/primehub/primehub/internal/server"
)

// defaultSharedVolumeCapacity sizes group volumes when neither the group nor the flag says.
const defaultSharedVolumeCapacity = "10Gi"

// NotebookOptions are the flags of notebooks and their proxy.
type NotebookOptions struct {
	StorageClass                string
	DefaultSharedVolumeCapacity string
	GitSyncHostRoot             string
	CullAfter                   time.Duration
	AdminAccess                 bool
	Workers                     int
	// ProxyPods and ProxyNamespace select primehub's pods, which alone may reach notebook
	// servers (a NetworkPolicy per notebook).
	ProxyPods      string
	ProxyNamespace string
	// URL is the notebooks' own origin; Addr another address to serve it on.
	URL, Addr string
}

func addNotebookFlags(f *pflag.FlagSet, o *NotebookOptions) {
	f.StringVar(&o.StorageClass, "storage-class", "", "storage class of home and group volumes (empty: the cluster's default)")
	f.StringVar(&o.DefaultSharedVolumeCapacity, "default-shared-volume-capacity", defaultSharedVolumeCapacity, "size of group volumes that set none")
	f.StringVar(&o.GitSyncHostRoot, "git-sync-host-root", "/home/dataset", "node directory git volumes are synced into")
	f.DurationVar(&o.CullAfter, "notebook-cull-after", 0, "stop notebooks left idle this long: no kernel busy, no activity in the Jupyter server nor through the proxy (0: never)")
	f.BoolVar(&o.AdminAccess, "admin-notebook-access", false, "let system administrators into every user's notebook through the proxy (needs --notebook-url)")
	f.StringVar(&o.URL, "notebook-url", "", "the notebooks' own origin, such as https://notebooks.primehub.example: a host other than --external-url's, "+
		"so that code in a notebook reaches neither the console's storage nor its cookies (empty: --external-url, where --admin-notebook-access is refused)")
	f.StringVar(&o.Addr, "notebook-addr", "", "another address to serve --notebook-url on, when it does not reach --http-addr (the sandbox: 127.0.0.2:8080)")
	f.IntVar(&o.Workers, "notebook-workers", 16, "notebooks reconciled at once")
	f.StringVar(&o.ProxyPods, "notebook-ingress-pods", "app.kubernetes.io/name=primehub",
		"label selector of primehub's pods: each notebook's NetworkPolicy lets only them reach its server")
	f.StringVar(&o.ProxyNamespace, "notebook-ingress-namespace", "",
		"namespace of primehub's pods, for the notebooks' NetworkPolicies (default: the platform namespace)")
}

// notebookFront is where browsers reach notebooks, and what signs their way in; the
// console hands out the tickets.
type notebookFront struct {
	// URL is the notebooks' origin, scheme://host[:port]; Separate when it is not the
	// console's.
	URL      string
	Separate bool
	Sessions *proxy.Sessions
}

// front checks --notebook-url against the external URL, and answers the notebooks' origin.
func (o NotebookOptions) front(externalURL string) (notebookFront, error) {
	ext, err := url.Parse(externalURL)
	if err != nil {
		return notebookFront{}, fmt.Errorf("--external-url %q: %w", externalURL, err)
	}
	if o.URL == "" {
		if o.AdminAccess {
			return notebookFront{}, errors.New("--admin-notebook-access needs --notebook-url: on the console's origin, " +
				"the user's code in their notebook would run with an administrator's console")
		}
		return notebookFront{URL: ext.Scheme + "://" + ext.Host}, nil
	}
	u, err := url.Parse(o.URL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || strings.Trim(u.Path, "/") != "" || u.RawQuery != "" {
		return notebookFront{}, fmt.Errorf("--notebook-url must be an origin such as https://notebooks.primehub.example, not %q", o.URL)
	}
	if strings.EqualFold(u.Hostname(), ext.Hostname()) {
		return notebookFront{}, fmt.Errorf("--notebook-url's host must not be --external-url's (%s): browsers share cookies between the ports of a host", ext.Hostname())
	}
	if ext.Scheme == "https" && u.Scheme != "https" {
		return notebookFront{}, fmt.Errorf("--notebook-url must be https, as --external-url is")
	}
	return notebookFront{URL: u.Scheme + "://" + u.Host, Separate: true}, nil
}

// setupNotebooks runs the notebook controller and serves the notebook proxy on the
// notebooks' origin. Notebooks' tokens are made with the platform's key, which direct
// reads (or makes) now; browsers' notebook sessions are signed with a key derived from it.
func setupNotebooks(ctx context.Context, mgr ctrl.Manager, direct client.Client, o Options, id *Identity, launcher *launch.Launcher, srv *server.Server) (notebookFront, error) {
	n := o.Notebook
	front, err := n.front(o.Identity.withDefaults(o.HTTPAddr).ExternalURL)
	if err != nil {
		return front, err
	}
	proxies, err := n.proxies(o.Namespace)
	if err != nil {
		return front, err
	}
	tokens, err := notebook.LoadTokens(ctx, direct, o.Namespace)
	if err != nil {
		return front, err
	}
	front.Sessions = proxy.NewSessions(tokens.Key("notebook-sessions"))
	r := &notebook.Reconciler{
		Client:    mgr.GetClient(),
		APIReader: mgr.GetAPIReader(),
		Launcher:  launcher,
		Recorder:  mgr.GetEventRecorder("notebook"),
		Tokens:    tokens,
		Proxies:   proxies,
		CullAfter: n.CullAfter,
		Workers:   n.Workers,
	}
	if err := r.SetupWithManager(mgr); err != nil {
		return front, fmt.Errorf("notebook controller: %w", err)
	}
	activity := proxy.NewActivity()
	p := &proxy.Proxy{
		Reader:       mgr.GetClient(),
		Tokens:       tokens,
		Authenticate: id.Authenticator.Authenticate,
		Sessions:     front.Sessions,
		Identify:     id.Authenticator.Identify,
		Origin:       front.URL,
		Secure:       strings.HasPrefix(front.URL, "https://"),
		// The console's login takes a browser through the OpenID provider and back.
		LoginURL:    strings.TrimSuffix(o.Identity.withDefaults(o.HTTPAddr).ExternalURL, "/") + console.Prefix + "notebook-login",
		AdminAccess: n.AdminAccess,
		Activity:    activity,
		Log:         mgr.GetLogger().WithName("proxy"),
	}
	if err := serveNotebooks(srv, front, n.Addr, p); err != nil {
		return front, err
	}
	return front, mgr.Add(&proxy.Flusher{Client: mgr.GetClient(), Activity: activity, Interval: 30 * time.Second, Log: mgr.GetLogger().WithName("proxy")})
}

// serveNotebooks mounts the proxy on the notebooks' origin. When that is an origin of its
// own, it serves nothing else (a notebook's code there could call the console's API with
// the browser's cookies otherwise), and the console's origin sends notebooks to it.
func serveNotebooks(srv *server.Server, front notebookFront, addr string, p *proxy.Proxy) error {
	if addr != "" {
		if err := srv.Listen(addr, "--notebook-addr"); err != nil {
			return err
		}
	}
	if !front.Separate {
		srv.HandleStreaming(proxy.Prefix, p)
		return nil
	}
	u, _ := url.Parse(front.URL)
	// Patterns with a host match it without the port, and win over those without one.
	srv.HandleStreaming(u.Hostname()+proxy.Prefix, p)
	srv.Handle(u.Hostname()+"/", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "this origin serves notebooks only, under "+proxy.Prefix, http.StatusNotFound)
	}))
	srv.Handle(proxy.Prefix, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet {
			http.Error(w, "notebooks are served at "+front.URL, http.StatusNotFound)
			return
		}
		http.Redirect(w, r, front.URL+r.URL.RequestURI(), http.StatusFound)
	}))
	return nil
}

// proxies are primehub's pods as the flags select them.
func (o NotebookOptions) proxies(platformNamespace string) (*notebook.Proxies, error) {
	sel, err := metav1.ParseToLabelSelector(o.ProxyPods)
	if err != nil {
		return nil, fmt.Errorf("--notebook-ingress-pods %q: %w", o.ProxyPods, err)
	}
	ns := o.ProxyNamespace
	if ns == "" {
		ns = platformNamespace
	}
	return &notebook.Proxies{Namespace: ns, Pods: *sel}, nil
}

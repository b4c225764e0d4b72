package serve

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/spf13/pflag"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	ctrl "sigs.k8s.io/controller-runtime"
	"sigs.k8s.io/controller-runtime/pkg/client"

	"github.com/primehub/primehub/internal/console"
	"github.com/primehub/primehub/internal/controller/notebook"
	"github.com/primehub/primehub/internal/hop"
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
	// servers (one NetworkPolicy in each namespace with notebooks).
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
	f.IntVar(&o.Workers, "notebook-workers", notebook.DefaultWorkers, "notebooks reconciled at once")
	f.StringVar(&o.ProxyPods, "notebook-ingress-pods", "app.kubernetes.io/name=primehub",
		"label selector of primehub's pods: the notebooks' NetworkPolicy (primehub-notebooks in each namespace with notebooks) lets only them reach notebook servers")
	f.StringVar(&o.ProxyNamespace, "notebook-ingress-namespace", "",
		"namespace of primehub's pods, for the notebooks' NetworkPolicy (default: the platform namespace)")
}

// notebookFront is where browsers reach notebooks, and their way in; the console hands
// out the tickets.
type notebookFront struct {
	// URL is the notebooks' origin, scheme://host[:port]; Separate when it is not the
	// console's.
	URL      string
	Separate bool
	Gate     *hop.Gate
}

// front checks --notebook-url against the external URL, and answers the notebooks' origin.
func (o NotebookOptions) front(externalURL string) (notebookFront, error) {
	if o.URL == "" {
		if o.AdminAccess {
			return notebookFront{}, errors.New("--admin-notebook-access needs --notebook-url: on the console's origin, " +
				"the user's code in their notebook would run with an administrator's console")
		}
		ext, err := url.Parse(externalURL)
		if err != nil {
			return notebookFront{}, fmt.Errorf("--external-url %q: %w", externalURL, err)
		}
		return notebookFront{URL: ext.Scheme + "://" + ext.Host}, nil
	}
	u, err := ownOrigin("--notebook-url", o.URL, taken{"--external-url", externalURL})
	if err != nil {
		return notebookFront{}, err
	}
	return notebookFront{URL: u.String(), Separate: true}, nil
}

// workloads is what the controllers and proxies of users' servers (notebooks,
// applications, model deployments) share: the platform's notebook key, from which
// notebooks' tokens and browsers' session keys are made, and the pods that alone may reach
// those servers.
type workloads struct {
	tokens  *notebook.Tokens
	proxies *notebook.Proxies
}

// loadWorkloads reads (or makes) the platform's notebook key through direct, once for all.
func loadWorkloads(ctx context.Context, direct client.Client, o Options) (workloads, error) {
	proxies, err := o.Notebook.proxies(o.Namespace)
	if err != nil {
		return workloads{}, err
	}
	tokens, err := notebook.LoadTokens(ctx, direct, o.Namespace)
	if err != nil {
		return workloads{}, err
	}
	return workloads{tokens: tokens, proxies: proxies}, nil
}

// setupNotebooks runs the notebook controller and serves the notebook proxy on the
// notebooks' origin. Notebooks' tokens are made with the platform's key; browsers'
// notebook sessions are signed with a key derived from it.
func setupNotebooks(mgr ctrl.Manager, o Options, id *Identity, launcher *launch.Launcher, srv *server.Server, w workloads) (notebookFront, error) {
	n := o.Notebook
	external := o.Identity.withDefaults(o.HTTPAddr).ExternalURL
	front, err := n.front(external)
	if err != nil {
		return front, err
	}
	tokens := w.tokens
	r := &notebook.Reconciler{
		Client:    mgr.GetClient(),
		Launcher:  launcher,
		Recorder:  mgr.GetEventRecorder("notebook"),
		Tokens:    tokens,
		Proxies:   w.proxies,
		CullAfter: n.CullAfter,
		Workers:   n.Workers,
	}
	if err := r.SetupWithManager(mgr); err != nil {
		return front, fmt.Errorf("notebook controller: %w", err)
	}
	front.Gate = proxy.NewGate(gate(front.URL, tokens.Key("notebook-sessions"), external, id))
	activity := proxy.NewActivity()
	p := &proxy.Proxy{
		Reader:      mgr.GetClient(),
		Tokens:      tokens,
		Gate:        front.Gate,
		AdminAccess: n.AdminAccess,
		Activity:    activity,
		Log:         mgr.GetLogger().WithName("proxy"),
	}
	if !front.Separate {
		srv.HandleStreaming(proxy.Prefix, p)
	} else {
		u, _ := url.Parse(front.URL)
		if err := serveOnOrigin(srv, u, n.Addr, "--notebook-addr", proxy.Prefix, "notebooks", p); err != nil {
			return front, err
		}
	}
	return front, mgr.Add(&proxy.Flusher{Client: mgr.GetClient(), Activity: activity, Interval: 30 * time.Second, Log: mgr.GetLogger().WithName("proxy")})
}

// gate is the way in to an origin of its own at origin, its sessions signed with key: the
// console's login takes a browser through the OpenID provider and back.
func gate(origin string, key []byte, external string, id *Identity) hop.Gate {
	return hop.Gate{
		Sessions: hop.NewSessions(key),
		Bearer:   id.Authenticator.Authenticate,
		Identify: id.Authenticator.Identify,
		Origin:   origin,
		Secure:   strings.HasPrefix(origin, "https://"),
		LoginURL: strings.TrimSuffix(external, "/") + console.Prefix + "notebook-login",
	}
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

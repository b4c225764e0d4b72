package serve

import (
	"context"
	"fmt"
	"time"

	"github.com/spf13/pflag"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	ctrl "sigs.k8s.io/controller-runtime"
	"sigs.k8s.io/controller-runtime/pkg/client"

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
}

func addNotebookFlags(f *pflag.FlagSet, o *NotebookOptions) {
	f.StringVar(&o.StorageClass, "storage-class", "", "storage class of home and group volumes (empty: the cluster's default)")
	f.StringVar(&o.DefaultSharedVolumeCapacity, "default-shared-volume-capacity", defaultSharedVolumeCapacity, "size of group volumes that set none")
	f.StringVar(&o.GitSyncHostRoot, "git-sync-host-root", "/home/dataset", "node directory git volumes are synced into")
	f.DurationVar(&o.CullAfter, "notebook-cull-after", 0, "stop notebooks left idle this long: no kernel busy, no activity in the Jupyter server nor through the proxy (0: never)")
	f.BoolVar(&o.AdminAccess, "admin-notebook-access", false, "let system administrators into every user's notebook through the proxy")
	f.IntVar(&o.Workers, "notebook-workers", 16, "notebooks reconciled at once")
	f.StringVar(&o.ProxyPods, "notebook-ingress-pods", "app.kubernetes.io/name=primehub",
		"label selector of primehub's pods: each notebook's NetworkPolicy lets only them reach its server")
	f.StringVar(&o.ProxyNamespace, "notebook-ingress-namespace", "",
		"namespace of primehub's pods, for the notebooks' NetworkPolicies (default: the platform namespace)")
}

// setupNotebooks runs the notebook controller and serves the notebook proxy.
// Notebooks' tokens are made with the platform's key, which direct reads (or makes) now.
func setupNotebooks(ctx context.Context, mgr ctrl.Manager, direct client.Client, o Options, id *Identity, launcher *launch.Launcher, srv *server.Server) error {
	n := o.Notebook
	proxies, err := n.proxies(o.Namespace)
	if err != nil {
		return err
	}
	tokens, err := notebook.LoadTokens(ctx, direct, o.Namespace)
	if err != nil {
		return err
	}
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
		return fmt.Errorf("notebook controller: %w", err)
	}
	activity := proxy.NewActivity()
	srv.HandleStreaming(proxy.Prefix, &proxy.Proxy{
		Reader:       mgr.GetClient(),
		Tokens:       tokens,
		Authenticate: id.Authenticator.Authenticate,
		// The console's login takes a browser through the OpenID provider and back.
		LoginURL:    "/console/login",
		AdminAccess: n.AdminAccess,
		Activity:    activity,
		Log:         mgr.GetLogger().WithName("proxy"),
	})
	return mgr.Add(&proxy.Flusher{Client: mgr.GetClient(), Activity: activity, Interval: 30 * time.Second, Log: mgr.GetLogger().WithName("proxy")})
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

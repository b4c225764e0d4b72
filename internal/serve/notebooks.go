package serve

import (
	"fmt"
	"time"

	"github.com/spf13/pflag"
	"k8s.io/apimachinery/pkg/api/resource"
	ctrl "sigs.k8s.io/controller-runtime"

	"github.com/primehub/primehub/internal/controller/notebook"
	"github.com/primehub/primehub/internal/proxy"
	"github.com/primehub/primehub/internal/server"
	"github.com/primehub/primehub/internal/spawn"
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
}

func addNotebookFlags(f *pflag.FlagSet, o *NotebookOptions) {
	f.StringVar(&o.StorageClass, "storage-class", "", "storage class of home and group volumes (empty: the cluster's default)")
	f.StringVar(&o.DefaultSharedVolumeCapacity, "default-shared-volume-capacity", defaultSharedVolumeCapacity, "size of group volumes that set none")
	f.StringVar(&o.GitSyncHostRoot, "git-sync-host-root", "/home/dataset", "node directory git volumes are synced into")
	f.DurationVar(&o.CullAfter, "notebook-cull-after", 0, "stop notebooks unused through the proxy for this long (0: never)")
	f.BoolVar(&o.AdminAccess, "admin-notebook-access", false, "let system administrators into every user's notebook through the proxy")
	f.IntVar(&o.Workers, "notebook-workers", 16, "notebooks reconciled at once")
}

// setupNotebooks runs the notebook controller and serves the notebook proxy.
func setupNotebooks(mgr ctrl.Manager, o Options, id *Identity, srv *server.Server) error {
	n := o.Notebook
	if n.DefaultSharedVolumeCapacity == "" {
		n.DefaultSharedVolumeCapacity = defaultSharedVolumeCapacity
	}
	shared, err := resource.ParseQuantity(n.DefaultSharedVolumeCapacity)
	if err != nil {
		return fmt.Errorf("--default-shared-volume-capacity: %w", err)
	}
	r := &notebook.Reconciler{
		Client:    mgr.GetClient(),
		APIReader: mgr.GetAPIReader(),
		People:    id.Directory,
		Namespace: o.Namespace,
		Spawn: spawn.Settings{
			DefaultSharedVolumeCapacity: shared,
			StorageClassName:            n.StorageClass,
			GitSyncHostRoot:             n.GitSyncHostRoot,
		},
		Recorder:  mgr.GetEventRecorder("notebook"),
		CullAfter: n.CullAfter,
		Workers:   n.Workers,
	}
	if err := r.SetupWithManager(mgr); err != nil {
		return fmt.Errorf("notebook controller: %w", err)
	}
	activity := proxy.NewActivity()
	srv.HandleStreaming(proxy.Prefix, &proxy.Proxy{
		Reader:       mgr.GetClient(),
		Authenticate: id.Authenticator.Authenticate,
		// The console's login takes a browser through the OpenID provider and back.
		LoginURL:    "/console/login",
		AdminAccess: n.AdminAccess,
		Activity:    activity,
		Log:         mgr.GetLogger().WithName("proxy"),
	})
	return mgr.Add(&proxy.Flusher{Client: mgr.GetClient(), Activity: activity, Interval: 30 * time.Second, Log: mgr.GetLogger().WithName("proxy")})
}

package serve

import (
	"fmt"

	"k8s.io/apimachinery/pkg/api/resource"
	ctrl "sigs.k8s.io/controller-runtime"

	"github.com/primehub/primehub/internal/launch"
	"github.com/primehub/primehub/internal/spawn"
)

// newLauncher is the one launch path GraphQL and the notebook and job controllers share,
// with the spawner settings notebooks and jobs take alike (--storage-class, ...).
func newLauncher(mgr ctrl.Manager, o Options, id *Identity) (*launch.Launcher, error) {
	n := o.Notebook
	if n.DefaultSharedVolumeCapacity == "" {
		n.DefaultSharedVolumeCapacity = defaultSharedVolumeCapacity
	}
	shared, err := resource.ParseQuantity(n.DefaultSharedVolumeCapacity)
	if err != nil {
		return nil, fmt.Errorf("--default-shared-volume-capacity: %w", err)
	}
	return &launch.Launcher{
		Reader:    mgr.GetClient(),
		People:    id.Directory,
		Namespace: o.Namespace,
		Spawn: spawn.Settings{
			DefaultSharedVolumeCapacity: shared,
			StorageClassName:            n.StorageClass,
			GitSyncHostRoot:             n.GitSyncHostRoot,
		},
	}, nil
}

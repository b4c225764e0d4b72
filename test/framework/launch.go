package framework

import (
	ctrl "sigs.k8s.io/controller-runtime"

	"github.com/primehub/primehub/internal/launch"
)

// Launcher is the launch path as serve makes it, reading the catalog and profiles from
// mgr's cache and people from the directory, with the platform in namespace.
func Launcher(mgr ctrl.Manager, people launch.People, namespace string) *launch.Launcher {
	return &launch.Launcher{Reader: mgr.GetClient(), People: people, Namespace: namespace}
}

// Package spawn renders the pod of a notebook or job from who launches it, where and with
// what: PrimeHub's spawner rules as pure functions, shared by notebooks and jobs.
package spawn

import (
	"k8s.io/apimachinery/pkg/api/resource"

	"github.com/primehub/primehub/api/v1beta1"
	"github.com/primehub/primehub/internal/access"
	"github.com/primehub/primehub/internal/directory"
)

// Settings are the platform's spawner settings.
type Settings struct {
	// Timezone is set as TZ in every container, such as Asia/Taipei.
	Timezone string
	// DefaultUserVolumeCapacity sizes home volumes when neither the user nor any of their
	// groups says.
	DefaultUserVolumeCapacity resource.Quantity
	// DefaultSharedVolumeCapacity sizes group volumes that set no capacity.
	DefaultSharedVolumeCapacity resource.Quantity
	// StorageClassName of home and group volumes; empty means the cluster's default.
	StorageClassName string
	// GitSyncHostRoot is the node directory git volumes are synced into, one
	// subdirectory per volume.
	GitSyncHostRoot string
}

// Input is everything a launch depends on, read by the caller from caches.
type Input struct {
	User  directory.User
	Group directory.Group
	// UserGroups are all of the user's groups, the launch group among them; they size the
	// home volume and bring group volumes that are not launch-group-only.
	UserGroups   []directory.Group
	InstanceType v1beta1.InstanceType
	Image        v1beta1.Image
	// Volumes are the user's effective volumes in the launch group (access.Volumes).
	Volumes []access.GrantedVolume
	// Env are the notebook's or job's own variables.
	Env []v1beta1.EnvVar
	// SharedMemory mounts a memory-backed /dev/shm, as jobs need for data loaders; JobPod
	// sets it.
	SharedMemory bool
	Settings     Settings
}

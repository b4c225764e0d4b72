package framework

import (
	"k8s.io/apimachinery/pkg/api/resource"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/primehub/primehub/api/v1beta1"
)

// VolumeWrapper builds a Volume for tests.
type VolumeWrapper struct{ v1beta1.Volume }

// MakeVolume starts a volume of no type: choose one with PV, NFS, HostPath, Git or Env,
// which set the type and its settings (and leave the settings of other types alone, so a
// test can build a volume with settings of two types).
func MakeVolume(name string) *VolumeWrapper {
	return &VolumeWrapper{v1beta1.Volume{ObjectMeta: metav1.ObjectMeta{Name: name}}}
}

// Obj returns the volume built.
func (w *VolumeWrapper) Obj() *v1beta1.Volume { return &w.Volume }

// Namespace sets the namespace.
func (w *VolumeWrapper) Namespace(ns string) *VolumeWrapper {
	w.ObjectMeta.Namespace = ns
	return w
}

// DisplayName sets the name shown to users.
func (w *VolumeWrapper) DisplayName(name string) *VolumeWrapper {
	w.Spec.DisplayName = name
	return w
}

// Type sets the type alone, without settings.
func (w *VolumeWrapper) Type(t v1beta1.VolumeType) *VolumeWrapper {
	w.Spec.Type = t
	return w
}

// PV makes it a pv volume of the capacity; an empty capacity leaves it zero.
func (w *VolumeWrapper) PV(capacity string) *VolumeWrapper {
	w.Spec.Type = v1beta1.VolumeTypePV
	w.Spec.PV = &v1beta1.PVVolume{}
	if capacity != "" {
		w.Spec.PV.Capacity = resource.MustParse(capacity)
	}
	return w
}

// NFS makes it an nfs volume of the server's export.
func (w *VolumeWrapper) NFS(server, path string) *VolumeWrapper {
	w.Spec.Type = v1beta1.VolumeTypeNFS
	w.Spec.NFS = &v1beta1.NFSVolume{Server: server, Path: path}
	return w
}

// HostPath makes it a hostPath volume of the node directory.
func (w *VolumeWrapper) HostPath(path string) *VolumeWrapper {
	w.Spec.Type = v1beta1.VolumeTypeHostPath
	w.Spec.HostPath = &v1beta1.HostPathVolume{Path: path}
	return w
}

// Git makes it a git volume of the repository.
func (w *VolumeWrapper) Git(url string) *VolumeWrapper {
	w.Spec.Type = v1beta1.VolumeTypeGit
	w.Spec.Git = &v1beta1.GitVolume{URL: url}
	return w
}

// Env makes it an env volume and adds the variable.
func (w *VolumeWrapper) Env(name, value string) *VolumeWrapper {
	w.Spec.Type = v1beta1.VolumeTypeEnv
	if w.Spec.Env == nil {
		w.Spec.Env = &v1beta1.EnvVolume{Variables: map[string]string{}}
	}
	w.Spec.Env.Variables[name] = value
	return w
}

// MountRoot sets the directory the volume is mounted under.
func (w *VolumeWrapper) MountRoot(dir string) *VolumeWrapper {
	w.Spec.MountRoot = dir
	return w
}

// HomeSymlink links the volume into users' homes.
func (w *VolumeWrapper) HomeSymlink() *VolumeWrapper {
	w.Spec.HomeSymlink = true
	return w
}

// LaunchGroupOnly sets whether the volume is mounted only in the groups it is granted to.
func (w *VolumeWrapper) LaunchGroupOnly(only bool) *VolumeWrapper {
	w.Spec.LaunchGroupOnly = &only
	return w
}

// Global grants the volume, read-only, to everyone.
func (w *VolumeWrapper) Global() *VolumeWrapper {
	w.Spec.Access.Global = true
	return w
}

// Group grants the volume to a group, writable or read-only.
func (w *VolumeWrapper) Group(name string, writable bool) *VolumeWrapper {
	w.Spec.Access.Groups = append(w.Spec.Access.Groups, v1beta1.GroupGrant{Name: name, Writable: writable})
	return w
}

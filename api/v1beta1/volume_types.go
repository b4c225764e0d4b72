package v1beta1

import (
	"k8s.io/apimachinery/pkg/api/resource"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// VolumeType says where a volume's data comes from.
// +kubebuilder:validation:Enum=pv;nfs;hostPath;git;env
type VolumeType string

const (
	// VolumeTypePV is a PersistentVolumeClaim that PrimeHub creates.
	VolumeTypePV VolumeType = "pv"
	// VolumeTypeNFS is an export of an NFS server.
	VolumeTypeNFS VolumeType = "nfs"
	// VolumeTypeHostPath is a directory on the node.
	VolumeTypeHostPath VolumeType = "hostPath"
	// VolumeTypeGit is a git repository cloned and kept in sync.
	VolumeTypeGit VolumeType = "git"
	// VolumeTypeEnv is no files at all but environment variables.
	VolumeTypeEnv VolumeType = "env"
)

// VolumeSpec is data that notebooks and jobs mount; exactly the settings of its type are set.
// +kubebuilder:validation:XValidation:rule="(self.type == 'pv') == has(self.pv)",messageExpression="self.type == 'pv' ? 'pv is required when type is pv' : 'pv is allowed only when type is pv'",fieldPath=".pv"
// +kubebuilder:validation:XValidation:rule="(self.type == 'nfs') == has(self.nfs)",messageExpression="self.type == 'nfs' ? 'nfs is required when type is nfs' : 'nfs is allowed only when type is nfs'",fieldPath=".nfs"
// +kubebuilder:validation:XValidation:rule="(self.type == 'hostPath') == has(self.hostPath)",messageExpression="self.type == 'hostPath' ? 'hostPath is required when type is hostPath' : 'hostPath is allowed only when type is hostPath'",fieldPath=".hostPath"
// +kubebuilder:validation:XValidation:rule="(self.type == 'git') == has(self.git)",messageExpression="self.type == 'git' ? 'git is required when type is git' : 'git is allowed only when type is git'",fieldPath=".git"
// +kubebuilder:validation:XValidation:rule="(self.type == 'env') == has(self.env)",messageExpression="self.type == 'env' ? 'env is required when type is env' : 'env is allowed only when type is env'",fieldPath=".env"
type VolumeSpec struct {
	// DisplayName is the name shown to users; when empty, metadata.name is shown.
	// +optional
	// +kubebuilder:validation:MaxLength=256
	DisplayName string `json:"displayName,omitempty"`

	// Description tells users what data the volume holds.
	// +optional
	// +kubebuilder:validation:MaxLength=4096
	Description string `json:"description,omitempty"`

	// Type says where the data comes from; the field of the same name holds its settings.
	// +required
	Type VolumeType `json:"type"`

	// MountRoot is the directory the volume is mounted under, at <mountRoot>/<name>.
	// +optional
	// +kubebuilder:default="/datasets"
	// +kubebuilder:validation:MaxLength=1024
	// +kubebuilder:validation:Pattern=`^/`
	MountRoot string `json:"mountRoot,omitempty"`

	// HomeSymlink also links the volume into the user's home directory, so it shows up
	// in the notebook's file browser.
	// +optional
	HomeSymlink bool `json:"homeSymlink,omitempty"`

	// LaunchGroupOnly mounts the volume only when the user launches in a group it is
	// granted to; when false, a user gets it in every group they launch in.
	// +optional
	// +kubebuilder:default=true
	LaunchGroupOnly *bool `json:"launchGroupOnly,omitempty"`

	// PV holds the settings of a pv volume.
	// +optional
	PV *PVVolume `json:"pv,omitempty"`

	// NFS holds the settings of an nfs volume.
	// +optional
	NFS *NFSVolume `json:"nfs,omitempty"`

	// HostPath holds the settings of a hostPath volume.
	// +optional
	HostPath *HostPathVolume `json:"hostPath,omitempty"`

	// Git holds the settings of a git volume.
	// +optional
	Git *GitVolume `json:"git,omitempty"`

	// Env holds the settings of an env volume.
	// +optional
	Env *EnvVolume `json:"env,omitempty"`

	// Access says which groups may mount the volume, and which of them may write to it.
	// +optional
	Access Access `json:"access,omitempty"`
}

// PVVolume is a PersistentVolumeClaim that PrimeHub creates for the volume.
type PVVolume struct {
	// Capacity is the size of the claim, such as 10Gi.
	// +required
	// +kubebuilder:validation:XValidation:rule="!isQuantity(string(self)) || quantity(string(self)).isGreaterThan(quantity('0'))",message="must be greater than 0"
	Capacity resource.Quantity `json:"capacity"`

	// StorageClassName is the storage class of the claim; when empty, the cluster's default.
	// +optional
	// +kubebuilder:validation:MaxLength=253
	StorageClassName string `json:"storageClassName,omitempty"`
}

// NFSVolume is an export of an NFS server.
type NFSVolume struct {
	// Server is the NFS server's host name or IP address.
	// +required
	// +kubebuilder:validation:MinLength=1
	// +kubebuilder:validation:MaxLength=253
	Server string `json:"server"`

	// Path is the exported directory on the server, such as /exports/data.
	// +required
	// +kubebuilder:validation:MaxLength=1024
	// +kubebuilder:validation:Pattern=`^/`
	Path string `json:"path"`
}

// HostPathVolume is a directory on the node the container runs on.
type HostPathVolume struct {
	// Path is the directory on the node, such as /mnt/data.
	// +required
	// +kubebuilder:validation:MaxLength=1024
	// +kubebuilder:validation:Pattern=`^/`
	Path string `json:"path"`
}

// GitVolume is a git repository cloned into the volume and kept in sync.
type GitVolume struct {
	// URL is the repository to clone, such as https://github.com/org/repo.git.
	// +required
	// +kubebuilder:validation:MinLength=1
	// +kubebuilder:validation:MaxLength=2048
	URL string `json:"url"`

	// Branch to check out; when empty, the repository's default branch.
	// +optional
	// +kubebuilder:validation:MaxLength=255
	Branch string `json:"branch,omitempty"`

	// Secret names the Secret (in the same namespace) holding the credentials to clone with.
	// +optional
	// +kubebuilder:validation:MaxLength=253
	// +kubebuilder:validation:Pattern=`^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$`
	Secret string `json:"secret,omitempty"`
}

// EnvVolume is a set of environment variables instead of files.
type EnvVolume struct {
	// Variables are set in the containers the volume is granted to, by name.
	// +required
	// +kubebuilder:validation:MinProperties=1
	// +kubebuilder:validation:MaxProperties=256
	Variables map[string]string `json:"variables"`
}

// VolumeStatus is what the controller observed of a volume.
type VolumeStatus struct {
	// CommonStatus holds observedGeneration and conditions.
	CommonStatus `json:",inline"`
}

// Volume is data that notebooks and jobs mount (PrimeHub's datasets): a claim, an NFS
// export, a node directory, a git repository or a set of environment variables.
//
// +kubebuilder:object:root=true
// +kubebuilder:subresource:status
// +kubebuilder:resource:scope=Namespaced,shortName=vol,categories=primehub
// +kubebuilder:printcolumn:name="Type",type=string,JSONPath=`.spec.type`
// +kubebuilder:printcolumn:name="Mount Root",type=string,JSONPath=`.spec.mountRoot`,priority=1
// +kubebuilder:printcolumn:name="Launch Group Only",type=boolean,JSONPath=`.spec.launchGroupOnly`,priority=1
// +kubebuilder:printcolumn:name="Global",type=boolean,JSONPath=`.spec.access.global`
// +kubebuilder:printcolumn:name="Age",type=date,JSONPath=`.metadata.creationTimestamp`
// +kubebuilder:validation:XValidation:rule="self.metadata.name.matches('^[a-z0-9]([-a-z0-9]*[a-z0-9])?$') && size(self.metadata.name) <= 63",message="metadata.name must be a DNS-1123 label: at most 63 lowercase letters, digits or '-', starting and ending with a letter or digit",fieldPath=".metadata",reason=FieldValueInvalid
type Volume struct {
	// TypeMeta holds the kind and apiVersion.
	metav1.TypeMeta `json:",inline"`
	// ObjectMeta is the standard object metadata; the name is the pod volume name and the
	// mount directory.
	// +optional
	metav1.ObjectMeta `json:"metadata,omitempty"`

	// Spec is the volume as its admin defines it.
	// +required
	Spec VolumeSpec `json:"spec"`

	// Status is what the controller observed.
	// +optional
	Status VolumeStatus `json:"status,omitempty"`
}

// VolumeList is a list of Volumes.
//
// +kubebuilder:object:root=true
type VolumeList struct {
	// TypeMeta holds the kind and apiVersion.
	metav1.TypeMeta `json:",inline"`
	// ListMeta is the standard list metadata.
	metav1.ListMeta `json:"metadata,omitempty"`
	// Items are the volumes.
	Items []Volume `json:"items"`
}

func init() {
	SchemeBuilder.Register(&Volume{}, &VolumeList{})
}

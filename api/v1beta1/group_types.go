package v1beta1

import (
	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/resource"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// QuotaResources caps cpu, memory and GPUs, counted as the sum of container limits;
// a resource left unset is not capped.
type QuotaResources struct {
	// CPU in cores, such as 8 or 500m.
	// +optional
	// +kubebuilder:validation:XValidation:rule="!isQuantity(string(self)) || !quantity(string(self)).isLessThan(quantity('0'))",message="must not be negative"
	CPU *resource.Quantity `json:"cpu,omitempty"`

	// Memory in bytes, such as 64Gi.
	// +optional
	// +kubebuilder:validation:XValidation:rule="!isQuantity(string(self)) || !quantity(string(self)).isLessThan(quantity('0'))",message="must not be negative"
	Memory *resource.Quantity `json:"memory,omitempty"`

	// GPU is a number of GPUs, of any resource name.
	// +optional
	// +kubebuilder:validation:Minimum=0
	GPU *int32 `json:"gpu,omitempty"`
}

// GroupQuota caps what a group's notebooks and jobs use.
type GroupQuota struct {
	// PerUser caps what each member uses in the group.
	// +optional
	PerUser QuotaResources `json:"perUser,omitempty"`

	// Total caps what all members use in the group together.
	// +optional
	Total QuotaResources `json:"total,omitempty"`
}

// SharedVolume is a volume every member of a group shares, mounted at /project/<group>.
type SharedVolume struct {
	// Enabled creates the volume and mounts it in the group's notebooks and jobs.
	// +optional
	Enabled bool `json:"enabled,omitempty"`

	// Capacity is the size of the volume; when unset, the system default.
	// +optional
	// +kubebuilder:validation:XValidation:rule="!isQuantity(string(self)) || quantity(string(self)).isGreaterThan(quantity('0'))",message="must be greater than 0"
	Capacity *resource.Quantity `json:"capacity,omitempty"`

	// LaunchGroupOnly mounts the volume only when a member launches in this group; when
	// false, members get it in every group they launch in.
	// +optional
	// +kubebuilder:default=true
	LaunchGroupOnly *bool `json:"launchGroupOnly,omitempty"`
}

// JobDefaults apply to the group's jobs that do not set their own.
type JobDefaults struct {
	// ActiveDeadlineSeconds is how long a job may run before it is stopped and fails.
	// +optional
	// +kubebuilder:validation:Minimum=1
	ActiveDeadlineSeconds *int64 `json:"activeDeadlineSeconds,omitempty"`

	// TTLSecondsAfterFinished is how long a finished job is kept before it is deleted.
	// +optional
	// +kubebuilder:validation:Minimum=0
	TTLSecondsAfterFinished *int32 `json:"ttlSecondsAfterFinished,omitempty"`
}

// GroupSpec is a team of users, in the builtin directory, and what it may use.
type GroupSpec struct {
	// Name is the group's name as people write it, such as data_science; resources are
	// granted to and launched in groups by this name. metadata.name is derived from it.
	// It cannot change.
	// +required
	// +kubebuilder:validation:MinLength=1
	// +kubebuilder:validation:MaxLength=63
	// +kubebuilder:validation:Pattern=`^[a-zA-Z0-9]([a-zA-Z0-9_-]*[a-zA-Z0-9])?$`
	// +kubebuilder:validation:XValidation:rule="self == oldSelf",message="name cannot change"
	Name string `json:"name"`

	// DisplayName is the name shown to users; when empty, name is shown.
	// +optional
	// +kubebuilder:validation:MaxLength=256
	DisplayName string `json:"displayName,omitempty"`

	// Members are the usernames (User spec.username) of the group's members.
	// +optional
	// +listType=set
	// +kubebuilder:validation:items:MaxLength=255
	// +kubebuilder:validation:items:Pattern=`^[a-zA-Z0-9][a-zA-Z0-9._@+-]*$`
	Members []string `json:"members,omitempty"`

	// Admins are the usernames of members who manage the group (its members, group images
	// and volumes).
	// +optional
	// +listType=set
	// +kubebuilder:validation:items:MaxLength=255
	// +kubebuilder:validation:items:Pattern=`^[a-zA-Z0-9][a-zA-Z0-9._@+-]*$`
	Admins []string `json:"admins,omitempty"`

	// Quota caps what the group's notebooks and jobs use, per member and in all; unset
	// means unlimited.
	// +optional
	Quota GroupQuota `json:"quota,omitempty"`

	// UserVolumeCapacity is the size of the home volume of members who have no
	// volumeCapacity of their own; when unset, the system default.
	// +optional
	// +kubebuilder:validation:XValidation:rule="!isQuantity(string(self)) || !quantity(string(self)).isLessThan(quantity('0'))",message="must not be negative"
	UserVolumeCapacity *resource.Quantity `json:"userVolumeCapacity,omitempty"`

	// SharedVolume is the volume the members share; none when unset or not enabled.
	// +optional
	SharedVolume *SharedVolume `json:"sharedVolume,omitempty"`

	// JobDefaults apply to the group's jobs that do not set their own.
	// +optional
	JobDefaults *JobDefaults `json:"jobDefaults,omitempty"`

	// Profile gives the group a namespace of its own, owned by its admins, with its members
	// as editors.
	// +optional
	Profile *GroupProfile `json:"profile,omitempty"`

	// Deployments says whether the group's members may deploy models, how many of the
	// group's deployments may run at once (PrimeHub's enabledDeployment, maxDeploy) and
	// whether their endpoints may be public.
	// +optional
	Deployments *GroupDeployments `json:"deployments,omitempty"`
}

// GroupDeployments are a group's model deployment settings.
type GroupDeployments struct {
	// Enabled lets the group's members deploy models.
	// +optional
	Enabled bool `json:"enabled,omitempty"`

	// Max caps how many of the group's deployments run (are not stopped) at once; unset
	// means no cap.
	// +optional
	// +kubebuilder:validation:Minimum=0
	Max *int32 `json:"max,omitempty"`

	// AllowPublicEndpoints lets the group's deployments serve their endpoints without a
	// client credential when they ask to (endpointAccessType public); off, every endpoint
	// of the group takes client credentials only, whatever its deployment says.
	// +optional
	AllowPublicEndpoints bool `json:"allowPublicEndpoints,omitempty"`
}

// GroupProfile is a group's own Profile and namespace.
type GroupProfile struct {
	// Enabled makes the group's profile; turning it off deletes the profile and its
	// namespace.
	// +required
	Enabled bool `json:"enabled"`

	// ResourceQuota caps the namespace; when unset, the admin's default profile quota.
	// +optional
	ResourceQuota *corev1.ResourceQuotaSpec `json:"resourceQuota,omitempty"`
}

// GroupStatus is what the controller observed of a group.
type GroupStatus struct {
	// CommonStatus holds observedGeneration and conditions.
	CommonStatus `json:",inline"`
}

// Group is a team of users of the builtin directory (unused with Keycloak, which keeps its
// own), with quotas and a shared volume.
//
// +kubebuilder:object:root=true
// +kubebuilder:subresource:status
// +kubebuilder:resource:scope=Cluster,shortName=phgroup,categories=primehub
// +kubebuilder:printcolumn:name="Name",type=string,JSONPath=`.spec.name`
// +kubebuilder:printcolumn:name="Display Name",type=string,JSONPath=`.spec.displayName`
// +kubebuilder:printcolumn:name="Age",type=date,JSONPath=`.metadata.creationTimestamp`
// +kubebuilder:validation:XValidation:rule="self.metadata.name.matches('^[a-z0-9]([-a-z0-9]*[a-z0-9])?$') && size(self.metadata.name) <= 63",message="metadata.name must be a DNS-1123 label: at most 63 lowercase letters, digits or '-', starting and ending with a letter or digit",fieldPath=".metadata",reason=FieldValueInvalid
type Group struct {
	// TypeMeta holds the kind and apiVersion.
	metav1.TypeMeta `json:",inline"`
	// ObjectMeta is the standard object metadata; the name is derived from spec.name.
	// +optional
	metav1.ObjectMeta `json:"metadata,omitempty"`

	// Spec is the group as the admin defines it.
	// +required
	Spec GroupSpec `json:"spec"`

	// Status is what the controller observed.
	// +optional
	Status GroupStatus `json:"status,omitempty"`
}

// GroupList is a list of Groups.
//
// +kubebuilder:object:root=true
type GroupList struct {
	// TypeMeta holds the kind and apiVersion.
	metav1.TypeMeta `json:",inline"`
	// ListMeta is the standard list metadata.
	metav1.ListMeta `json:"metadata,omitempty"`
	// Items are the groups.
	Items []Group `json:"items"`
}

func init() {
	SchemeBuilder.Register(&Group{}, &GroupList{})
}

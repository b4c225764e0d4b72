package v1beta1

import (
	corev1 "k8s.io/api/core/v1"
	rbacv1 "k8s.io/api/rbac/v1"
	"k8s.io/apimachinery/pkg/api/resource"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// ContributorRole is what a contributor may do in a profile's namespace; each maps to the
// Kubernetes ClusterRole of the same name.
// +kubebuilder:validation:Enum=admin;edit;view
type ContributorRole string

const (
	// ContributorAdmin may do everything in the namespace, including granting access.
	ContributorAdmin ContributorRole = "admin"
	// ContributorEdit may create, change and delete workloads in the namespace.
	ContributorEdit ContributorRole = "edit"
	// ContributorView may read, but not change, the namespace's objects.
	ContributorView ContributorRole = "view"
)

// PodSecurityLevel is a Pod Security Standard, enforced on a namespace by the API server's
// PodSecurity admission.
// +kubebuilder:validation:Enum=privileged;baseline;restricted
type PodSecurityLevel string

const (
	// PodSecurityPrivileged allows anything, host access and privileged containers included.
	PodSecurityPrivileged PodSecurityLevel = "privileged"
	// PodSecurityBaseline refuses known privilege escalations: privileged containers, host
	// namespaces, host paths and ports, added capabilities beyond the default set.
	PodSecurityBaseline PodSecurityLevel = "baseline"
	// PodSecurityRestricted also requires running as non-root, dropping all capabilities
	// and a seccomp profile.
	PodSecurityRestricted PodSecurityLevel = "restricted"
)

const (
	// LabelGroupProfile marks a group's profile with names.Label of the group's name. Only
	// the platform and system administrators set it.
	LabelGroupProfile = "primehub.io/group-profile"
	// GroupProfilePrefix begins the names of groups' profiles; other profiles may not use
	// it, so nobody takes a group's namespace before its profile is enabled.
	GroupProfilePrefix = "group-"
)

// Contributor is someone, besides the owner, who works in a profile's namespace.
type Contributor struct {
	// Subject is the user, group or service account granted the role.
	// +required
	Subject rbacv1.Subject `json:"subject"`

	// Role is what the subject may do in the namespace.
	// +required
	Role ContributorRole `json:"role"`
}

// ComputeResources is an amount of cpu and memory.
type ComputeResources struct {
	// CPU in cores, such as 500m or 2.
	// +optional
	// +kubebuilder:validation:XValidation:rule="!isQuantity(string(self)) || !quantity(string(self)).isLessThan(quantity('0'))",message="must not be negative"
	CPU *resource.Quantity `json:"cpu,omitempty"`

	// Memory in bytes, such as 512Mi or 4Gi.
	// +optional
	// +kubebuilder:validation:XValidation:rule="!isQuantity(string(self)) || !quantity(string(self)).isLessThan(quantity('0'))",message="must not be negative"
	Memory *resource.Quantity `json:"memory,omitempty"`
}

// ContainerDefaults are the requests and limits given to containers in a profile's
// namespace that do not set their own (a LimitRange).
// +kubebuilder:validation:XValidation:rule="!has(self.defaultRequest) || !has(self.defaultRequest.cpu) || !has(self.default) || !has(self.default.cpu) || !isQuantity(string(self.defaultRequest.cpu)) || !isQuantity(string(self.default.cpu)) || quantity(string(self.defaultRequest.cpu)).compareTo(quantity(string(self.default.cpu))) <= 0",message="defaultRequest.cpu must not exceed default.cpu",fieldPath=".defaultRequest.cpu",reason=FieldValueInvalid
// +kubebuilder:validation:XValidation:rule="!has(self.defaultRequest) || !has(self.defaultRequest.memory) || !has(self.default) || !has(self.default.memory) || !isQuantity(string(self.defaultRequest.memory)) || !isQuantity(string(self.default.memory)) || quantity(string(self.defaultRequest.memory)).compareTo(quantity(string(self.default.memory))) <= 0",message="defaultRequest.memory must not exceed default.memory",fieldPath=".defaultRequest.memory",reason=FieldValueInvalid
type ContainerDefaults struct {
	// DefaultRequest is the request of a container that sets none.
	// +optional
	DefaultRequest *ComputeResources `json:"defaultRequest,omitempty"`

	// Default is the limit of a container that sets none.
	// +optional
	Default *ComputeResources `json:"default,omitempty"`
}

// ProfileSpec is a team's namespace: who owns it, who else works in it, and its limits.
type ProfileSpec struct {
	// Owner is the user (or group) the namespace belongs to; it gets the admin role.
	// +required
	Owner rbacv1.Subject `json:"owner"`

	// Contributors are the others who work in the namespace, each with a role.
	// +optional
	// +listType=atomic
	// +kubebuilder:validation:MaxItems=256
	Contributors []Contributor `json:"contributors,omitempty"`

	// ResourceQuota caps what the namespace may use in all (a ResourceQuota); unset means
	// no cap.
	// +optional
	ResourceQuota *corev1.ResourceQuotaSpec `json:"resourceQuota,omitempty"`

	// LimitRange gives containers of the namespace default requests and limits.
	// +optional
	LimitRange *ContainerDefaults `json:"limitRange,omitempty"`

	// PodSecurity is the Pod Security Standard the namespace enforces; unset means the
	// platform's default (primehub serve --profile-pod-security, baseline unless changed).
	// Only system administrators set it, as they do resourceQuota and limitRange.
	// +optional
	PodSecurity *PodSecurityLevel `json:"podSecurity,omitempty"`
}

// ProfileStatus is what the controller observed of a profile.
type ProfileStatus struct {
	// CommonStatus holds observedGeneration and conditions.
	CommonStatus `json:",inline"`

	// Namespace names the namespace created for the profile (the profile's name).
	// +optional
	Namespace string `json:"namespace,omitempty"`
}

// Profile is a team's namespace of its own, named as the profile, with its owner,
// contributors, quota and container defaults.
//
// +kubebuilder:object:root=true
// +kubebuilder:subresource:status
// +kubebuilder:resource:scope=Cluster,shortName=prof,categories=primehub
// +kubebuilder:printcolumn:name="Owner",type=string,JSONPath=`.spec.owner.name`
// +kubebuilder:printcolumn:name="Namespace",type=string,JSONPath=`.status.namespace`
// +kubebuilder:printcolumn:name="Age",type=date,JSONPath=`.metadata.creationTimestamp`
// +kubebuilder:validation:XValidation:rule="self.metadata.name.matches('^[a-z0-9]([-a-z0-9]*[a-z0-9])?$') && size(self.metadata.name) <= 63",message="metadata.name must be a DNS-1123 label: at most 63 lowercase letters, digits or '-', starting and ending with a letter or digit",fieldPath=".metadata",reason=FieldValueInvalid
type Profile struct {
	// TypeMeta holds the kind and apiVersion.
	metav1.TypeMeta `json:",inline"`
	// ObjectMeta is the standard object metadata; the name is the namespace's name.
	// +optional
	metav1.ObjectMeta `json:"metadata,omitempty"`

	// Spec is the namespace as its admin defines it.
	// +required
	Spec ProfileSpec `json:"spec"`

	// Status is what the controller observed.
	// +optional
	Status ProfileStatus `json:"status,omitempty"`
}

// ProfileList is a list of Profiles.
//
// +kubebuilder:object:root=true
type ProfileList struct {
	// TypeMeta holds the kind and apiVersion.
	metav1.TypeMeta `json:",inline"`
	// ListMeta is the standard list metadata.
	metav1.ListMeta `json:"metadata,omitempty"`
	// Items are the profiles.
	Items []Profile `json:"items"`
}

func init() {
	SchemeBuilder.Register(&Profile{}, &ProfileList{})
}

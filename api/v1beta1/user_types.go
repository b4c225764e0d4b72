package v1beta1

import (
	"k8s.io/apimachinery/pkg/api/resource"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// UserSpec is a person who may log in, in the builtin directory.
type UserSpec struct {
	// Username is the name the person logs in with, as they write it: it may be an email
	// address and hold capitals, dots and underscores. metadata.name is derived from it.
	// It cannot change.
	// +required
	// +kubebuilder:validation:MinLength=1
	// +kubebuilder:validation:MaxLength=255
	// +kubebuilder:validation:Pattern=`^[a-zA-Z0-9][a-zA-Z0-9._@+-]*$`
	// +kubebuilder:validation:XValidation:rule="self == oldSelf",message="username cannot change"
	Username string `json:"username"`

	// Email is the person's email address.
	// +optional
	// +kubebuilder:validation:MaxLength=254
	// +kubebuilder:validation:Pattern=`^[^@\s]+@[^@\s]+$`
	Email string `json:"email,omitempty"`

	// DisplayName is the person's name as shown to others, such as Ada Lovelace.
	// +optional
	// +kubebuilder:validation:MaxLength=256
	DisplayName string `json:"displayName,omitempty"`

	// Admin makes the user a PrimeHub administrator.
	// +optional
	Admin bool `json:"admin,omitempty"`

	// Disabled stops the user from logging in; their data and objects are kept.
	// +optional
	Disabled bool `json:"disabled,omitempty"`

	// VolumeCapacity is the size of the user's home volume; when unset, the group's
	// userVolumeCapacity or else the system default.
	// +optional
	// +kubebuilder:validation:XValidation:rule="!isQuantity(string(self)) || !quantity(string(self)).isLessThan(quantity('0'))",message="must not be negative"
	VolumeCapacity *resource.Quantity `json:"volumeCapacity,omitempty"`

	// PredefinedEnv are environment variables set in every notebook and job of the user.
	// +optional
	// +listType=map
	// +listMapKey=name
	// +kubebuilder:validation:MaxItems=256
	PredefinedEnv []EnvVar `json:"predefinedEnv,omitempty"`
}

// UserStatus is what the controller observed of a user.
type UserStatus struct {
	// CommonStatus holds observedGeneration and conditions.
	CommonStatus `json:",inline"`
}

// User is a person of the builtin directory (unused with Keycloak, which keeps its own).
//
// +kubebuilder:object:root=true
// +kubebuilder:subresource:status
// +kubebuilder:resource:scope=Cluster,shortName=phuser,categories=primehub
// +kubebuilder:printcolumn:name="Username",type=string,JSONPath=`.spec.username`
// +kubebuilder:printcolumn:name="Email",type=string,JSONPath=`.spec.email`
// +kubebuilder:printcolumn:name="Admin",type=boolean,JSONPath=`.spec.admin`
// +kubebuilder:printcolumn:name="Disabled",type=boolean,JSONPath=`.spec.disabled`
// +kubebuilder:printcolumn:name="Age",type=date,JSONPath=`.metadata.creationTimestamp`
// +kubebuilder:validation:XValidation:rule="self.metadata.name.matches('^[a-z0-9]([-a-z0-9]*[a-z0-9])?$') && size(self.metadata.name) <= 63",message="metadata.name must be a DNS-1123 label: at most 63 lowercase letters, digits or '-', starting and ending with a letter or digit",fieldPath=".metadata",reason=FieldValueInvalid
type User struct {
	// TypeMeta holds the kind and apiVersion.
	metav1.TypeMeta `json:",inline"`
	// ObjectMeta is the standard object metadata; the name is derived from spec.username.
	// +optional
	metav1.ObjectMeta `json:"metadata,omitempty"`

	// Spec is the user as the admin (or the user) defines it.
	// +required
	Spec UserSpec `json:"spec"`

	// Status is what the controller observed.
	// +optional
	Status UserStatus `json:"status,omitempty"`
}

// UserList is a list of Users.
//
// +kubebuilder:object:root=true
type UserList struct {
	// TypeMeta holds the kind and apiVersion.
	metav1.TypeMeta `json:",inline"`
	// ListMeta is the standard list metadata.
	metav1.ListMeta `json:"metadata,omitempty"`
	// Items are the users.
	Items []User `json:"items"`
}

func init() {
	SchemeBuilder.Register(&User{}, &UserList{})
}

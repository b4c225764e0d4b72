package v1beta1

import (
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// ImageType says which instance types an image suits.
// +kubebuilder:validation:Enum=cpu;gpu;both
type ImageType string

const (
	// ImageTypeCPU images run on instance types without GPUs.
	ImageTypeCPU ImageType = "cpu"
	// ImageTypeGPU images need an instance type with GPUs.
	ImageTypeGPU ImageType = "gpu"
	// ImageTypeBoth images run on either; urlForGpu, when set, is used with GPUs.
	ImageTypeBoth ImageType = "both"
)

// ImageSpec is a container image users can launch notebooks and jobs with.
type ImageSpec struct {
	// DisplayName is the name shown to users; when empty, metadata.name is shown.
	// +optional
	// +kubebuilder:validation:MaxLength=256
	DisplayName string `json:"displayName,omitempty"`

	// Description tells users what the image holds.
	// +optional
	// +kubebuilder:validation:MaxLength=4096
	Description string `json:"description,omitempty"`

	// Type says whether the image is for CPU instance types, GPU ones, or both.
	// +optional
	// +kubebuilder:default=both
	Type ImageType `json:"type,omitempty"`

	// URL is the image reference pulled by the container, such as
	// jupyter/base-notebook:python-3.11.
	// +required
	// +kubebuilder:validation:MinLength=1
	// +kubebuilder:validation:MaxLength=1024
	URL string `json:"url"`

	// URLForGPU is the image reference used instead of url when the instance type has GPUs;
	// when empty, url is used.
	// +optional
	// +kubebuilder:validation:MaxLength=1024
	URLForGPU string `json:"urlForGpu,omitempty"`

	// PullSecret names the Secret (type dockerconfigjson, in the same namespace) used to
	// pull the image from a private registry.
	// +optional
	// +kubebuilder:validation:MaxLength=253
	// +kubebuilder:validation:Pattern=`^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$`
	PullSecret string `json:"pullSecret,omitempty"`

	// GroupName makes this a group image: one that the named group (Group spec.name)
	// manages and its members see. Empty for images the admin manages.
	// +optional
	// +kubebuilder:validation:MaxLength=63
	// +kubebuilder:validation:Pattern=`^[a-zA-Z0-9]([a-zA-Z0-9_-]*[a-zA-Z0-9])?$`
	GroupName string `json:"groupName,omitempty"`

	// Access says which groups may use the image.
	// +optional
	Access Access `json:"access,omitempty"`
}

// ImageStatus is what the controller observed of an image.
type ImageStatus struct {
	// CommonStatus holds observedGeneration and conditions.
	CommonStatus `json:",inline"`
}

// Image is a container image users can pick when they launch a notebook or job.
//
// +kubebuilder:object:root=true
// +kubebuilder:subresource:status
// +kubebuilder:resource:scope=Namespaced,shortName=img,categories=primehub
// +kubebuilder:printcolumn:name="Type",type=string,JSONPath=`.spec.type`
// +kubebuilder:printcolumn:name="URL",type=string,JSONPath=`.spec.url`
// +kubebuilder:printcolumn:name="Group",type=string,JSONPath=`.spec.groupName`,priority=1
// +kubebuilder:printcolumn:name="Global",type=boolean,JSONPath=`.spec.access.global`
// +kubebuilder:printcolumn:name="Age",type=date,JSONPath=`.metadata.creationTimestamp`
// +kubebuilder:validation:XValidation:rule="self.metadata.name.matches('^[a-z0-9]([-a-z0-9]*[a-z0-9])?$') && size(self.metadata.name) <= 63",message="metadata.name must be a DNS-1123 label: at most 63 lowercase letters, digits or '-', starting and ending with a letter or digit",fieldPath=".metadata",reason=FieldValueInvalid
type Image struct {
	// TypeMeta holds the kind and apiVersion.
	metav1.TypeMeta `json:",inline"`
	// ObjectMeta is the standard object metadata; the name is used in labels and roles.
	// +optional
	metav1.ObjectMeta `json:"metadata,omitempty"`

	// Spec is the image as its admin defines it.
	// +required
	Spec ImageSpec `json:"spec"`

	// Status is what the controller observed.
	// +optional
	Status ImageStatus `json:"status,omitempty"`
}

// ImageList is a list of Images.
//
// +kubebuilder:object:root=true
type ImageList struct {
	// TypeMeta holds the kind and apiVersion.
	metav1.TypeMeta `json:",inline"`
	// ListMeta is the standard list metadata.
	metav1.ListMeta `json:"metadata,omitempty"`
	// Items are the images.
	Items []Image `json:"items"`
}

func init() {
	SchemeBuilder.Register(&Image{}, &ImageList{})
}

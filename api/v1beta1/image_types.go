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

	// Notebook says how the image starts its Jupyter server, for images where the default
	// (`jupyter server` as the container's arguments, which suits Jupyter Docker Stacks,
	// JupyterHub's singleuser images and any image with jupyter on PATH) does not do.
	// +optional
	Notebook *ImageNotebook `json:"notebook,omitempty"`
}

// ImageNotebook says how a notebook image starts its Jupyter server. Whatever starts it
// gets the platform's options after it: --ServerApp.base_url=/notebook/<namespace>/<name>/,
// --ServerApp.port=8888, --ServerApp.ip=0.0.0.0 and --ServerApp.default_url; the token
// comes in $JUPYTER_TOKEN and the base URL also in $NB_PREFIX, as Kubeflow sets it.
type ImageNotebook struct {
	// Command starts the server, before the platform's options: such as ["jupyter", "lab"],
	// or ["start-notebook.py"] (Jupyter Docker Stacks' start script, which passes them on).
	// Default ["jupyter", "server"].
	// +optional
	// +kubebuilder:validation:MaxItems=32
	// +kubebuilder:validation:items:MaxLength=1024
	Command []string `json:"command,omitempty"`

	// ReplaceEntrypoint runs command instead of the image's entrypoint rather than as its
	// arguments: for images whose entrypoint starts a server of its own, such as Kubeflow's
	// notebook images (s6-overlay's /init). Default false: the entrypoint (tini and
	// start.sh in Jupyter Docker Stacks) runs command.
	// +optional
	ReplaceEntrypoint bool `json:"replaceEntrypoint,omitempty"`

	// DefaultURL is the page the notebook opens on, below its base URL, such as /lab for
	// JupyterLab. Default /tree, which Notebook 7 and the classic notebook serve.
	// +optional
	// +kubebuilder:validation:MaxLength=256
	// +kubebuilder:validation:Pattern=`^/[A-Za-z0-9._~/-]*$`
	DefaultURL string `json:"defaultURL,omitempty"`
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

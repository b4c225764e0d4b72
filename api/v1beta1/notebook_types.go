package v1beta1

import (
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// NotebookPhase is where a notebook is in its life.
// +kubebuilder:validation:Enum=Pending;Starting;Running;Stopping;Stopped;Failed
type NotebookPhase string

const (
	// NotebookPending: its pod not created or not scheduled yet, after a stop, a failure or
	// a restart, or waiting with a reason (the scheduler's); a new notebook's phase is
	// empty instead until it has something to report (its pod 10 s on its node, a reason
	// to wait, ready, a failure).
	NotebookPending NotebookPhase = "Pending"
	// NotebookStarting: the pod is scheduled and the server is starting.
	NotebookStarting NotebookPhase = "Starting"
	// NotebookRunning: the server answers at status.url.
	NotebookRunning NotebookPhase = "Running"
	// NotebookStopping: spec.stopped was set and the pod is going away.
	NotebookStopping NotebookPhase = "Stopping"
	// NotebookStopped: no pod runs; the user's files are kept.
	NotebookStopped NotebookPhase = "Stopped"
	// NotebookFailed: the notebook could not start; reason and message say why.
	NotebookFailed NotebookPhase = "Failed"
)

// NotebookSpec is what a user launched: whose notebook, in which group, on what.
type NotebookSpec struct {
	// User is the username of the notebook's owner, as people write it (User spec.username).
	// It cannot change, and only its user (or an administrator) may create or change the
	// notebook (docs/admission.md).
	// +required
	// +kubebuilder:validation:MinLength=1
	// +kubebuilder:validation:MaxLength=255
	// +kubebuilder:validation:Pattern=`^[a-zA-Z0-9][a-zA-Z0-9._@+-]*$`
	// +kubebuilder:validation:XValidation:rule="self == oldSelf",message="user cannot change"
	User string `json:"user"`

	// Group is the group the notebook is launched in (Group spec.name); it decides the
	// resources the user may pick and whose quota the notebook counts against. It cannot
	// change, and the user must be a member of it.
	// +required
	// +kubebuilder:validation:MinLength=1
	// +kubebuilder:validation:MaxLength=63
	// +kubebuilder:validation:Pattern=`^[a-zA-Z0-9]([a-zA-Z0-9_-]*[a-zA-Z0-9])?$`
	// +kubebuilder:validation:XValidation:rule="self == oldSelf",message="group cannot change"
	Group string `json:"group"`

	// InstanceType names the InstanceType (in the platform namespace) giving the
	// notebook's size.
	// +required
	// +kubebuilder:validation:MinLength=1
	// +kubebuilder:validation:MaxLength=63
	// +kubebuilder:validation:Pattern=`^[a-z0-9]([-a-z0-9]*[a-z0-9])?$`
	InstanceType string `json:"instanceType"`

	// Image names the Image (in the platform namespace) the notebook runs.
	// +required
	// +kubebuilder:validation:MinLength=1
	// +kubebuilder:validation:MaxLength=63
	// +kubebuilder:validation:Pattern=`^[a-z0-9]([-a-z0-9]*[a-z0-9])?$`
	Image string `json:"image"`

	// Env are extra environment variables set in the notebook, after the user's
	// predefined ones.
	// +optional
	// +listType=map
	// +listMapKey=name
	// +kubebuilder:validation:MaxItems=256
	Env []EnvVar `json:"env,omitempty"`

	// Stopped stops the notebook's server and keeps the notebook; unset it to start again.
	// +optional
	Stopped bool `json:"stopped,omitempty"`
}

// NotebookStatus is what the controller observed of a notebook.
type NotebookStatus struct {
	// CommonStatus holds observedGeneration and conditions.
	CommonStatus `json:",inline"`

	// Phase is where the notebook is in its life. A new notebook has none until it has
	// something to report (its pod ready, or 10 s on its node, a reason to wait, a
	// failure), so that a start that goes well is one status write; it is shown Pending.
	// +optional
	Phase NotebookPhase `json:"phase,omitempty"`

	// Reason is a CamelCase word saying why the notebook is in its phase, such as OverQuota.
	// +optional
	Reason string `json:"reason,omitempty"`

	// Message explains the phase to the user.
	// +optional
	Message string `json:"message,omitempty"`

	// URL is where the user reaches the running notebook.
	// +optional
	URL string `json:"url,omitempty"`
}

// Notebook is a user's notebook server, launched in a group with an instance type and an
// image.
//
// +kubebuilder:object:root=true
// +kubebuilder:subresource:status
// +kubebuilder:resource:scope=Namespaced,shortName=nb,categories=primehub
// +kubebuilder:printcolumn:name="User",type=string,JSONPath=`.spec.user`
// +kubebuilder:printcolumn:name="Group",type=string,JSONPath=`.spec.group`
// +kubebuilder:printcolumn:name="Instance Type",type=string,JSONPath=`.spec.instanceType`
// +kubebuilder:printcolumn:name="Image",type=string,JSONPath=`.spec.image`,priority=1
// +kubebuilder:printcolumn:name="Phase",type=string,JSONPath=`.status.phase`
// +kubebuilder:printcolumn:name="URL",type=string,JSONPath=`.status.url`,priority=1
// +kubebuilder:printcolumn:name="Age",type=date,JSONPath=`.metadata.creationTimestamp`
// +kubebuilder:validation:XValidation:rule="self.metadata.name.matches('^[a-z0-9]([-a-z0-9]*[a-z0-9])?$') && size(self.metadata.name) <= 63",message="metadata.name must be a DNS-1123 label: at most 63 lowercase letters, digits or '-', starting and ending with a letter or digit",fieldPath=".metadata",reason=FieldValueInvalid
type Notebook struct {
	// TypeMeta holds the kind and apiVersion.
	metav1.TypeMeta `json:",inline"`
	// ObjectMeta is the standard object metadata; the name names the notebook's pod and
	// service.
	// +optional
	metav1.ObjectMeta `json:"metadata,omitempty"`

	// Spec is what the user launched.
	// +required
	Spec NotebookSpec `json:"spec"`

	// Status is what the controller observed.
	// +optional
	Status NotebookStatus `json:"status,omitempty"`
}

// NotebookList is a list of Notebooks.
//
// +kubebuilder:object:root=true
type NotebookList struct {
	// TypeMeta holds the kind and apiVersion.
	metav1.TypeMeta `json:",inline"`
	// ListMeta is the standard list metadata.
	metav1.ListMeta `json:"metadata,omitempty"`
	// Items are the notebooks.
	Items []Notebook `json:"items"`
}

func init() {
	SchemeBuilder.Register(&Notebook{}, &NotebookList{})
}

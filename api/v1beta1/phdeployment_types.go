package v1beta1

import (
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// PhDeploymentPhase is where a model deployment is in its life, in PrimeHub's words.
// +kubebuilder:validation:Enum=Deploying;Deployed;Stopping;Stopped;Failed
type PhDeploymentPhase string

const (
	// PhDeploymentDeploying: its pods are being made or replaced, or not all are available.
	PhDeploymentDeploying PhDeploymentPhase = "Deploying"
	// PhDeploymentDeployed: every replica of the current spec is available.
	PhDeploymentDeployed PhDeploymentPhase = "Deployed"
	// PhDeploymentStopping: spec.stop was set and its pods are going away.
	PhDeploymentStopping PhDeploymentPhase = "Stopping"
	// PhDeploymentStopped: no pod runs; unset spec.stop to deploy again.
	PhDeploymentStopped PhDeploymentPhase = "Stopped"
	// PhDeploymentFailed: it may not or cannot run; reason and message say why.
	PhDeploymentFailed PhDeploymentPhase = "Failed"
)

// EndpointAccessType says who may call a deployment's endpoint.
// +kubebuilder:validation:Enum=private;public
type EndpointAccessType string

const (
	// EndpointPrivate: callers present one of the deployment's client credentials (HTTP
	// Basic: the client's name and its secret).
	EndpointPrivate EndpointAccessType = "private"
	// EndpointPublic: anyone may call it.
	EndpointPublic EndpointAccessType = "public"
)

// PhDeploymentClient is a credential callers of a private endpoint present.
type PhDeploymentClient struct {
	// Name is the client's name, the username of HTTP Basic.
	// +required
	// +kubebuilder:validation:MinLength=1
	// +kubebuilder:validation:MaxLength=63
	// +kubebuilder:validation:Pattern=`^[a-zA-Z0-9]([a-zA-Z0-9._-]*[a-zA-Z0-9])?$`
	Name string `json:"name"`

	// SecretHash is the hex SHA-256 of the client's secret, the password of HTTP Basic.
	// The secret is shown once, when the client is made, and kept nowhere.
	// +required
	// +kubebuilder:validation:Pattern=`^[0-9a-f]{64}$`
	SecretHash string `json:"secretHash"`
}

// PhDeploymentEndpoint is who may call the deployment's endpoint.
type PhDeploymentEndpoint struct {
	// AccessType is private (client credentials) or public.
	// +optional
	// +kubebuilder:default=private
	AccessType EndpointAccessType `json:"accessType,omitempty"`

	// Clients are the credentials of a private endpoint.
	// +optional
	// +listType=map
	// +listMapKey=name
	// +kubebuilder:validation:MaxItems=64
	Clients []PhDeploymentClient `json:"clients,omitempty"`
}

// PhDeploymentModel is what a deployment serves, as one revision of it: its history keeps
// these.
type PhDeploymentModel struct {
	// DisplayName is the name shown to users (PrimeHub's name).
	// +optional
	// +kubebuilder:validation:MaxLength=256
	DisplayName string `json:"displayName,omitempty"`

	// Description says what the deployment serves.
	// +optional
	// +kubebuilder:validation:MaxLength=4096
	Description string `json:"description,omitempty"`

	// ModelImage is the model server: the name of an Image granted to the group, or an
	// image reference (a pre-packaged server such as a scikit-learn one, or a custom one).
	// Its server listens on port 9000 of the pod.
	// +required
	// +kubebuilder:validation:MinLength=1
	// +kubebuilder:validation:MaxLength=512
	// +kubebuilder:validation:Pattern=`^[a-zA-Z0-9][a-zA-Z0-9._/:@-]*$`
	ModelImage string `json:"modelImage"`

	// ImagePullSecret names a pull secret (a Secret of the platform) for ModelImage.
	// +optional
	// +kubebuilder:validation:MaxLength=253
	ImagePullSecret string `json:"imagePullSecret,omitempty"`

	// ModelURI is where the model is read from, mounted read-only at /mnt/models:
	// pvc://<volume>/<path> (a volume granted to the group, or project-<group>, the group's
	// shared volume), or s3://, gs://, http:// and https://, which an init container
	// fetches.
	// +optional
	// +kubebuilder:validation:MaxLength=2048
	// +kubebuilder:validation:Pattern=`^(pvc|s3|gs|https?)://[^\s]+$`
	ModelURI string `json:"modelURI,omitempty"`

	// InstanceType names the InstanceType (in the platform namespace) giving each replica's
	// size.
	// +required
	// +kubebuilder:validation:MinLength=1
	// +kubebuilder:validation:MaxLength=63
	// +kubebuilder:validation:Pattern=`^[a-z0-9]([-a-z0-9]*[a-z0-9])?$`
	InstanceType string `json:"instanceType"`

	// Replicas is how many pods serve the model.
	// +optional
	// +kubebuilder:default=1
	// +kubebuilder:validation:Minimum=1
	// +kubebuilder:validation:Maximum=100
	Replicas int32 `json:"replicas,omitempty"`

	// Env are environment variables set in the model server.
	// +optional
	// +listType=map
	// +listMapKey=name
	// +kubebuilder:validation:MaxItems=256
	Env []EnvVar `json:"env,omitempty"`

	// Metadata are labels of the user's own, shown with the deployment.
	// +optional
	// +kubebuilder:validation:MaxProperties=64
	Metadata map[string]string `json:"metadata,omitempty"`

	// UpdateMessage says why this revision was made.
	// +optional
	// +kubebuilder:validation:MaxLength=4096
	UpdateMessage string `json:"updateMessage,omitempty"`
}

// PhDeploymentSpec is a model server a group member deployed for the group.
type PhDeploymentSpec struct {
	// User is the username of who created the deployment. It cannot change, and only its
	// user (or an administrator) may create or change it with kubectl (docs/admission.md);
	// through GraphQL, any member of the group may change it.
	// +required
	// +kubebuilder:validation:MinLength=1
	// +kubebuilder:validation:MaxLength=255
	// +kubebuilder:validation:Pattern=`^[a-zA-Z0-9][a-zA-Z0-9._@+-]*$`
	// +kubebuilder:validation:XValidation:rule="self == oldSelf",message="user cannot change"
	User string `json:"user"`

	// Group is the group the deployment belongs to (Group spec.name): its members manage
	// it, its settings (enabledDeployment, maxDeploy) allow it, and its quota counts its
	// pods. It cannot change.
	// +required
	// +kubebuilder:validation:MinLength=1
	// +kubebuilder:validation:MaxLength=63
	// +kubebuilder:validation:Pattern=`^[a-zA-Z0-9]([a-zA-Z0-9_-]*[a-zA-Z0-9])?$`
	// +kubebuilder:validation:XValidation:rule="self == oldSelf",message="group cannot change"
	Group string `json:"group"`

	// PhDeploymentModel is what it serves.
	PhDeploymentModel `json:",inline"`

	// Endpoint says who may call it.
	// +optional
	Endpoint PhDeploymentEndpoint `json:"endpoint,omitempty"`

	// Stop scales the deployment to zero and keeps it; unset it to deploy again.
	// +optional
	Stop bool `json:"stop,omitempty"`
}

// PhDeploymentRevision is one revision of what a deployment serves: when it was made and
// by whom.
type PhDeploymentRevision struct {
	// Time is when the controller first saw the revision.
	// +required
	Time metav1.Time `json:"time"`

	// User is who made it: the primehub.io/updated-by annotation of the change, else the
	// deployment's user.
	// +required
	User string `json:"user"`

	// Model is the revision.
	// +required
	Model PhDeploymentModel `json:"model"`
}

// PhDeploymentStatus is what the controller observed of a deployment.
type PhDeploymentStatus struct {
	// CommonStatus holds observedGeneration and conditions.
	CommonStatus `json:",inline"`

	// Phase is where the deployment is in its life.
	// +optional
	Phase PhDeploymentPhase `json:"phase,omitempty"`

	// Reason is a CamelCase word saying why it is in its phase, such as DeploymentsDisabled.
	// +optional
	Reason string `json:"reason,omitempty"`

	// Message explains the phase to the user.
	// +optional
	Message string `json:"message,omitempty"`

	// Replicas is how many pods of the deployment exist; AvailableReplicas how many serve.
	// +optional
	Replicas int32 `json:"replicas,omitempty"`
	// +optional
	AvailableReplicas int32 `json:"availableReplicas,omitempty"`

	// Endpoint is the path where the model is called through primehub.
	// +optional
	Endpoint string `json:"endpoint,omitempty"`

	// History are the revisions, oldest first; the last is the current one. The oldest go
	// beyond 32.
	// +optional
	// +kubebuilder:validation:MaxItems=32
	History []PhDeploymentRevision `json:"history,omitempty"`
}

// PhDeployment is a model server a group runs: a Deployment and a Service, reached at
// /deployment/<name>/ through primehub.
//
// +kubebuilder:object:root=true
// +kubebuilder:subresource:status
// +kubebuilder:resource:scope=Namespaced,shortName=phd,categories=primehub
// +kubebuilder:printcolumn:name="User",type=string,JSONPath=`.spec.user`
// +kubebuilder:printcolumn:name="Group",type=string,JSONPath=`.spec.group`
// +kubebuilder:printcolumn:name="Image",type=string,JSONPath=`.spec.modelImage`,priority=1
// +kubebuilder:printcolumn:name="Replicas",type=integer,JSONPath=`.spec.replicas`
// +kubebuilder:printcolumn:name="Available",type=integer,JSONPath=`.status.availableReplicas`
// +kubebuilder:printcolumn:name="Phase",type=string,JSONPath=`.status.phase`
// +kubebuilder:printcolumn:name="Age",type=date,JSONPath=`.metadata.creationTimestamp`
// +kubebuilder:validation:XValidation:rule="self.metadata.name.matches('^[a-z0-9]([-a-z0-9]*[a-z0-9])?$') && size(self.metadata.name) <= 50",message="metadata.name must be a DNS-1123 label of at most 50 lowercase letters, digits or '-', starting and ending with a letter or digit",fieldPath=".metadata",reason=FieldValueInvalid
type PhDeployment struct {
	// TypeMeta holds the kind and apiVersion.
	metav1.TypeMeta `json:",inline"`
	// ObjectMeta is the standard object metadata; the name is the deployment's id.
	// +optional
	metav1.ObjectMeta `json:"metadata,omitempty"`

	// Spec is what the group deployed.
	// +required
	Spec PhDeploymentSpec `json:"spec"`

	// Status is what the controller observed.
	// +optional
	Status PhDeploymentStatus `json:"status,omitempty"`
}

// PhDeploymentList is a list of PhDeployments.
//
// +kubebuilder:object:root=true
type PhDeploymentList struct {
	// TypeMeta holds the kind and apiVersion.
	metav1.TypeMeta `json:",inline"`
	// ListMeta is the standard list metadata.
	metav1.ListMeta `json:"metadata,omitempty"`
	// Items are the deployments.
	Items []PhDeployment `json:"items"`
}

func init() {
	SchemeBuilder.Register(&PhDeployment{}, &PhDeploymentList{})
}

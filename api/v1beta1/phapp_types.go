package v1beta1

import (
	"k8s.io/apimachinery/pkg/api/resource"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// PhAppTemplateSpec is an application admins publish for groups to install: what runs,
// which variables it takes, and how its web UI is reached.
type PhAppTemplateSpec struct {
	// DisplayName is the application's name as users see it, such as MLflow.
	// +required
	// +kubebuilder:validation:MinLength=1
	// +kubebuilder:validation:MaxLength=256
	DisplayName string `json:"displayName"`

	// Description, Version, DocLink and Icon (a URL or a data URI) describe it in the store.
	// +optional
	// +kubebuilder:validation:MaxLength=4096
	Description string `json:"description,omitempty"`
	// +optional
	// +kubebuilder:validation:MaxLength=64
	Version string `json:"version,omitempty"`
	// +optional
	// +kubebuilder:validation:MaxLength=2048
	DocLink string `json:"docLink,omitempty"`
	// +optional
	// +kubebuilder:validation:MaxLength=65536
	Icon string `json:"icon,omitempty"`

	// Image is the container image the application runs.
	// +required
	// +kubebuilder:validation:MinLength=1
	// +kubebuilder:validation:MaxLength=512
	Image string `json:"image"`

	// Command replaces the image's entrypoint; Args are its arguments. Both may name
	// variables as $(NAME), such as $(PRIMEHUB_APP_BASE_URL).
	// +optional
	// +kubebuilder:validation:MaxItems=64
	Command []string `json:"command,omitempty"`
	// +optional
	// +kubebuilder:validation:MaxItems=128
	Args []string `json:"args,omitempty"`

	// Ports the application listens on; its Service exposes them inside the cluster.
	// +optional
	// +listType=map
	// +listMapKey=name
	// +kubebuilder:validation:MaxItems=16
	Ports []AppPort `json:"ports,omitempty"`

	// DefaultEnvs are the variables an installation sets, with their defaults; the
	// installer may change their values.
	// +optional
	// +listType=map
	// +listMapKey=name
	// +kubebuilder:validation:MaxItems=64
	DefaultEnvs []AppEnv `json:"defaultEnvs,omitempty"`

	// HTTP says how the application's web UI is reached through primehub at
	// /app/<id>/; none means it has no web UI.
	// +optional
	HTTP *AppHTTP `json:"http,omitempty"`

	// Volume gives each installation a volume of its own, deleted with it.
	// +optional
	Volume *AppVolume `json:"volume,omitempty"`
}

// AppPort is a port an application listens on.
type AppPort struct {
	// Name of the port, such as http.
	// +required
	// +kubebuilder:validation:Pattern=`^[a-z0-9]([-a-z0-9]*[a-z0-9])?$`
	// +kubebuilder:validation:MaxLength=15
	Name string `json:"name"`
	// Port number in the container.
	// +required
	// +kubebuilder:validation:Minimum=1
	// +kubebuilder:validation:Maximum=65535
	Port int32 `json:"port"`
}

// AppEnv is a variable of a template, with its default.
type AppEnv struct {
	// Name of the variable.
	// +required
	// +kubebuilder:validation:MinLength=1
	// +kubebuilder:validation:MaxLength=256
	// +kubebuilder:validation:Pattern=`^[-._a-zA-Z][-._a-zA-Z0-9]*$`
	Name string `json:"name"`
	// Description tells the installer what it is for.
	// +optional
	// +kubebuilder:validation:MaxLength=1024
	Description string `json:"description,omitempty"`
	// DefaultValue is its value unless the installer sets one; it may name platform
	// variables as $(PRIMEHUB_APP_ROOT).
	// +optional
	DefaultValue string `json:"defaultValue,omitempty"`
	// Optional: the installer may leave it empty.
	// +optional
	Optional bool `json:"optional,omitempty"`
}

// AppHTTP is how an application's web UI is reached.
type AppHTTP struct {
	// Port the web UI answers on, one of the ports.
	// +required
	// +kubebuilder:validation:Minimum=1
	// +kubebuilder:validation:Maximum=65535
	Port int32 `json:"port"`
	// StripPrefix: the application serves its UI at / and the proxy takes /app/<id> off
	// the path. Otherwise the application is told its base path in PRIMEHUB_APP_BASE_URL
	// and is sent the whole path.
	// +optional
	StripPrefix bool `json:"stripPrefix,omitempty"`
}

// AppVolume is an installation's own volume.
type AppVolume struct {
	// MountPath is where it is mounted, and PRIMEHUB_APP_ROOT.
	// +required
	// +kubebuilder:validation:Pattern=`^/[^:]*$`
	// +kubebuilder:validation:MaxLength=1024
	MountPath string `json:"mountPath"`
	// Capacity of the volume.
	// +required
	Capacity resource.Quantity `json:"capacity"`
}

// PhAppTemplate is an application admins publish, which groups install as PhApplications.
//
// +kubebuilder:object:root=true
// +kubebuilder:resource:scope=Namespaced,categories=primehub
// +kubebuilder:printcolumn:name="Display Name",type=string,JSONPath=`.spec.displayName`
// +kubebuilder:printcolumn:name="Version",type=string,JSONPath=`.spec.version`
// +kubebuilder:printcolumn:name="Image",type=string,JSONPath=`.spec.image`,priority=1
// +kubebuilder:printcolumn:name="Age",type=date,JSONPath=`.metadata.creationTimestamp`
// +kubebuilder:validation:XValidation:rule="!has(self.spec.http) || (has(self.spec.ports) && self.spec.ports.exists(p, p.port == self.spec.http.port))",message="spec.http.port must be one of spec.ports",fieldPath=".spec.http.port",reason=FieldValueInvalid
type PhAppTemplate struct {
	// TypeMeta holds the kind and apiVersion.
	metav1.TypeMeta `json:",inline"`
	// ObjectMeta is the standard object metadata; the name is the template's id.
	// +optional
	metav1.ObjectMeta `json:"metadata,omitempty"`

	// Spec is the application.
	// +required
	Spec PhAppTemplateSpec `json:"spec"`
}

// PhAppTemplateList is a list of PhAppTemplates.
//
// +kubebuilder:object:root=true
type PhAppTemplateList struct {
	// TypeMeta holds the kind and apiVersion.
	metav1.TypeMeta `json:",inline"`
	// ListMeta is the standard list metadata.
	metav1.ListMeta `json:"metadata,omitempty"`
	// Items are the templates.
	Items []PhAppTemplate `json:"items"`
}

// PhAppScope is who may reach an application's web UI.
// +kubebuilder:validation:Enum=group;primehub;public
type PhAppScope string

// The scopes of an application, as PrimeHub names them.
const (
	// PhAppScopeGroup: members of the application's group.
	PhAppScopeGroup PhAppScope = "group"
	// PhAppScopePrimeHub: any user who logs in.
	PhAppScopePrimeHub PhAppScope = "primehub"
	// PhAppScopePublic: anyone, without logging in.
	PhAppScopePublic PhAppScope = "public"
)

// PhApplicationPhase is where an application is in its life, as PrimeHub names it.
// +kubebuilder:validation:Enum=Starting;Ready;Updating;Stopping;Stopped;Error
type PhApplicationPhase string

// The phases of an application.
const (
	PhAppStarting PhApplicationPhase = "Starting"
	PhAppReady    PhApplicationPhase = "Ready"
	PhAppUpdating PhApplicationPhase = "Updating"
	PhAppStopping PhApplicationPhase = "Stopping"
	PhAppStopped  PhApplicationPhase = "Stopped"
	PhAppError    PhApplicationPhase = "Error"
)

// PhApplicationSpec is an application a group member installed for the group.
type PhApplicationSpec struct {
	// User is the username of whoever installed it; its pods are charged to them in the
	// group. It cannot change.
	// +required
	// +kubebuilder:validation:MinLength=1
	// +kubebuilder:validation:MaxLength=255
	// +kubebuilder:validation:Pattern=`^[a-zA-Z0-9][a-zA-Z0-9._@+-]*$`
	// +kubebuilder:validation:XValidation:rule="self == oldSelf",message="user cannot change"
	User string `json:"user"`

	// Group the application is installed for. It cannot change.
	// +required
	// +kubebuilder:validation:MinLength=1
	// +kubebuilder:validation:MaxLength=63
	// +kubebuilder:validation:Pattern=`^[a-zA-Z0-9]([a-zA-Z0-9_-]*[a-zA-Z0-9])?$`
	// +kubebuilder:validation:XValidation:rule="self == oldSelf",message="group cannot change"
	Group string `json:"group"`

	// Template names the PhAppTemplate (in the same namespace) it was installed from. It
	// cannot change.
	// +required
	// +kubebuilder:validation:MinLength=1
	// +kubebuilder:validation:MaxLength=63
	// +kubebuilder:validation:Pattern=`^[a-z0-9]([-a-z0-9]*[a-z0-9])?$`
	// +kubebuilder:validation:XValidation:rule="self == oldSelf",message="template cannot change"
	Template string `json:"template"`

	// DisplayName is the name shown to users.
	// +optional
	// +kubebuilder:validation:MaxLength=256
	DisplayName string `json:"displayName,omitempty"`

	// InstanceType names the InstanceType giving the application's size.
	// +required
	// +kubebuilder:validation:MinLength=1
	// +kubebuilder:validation:MaxLength=63
	// +kubebuilder:validation:Pattern=`^[a-z0-9]([-a-z0-9]*[a-z0-9])?$`
	InstanceType string `json:"instanceType"`

	// Env are the values of the template's variables, and variables of its own.
	// +optional
	// +listType=map
	// +listMapKey=name
	// +kubebuilder:validation:MaxItems=128
	Env []EnvVar `json:"env,omitempty"`

	// Scope is who may reach its web UI: the group's members, any user, or anyone.
	// +optional
	// +kubebuilder:default=group
	Scope PhAppScope `json:"scope,omitempty"`

	// Stop scales it to zero and keeps it, with its volume; unset it to start again.
	// +optional
	Stop bool `json:"stop,omitempty"`
}

// PhApplicationStatus is what the controller observed of an application.
type PhApplicationStatus struct {
	// CommonStatus holds observedGeneration and conditions.
	CommonStatus `json:",inline"`
	// Phase is where the application is in its life.
	// +optional
	Phase PhApplicationPhase `json:"phase,omitempty"`
	// Reason is a CamelCase word saying why, such as NotMember.
	// +optional
	Reason string `json:"reason,omitempty"`
	// Message explains the phase.
	// +optional
	Message string `json:"message,omitempty"`
	// ServiceName is its Service, reached in the cluster at the template's ports.
	// +optional
	ServiceName string `json:"serviceName,omitempty"`
}

// PhApplication is an application installed for a group from a PhAppTemplate: a
// Deployment, a Service and a volume, reached at /app/<name>/.
//
// +kubebuilder:object:root=true
// +kubebuilder:subresource:status
// +kubebuilder:resource:scope=Namespaced,shortName=phapp,categories=primehub
// +kubebuilder:printcolumn:name="Template",type=string,JSONPath=`.spec.template`
// +kubebuilder:printcolumn:name="Group",type=string,JSONPath=`.spec.group`
// +kubebuilder:printcolumn:name="Scope",type=string,JSONPath=`.spec.scope`
// +kubebuilder:printcolumn:name="Phase",type=string,JSONPath=`.status.phase`
// +kubebuilder:printcolumn:name="Age",type=date,JSONPath=`.metadata.creationTimestamp`
// +kubebuilder:validation:XValidation:rule="self.metadata.name.matches('^[a-z]([-a-z0-9]*[a-z0-9])?$') && size(self.metadata.name) <= 59",message="metadata.name must be at most 59 lowercase letters, digits or '-', starting with a letter and ending with a letter or digit (its objects are named app-<name>)",fieldPath=".metadata",reason=FieldValueInvalid
type PhApplication struct {
	// TypeMeta holds the kind and apiVersion.
	metav1.TypeMeta `json:",inline"`
	// ObjectMeta is the standard object metadata; the name is the application's id.
	// +optional
	metav1.ObjectMeta `json:"metadata,omitempty"`

	// Spec is what was installed.
	// +required
	Spec PhApplicationSpec `json:"spec"`

	// Status is what the controller observed.
	// +optional
	Status PhApplicationStatus `json:"status,omitempty"`
}

// PhApplicationList is a list of PhApplications.
//
// +kubebuilder:object:root=true
type PhApplicationList struct {
	// TypeMeta holds the kind and apiVersion.
	metav1.TypeMeta `json:",inline"`
	// ListMeta is the standard list metadata.
	metav1.ListMeta `json:"metadata,omitempty"`
	// Items are the applications.
	Items []PhApplication `json:"items"`
}

func init() {
	SchemeBuilder.Register(&PhAppTemplate{}, &PhAppTemplateList{}, &PhApplication{}, &PhApplicationList{})
}

package v1beta1

import (
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// InstanceTypeSpec is the size of the container a notebook or job gets, and where it runs.
type InstanceTypeSpec struct {
	// DisplayName is the name shown to users; when empty, metadata.name is shown.
	// +optional
	// +kubebuilder:validation:MaxLength=256
	DisplayName string `json:"displayName,omitempty"`

	// Description tells users what the instance type is for.
	// +optional
	// +kubebuilder:validation:MaxLength=4096
	Description string `json:"description,omitempty"`

	// CPU is the request and limit in cores, such as 500m or 2.
	// +required
	CPU ResourceRange `json:"cpu"`

	// Memory is the request and limit in bytes, such as 512Mi or 4Gi.
	// +required
	Memory ResourceRange `json:"memory"`

	// GPU is how many GPUs the container gets; none unless set.
	// +optional
	// +kubebuilder:default={}
	GPU GPUResources `json:"gpu,omitempty"`

	// NodeSelector restricts the container to nodes with these labels, such as GPU nodes
	// of one model.
	// +optional
	// +kubebuilder:validation:MaxProperties=64
	NodeSelector map[string]string `json:"nodeSelector,omitempty"`

	// Tolerations let the container run on nodes tainted for it, such as dedicated GPU nodes.
	// +optional
	// +listType=atomic
	// +kubebuilder:validation:MaxItems=64
	Tolerations []corev1.Toleration `json:"tolerations,omitempty"`

	// Access says which groups may use the instance type.
	// +optional
	Access Access `json:"access,omitempty"`
}

// GPUResources is a number of GPUs of one kind.
type GPUResources struct {
	// Count is how many GPUs the container gets (its limit); 0 means none.
	// +optional
	// +kubebuilder:default=0
	// +kubebuilder:validation:Minimum=0
	// +kubebuilder:validation:Maximum=1024
	Count int32 `json:"count,omitempty"`

	// ResourceName is the extended resource that nodes advertise for these GPUs.
	// +optional
	// +kubebuilder:default="nvidia.com/gpu"
	// +kubebuilder:validation:MaxLength=253
	// +kubebuilder:validation:Pattern=`^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/[a-zA-Z0-9]([-a-zA-Z0-9_.]*[a-zA-Z0-9])?$`
	ResourceName string `json:"resourceName,omitempty"`
}

// InstanceTypeStatus is what the controller observed of an instance type.
type InstanceTypeStatus struct {
	// CommonStatus holds observedGeneration and conditions.
	CommonStatus `json:",inline"`
}

// InstanceType is a size of machine users can launch notebooks and jobs on: cpu, memory,
// GPUs and node placement, granted to groups.
//
// +kubebuilder:object:root=true
// +kubebuilder:subresource:status
// +kubebuilder:resource:scope=Namespaced,shortName=it,categories=primehub
// +kubebuilder:printcolumn:name="CPU",type=string,JSONPath=`.spec.cpu.limit`
// +kubebuilder:printcolumn:name="Memory",type=string,JSONPath=`.spec.memory.limit`
// +kubebuilder:printcolumn:name="GPU",type=integer,JSONPath=`.spec.gpu.count`
// +kubebuilder:printcolumn:name="Global",type=boolean,JSONPath=`.spec.access.global`
// +kubebuilder:printcolumn:name="Age",type=date,JSONPath=`.metadata.creationTimestamp`
// +kubebuilder:validation:XValidation:rule="self.metadata.name.matches('^[a-z0-9]([-a-z0-9]*[a-z0-9])?$') && size(self.metadata.name) <= 63",message="metadata.name must be a DNS-1123 label: at most 63 lowercase letters, digits or '-', starting and ending with a letter or digit",fieldPath=".metadata",reason=FieldValueInvalid
type InstanceType struct {
	// TypeMeta holds the kind and apiVersion.
	metav1.TypeMeta `json:",inline"`
	// ObjectMeta is the standard object metadata; the name is used in labels and roles.
	// +optional
	metav1.ObjectMeta `json:"metadata,omitempty"`

	// Spec is the instance type as the admin defines it.
	// +required
	Spec InstanceTypeSpec `json:"spec"`

	// Status is what the controller observed.
	// +optional
	Status InstanceTypeStatus `json:"status,omitempty"`
}

// InstanceTypeList is a list of InstanceTypes.
//
// +kubebuilder:object:root=true
type InstanceTypeList struct {
	// TypeMeta holds the kind and apiVersion.
	metav1.TypeMeta `json:",inline"`
	// ListMeta is the standard list metadata.
	metav1.ListMeta `json:"metadata,omitempty"`
	// Items are the instance types.
	Items []InstanceType `json:"items"`
}

func init() {
	SchemeBuilder.Register(&InstanceType{}, &InstanceTypeList{})
}

package v1beta1

import (
	"k8s.io/apimachinery/pkg/api/resource"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// CommonStatus is what every PrimeHub kind reports: how far its controller got.
type CommonStatus struct {
	// ObservedGeneration is the metadata.generation the controller last acted on; when it is
	// behind metadata.generation, the status does not reflect the latest spec yet.
	// +optional
	ObservedGeneration int64 `json:"observedGeneration,omitempty"`

	// Conditions are the latest observations of the object's state, one per type
	// (for example Ready).
	// +optional
	// +listType=map
	// +listMapKey=type
	// +patchStrategy=merge
	// +patchMergeKey=type
	Conditions []metav1.Condition `json:"conditions,omitempty" patchStrategy:"merge" patchMergeKey:"type"`
}

// ResourceRange is a request and a limit of one compute resource (cpu or memory) for the
// container a notebook or job runs in.
// +kubebuilder:validation:XValidation:rule="!has(self.request) || !isQuantity(string(self.request)) || !isQuantity(string(self.limit)) || quantity(string(self.request)).compareTo(quantity(string(self.limit))) <= 0",messageExpression="'request ' + string(self.request) + ' must not exceed limit ' + string(self.limit)",fieldPath=".request",reason=FieldValueInvalid
type ResourceRange struct {
	// Request is what the container is guaranteed (the scheduler reserves it); when empty,
	// it equals the limit.
	// +optional
	// +kubebuilder:validation:XValidation:rule="!isQuantity(string(self)) || !quantity(string(self)).isLessThan(quantity('0'))",message="must not be negative"
	Request *resource.Quantity `json:"request,omitempty"`

	// Limit is the most the container may use; quotas count limits.
	// +required
	// +kubebuilder:validation:XValidation:rule="!isQuantity(string(self)) || !quantity(string(self)).isLessThan(quantity('0'))",message="must not be negative"
	Limit resource.Quantity `json:"limit"`
}

// EnvVar is an environment variable set in a user's containers.
type EnvVar struct {
	// Name of the variable, such as MY_TOKEN.
	// +required
	// +kubebuilder:validation:MinLength=1
	// +kubebuilder:validation:MaxLength=256
	// +kubebuilder:validation:Pattern=`^[-._a-zA-Z][-._a-zA-Z0-9]*$`
	Name string `json:"name"`

	// Value of the variable; may be empty.
	// +optional
	Value string `json:"value,omitempty"`
}

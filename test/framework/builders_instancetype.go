package framework

import (
	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/resource"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/primehub/primehub/api/v1beta1"
)

// InstanceTypeWrapper builds an InstanceType for tests.
type InstanceTypeWrapper struct{ v1beta1.InstanceType }

// MakeInstanceType starts a valid instance type of 1 cpu and 1Gi, without GPUs, granted to
// no one.
func MakeInstanceType(name string) *InstanceTypeWrapper {
	return &InstanceTypeWrapper{v1beta1.InstanceType{
		ObjectMeta: metav1.ObjectMeta{Name: name},
		Spec: v1beta1.InstanceTypeSpec{
			CPU:    v1beta1.ResourceRange{Limit: resource.MustParse("1")},
			Memory: v1beta1.ResourceRange{Limit: resource.MustParse("1Gi")},
		},
	}}
}

// Obj returns the instance type built.
func (w *InstanceTypeWrapper) Obj() *v1beta1.InstanceType { return &w.InstanceType }

// Namespace sets the namespace.
func (w *InstanceTypeWrapper) Namespace(ns string) *InstanceTypeWrapper {
	w.ObjectMeta.Namespace = ns
	return w
}

// DisplayName sets the name shown to users.
func (w *InstanceTypeWrapper) DisplayName(name string) *InstanceTypeWrapper {
	w.Spec.DisplayName = name
	return w
}

// CPU sets the cpu request and limit; an empty request leaves it unset.
func (w *InstanceTypeWrapper) CPU(request, limit string) *InstanceTypeWrapper {
	w.Spec.CPU = resourceRange(request, limit)
	return w
}

// Memory sets the memory request and limit; an empty request leaves it unset.
func (w *InstanceTypeWrapper) Memory(request, limit string) *InstanceTypeWrapper {
	w.Spec.Memory = resourceRange(request, limit)
	return w
}

// GPU sets the number of GPUs.
func (w *InstanceTypeWrapper) GPU(count int32) *InstanceTypeWrapper {
	w.Spec.GPU.Count = count
	return w
}

// GPUResourceName sets the extended resource the GPUs are counted in.
func (w *InstanceTypeWrapper) GPUResourceName(name string) *InstanceTypeWrapper {
	w.Spec.GPU.ResourceName = name
	return w
}

// NodeSelector adds a node label the container must run on.
func (w *InstanceTypeWrapper) NodeSelector(key, value string) *InstanceTypeWrapper {
	if w.Spec.NodeSelector == nil {
		w.Spec.NodeSelector = map[string]string{}
	}
	w.Spec.NodeSelector[key] = value
	return w
}

// Toleration adds a toleration.
func (w *InstanceTypeWrapper) Toleration(t corev1.Toleration) *InstanceTypeWrapper {
	w.Spec.Tolerations = append(w.Spec.Tolerations, t)
	return w
}

// Global grants the instance type to everyone.
func (w *InstanceTypeWrapper) Global() *InstanceTypeWrapper {
	w.Spec.Access.Global = true
	return w
}

// Group grants the instance type to a group.
func (w *InstanceTypeWrapper) Group(name string) *InstanceTypeWrapper {
	w.Spec.Access.Groups = append(w.Spec.Access.Groups, v1beta1.GroupGrant{Name: name})
	return w
}

func resourceRange(request, limit string) v1beta1.ResourceRange {
	return v1beta1.ResourceRange{Request: quantity(request), Limit: resource.MustParse(limit)}
}

// quantity parses s, or returns nil for "" so that builders can leave a quantity unset.
func quantity(s string) *resource.Quantity {
	if s == "" {
		return nil
	}
	q := resource.MustParse(s)
	return &q
}

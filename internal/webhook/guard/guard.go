// Package guard is the admission guard: an init container the spawner puts in every
// notebook and job pod and the quota webhook takes out when it admits the pod. The
// webhook's failurePolicy is Ignore, so that a webhook outage does not stop the cluster;
// a pod created during one keeps its guard, and the guard keeps it from ever running.
package guard

import (
	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/resource"
)

const (
	// Name is the guard init container's name, as PrimeHub names it.
	Name = "admission-is-not-found"

	// Resource is an extended resource no node offers. The guard requests one, so the
	// scheduler never places a guarded pod ("Insufficient primehub.io/admission-guard")
	// and it never starts, even where init containers are not really run (kwok).
	Resource corev1.ResourceName = "primehub.io/admission-guard"

	// image does not exist either, so a guarded pod bound to a node by hand still
	// fails to start its init container.
	image = "admission-is-not-found"
)

// Container is the guard init container to put first in a pod's init containers.
func Container() corev1.Container {
	one := resource.MustParse("1")
	return corev1.Container{
		Name:    Name,
		Image:   image,
		Command: []string{"false"},
		Resources: corev1.ResourceRequirements{
			Requests: corev1.ResourceList{Resource: one},
			Limits:   corev1.ResourceList{Resource: one},
		},
	}
}

// Remove takes the guard out of pod's init containers and reports whether it was there.
func Remove(spec *corev1.PodSpec) bool {
	kept := spec.InitContainers[:0]
	for _, c := range spec.InitContainers {
		if c.Name != Name {
			kept = append(kept, c)
		}
	}
	removed := len(kept) != len(spec.InitContainers)
	if len(kept) == 0 {
		kept = nil
	}
	spec.InitContainers = kept
	return removed
}

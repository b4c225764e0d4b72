package quota

// The admission contract: what the platform puts on a pod and its namespace for the quota
// webhook to count it, and how the webhook reads a pod. The spawner, the controllers, the
// GraphQL API and the webhooks all use these, and nothing else, so that a pod is counted
// the same way everywhere.

import (
	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/resource"
)

const (
	// LabelUser and LabelGroup carry names.Label of the launching user and group. Quota is
	// counted from them only; they are set once, when the pod is created, and never change.
	LabelUser  = "primehub.io/user"
	LabelGroup = "primehub.io/group"

	// AnnotationAdmissionID ties a pod to its reservation in the ledger.
	AnnotationAdmissionID = "primehub.io/admission-id"

	// NamespaceLabelQuota and NamespaceLabelImage, set to NamespaceEnabled, turn the quota
	// (and PVC check) webhooks and the airgap image webhook on in a namespace, as in PrimeHub.
	NamespaceLabelQuota = "primehub.io/resources-validation-webhook"
	NamespaceLabelImage = "primehub.io/image-mutation-webhook"
	NamespaceEnabled    = "enabled"
)

// The admission guard is an init container the spawner puts in every notebook and job pod
// and the quota webhook takes out when it admits the pod. The webhook's failurePolicy is
// Ignore, so that a webhook outage does not stop the cluster; a pod created during one
// keeps its guard, and the guard keeps it from ever running.
const (
	// GuardName is the guard init container's name, as PrimeHub names it.
	GuardName = "admission-is-not-found"

	// GuardResource is an extended resource no node offers. The guard requests one, so the
	// scheduler never places a guarded pod ("Insufficient primehub.io/admission-guard")
	// and it never starts, even where init containers are not really run (kwok).
	GuardResource corev1.ResourceName = "primehub.io/admission-guard"

	// guardImage does not exist either, so a guarded pod bound to a node by hand still
	// fails to start its init container.
	guardImage = "admission-is-not-found"
)

// GuardContainer is the guard init container to put first in a pod's init containers.
func GuardContainer() corev1.Container {
	one := resource.MustParse("1")
	return corev1.Container{
		Name:    GuardName,
		Image:   guardImage,
		Command: []string{"false"},
		Resources: corev1.ResourceRequirements{
			Requests: corev1.ResourceList{GuardResource: one},
			Limits:   corev1.ResourceList{GuardResource: one},
		},
	}
}

// RemoveGuard takes the guard out of a pod's init containers and reports whether it was there.
func RemoveGuard(spec *corev1.PodSpec) bool {
	kept := spec.InitContainers[:0]
	for _, c := range spec.InitContainers {
		if c.Name != GuardName {
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

// Guarded reports whether a pod still carries the guard: it was never admitted.
func Guarded(spec *corev1.PodSpec) bool {
	for _, c := range spec.InitContainers {
		if c.Name == GuardName {
			return true
		}
	}
	return false
}

// LedgerPod is what a pod counts: its request while Pending or Running. Pods that still
// carry the guard were never admitted and can never run, so they count for nothing.
func LedgerPod(pod *corev1.Pod) Pod {
	return Pod{
		Key:         PodKey(pod),
		Group:       pod.Labels[LabelGroup],
		User:        pod.Labels[LabelUser],
		AdmissionID: pod.Annotations[AnnotationAdmissionID],
		Request:     PodRequest(&pod.Spec),
		Active:      (pod.Status.Phase == corev1.PodPending || pod.Status.Phase == corev1.PodRunning) && !Guarded(&pod.Spec),
	}
}

// PodKey is the informer's key of a pod (namespace/name), so tombstones match it.
func PodKey(pod *corev1.Pod) string { return pod.Namespace + "/" + pod.Name }

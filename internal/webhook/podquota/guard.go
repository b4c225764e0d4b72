package podquota

import (
	"strconv"

	"gomodules.xyz/jsonpatch/v2"
	corev1 "k8s.io/api/core/v1"

	"github.com/primehub/primehub/internal/quota"
)

// removeGuard takes the admission guard out of the pod, so that the pod, once admitted,
// can start. It edits pod too, so the quota check counts the pod as it will run.
func removeGuard(pod *corev1.Pod) []jsonpatch.JsonPatchOperation {
	var patches []jsonpatch.JsonPatchOperation
	// Highest index first, so each removal leaves the earlier indexes valid.
	for i := len(pod.Spec.InitContainers) - 1; i >= 0; i-- {
		if pod.Spec.InitContainers[i].Name == quota.GuardName {
			patches = append(patches, jsonpatch.NewOperation("remove", "/spec/initContainers/"+strconv.Itoa(i), nil))
		}
	}
	quota.RemoveGuard(&pod.Spec)
	return patches
}

package spawn

import (
	corev1 "k8s.io/api/core/v1"

	"github.com/primehub/primehub/api/v1beta1"
	"github.com/primehub/primehub/internal/quota"
)

// QuotaRequest is what a pod of instance type it counts against quotas: its main
// container's; the admission guard and /dev/shm count for nothing.
func QuotaRequest(it v1beta1.InstanceType) quota.Usage {
	return quota.PodRequest(&corev1.PodSpec{Containers: []corev1.Container{{Resources: Resources(it)}}})
}

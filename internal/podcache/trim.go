// Package podcache decides what primehub keeps of each pod in its informer cache. The
// cache holds every pod of the cluster (the quota ledger counts them all), so its size is
// the process's live heap, and the garbage collector marks all of it on every cycle: a
// cluster of 10,000 pods made each cycle long enough to show in the admission webhook's
// latency (docs/benchmarks.md). Most of a pod is what its containers run with
// (environment, volumes, mounts, probes, tolerations), which nothing in primehub reads
// from the cache.
//
// Trim keeps what the cache's readers read, and nothing else:
//   - metadata, whole but managed fields: every reader (owner references for the notebook,
//     job and application controllers and proxies; labels for quota, GraphQL, the log
//     endpoint and the leader's label; annotations for quota reservations and the
//     notebook's generation; deletion timestamp for the proxies and controllers);
//   - of each container and init container, its name, restart policy, limits and the
//     requests of resources without a limit: what a pod counts against quotas (quota.LedgerPod: the quota webhook's ledger, the job
//     scheduler's, GraphQL's group usage) and the admission guard (quota.Guarded);
//   - spec.nodeName and spec.activeDeadlineSeconds: the notebook and job controllers'
//     progress;
//   - status: phase, conditions, reason, message, pod IP, start time and the containers'
//     states: the controllers' progress, the notebook, application and model proxies.
//
// A pod read from the cache is therefore not fit to be written back whole (an Update
// would drop the rest of its spec); primehub only patches (the leader's label) or deletes
// the pods it reads. A reader that needs more of a pod adds it here, with a test.
package podcache

import (
	corev1 "k8s.io/api/core/v1"
)

// Trim is the pod informer's transform (controller-runtime cache.ByObject.Transform): it
// returns a pod with only what primehub reads of it. Other objects pass unchanged. It is
// idempotent, as a transform must be.
func Trim(obj any) (any, error) {
	pod, ok := obj.(*corev1.Pod)
	if !ok {
		return obj, nil
	}
	out := &corev1.Pod{TypeMeta: pod.TypeMeta, ObjectMeta: pod.ObjectMeta}
	out.ManagedFields = nil
	out.Spec = corev1.PodSpec{
		InitContainers:        containers(pod.Spec.InitContainers),
		Containers:            containers(pod.Spec.Containers),
		NodeName:              pod.Spec.NodeName,
		ActiveDeadlineSeconds: pod.Spec.ActiveDeadlineSeconds,
	}
	s := &pod.Status
	out.Status = corev1.PodStatus{
		Phase:      s.Phase,
		Conditions: s.Conditions,
		Reason:     s.Reason,
		Message:    s.Message,
		PodIP:      s.PodIP,
		StartTime:  s.StartTime,
	}
	if len(s.ContainerStatuses) > 0 {
		out.Status.ContainerStatuses = make([]corev1.ContainerStatus, len(s.ContainerStatuses))
		for i, c := range s.ContainerStatuses {
			out.Status.ContainerStatuses[i] = corev1.ContainerStatus{Name: c.Name, State: c.State, Ready: c.Ready, RestartCount: c.RestartCount}
		}
	}
	return out, nil
}

func containers(in []corev1.Container) []corev1.Container {
	if in == nil {
		return nil
	}
	out := make([]corev1.Container, len(in))
	for i, c := range in {
		out[i] = corev1.Container{Name: c.Name, Resources: resources(c.Resources), RestartPolicy: c.RestartPolicy}
	}
	return out
}

// resources keeps the limits, and the requests of resources without a limit: a container
// counts its limit where it sets one (quota.PodRequest). The API server defaults requests
// to limits, so most pods keep one map of the two.
func resources(r corev1.ResourceRequirements) corev1.ResourceRequirements {
	out := corev1.ResourceRequirements{Limits: r.Limits}
	for name, q := range r.Requests {
		if _, limited := r.Limits[name]; limited {
			continue
		}
		if out.Requests == nil {
			out.Requests = corev1.ResourceList{}
		}
		out.Requests[name] = q
	}
	return out
}

// Package phjob is the PhJob controller and its scheduler: a job is checked when it is
// submitted, waits in its group's queue until its user's and group's quotas let it start,
// runs once in a pod rendered by internal/spawn once the launch path lets it, and its status follows the pod.
package phjob

import (
	"strings"

	corev1 "k8s.io/api/core/v1"

	"github.com/primehub/primehub/api/v1beta1"
	"github.com/primehub/primehub/internal/spawn"
)

const (
	// LabelPhJob marks a job's pod with the job's name.
	LabelPhJob = "primehub.io/phjob"
	// sandboxPrefix starts the annotations a job passes on to its pod for kwok's simulated
	// nodes (tools/devcluster/stages/pod.yaml): how long the pod runs and its exit code.
	sandboxPrefix = "primehub.io/sandbox-"
)

// render renders the pod of a job the launch path let run. The pod's deadline is the
// job's, else the group's default.
func render(job *v1beta1.PhJob, in spawn.Input) (*corev1.Pod, error) {
	pod, err := spawn.JobPod(in, job.Spec.Command)
	if err != nil {
		return nil, err
	}
	pod.Name, pod.Namespace = job.Name, job.Namespace
	pod.Labels[LabelPhJob] = job.Name
	pod.Spec.ActiveDeadlineSeconds = job.Spec.ActiveDeadlineSeconds
	if pod.Spec.ActiveDeadlineSeconds == nil && in.Group.JobDefaults != nil {
		pod.Spec.ActiveDeadlineSeconds = in.Group.JobDefaults.ActiveDeadlineSeconds
	}
	for k, v := range job.Annotations {
		if strings.HasPrefix(k, sandboxPrefix) {
			if pod.Annotations == nil {
				pod.Annotations = map[string]string{}
			}
			pod.Annotations[k] = v
		}
	}
	return pod, nil
}

// Package phjob is the PhJob controller and its scheduler: a job is checked when it is
// submitted, waits in its group's queue until its user's and group's quotas let it start,
// runs once in a pod rendered by internal/spawn, and its status follows the pod.
package phjob

import (
	"strings"

	corev1 "k8s.io/api/core/v1"

	"github.com/primehub/primehub/api/v1beta1"
	"github.com/primehub/primehub/internal/directory"
	"github.com/primehub/primehub/internal/spawn"
)

const (
	// LabelPhJob marks a job's pod with the job's name.
	LabelPhJob = "primehub.io/phjob"
	// sandboxPrefix starts the annotations a job passes on to its pod for kwok's simulated
	// nodes (tools/devcluster/stages/pod.yaml): how long the pod runs and its exit code.
	sandboxPrefix = "primehub.io/sandbox-"
)

// neverFits starts the message of a job whose instance type alone exceeds a quota.
const neverFits = "its instance type alone exceeds the quota, so it can never start: "

// plan decides with spawn.Check whether the job's user may run it as asked and, if so,
// renders its pod. The pod's deadline is the job's, else the group's default.
func plan(job *v1beta1.PhJob, user directory.User, groups []directory.Group, cat spawn.Catalog, settings spawn.Settings) (*corev1.Pod, spawn.Input, *spawn.Refusal) {
	req := spawn.Request{Kind: spawn.Job, Group: job.Spec.Group, InstanceType: job.Spec.InstanceType, Image: job.Spec.Image}
	in, refusal := spawn.Check(req, user, groups, cat, settings)
	if refusal != nil {
		if refusal.Reason == spawn.ReasonOverQuota {
			// A job waits under OverQuota for quota others hold; this one would wait forever.
			refusal = &spawn.Refusal{Reason: "ExceedsQuota", Message: neverFits + refusal.Message}
		}
		return nil, in, refusal
	}
	pod, err := spawn.JobPod(in, job.Spec.Command)
	if err != nil {
		// Check refuses whatever JobPod does, so this is a bug.
		return nil, in, &spawn.Refusal{Reason: "InternalError", Message: err.Error()}
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
	return pod, in, nil
}

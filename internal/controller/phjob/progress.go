package phjob

import (
	"cmp"
	"fmt"
	"strings"
	"time"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/utils/ptr"

	"github.com/primehub/primehub/api/v1beta1"
	"github.com/primehub/primehub/internal/quota"
)

// outcome is what a job becomes as its pod goes: its status, whether its pod must go, and
// when to look again (its deadline).
type outcome struct {
	status    v1beta1.PhJobStatus
	deletePod bool
	after     time.Duration
}

// finished tells whether a job has ended for good.
func finished(phase v1beta1.PhJobPhase) bool {
	return phase == v1beta1.PhJobSucceeded || phase == v1beta1.PhJobFailed || phase == v1beta1.PhJobCancelled
}

// progress is the status of a started job whose pod is pod, nil when the pod is gone
// without the job having finished: it was lost, and the job queues again while its
// requeue limit allows. The controller, not only the kubelet, enforces the deadline: a
// simulated node runs none.
func progress(job *v1beta1.PhJob, pod *corev1.Pod, now time.Time) outcome {
	o := outcome{status: job.Status}
	s := &o.status
	end := func(phase v1beta1.PhJobPhase, reason, format string, args ...any) outcome {
		s.Phase, s.Reason, s.Message = phase, reason, fmt.Sprintf(format, args...)
		if s.FinishTime == nil {
			s.FinishTime = &metav1.Time{Time: now}
		}
		return o
	}
	switch {
	case job.Spec.Cancel:
		o.deletePod = pod != nil
		return end(v1beta1.PhJobCancelled, "Cancelled", "cancelled")
	case pod == nil:
		return lost(job, now, "its pod is gone")
	case !pod.DeletionTimestamp.IsZero():
		return o // someone deletes it; its absence decides
	}
	switch pod.Status.Phase {
	case corev1.PodPending:
		if c := podCondition(pod, corev1.PodScheduled); c != nil && c.Status == corev1.ConditionFalse && strings.Contains(c.Message, "Insufficient "+string(quota.GuardResource)) {
			o.deletePod = true
			return end(v1beta1.PhJobFailed, "NotAdmitted", "the admission webhook did not see the job's pod, so it may not start; "+
				"is primehub's webhook server running? (%s)", c.Message)
		}
		s.Phase, s.Reason, s.Message = v1beta1.PhJobPreparing, "Scheduling", "waiting for a node"
		if c := podCondition(pod, corev1.PodScheduled); c != nil && c.Status == corev1.ConditionFalse {
			s.Message = c.Message
		} else if pod.Spec.NodeName != "" {
			s.Reason, s.Message = "Starting", "starting on node "+pod.Spec.NodeName
		}
		return o
	case corev1.PodRunning:
		s.Phase, s.Reason, s.Message = v1beta1.PhJobRunning, "Running", "the command runs"
		if s.StartTime == nil {
			s.StartTime = ptr.To(ptr.Deref(pod.Status.StartTime, metav1.Time{Time: now}))
		}
		if d := pod.Spec.ActiveDeadlineSeconds; d != nil {
			left := s.StartTime.Add(time.Duration(*d) * time.Second).Sub(now)
			if left <= 0 {
				o.deletePod = true
				return end(v1beta1.PhJobFailed, "DeadlineExceeded", "the job ran longer than its deadline of %ds", *d)
			}
			o.after = left
		}
		return o
	case corev1.PodSucceeded:
		return end(v1beta1.PhJobSucceeded, "Succeeded", "the command exited with 0")
	default:
		switch {
		case pod.Status.Reason == "DeadlineExceeded":
			return end(v1beta1.PhJobFailed, "DeadlineExceeded", "the job ran longer than its deadline of %ds", ptr.Deref(pod.Spec.ActiveDeadlineSeconds, 0))
		case disrupted(pod):
			o = lost(job, now, fmt.Sprintf("its pod was stopped (%s)", cmp.Or(pod.Status.Reason, "disrupted")))
			o.deletePod = true
			return o
		}
		if code, ok := exitCode(pod); ok {
			return end(v1beta1.PhJobFailed, "Error", "the command exited with %d", code)
		}
		return end(v1beta1.PhJobFailed, "PodFailed", "the job's pod failed: %s", cmp.Or(pod.Status.Message, pod.Status.Reason))
	}
}

// lost queues a job whose pod was lost again, until its requeue limit.
func lost(job *v1beta1.PhJob, now time.Time, why string) outcome {
	s := job.Status
	limit := ptr.Deref(job.Spec.RequeueLimit, 0)
	if s.Requeued >= limit {
		s.Phase, s.Reason = v1beta1.PhJobFailed, "RequeueLimitExceeded"
		s.Message = fmt.Sprintf("%s, and it was queued again %d times already (its requeue limit)", why, s.Requeued)
		s.FinishTime = &metav1.Time{Time: now}
		return outcome{status: s}
	}
	s.Requeued++
	s.Phase, s.Reason = v1beta1.PhJobPending, "Requeued"
	s.Message = fmt.Sprintf("%s; queued again (%d of %d)", why, s.Requeued, limit)
	s.PodName, s.StartTime = "", nil
	return outcome{status: s}
}

// disrupted tells whether the pod was stopped from outside (evicted, preempted, its node
// gone) rather than by its command.
func disrupted(pod *corev1.Pod) bool {
	if pod.Status.Reason == "Evicted" || pod.Status.Reason == "NodeLost" {
		return true
	}
	c := podCondition(pod, corev1.DisruptionTarget)
	return c != nil && c.Status == corev1.ConditionTrue
}

func exitCode(pod *corev1.Pod) (int32, bool) {
	for _, c := range pod.Status.ContainerStatuses {
		if t := c.State.Terminated; t != nil && t.ExitCode != 0 {
			return t.ExitCode, true
		}
	}
	return 0, false
}

func podCondition(pod *corev1.Pod, t corev1.PodConditionType) *corev1.PodCondition {
	for i := range pod.Status.Conditions {
		if pod.Status.Conditions[i].Type == t {
			return &pod.Status.Conditions[i]
		}
	}
	return nil
}

package phjob

import (
	"strings"
	"testing"
	"time"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/utils/ptr"

	"github.com/primehub/primehub/api/v1beta1"
)

func TestProgress(t *testing.T) {
	now := time.Unix(1_700_000_000, 0)
	started := metav1.NewTime(now.Add(-time.Minute))
	job := func(mod ...func(*v1beta1.PhJob)) *v1beta1.PhJob {
		j := &v1beta1.PhJob{Status: v1beta1.PhJobStatus{Phase: v1beta1.PhJobRunning, PodName: "j"}}
		for _, m := range mod {
			m(j)
		}
		return j
	}
	pod := func(phase corev1.PodPhase, mod ...func(*corev1.Pod)) *corev1.Pod {
		p := &corev1.Pod{Spec: corev1.PodSpec{NodeName: "n"}, Status: corev1.PodStatus{Phase: phase, StartTime: &started}}
		for _, m := range mod {
			m(p)
		}
		return p
	}
	deadline := func(s int64) func(*corev1.Pod) { return func(p *corev1.Pod) { p.Spec.ActiveDeadlineSeconds = &s } }
	exited := func(code int32) func(*corev1.Pod) {
		return func(p *corev1.Pod) {
			p.Status.ContainerStatuses = []corev1.ContainerStatus{{State: corev1.ContainerState{Terminated: &corev1.ContainerStateTerminated{ExitCode: code}}}}
		}
	}
	requeueLimit := func(n int32) func(*v1beta1.PhJob) { return func(j *v1beta1.PhJob) { j.Spec.RequeueLimit = &n } }
	tests := []struct {
		name       string
		job        *v1beta1.PhJob
		pod        *corev1.Pod
		phase      v1beta1.PhJobPhase
		reason     string
		message    string
		deletePod  bool
		after      time.Duration
		requeued   int32
		noFinished bool
	}{
		{name: "scheduling", job: job(), pod: pod(corev1.PodPending, func(p *corev1.Pod) { p.Spec.NodeName = "" }),
			phase: v1beta1.PhJobPreparing, reason: "Scheduling", noFinished: true},
		{name: "starting", job: job(), pod: pod(corev1.PodPending), phase: v1beta1.PhJobPreparing, reason: "Starting", message: "node n", noFinished: true},
		{name: "not admitted", job: job(), pod: pod(corev1.PodPending, func(p *corev1.Pod) {
			p.Status.Conditions = []corev1.PodCondition{{Type: corev1.PodScheduled, Status: corev1.ConditionFalse, Message: "0/3 nodes: Insufficient primehub.io/admission-guard"}}
		}), phase: v1beta1.PhJobFailed, reason: "NotAdmitted", deletePod: true},
		{name: "running", job: job(), pod: pod(corev1.PodRunning), phase: v1beta1.PhJobRunning, reason: "Running", noFinished: true},
		{name: "running with a deadline ahead", job: job(), pod: pod(corev1.PodRunning, deadline(90)),
			phase: v1beta1.PhJobRunning, reason: "Running", after: 30 * time.Second, noFinished: true},
		{name: "past its deadline", job: job(), pod: pod(corev1.PodRunning, deadline(60)),
			phase: v1beta1.PhJobFailed, reason: "DeadlineExceeded", message: "deadline of 60s", deletePod: true},
		{name: "the kubelet enforced the deadline", job: job(), pod: pod(corev1.PodFailed, deadline(60), func(p *corev1.Pod) { p.Status.Reason = "DeadlineExceeded" }),
			phase: v1beta1.PhJobFailed, reason: "DeadlineExceeded"},
		{name: "succeeded", job: job(), pod: pod(corev1.PodSucceeded), phase: v1beta1.PhJobSucceeded, reason: "Succeeded"},
		{name: "exit code", job: job(), pod: pod(corev1.PodFailed, exited(3)), phase: v1beta1.PhJobFailed, reason: "Error", message: "exited with 3"},
		{name: "cancelled while running", job: job(func(j *v1beta1.PhJob) { j.Spec.Cancel = true }), pod: pod(corev1.PodRunning),
			phase: v1beta1.PhJobCancelled, reason: "Cancelled", deletePod: true},
		{name: "cancelled before it started", job: job(func(j *v1beta1.PhJob) {
			j.Spec.Cancel = true
			j.Status = v1beta1.PhJobStatus{Phase: v1beta1.PhJobPending}
		}),
			phase: v1beta1.PhJobCancelled, reason: "Cancelled"},
		{name: "lost, queued again", job: job(requeueLimit(2)), phase: v1beta1.PhJobPending, reason: "Requeued", message: "(1 of 2)", requeued: 1, noFinished: true},
		{name: "evicted, queued again", job: job(requeueLimit(1)), pod: pod(corev1.PodFailed, func(p *corev1.Pod) { p.Status.Reason = "Evicted" }),
			phase: v1beta1.PhJobPending, reason: "Requeued", message: "Evicted", deletePod: true, requeued: 1, noFinished: true},
		{name: "lost past the requeue limit", job: job(requeueLimit(1), func(j *v1beta1.PhJob) { j.Status.Requeued = 1 }),
			phase: v1beta1.PhJobFailed, reason: "RequeueLimitExceeded", requeued: 1},
		{name: "lost without a requeue limit", job: job(), phase: v1beta1.PhJobFailed, reason: "RequeueLimitExceeded"},
		{name: "being deleted: wait", job: job(), pod: pod(corev1.PodRunning, func(p *corev1.Pod) { p.DeletionTimestamp = &started }),
			phase: v1beta1.PhJobRunning, noFinished: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := progress(tt.job, tt.pod, now)
			s := o.status
			if s.Phase != tt.phase || s.Reason != tt.reason || !strings.Contains(s.Message, tt.message) {
				t.Errorf("status %s/%s %q, want %s/%s with %q", s.Phase, s.Reason, s.Message, tt.phase, tt.reason, tt.message)
			}
			if o.deletePod != tt.deletePod || o.after != tt.after || s.Requeued != tt.requeued {
				t.Errorf("deletePod %v, after %s, requeued %d; want %v, %s, %d", o.deletePod, o.after, s.Requeued, tt.deletePod, tt.after, tt.requeued)
			}
			if (s.FinishTime == nil) != tt.noFinished {
				t.Errorf("finish time %v", s.FinishTime)
			}
			if s.Phase == v1beta1.PhJobRunning && tt.reason != "" && !ptr.Equal(s.StartTime, &started) {
				t.Errorf("start time %v, want the pod's %v", s.StartTime, started)
			}
			if tt.reason == "Requeued" && (s.PodName != "" || s.StartTime != nil) {
				t.Errorf("a requeued job keeps pod %q and start %v", s.PodName, s.StartTime)
			}
		})
	}
}

package notebook

import (
	"testing"
	"time"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/primehub/primehub/api/v1beta1"
)

func TestHeld(t *testing.T) {
	now := time.Date(2026, 12, 7, 4, 0, 0, 0, time.UTC)
	pod := func(conds ...corev1.PodCondition) *corev1.Pod {
		return &corev1.Pod{Status: corev1.PodStatus{Conditions: conds}}
	}
	unschedulable := corev1.PodCondition{Type: corev1.PodScheduled, Status: corev1.ConditionFalse, Reason: corev1.PodReasonUnschedulable}
	scheduled := func(ago time.Duration) corev1.PodCondition {
		return corev1.PodCondition{Type: corev1.PodScheduled, Status: corev1.ConditionTrue, LastTransitionTime: metav1.NewTime(now.Add(-ago))}
	}
	for _, tc := range []struct {
		name  string
		phase v1beta1.NotebookPhase
		pod   *corev1.Pod
		want  time.Duration
	}{
		{"a new notebook's pod just on its node", "", pod(scheduled(time.Second)), 9 * time.Second},
		{"a new notebook's pod on its node past settleTime", "", pod(scheduled(12 * time.Second)), -2 * time.Second},
		{"not scheduled yet", "", pod(), 0},
		{"the scheduler says why it waits", "", pod(unschedulable), 0},
		{"a notebook already reported", v1beta1.NotebookPending, pod(scheduled(time.Second)), 0},
		{"a new notebook's pod that ended", "", &corev1.Pod{Status: corev1.PodStatus{Phase: corev1.PodFailed,
			Conditions: []corev1.PodCondition{scheduled(time.Second)}}}, 0},
		{"scheduled after this clock's now", "", pod(scheduled(-time.Minute)), settleTime},
	} {
		t.Run(tc.name, func(t *testing.T) {
			nb := &v1beta1.Notebook{Status: v1beta1.NotebookStatus{Phase: tc.phase}}
			if got := held(nb, tc.pod, now); got != tc.want {
				t.Errorf("held = %s, want %s", got, tc.want)
			}
		})
	}
}

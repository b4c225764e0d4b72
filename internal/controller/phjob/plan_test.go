package phjob

import (
	"testing"

	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/resource"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/utils/ptr"

	"github.com/primehub/primehub/api/v1beta1"
	"github.com/primehub/primehub/internal/directory"
	"github.com/primehub/primehub/internal/spawn"
)

// What launches are allowed is spawn.Check's, tested there; this is the job's pod and its
// own wording of a quota it can never fit.
func TestPlan(t *testing.T) {
	global := v1beta1.Access{Global: true}
	it := func(name, cpu string) v1beta1.InstanceType {
		return v1beta1.InstanceType{ObjectMeta: metav1.ObjectMeta{Name: name}, Spec: v1beta1.InstanceTypeSpec{
			CPU: v1beta1.ResourceRange{Limit: resource.MustParse(cpu)}, Memory: v1beta1.ResourceRange{Limit: resource.MustParse("1Gi")}, Access: global}}
	}
	cat := spawn.Catalog{
		InstanceTypes: []v1beta1.InstanceType{it("small", "1"), it("big", "8")},
		Images:        []v1beta1.Image{{ObjectMeta: metav1.ObjectMeta{Name: "base"}, Spec: v1beta1.ImageSpec{Type: v1beta1.ImageTypeBoth, URL: "x", Access: global}}},
	}
	ml := directory.Group{Name: "ml",
		Quota:       v1beta1.GroupQuota{PerUser: v1beta1.QuotaResources{CPU: ptr.To(resource.MustParse("4"))}},
		JobDefaults: &v1beta1.JobDefaults{ActiveDeadlineSeconds: ptr.To[int64](600)},
	}
	groups := []directory.Group{{Name: directory.Everyone}, ml}
	alice := directory.User{Username: "alice"}
	job := func(instanceType string, deadline *int64) *v1beta1.PhJob {
		return &v1beta1.PhJob{
			ObjectMeta: metav1.ObjectMeta{Namespace: "primehub", Name: "job-1",
				Annotations: map[string]string{sandboxPrefix + "exit-code": "3", "other": "x"}},
			Spec: v1beta1.PhJobSpec{User: "alice", Group: "ml", InstanceType: instanceType, Image: "base", Command: "echo hi",
				ActiveDeadlineSeconds: deadline},
		}
	}

	pod, _, refusal := plan(job("small", nil), alice, groups, cat, spawn.Settings{})
	if refusal != nil {
		t.Fatalf("refused: %+v", refusal)
	}
	if pod.Name != "job-1" || pod.Namespace != "primehub" || pod.Labels[LabelPhJob] != "job-1" || pod.Spec.RestartPolicy != corev1.RestartPolicyNever {
		t.Errorf("pod %s/%s labelled %v, restart policy %s", pod.Namespace, pod.Name, pod.Labels, pod.Spec.RestartPolicy)
	}
	if got := pod.Spec.Containers[0].Command; len(got) != 3 || got[2] != "echo hi" {
		t.Errorf("command %v", got)
	}
	if len(pod.Annotations) != 1 || pod.Annotations[sandboxPrefix+"exit-code"] != "3" {
		t.Errorf("annotations %v, want only the sandbox's", pod.Annotations)
	}
	if d := pod.Spec.ActiveDeadlineSeconds; d == nil || *d != 600 {
		t.Errorf("deadline %v, want the group's 600", d)
	}

	pod, _, _ = plan(job("small", ptr.To[int64](60)), alice, groups, cat, spawn.Settings{})
	if d := pod.Spec.ActiveDeadlineSeconds; d == nil || *d != 60 {
		t.Errorf("deadline %v, want the job's 60", d)
	}

	_, _, refusal = plan(job("big", nil), alice, groups, cat, spawn.Settings{})
	want := "its instance type alone exceeds the quota, so it can never start: USER alice exceeded cpu quota: 4, requesting 8"
	if refusal == nil || refusal.Reason != "ExceedsQuota" || refusal.Message != want {
		t.Errorf("got %+v, want ExceedsQuota: %s", refusal, want)
	}
}

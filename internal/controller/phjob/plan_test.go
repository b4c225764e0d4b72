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

// What launches are allowed is the launch path's, tested there; this is the job's pod.
func TestRender(t *testing.T) {
	in := spawn.Input{
		User:  directory.User{Username: "alice"},
		Group: directory.Group{Name: "ml", JobDefaults: &v1beta1.JobDefaults{ActiveDeadlineSeconds: ptr.To[int64](600)}},
		InstanceType: v1beta1.InstanceType{ObjectMeta: metav1.ObjectMeta{Name: "small"}, Spec: v1beta1.InstanceTypeSpec{
			CPU: v1beta1.ResourceRange{Limit: resource.MustParse("1")}, Memory: v1beta1.ResourceRange{Limit: resource.MustParse("1Gi")}}},
		Image: v1beta1.Image{ObjectMeta: metav1.ObjectMeta{Name: "base"}, Spec: v1beta1.ImageSpec{Type: v1beta1.ImageTypeBoth, URL: "x"}},
	}
	job := func(deadline *int64) *v1beta1.PhJob {
		return &v1beta1.PhJob{
			ObjectMeta: metav1.ObjectMeta{Namespace: "primehub", Name: "job-1",
				Annotations: map[string]string{sandboxPrefix + "exit-code": "3", "other": "x"}},
			Spec: v1beta1.PhJobSpec{User: "alice", Group: "ml", InstanceType: "small", Image: "base", Command: "echo hi",
				ActiveDeadlineSeconds: deadline},
		}
	}

	pod, err := render(job(nil), in)
	if err != nil {
		t.Fatal(err)
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

	pod, err = render(job(ptr.To[int64](60)), in)
	if err != nil {
		t.Fatal(err)
	}
	if d := pod.Spec.ActiveDeadlineSeconds; d == nil || *d != 60 {
		t.Errorf("deadline %v, want the job's 60", d)
	}
}

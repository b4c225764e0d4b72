package profile

import (
	"testing"

	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/resource"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

func TestQuotaStatusOnly(t *testing.T) {
	old := &corev1.ResourceQuota{
		ObjectMeta: metav1.ObjectMeta{Namespace: "team", Name: quotaName, ResourceVersion: "1", Labels: map[string]string{LabelProfile: "team"}},
		Spec:       corev1.ResourceQuotaSpec{Hard: corev1.ResourceList{"limits.cpu": resource.MustParse("8")}},
	}
	for _, tc := range []struct {
		name   string
		change func(*corev1.ResourceQuota)
		want   bool
	}{
		{"usage recounted", func(q *corev1.ResourceQuota) {
			q.Status.Used = corev1.ResourceList{"limits.cpu": resource.MustParse("1")}
			q.ManagedFields = []metav1.ManagedFieldsEntry{{Manager: "kube-controller-manager", Subresource: "status"}}
		}, true},
		{"spec edited", func(q *corev1.ResourceQuota) { q.Spec.Hard["limits.cpu"] = resource.MustParse("100") }, false},
		{"label removed", func(q *corev1.ResourceQuota) { q.Labels = nil }, false},
		{"owner taken off", func(q *corev1.ResourceQuota) { q.OwnerReferences = []metav1.OwnerReference{{Name: "other"}} }, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			n := old.DeepCopy()
			n.ResourceVersion = "2"
			tc.change(n)
			if got := quotaStatusOnly(old, n); got != tc.want {
				t.Errorf("quotaStatusOnly = %v, want %v", got, tc.want)
			}
		})
	}
	if quotaStatusOnly(&corev1.Namespace{}, &corev1.Namespace{}) {
		t.Error("a namespace's update is not a quota's")
	}
}

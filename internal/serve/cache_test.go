package serve

import (
	"testing"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// TestCacheOptionsTrimPods: serve's pod informer keeps only what primehub reads of a pod
// (package podcache), so that caching every pod of the cluster stays small.
func TestCacheOptionsTrimPods(t *testing.T) {
	pod := &corev1.Pod{
		ObjectMeta: metav1.ObjectMeta{Name: "p", Labels: map[string]string{"primehub.io/group": "g"},
			ManagedFields: []metav1.ManagedFieldsEntry{{Manager: "kubectl"}}},
		Spec: corev1.PodSpec{Containers: []corev1.Container{{Name: "main", Image: "busybox"}}, Volumes: []corev1.Volume{{Name: "home"}}},
	}
	for obj, by := range CacheOptions("primehub").ByObject {
		if _, ok := obj.(*corev1.Pod); !ok {
			continue
		}
		if by.Transform == nil {
			t.Fatal("no transform for pods")
		}
		got, err := by.Transform(pod.DeepCopy())
		if err != nil {
			t.Fatal(err)
		}
		p := got.(*corev1.Pod)
		if p.Labels["primehub.io/group"] != "g" || p.Spec.Containers[0].Name != "main" ||
			p.ManagedFields != nil || p.Spec.Volumes != nil || p.Spec.Containers[0].Image != "" {
			t.Fatalf("pod cached as %+v, want its labels and container names only", p)
		}
		return
	}
	t.Fatal("no cache options for pods")
}

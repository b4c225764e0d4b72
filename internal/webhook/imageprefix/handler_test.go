package imageprefix

import (
	"context"
	"encoding/json"
	"testing"

	admissionv1 "k8s.io/api/admission/v1"
	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"sigs.k8s.io/controller-runtime/pkg/webhook/admission"
)

func TestHandlePrefixesEveryImageOnce(t *testing.T) {
	pod := corev1.Pod{Spec: corev1.PodSpec{
		InitContainers: []corev1.Container{{Name: "init", Image: "busybox"}},
		Containers:     []corev1.Container{{Name: "main", Image: "jupyter/base"}, {Name: "side", Image: "registry.local/already"}},
	}}
	raw, _ := json.Marshal(pod)
	h := &Handler{Prefix: "registry.local/"}
	resp := h.Handle(context.Background(), admission.Request{AdmissionRequest: admissionv1.AdmissionRequest{Object: runtime.RawExtension{Raw: raw}}})
	if !resp.Allowed {
		t.Fatalf("denied: %+v", resp.Result)
	}
	got := map[string]any{}
	for _, p := range resp.Patches {
		got[p.Path] = p.Value
	}
	want := map[string]any{"/spec/initContainers/0/image": "registry.local/busybox", "/spec/containers/0/image": "registry.local/jupyter/base"}
	if len(got) != len(want) {
		t.Fatalf("patches %v, want %v", got, want)
	}
	for path, image := range want {
		if got[path] != image {
			t.Errorf("%s = %v, want %v", path, got[path], image)
		}
	}
	if resp := h.Handle(context.Background(), admission.Request{}); resp.Allowed || resp.Result.Code != 400 {
		t.Errorf("a review without an object: %+v, want a 400 error", resp.Result)
	}
}

package notebook

import (
	"testing"

	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/resource"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/primehub/primehub/api/v1beta1"
	"github.com/primehub/primehub/internal/directory"
	"github.com/primehub/primehub/internal/quota"
	"github.com/primehub/primehub/internal/spawn"
)

// What launches are allowed is the launch path's, tested there; this is the notebook's pod.
func TestRender(t *testing.T) {
	nb := &v1beta1.Notebook{
		ObjectMeta: metav1.ObjectMeta{Namespace: "primehub", Name: "mine", Generation: 3},
		Spec:       v1beta1.NotebookSpec{User: "alice", Group: "ml", InstanceType: "small", Image: "base"},
	}
	in := spawn.Input{
		User: directory.User{Username: "alice"}, Group: directory.Group{Name: "ml"},
		InstanceType: v1beta1.InstanceType{ObjectMeta: metav1.ObjectMeta{Name: "small"}, Spec: v1beta1.InstanceTypeSpec{
			CPU: v1beta1.ResourceRange{Limit: resource.MustParse("1")}, Memory: v1beta1.ResourceRange{Limit: resource.MustParse("1Gi")}}},
		Image: v1beta1.Image{ObjectMeta: metav1.ObjectMeta{Name: "base"}, Spec: v1beta1.ImageSpec{Type: v1beta1.ImageTypeBoth, URL: "x"}},
	}
	pod, err := render(nb, in)
	if err != nil {
		t.Fatal(err)
	}
	if pod.Name != "notebook-mine" || pod.Namespace != "primehub" || pod.Labels[LabelNotebook] != "mine" || pod.Labels[quota.LabelUser] != "alice" {
		t.Errorf("pod %s/%s labelled %v", pod.Namespace, pod.Name, pod.Labels)
	}
	if pod.Annotations[annotationGeneration] != "3" || pod.Spec.RestartPolicy != corev1.RestartPolicyAlways {
		t.Errorf("annotations %v, restart policy %s", pod.Annotations, pod.Spec.RestartPolicy)
	}
	main := pod.Spec.Containers[0]
	if len(main.Ports) != 1 || main.Ports[0].ContainerPort != Port || main.Command != nil {
		t.Errorf("main container ports %v, command %v", main.Ports, main.Command)
	}
}

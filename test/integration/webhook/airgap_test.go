package webhook_test

import (
	"context"
	"testing"

	"github.com/primehub/primehub/internal/quota"
	"github.com/primehub/primehub/test/framework"
)

func TestAirgapPrefixesImages(t *testing.T) {
	platform(t)
	tests := []struct {
		name      string
		labelled  bool
		image     string
		wantImage string
	}{
		{"prefixed", true, "jupyter/base-notebook:latest", imagePrefix + "jupyter/base-notebook:latest"},
		{"already prefixed", true, imagePrefix + "infuseai/notebook", imagePrefix + "infuseai/notebook"},
		{"a registry of its own is prefixed too", true, "quay.io/jupyter/scipy", imagePrefix + "quay.io/jupyter/scipy"},
		{"namespace not labelled", false, "jupyter/base-notebook", "jupyter/base-notebook"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var ns string
			if tt.labelled {
				ns = namespace(t, quota.NamespaceLabelImage)
			} else {
				ns = namespace(t)
			}
			pod := framework.MakePod("p", ns).Container("sidecar", tt.image, "", "").InitContainer("init", tt.image, "", "").Obj()
			pod.Spec.Containers[0].Image = tt.image
			if err := framework.Client().Create(context.Background(), pod); err != nil {
				t.Fatal(err)
			}
			for _, c := range append(pod.Spec.InitContainers, pod.Spec.Containers...) {
				if c.Image != tt.wantImage {
					t.Errorf("container %s image = %q, want %q", c.Name, c.Image, tt.wantImage)
				}
			}
		})
	}
}

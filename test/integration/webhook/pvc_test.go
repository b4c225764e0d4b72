package webhook_test

import (
	"context"
	"slices"
	"testing"

	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/resource"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/utils/ptr"

	"github.com/primehub/primehub/internal/quota"
	"github.com/primehub/primehub/internal/webhook/pvccheck"
	"github.com/primehub/primehub/test/framework"
)

func TestPVCCheckDropsVolumesOfMissingClaims(t *testing.T) {
	platform(t)
	ns := namespace(t, quota.NamespaceLabelQuota)
	ctx := context.Background()
	claim := &corev1.PersistentVolumeClaim{
		ObjectMeta: metav1.ObjectMeta{Name: "dataset-a", Namespace: ns},
		Spec: corev1.PersistentVolumeClaimSpec{
			AccessModes: []corev1.PersistentVolumeAccessMode{corev1.ReadWriteOnce},
			Resources:   corev1.VolumeResourceRequirements{Requests: corev1.ResourceList{corev1.ResourceStorage: resource.MustParse("1Gi")}},
		},
	}
	if err := framework.Client().Create(ctx, claim); err != nil {
		t.Fatal(err)
	}
	// Created right after its claim, which the webhook's cache may not show yet.
	pod := framework.MakePod("p", ns).InitContainer("init", "busybox", "", "").
		Claim("a", "dataset-a", "/datasets/a").
		Claim("b", "dataset-b", "/datasets/b").
		Claim("home", "claim-alice", "/home/jovyan").
		Claim("c", "dataset-c", "/datasets/c").Obj()
	noTokenVolume(pod)
	if err := framework.Client().Create(ctx, pod); err != nil {
		t.Fatal(err)
	}
	var volumes []string
	for _, v := range pod.Spec.Volumes {
		volumes = append(volumes, v.Name)
	}
	if got, want := volumes, []string{"a", "home"}; !slices.Equal(got, want) {
		t.Errorf("volumes = %v, want %v (home claims are kept)", got, want)
	}
	for _, c := range append(pod.Spec.InitContainers, pod.Spec.Containers...) {
		var mounts []string
		for _, m := range c.VolumeMounts {
			mounts = append(mounts, m.Name)
		}
		if !slices.Equal(mounts, []string{"a", "home"}) {
			t.Errorf("container %s mounts %v, want [a home]", c.Name, mounts)
		}
	}
	if got := pod.Annotations[pvccheck.AnnotationRemovedVolumes]; got != "b,c" {
		t.Errorf("annotation %s = %q, want b,c", pvccheck.AnnotationRemovedVolumes, got)
	}

	// Nothing to drop: the pod is left alone.
	kept := framework.MakePod("kept", ns).Claim("a", "dataset-a", "/datasets/a").Obj()
	noTokenVolume(kept)
	if err := framework.Client().Create(ctx, kept); err != nil {
		t.Fatal(err)
	}
	if len(kept.Spec.Volumes) != 1 || kept.Annotations[pvccheck.AnnotationRemovedVolumes] != "" {
		t.Errorf("pod with existing claims changed: volumes %v, annotations %v", kept.Spec.Volumes, kept.Annotations)
	}

	// Namespaces not labelled are not checked.
	other := namespace(t)
	unchecked := framework.MakePod("p", other).Claim("b", "dataset-b", "/datasets/b").Obj()
	noTokenVolume(unchecked)
	if err := framework.Client().Create(ctx, unchecked); err != nil {
		t.Fatal(err)
	}
	if len(unchecked.Spec.Volumes) != 1 {
		t.Errorf("pod in an unlabelled namespace lost its volumes")
	}
}

// noTokenVolume keeps the ServiceAccount token volume out, so the pod's volumes are the
// test's alone.
func noTokenVolume(pod *corev1.Pod) {
	pod.Spec.AutomountServiceAccountToken = ptr.To(false)
}

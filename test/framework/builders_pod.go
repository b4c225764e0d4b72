package framework

import (
	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/resource"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/primehub/primehub/internal/names"
	"github.com/primehub/primehub/internal/quota"
)

// PodWrapper builds a Pod for tests.
type PodWrapper struct{ corev1.Pod }

// MakePod starts a pod with one container, "main", without resources or labels.
func MakePod(name, namespace string) *PodWrapper {
	return &PodWrapper{corev1.Pod{
		ObjectMeta: metav1.ObjectMeta{Name: name, Namespace: namespace},
		Spec: corev1.PodSpec{
			Containers: []corev1.Container{{Name: "main", Image: "jupyter/base-notebook"}},
		},
	}}
}

// Obj returns the pod built.
func (w *PodWrapper) Obj() *corev1.Pod { return &w.Pod }

// Label sets a label.
func (w *PodWrapper) Label(key, value string) *PodWrapper {
	if w.Labels == nil {
		w.Labels = map[string]string{}
	}
	w.Labels[key] = value
	return w
}

// Annotate sets an annotation.
func (w *PodWrapper) Annotate(key, value string) *PodWrapper {
	if w.Annotations == nil {
		w.Annotations = map[string]string{}
	}
	w.Annotations[key] = value
	return w
}

// Group labels the pod with a group, given by its name as people write it.
func (w *PodWrapper) Group(name string) *PodWrapper {
	return w.Label(quota.LabelGroup, names.Label(name))
}

// User labels the pod with a user, given by the username.
func (w *PodWrapper) User(username string) *PodWrapper {
	return w.Label(quota.LabelUser, names.Label(username))
}

// Limits sets the main container's limits; "" leaves a resource out, gpu 0 too.
func (w *PodWrapper) Limits(cpu, memory string, gpu int64) *PodWrapper {
	w.Spec.Containers[0].Resources.Limits = resourceList(cpu, memory, gpu)
	return w
}

// Container adds a container with limits.
func (w *PodWrapper) Container(name, image, cpu, memory string) *PodWrapper {
	w.Spec.Containers = append(w.Spec.Containers, corev1.Container{Name: name, Image: image,
		Resources: corev1.ResourceRequirements{Limits: resourceList(cpu, memory, 0)}})
	return w
}

// InitContainer adds an init container with limits.
func (w *PodWrapper) InitContainer(name, image, cpu, memory string) *PodWrapper {
	w.Spec.InitContainers = append(w.Spec.InitContainers, corev1.Container{Name: name, Image: image,
		Resources: corev1.ResourceRequirements{Limits: resourceList(cpu, memory, 0)}})
	return w
}

// Guarded puts the admission guard first among the init containers, as the spawner does.
func (w *PodWrapper) Guarded() *PodWrapper {
	w.Spec.InitContainers = append([]corev1.Container{quota.GuardContainer()}, w.Spec.InitContainers...)
	return w
}

// Claim mounts the PersistentVolumeClaim claim as volume at path in every container and
// init container.
func (w *PodWrapper) Claim(volume, claim, path string) *PodWrapper {
	w.Spec.Volumes = append(w.Spec.Volumes, corev1.Volume{Name: volume, VolumeSource: corev1.VolumeSource{
		PersistentVolumeClaim: &corev1.PersistentVolumeClaimVolumeSource{ClaimName: claim}}})
	mount := corev1.VolumeMount{Name: volume, MountPath: path}
	for i := range w.Spec.Containers {
		w.Spec.Containers[i].VolumeMounts = append(w.Spec.Containers[i].VolumeMounts, mount)
	}
	for i := range w.Spec.InitContainers {
		w.Spec.InitContainers[i].VolumeMounts = append(w.Spec.InitContainers[i].VolumeMounts, mount)
	}
	return w
}

func resourceList(cpu, memory string, gpu int64) corev1.ResourceList {
	l := corev1.ResourceList{}
	if cpu != "" {
		l[corev1.ResourceCPU] = resource.MustParse(cpu)
	}
	if memory != "" {
		l[corev1.ResourceMemory] = resource.MustParse(memory)
	}
	if gpu > 0 {
		l["nvidia.com/gpu"] = *resource.NewQuantity(gpu, resource.DecimalSI)
	}
	return l
}

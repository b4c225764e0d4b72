// Package notebook is the Notebook controller: a Notebook becomes a pod rendered by
// internal/spawn and a Service, once the user may launch it; its status follows the pod.
package notebook

import (
	"strconv"

	corev1 "k8s.io/api/core/v1"

	"github.com/primehub/primehub/api/v1beta1"
	"github.com/primehub/primehub/internal/directory"
	"github.com/primehub/primehub/internal/spawn"
)

// plan decides with spawn.Check whether the notebook's user may launch it as asked and, if
// so, renders its pod for this generation of the notebook.
func plan(nb *v1beta1.Notebook, user directory.User, groups []directory.Group, cat spawn.Catalog, settings spawn.Settings) (*corev1.Pod, spawn.Input, *spawn.Refusal) {
	req := spawn.Request{Kind: spawn.Notebook, Group: nb.Spec.Group, InstanceType: nb.Spec.InstanceType, Image: nb.Spec.Image, Env: nb.Spec.Env}
	in, refusal := spawn.Check(req, user, groups, cat, settings)
	if refusal != nil {
		return nil, in, refusal
	}
	pod, err := spawn.Pod(in)
	if err != nil {
		// Check refuses whatever Pod does, so this is a bug.
		return nil, in, &spawn.Refusal{Reason: "InternalError", Message: err.Error()}
	}
	pod.Name, pod.Namespace = ResourceName(nb.Name), nb.Namespace
	pod.Labels[LabelNotebook] = nb.Name
	pod.Spec.RestartPolicy = corev1.RestartPolicyAlways
	pod.Spec.Containers[0].Ports = []corev1.ContainerPort{{Name: "notebook", ContainerPort: Port}}
	pod.Annotations = map[string]string{annotationGeneration: strconv.FormatInt(nb.Generation, 10)}
	return pod, in, nil
}

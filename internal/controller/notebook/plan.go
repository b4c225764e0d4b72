// Package notebook is the Notebook controller: a Notebook becomes a pod rendered by
// internal/spawn that runs a Jupyter server, with its token Secret, once the launch path
// (internal/launch) lets it launch, behind its namespace's notebook NetworkPolicy; its
// status follows the pod, and an idle notebook is culled.
package notebook

import (
	"strconv"

	corev1 "k8s.io/api/core/v1"

	"github.com/primehub/primehub/api/v1beta1"
	"github.com/primehub/primehub/internal/spawn"
)

// render renders the pod of a notebook the launch path let launch, for this generation of
// the notebook, its token from the Secret tokenSecret.
func render(nb *v1beta1.Notebook, in spawn.Input, tokenSecret string) (*corev1.Pod, error) {
	pod, err := spawn.Pod(in)
	if err != nil {
		return nil, err
	}
	pod.Name, pod.Namespace = ResourceName(nb.Name), nb.Namespace
	pod.Labels[LabelNotebook] = nb.Name
	pod.Spec.RestartPolicy = corev1.RestartPolicyAlways
	withServer(&pod.Spec.Containers[0], nb, in.Image.Spec.Notebook, tokenSecret)
	pod.Annotations = map[string]string{annotationGeneration: strconv.FormatInt(nb.Generation, 10)}
	return pod, nil
}

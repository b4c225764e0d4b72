// Package imageprefix is the airgap image replacer: in namespaces labelled
// primehub.io/image-mutation-webhook=enabled it points every container and init container
// at the cluster's own registry by prefixing its image, so pods pull nothing from outside.
package imageprefix

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"

	"gomodules.xyz/jsonpatch/v2"
	corev1 "k8s.io/api/core/v1"
	"sigs.k8s.io/controller-runtime/pkg/webhook/admission"
)

// Handler prefixes images with Prefix (such as registry.local:5000/).
type Handler struct {
	Prefix string
}

var _ admission.Handler = &Handler{}

// Handle patches each image that does not already start with the prefix.
func (h *Handler) Handle(_ context.Context, req admission.Request) admission.Response {
	if len(req.Object.Raw) == 0 {
		return admission.Errored(http.StatusBadRequest, errors.New("malformed admission review: request has no object"))
	}
	pod := &corev1.Pod{}
	if err := json.Unmarshal(req.Object.Raw, pod); err != nil {
		return admission.Errored(http.StatusBadRequest, fmt.Errorf("malformed admission review: decode pod: %w", err))
	}
	var patches []jsonpatch.JsonPatchOperation
	for field, containers := range map[string][]corev1.Container{"initContainers": pod.Spec.InitContainers, "containers": pod.Spec.Containers} {
		for i, c := range containers {
			if !strings.HasPrefix(c.Image, h.Prefix) {
				patches = append(patches, jsonpatch.NewOperation("replace", fmt.Sprintf("/spec/%s/%d/image", field, i), h.Prefix+c.Image))
			}
		}
	}
	return admission.Patched("", patches...)
}

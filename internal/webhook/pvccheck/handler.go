// Package pvccheck drops the volumes of a pod whose PersistentVolumeClaims do not exist,
// so that a notebook or job whose dataset claim was deleted still starts instead of
// waiting forever; home claims (claim-<user>) are kept, since the home volume is created
// with the pod and a notebook without it would lose the user's work.
package pvccheck

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"gomodules.xyz/jsonpatch/v2"
	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	"sigs.k8s.io/controller-runtime/pkg/client"
	"sigs.k8s.io/controller-runtime/pkg/webhook/admission"
)

const (
	// HomeClaimPrefix starts the name of every user's home claim, which is never dropped.
	HomeClaimPrefix = "claim-"
	// AnnotationRemovedVolumes lists, comma-separated, the volumes dropped from a pod
	// because their claims were missing, so users and admins can see why a mount is gone.
	AnnotationRemovedVolumes = "primehub.io/removed-volumes"
)

// Handler checks claims against Claims, the informer cache of PersistentVolumeClaims,
// and confirms a claim missing there with one GET from Live: a claim created just before
// its pod may not have reached the cache, and dropping its volume would be wrong.
type Handler struct {
	Claims client.Reader
	Live   client.Reader
}

var _ admission.Handler = &Handler{}

// Handle removes each volume whose claim is missing, its mounts in every container, and
// annotates the pod with the volumes removed.
func (h *Handler) Handle(ctx context.Context, req admission.Request) admission.Response {
	if len(req.Object.Raw) == 0 {
		return admission.Errored(http.StatusBadRequest, errors.New("malformed admission review: request has no object"))
	}
	pod := &corev1.Pod{}
	if err := json.Unmarshal(req.Object.Raw, pod); err != nil {
		return admission.Errored(http.StatusBadRequest, fmt.Errorf("malformed admission review: decode pod: %w", err))
	}
	namespace := pod.Namespace
	if namespace == "" {
		namespace = req.Namespace
	}
	missing := map[string]bool{}
	var removed []string
	var patches []jsonpatch.JsonPatchOperation
	// Highest index first, so each removal leaves the earlier indexes valid.
	for i := len(pod.Spec.Volumes) - 1; i >= 0; i-- {
		v := pod.Spec.Volumes[i]
		if v.PersistentVolumeClaim == nil || strings.HasPrefix(v.PersistentVolumeClaim.ClaimName, HomeClaimPrefix) {
			continue
		}
		exists, err := h.exists(ctx, client.ObjectKey{Namespace: namespace, Name: v.PersistentVolumeClaim.ClaimName})
		if err != nil {
			return admission.Errored(http.StatusInternalServerError, err)
		}
		if exists {
			continue
		}
		missing[v.Name] = true
		removed = append([]string{v.Name}, removed...)
		patches = append(patches, jsonpatch.NewOperation("remove", "/spec/volumes/"+strconv.Itoa(i), nil))
	}
	if len(removed) == 0 {
		return admission.Allowed("")
	}
	for field, containers := range map[string][]corev1.Container{"initContainers": pod.Spec.InitContainers, "containers": pod.Spec.Containers} {
		for ci, c := range containers {
			for mi := len(c.VolumeMounts) - 1; mi >= 0; mi-- {
				if missing[c.VolumeMounts[mi].Name] {
					patches = append(patches, jsonpatch.NewOperation("remove", fmt.Sprintf("/spec/%s/%d/volumeMounts/%d", field, ci, mi), nil))
				}
			}
		}
	}
	value := strings.Join(removed, ",")
	if pod.Annotations == nil {
		patches = append(patches, jsonpatch.NewOperation("add", "/metadata/annotations", map[string]string{AnnotationRemovedVolumes: value}))
	} else {
		patches = append(patches, jsonpatch.NewOperation("add", "/metadata/annotations/"+strings.ReplaceAll(AnnotationRemovedVolumes, "/", "~1"), value))
	}
	return admission.Patched("", patches...)
}

func (h *Handler) exists(ctx context.Context, key client.ObjectKey) (bool, error) {
	for _, r := range []client.Reader{h.Claims, h.Live} {
		err := r.Get(ctx, key, &corev1.PersistentVolumeClaim{})
		if err == nil {
			return true, nil
		}
		if !apierrors.IsNotFound(err) {
			return false, fmt.Errorf("look up claim %s: %w", key, err)
		}
	}
	return false, nil
}

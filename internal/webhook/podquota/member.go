package podquota

import (
	"context"
	"fmt"
	"net/http"
	"slices"

	"github.com/primehub/primehub/internal/quota"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"sigs.k8s.io/controller-runtime/pkg/webhook/admission"
)

// checkMember makes sure nobody charges a group they are not in: a pod's group label must
// name a group of the directory whose members include the requester, unless the platform
// itself creates the pod (the spawner launches for others, with the group the launch path
// checked). It returns the group the pod is charged to, nil when the pod names none or
// only the platform names a group the directory does not know (unlimited, as in PrimeHub).
func (h *Handler) checkMember(ctx context.Context, req admission.Request, pod *corev1.Pod) (*Group, *admission.Response) {
	label := pod.Labels[quota.LabelGroup]
	if label == "" {
		return nil, nil
	}
	group, found, err := h.Groups.Group(ctx, label)
	if err != nil {
		resp := admission.Errored(http.StatusInternalServerError, fmt.Errorf("look up group %s: %w", label, err))
		return nil, &resp
	}
	requester := req.UserInfo.Username
	platform := h.platform(req, pod)
	switch {
	case platform && found:
		return &group, nil
	case platform:
		return nil, nil
	case !found:
		return nil, denied(http.StatusForbidden, metav1.StatusReasonForbidden,
			"pod label "+quota.LabelGroup+"="+label+" names no group of the directory: "+requester+" may only charge pods to a group they are a member of")
	case !slices.Contains(group.Members, requester):
		return nil, denied(http.StatusForbidden, metav1.StatusReasonForbidden,
			"pod label "+quota.LabelGroup+"="+label+" names group "+group.Name+", which "+requester+" is not a member of: pods may only be charged to the creator's own groups")
	}
	return &group, nil
}

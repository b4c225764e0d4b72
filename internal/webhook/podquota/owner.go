package podquota

import (
	"net/http"

	"gomodules.xyz/jsonpatch/v2"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"sigs.k8s.io/controller-runtime/pkg/webhook/admission"

	"github.com/primehub/primehub/internal/names"
	"github.com/primehub/primehub/internal/quota"
)

// User is whom a pod is charged to: the label value and the name shown in messages.
type User struct {
	Label, Name string
}

// checkOwner makes sure nobody spends another's quota: a pod's user label must be its
// creator's own (names.Label of the username in the review), unless the platform itself
// creates it on someone's behalf (delegated, see platform). A pod of a group without a user label gets its
// creator's. It returns whom the pod is charged to.
func (h *Handler) checkOwner(req admission.Request, pod *corev1.Pod) (User, []jsonpatch.JsonPatchOperation, *admission.Response) {
	requester := req.UserInfo.Username
	label, labelled := pod.Labels[quota.LabelUser]
	if h.platform(req, pod) {
		return User{Label: label, Name: label}, nil, nil
	}
	own := names.Label(requester)
	if labelled && label != own {
		return User{}, nil, denied(http.StatusForbidden, metav1.StatusReasonForbidden,
			"pod label "+quota.LabelUser+"="+label+" names another user: "+requester+" may only create pods labelled "+quota.LabelUser+"="+own)
	}
	user := User{Label: own, Name: requester}
	if labelled || pod.Labels[quota.LabelGroup] == "" {
		return user, nil, nil
	}
	return user, []jsonpatch.JsonPatchOperation{setMetadata("labels", pod.Labels, quota.LabelUser, own)}, nil
}

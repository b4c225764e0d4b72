package podquota

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"net/http"

	"gomodules.xyz/jsonpatch/v2"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"sigs.k8s.io/controller-runtime/pkg/webhook/admission"

	"github.com/primehub/primehub/internal/quota"
)

// StatusQuotaExceeded is the code of a quota denial, PrimeHub's convention (410 Gone),
// which its clients tell apart from other refusals.
const StatusQuotaExceeded = http.StatusGone

// checkQuota admits the pod only if it fits its user's quota in group (nil: the pod is
// charged to no known group, unlimited) and then the group's total. Usage is the ledger's:
// the Pending and Running pods the informer shows plus the admitted pods it does not show
// yet, decided under the ledger's lock, so that concurrent creations cannot overshoot. An
// admitted pod is annotated with the id of its reservation, released when the informer
// shows the pod.
func (h *Handler) checkQuota(ctx context.Context, req admission.Request, pod *corev1.Pod, user User, group *Group) ([]jsonpatch.JsonPatchOperation, *admission.Response) {
	request := quota.PodRequest(&pod.Spec)
	if group == nil || request.IsZero() {
		return nil, nil
	}
	if err := h.Ready(ctx); err != nil {
		return nil, denied(http.StatusServiceUnavailable, metav1.StatusReasonServiceUnavailable,
			"group quota cannot be checked now, try again: "+err.Error())
	}
	groupLabel := pod.Labels[quota.LabelGroup]

	id := ""
	if req.DryRun == nil || !*req.DryRun {
		id = newID()
	}
	var exceeded *quota.Exceeded
	admitted := h.Ledger.Admit(groupLabel, user.Label, id, request, func(used quota.Used) bool {
		var accounts []quota.Account
		if user.Label != "" {
			accounts = append(accounts, quota.Account{Scope: quota.ScopeUser, Name: user.Name,
				Limits: quota.LimitsFrom(group.Quota.PerUser), Used: used.User})
		}
		accounts = append(accounts, quota.Account{Scope: quota.ScopeGroup, Name: group.Name,
			Limits: quota.LimitsFrom(group.Quota.Total), Used: used.Group})
		exceeded = quota.Check(request, accounts...)
		return exceeded == nil
	})
	switch {
	case !admitted:
		return nil, denied(StatusQuotaExceeded, metav1.StatusReasonGone, exceeded.Error())
	case id == "":
		return nil, nil
	}
	return []jsonpatch.JsonPatchOperation{setMetadata("annotations", pod.Annotations, quota.AnnotationAdmissionID, id)}, nil
}

func newID() string {
	b := make([]byte, 12)
	_, _ = rand.Read(b) // crypto/rand.Read never fails (Go 1.24+).
	return hex.EncodeToString(b)
}

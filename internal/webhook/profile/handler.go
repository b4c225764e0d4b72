package profile

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"slices"

	admissionv1 "k8s.io/api/admission/v1"
	authenticationv1 "k8s.io/api/authentication/v1"
	"sigs.k8s.io/controller-runtime/pkg/webhook/admission"

	"github.com/primehub/primehub/api/v1beta1"
)

// Handler validates Profile creates, updates and deletes.
type Handler struct {
	// IsAdmin tells whether a requester may act for others; system:masters members always
	// may.
	IsAdmin func(ctx context.Context, user authenticationv1.UserInfo) bool
}

var _ admission.Handler = &Handler{}

// Handle allows or denies with a message saying what the requester may do instead.
func (h *Handler) Handle(ctx context.Context, req admission.Request) admission.Response {
	r := requester{username: req.UserInfo.Username, groups: req.UserInfo.Groups}
	r.admin = slices.Contains(req.UserInfo.Groups, "system:masters") || (h.IsAdmin != nil && h.IsAdmin(ctx, req.UserInfo))
	var err error
	switch req.Operation {
	case admissionv1.Create:
		p, derr := decode(req.Object.Raw)
		if derr != nil {
			return admission.Errored(http.StatusBadRequest, derr)
		}
		err = checkCreate(r, p)
	case admissionv1.Update:
		p, derr := decode(req.Object.Raw)
		if derr != nil {
			return admission.Errored(http.StatusBadRequest, derr)
		}
		old, derr := decode(req.OldObject.Raw)
		if derr != nil {
			return admission.Errored(http.StatusBadRequest, derr)
		}
		err = checkUpdate(r, old, p)
	case admissionv1.Delete:
		// A DELETE's review carries the profile as it stands in oldObject.
		old, derr := decode(req.OldObject.Raw)
		if derr != nil {
			return admission.Errored(http.StatusBadRequest, derr)
		}
		err = checkDelete(r, old)
	}
	if err != nil {
		return admission.Denied(err.Error())
	}
	return admission.Allowed("")
}

func decode(raw []byte) (*v1beta1.Profile, error) {
	if len(raw) == 0 {
		return nil, fmt.Errorf("malformed admission review: no profile in the request")
	}
	p := &v1beta1.Profile{}
	if err := json.Unmarshal(raw, p); err != nil {
		return nil, fmt.Errorf("malformed admission review: decode profile: %w", err)
	}
	return p, nil
}

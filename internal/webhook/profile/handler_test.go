package profile

import (
	"context"
	"encoding/json"
	"net/http"
	"testing"

	admissionv1 "k8s.io/api/admission/v1"
	authenticationv1 "k8s.io/api/authentication/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"sigs.k8s.io/controller-runtime/pkg/webhook/admission"
)

// A DELETE's review carries the profile in oldObject only.
func TestHandleDelete(t *testing.T) {
	raw, err := json.Marshal(profile("alice"))
	if err != nil {
		t.Fatal(err)
	}
	review := func(username string, old []byte) admission.Request {
		return admission.Request{AdmissionRequest: admissionv1.AdmissionRequest{
			Operation: admissionv1.Delete,
			UserInfo:  authenticationv1.UserInfo{Username: username},
			OldObject: runtime.RawExtension{Raw: old},
		}}
	}
	h := &Handler{}
	if resp := h.Handle(context.Background(), review("alice", raw)); !resp.Allowed {
		t.Errorf("the owner deleting: %v", resp.Result)
	}
	if resp := h.Handle(context.Background(), review("mallory", raw)); resp.Allowed {
		t.Error("mallory deleted alice's profile")
	}
	if resp := h.Handle(context.Background(), review("alice", nil)); resp.Allowed || resp.Result.Code != http.StatusBadRequest {
		t.Errorf("a DELETE without the profile: allowed %v, %v; want 400", resp.Allowed, resp.Result)
	}
}

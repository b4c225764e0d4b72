package podquota

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/go-logr/logr"
	"github.com/primehub/primehub/internal/quota"
	admissionv1 "k8s.io/api/admission/v1"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"sigs.k8s.io/controller-runtime/pkg/webhook/admission"
)

// update is a pod UPDATE review by username from a pod with labels old to one with labels.
func update(username string, old, labels map[string]string) admission.Request {
	req := request(username, &corev1.Pod{ObjectMeta: metav1.ObjectMeta{Name: "p", Labels: labels}})
	req.Operation = admissionv1.Update
	raw, _ := json.Marshal(&corev1.Pod{ObjectMeta: metav1.ObjectMeta{Name: "p", Labels: old}})
	req.OldObject = runtime.RawExtension{Raw: raw}
	return req
}

func TestLabelsKeepsQuotaLabelsAsCreated(t *testing.T) {
	created := map[string]string{quota.LabelUser: "alice", quota.LabelGroup: "g", "app": "nb"}
	with := func(key, value string) map[string]string {
		l := map[string]string{}
		for k, v := range created {
			l[k] = v
		}
		if value == "-" {
			delete(l, key)
		} else {
			l[key] = value
		}
		return l
	}
	tests := []struct {
		name      string
		requester string
		old, new  map[string]string
		wantDeny  string
	}{
		{"another label changed", "alice", created, with("app", "other"), ""},
		{"nothing changed", "alice", created, created, ""},
		{"no quota labels either side", "alice", map[string]string{"app": "x"}, nil, ""},
		{"user label stripped", "alice", created, with(quota.LabelUser, "-"), `pod label primehub.io/user cannot be added, changed or removed after the pod is created (it is "alice", the update makes it absent)`},
		{"group label stripped", "alice", created, with(quota.LabelGroup, "-"), `primehub.io/group cannot be added, changed or removed after the pod is created (it is "g", the update makes it absent)`},
		{"group label changed", "alice", created, with(quota.LabelGroup, "h"), `(it is "g", the update makes it "h")`},
		{"group label emptied", "alice", created, with(quota.LabelGroup, ""), `(it is "g", the update makes it "")`},
		{"group label added", "alice", map[string]string{"app": "x"}, map[string]string{"app": "x", quota.LabelGroup: "g"}, `(it is absent, the update makes it "g")`},
		{"the platform changing one too", "kubernetes-admin", created, with(quota.LabelUser, "bob"), "primehub.io/user cannot be added, changed or removed"},
	}
	l := &Labels{Log: logr.Discard()}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp := l.Handle(context.Background(), update(tt.requester, tt.old, tt.new))
			if tt.wantDeny == "" {
				if !resp.Allowed || len(resp.Patches) > 0 {
					t.Fatalf("got %+v, want allowed unchanged", resp.AdmissionResponse)
				}
				return
			}
			if resp.Allowed || resp.Result.Code != http.StatusForbidden || !strings.Contains(resp.Result.Message, tt.wantDeny) {
				t.Fatalf("got %+v, want 403 %q", resp.Result, tt.wantDeny)
			}
		})
	}
}

func TestDecodePodUpdateRefusesMalformedReviews(t *testing.T) {
	valid := update("alice", nil, nil)
	tests := []struct {
		name string
		edit func(*admission.Request)
		want string
	}{
		{"no request", func(r *admission.Request) { *r = admission.Request{} }, "no request"},
		{"create", func(r *admission.Request) { r.Operation = admissionv1.Create }, `operation "CREATE"`},
		{"not a pod", func(r *admission.Request) {
			r.Kind = metav1.GroupVersionKind{Group: "apps", Version: "v1", Kind: "Deployment"}
		}, "pods only"},
		{"no old object", func(r *admission.Request) { r.OldObject.Raw = nil }, "needs the object and the old object"},
		{"old object not a pod", func(r *admission.Request) { r.OldObject.Raw = []byte(`[1]`) }, "decode old pod"},
		{"labels not strings", func(r *admission.Request) { r.Object.Raw = []byte(`{"metadata":{"labels":{"a":1}}}`) }, "decode pod"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req := valid
			tt.edit(&req)
			_, _, resp := decodePodUpdate(req)
			if resp == nil || resp.Allowed || resp.Result.Code != http.StatusBadRequest || !strings.Contains(resp.Result.Message, tt.want) {
				t.Fatalf("got %+v, want a 400 error containing %q", resp, tt.want)
			}
		})
	}
}

package podquota

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	admissionv1 "k8s.io/api/admission/v1"
	authenticationv1 "k8s.io/api/authentication/v1"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"sigs.k8s.io/controller-runtime/pkg/webhook/admission"

	"github.com/primehub/primehub/internal/names"
	"github.com/primehub/primehub/internal/quota"
)

func request(username string, pod any) admission.Request {
	raw, _ := json.Marshal(pod)
	return admission.Request{AdmissionRequest: admissionv1.AdmissionRequest{
		UID:       "uid",
		Kind:      metav1.GroupVersionKind{Version: "v1", Kind: "Pod"},
		Operation: admissionv1.Create,
		UserInfo:  authenticationv1.UserInfo{Username: username},
		Object:    runtime.RawExtension{Raw: raw},
	}}
}

func TestDecodePodCreateRefusesMalformedReviews(t *testing.T) {
	valid := request("alice", corev1.Pod{})
	tests := []struct {
		name string
		edit func(*admission.Request)
		want string
	}{
		{"no request", func(r *admission.Request) { *r = admission.Request{} }, "no request"},
		{"update", func(r *admission.Request) { r.Operation = admissionv1.Update }, `operation "UPDATE"`},
		{"not a pod", func(r *admission.Request) {
			r.Kind = metav1.GroupVersionKind{Group: "apps", Version: "v1", Kind: "Deployment"}
		}, "pods only"},
		{"no object", func(r *admission.Request) { r.Object.Raw = nil }, "no object"},
		{"object not a pod", func(r *admission.Request) { r.Object.Raw = []byte(`[1]`) }, "decode pod"},
		{"bad quantity", func(r *admission.Request) {
			r.Object.Raw = []byte(`{"spec":{"containers":[{"name":"c","resources":{"limits":{"cpu":"lots"}}}]}}`)
		}, "decode pod"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req := valid
			tt.edit(&req)
			_, resp := decodePodCreate(req)
			if resp == nil || resp.Allowed || resp.Result.Code != http.StatusBadRequest || !strings.Contains(resp.Result.Message, tt.want) {
				t.Fatalf("got %+v, want a 400 error containing %q", resp, tt.want)
			}
		})
	}
	if pod, resp := decodePodCreate(valid); resp != nil || pod == nil {
		t.Fatalf("valid review refused: %+v", resp)
	}
}

func TestCheckOwner(t *testing.T) {
	const rs = "system:serviceaccount:kube-system:replicaset-controller"
	h := &Handler{PlatformUsers: map[string]bool{"system:serviceaccount:primehub:primehub": true},
		Namespace: "primehub", WorkloadControllers: map[string]bool{rs: true}}
	tests := []struct {
		name      string
		requester string
		namespace string
		labels    map[string]string
		wantUser  User
		wantPatch bool
		wantDeny  string
	}{
		{"own label", "alice", "", map[string]string{quota.LabelGroup: "g", quota.LabelUser: "alice"}, User{Label: "alice", Name: "alice"}, false, ""},
		{"label of an escaped username", "Alice@Example.com", "", map[string]string{quota.LabelGroup: "g", quota.LabelUser: names.Label("Alice@Example.com")},
			User{Label: names.Label("Alice@Example.com"), Name: "Alice@Example.com"}, false, ""},
		{"another user's label", "alice", "", map[string]string{quota.LabelGroup: "g", quota.LabelUser: "bob"}, User{}, false, "names another user"},
		{"another user's label without a group", "alice", "", map[string]string{quota.LabelUser: "bob"}, User{}, false, "names another user"},
		{"no label: the creator's is added", "alice", "", map[string]string{quota.LabelGroup: "g"}, User{Label: "alice", Name: "alice"}, true, ""},
		{"no group: nothing to charge", "alice", "", nil, User{Label: "alice", Name: "alice"}, false, ""},
		{"the platform launches for bob", "system:serviceaccount:primehub:primehub", "", map[string]string{quota.LabelGroup: "g", quota.LabelUser: "bob"},
			User{Label: "bob", Name: "bob"}, false, ""},
		// Only primehub makes Deployments in the platform namespace (applications): there the
		// ReplicaSet controller's pods are the platform's; elsewhere anyone's Deployment's are.
		{"an application's pod for bob", rs, "primehub", map[string]string{quota.LabelGroup: "g", quota.LabelUser: "bob"},
			User{Label: "bob", Name: "bob"}, false, ""},
		{"a deployment's pod for bob in a profile", rs, "alices-profile", map[string]string{quota.LabelGroup: "g", quota.LabelUser: "bob"},
			User{}, false, "names another user"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			pod := &corev1.Pod{ObjectMeta: metav1.ObjectMeta{Labels: tt.labels}}
			if tt.requester == rs {
				controller := true
				pod.OwnerReferences = []metav1.OwnerReference{{APIVersion: "apps/v1", Kind: "ReplicaSet", Name: "app-x-1", UID: "u", Controller: &controller}}
			}
			req := request(tt.requester, pod)
			req.Namespace = tt.namespace
			user, patches, deny := h.checkOwner(req, pod)
			if tt.wantDeny != "" {
				if deny == nil || deny.Result.Code != http.StatusForbidden || !strings.Contains(deny.Result.Message, tt.wantDeny) {
					t.Fatalf("got %+v, want 403 %q", deny, tt.wantDeny)
				}
				return
			}
			if deny != nil || user != tt.wantUser || (len(patches) > 0) != tt.wantPatch {
				t.Fatalf("got user %+v, patches %v, deny %+v; want %+v, patch %v", user, patches, deny, tt.wantUser, tt.wantPatch)
			}
		})
	}
}

func TestRemoveGuard(t *testing.T) {
	pod := &corev1.Pod{Spec: corev1.PodSpec{InitContainers: []corev1.Container{quota.GuardContainer(), {Name: "setup"}}}}
	patches := removeGuard(pod)
	if len(patches) != 1 || patches[0].Operation != "remove" || patches[0].Path != "/spec/initContainers/0" {
		t.Fatalf("patches %v, want one removal of /spec/initContainers/0", patches)
	}
	if len(pod.Spec.InitContainers) != 1 || pod.Spec.InitContainers[0].Name != "setup" {
		t.Fatalf("init containers left: %v", pod.Spec.InitContainers)
	}
	if patches := removeGuard(pod); len(patches) != 0 {
		t.Fatalf("a pod without the guard got patches %v", patches)
	}
}

func TestSetMetadataEscapesTheKey(t *testing.T) {
	if p := setMetadata("labels", map[string]string{}, "primehub.io/user", "alice"); p.Path != "/metadata/labels/primehub.io~1user" {
		t.Errorf("path %q", p.Path)
	}
	if p := setMetadata("annotations", nil, "a~b", "v"); p.Path != "/metadata/annotations" {
		t.Errorf("path %q for a pod without annotations, want the whole map added", p.Path)
	}
	if got := escapePointer("a~b/c"); got != "a~0b~1c" {
		t.Errorf("escapePointer = %q", got)
	}
}

// TestWorkloadControllerPods: the ReplicaSet controller makes the pods of the platform's
// Deployments (model deployments) in the platform namespace, charged to the labels the
// platform set; anywhere else, or for anything but a ReplicaSet, it is nobody special.
func TestWorkloadControllerPods(t *testing.T) {
	const rsc = "system:serviceaccount:kube-system:replicaset-controller"
	h := &Handler{Namespace: "primehub", WorkloadControllers: map[string]bool{rsc: true}}
	yes := true
	owned := func(kind string) []metav1.OwnerReference {
		return []metav1.OwnerReference{{APIVersion: "apps/v1", Kind: kind, Name: "x", UID: "u", Controller: &yes}}
	}
	tests := []struct {
		name, requester, namespace string
		owners                     []metav1.OwnerReference
		wantDeny                   string
	}{
		{"a ReplicaSet's pod in the platform namespace", rsc, "primehub", owned("ReplicaSet"), ""},
		{"a ReplicaSet's pod in a profile namespace", rsc, "alice", owned("ReplicaSet"), "names another user"},
		{"a StatefulSet's pod", rsc, "primehub", owned("StatefulSet"), "names another user"},
		{"a pod of no owner", rsc, "primehub", nil, "names another user"},
		{"another requester", "alice", "primehub", owned("ReplicaSet"), "names another user"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			pod := corev1.Pod{ObjectMeta: metav1.ObjectMeta{OwnerReferences: tt.owners,
				Labels: map[string]string{quota.LabelUser: "bob", quota.LabelGroup: "g"}}}
			req := request(tt.requester, pod)
			req.Namespace = tt.namespace
			user, _, deny := h.checkOwner(req, &pod)
			if tt.wantDeny == "" {
				if deny != nil || user.Label != "bob" {
					t.Fatalf("user %+v, denied %+v", user, deny)
				}
				return
			}
			if deny == nil || !strings.Contains(deny.Result.Message, tt.wantDeny) {
				t.Fatalf("got %+v, want a denial containing %q", deny, tt.wantDeny)
			}
		})
	}
}

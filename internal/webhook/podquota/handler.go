// Package podquota is the group quota webhook (PrimeHub's resources-validation webhook):
// on pod creation in namespaces labelled primehub.io/resources-validation-webhook=enabled
// it makes sure the pod is charged to the user who creates it and to a group they are a
// member of, takes out the admission guard and admits the pod only within its user's and
// group's quota; on pod update it keeps those labels as they were created (Labels). One
// check per file: owner.go, member.go, guard.go, quota.go, labels.go.
package podquota

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"

	"github.com/go-logr/logr"
	"gomodules.xyz/jsonpatch/v2"
	admissionv1 "k8s.io/api/admission/v1"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"sigs.k8s.io/controller-runtime/pkg/webhook/admission"

	"github.com/primehub/primehub/internal/quota"
)

// Handler is the quota webhook on pod CREATE.
type Handler struct {
	// Groups finds the quota and members of the group a pod is labelled with.
	Groups Groups
	// Ledger holds what groups and users use, fed by SetupCache.
	Ledger *quota.Ledger
	// PlatformUsers are the usernames primehub itself runs as; their pods keep the user
	// label they carry and may name any group (the spawner launches for other people,
	// after the launch path checked the group).
	PlatformUsers map[string]bool
	// Namespace is the platform namespace, and WorkloadControllers the usernames of the
	// controllers that make pods for workload objects there (the ReplicaSet controller, for
	// model deployments' Deployments). Only the platform makes such objects in its
	// namespace, so a pod one of them makes there for a ReplicaSet is the platform's, as if
	// the platform had made it (delegated).
	Namespace           string
	WorkloadControllers map[string]bool
	// Ready fails while this replica must not decide: caches not synced, or not the leader.
	Ready func(ctx context.Context) error
	Log   logr.Logger
}

var _ admission.Handler = &Handler{}

// Handle runs the checks in order; the first denial ends the review.
func (h *Handler) Handle(ctx context.Context, req admission.Request) admission.Response {
	pod, errResp := decodePodCreate(req)
	if errResp != nil {
		return *errResp
	}
	// Built only when a review is logged: WithValues allocates, on every pod created.
	log := func() logr.Logger {
		return h.Log.WithValues("namespace", req.Namespace, "pod", podName(pod), "requester", req.UserInfo.Username)
	}

	var patches []jsonpatch.JsonPatchOperation
	user, p, deny := h.checkOwner(req, pod)
	if deny != nil {
		log().Info("denied", "reason", deny.Result.Message)
		return *deny
	}
	patches = append(patches, p...)
	group, deny := h.checkMember(ctx, req, pod)
	if deny != nil {
		log().Info("denied", "reason", deny.Result.Message)
		return *deny
	}
	patches = append(patches, removeGuard(pod)...)

	p, deny = h.checkQuota(ctx, req, pod, user, group)
	if deny != nil {
		log().Info("denied", "reason", deny.Result.Message)
		return *deny
	}
	patches = append(patches, p...)
	if h.Log.V(1).Enabled() {
		log().V(1).Info("admitted", "user", user.Label, "group", pod.Labels[quota.LabelGroup])
	}
	return admission.Patched("", patches...)
}

// platform tells whether the platform makes the pod of req: itself, or through a
// ReplicaSet in the platform namespace (delegated).
func (h *Handler) platform(req admission.Request, pod *corev1.Pod) bool {
	if h.PlatformUsers[req.UserInfo.Username] {
		return true
	}
	if h.Namespace == "" || req.Namespace != h.Namespace || !h.WorkloadControllers[req.UserInfo.Username] {
		return false
	}
	owner := metav1.GetControllerOfNoCopy(pod)
	return owner != nil && owner.APIVersion == "apps/v1" && owner.Kind == "ReplicaSet"
}

// decodePodCreate reads the pod of a pod CREATE review. A malformed review is answered
// with an error naming what is wrong, never a panic or a silent allow.
func decodePodCreate(req admission.Request) (*corev1.Pod, *admission.Response) {
	if err := checkPodReview(req, admissionv1.Create); err != nil {
		return nil, malformed(err)
	}
	if len(req.Object.Raw) == 0 {
		return nil, malformed(errors.New("request has no object"))
	}
	var r reviewedPod
	if err := json.Unmarshal(req.Object.Raw, &r); err != nil {
		return nil, malformed(fmt.Errorf("decode pod: %w", err))
	}
	return &corev1.Pod{ObjectMeta: r.ObjectMeta, Spec: corev1.PodSpec{
		InitContainers: r.Spec.InitContainers.containers(), Containers: r.Spec.Containers.containers()}}, nil
}

// reviewedPod is what the checks read of a pod under review: its metadata and its
// containers' names, resources and restart policies. Decoding only these skips the rest
// (environment, volumes, probes: most of a pod's allocations), on every pod created.
type reviewedPod struct {
	metav1.ObjectMeta `json:"metadata"`
	Spec              struct {
		InitContainers reviewedContainers `json:"initContainers"`
		Containers     reviewedContainers `json:"containers"`
	} `json:"spec"`
}

type reviewedContainers []struct {
	Name          string                         `json:"name"`
	Resources     corev1.ResourceRequirements    `json:"resources"`
	RestartPolicy *corev1.ContainerRestartPolicy `json:"restartPolicy"`
}

func (r reviewedContainers) containers() []corev1.Container {
	if r == nil {
		return nil
	}
	out := make([]corev1.Container, len(r))
	for i, c := range r {
		out[i] = corev1.Container{Name: c.Name, Resources: c.Resources, RestartPolicy: c.RestartPolicy}
	}
	return out
}

// checkPodReview tells what is wrong with a review that is not one of a pod's op.
func checkPodReview(req admission.Request, op admissionv1.Operation) error {
	switch {
	case req.UID == "":
		return errors.New("no request (or no request uid)")
	case req.Operation != op:
		return fmt.Errorf("operation %q, this webhook reviews pod %s only", req.Operation, op)
	case req.Kind.Group != "" || req.Kind.Kind != "Pod":
		return fmt.Errorf("kind %q, this webhook reviews pods only", req.Kind.String())
	}
	return nil
}

// malformed answers a malformed review with 400 and what is wrong with it.
func malformed(err error) *admission.Response {
	resp := admission.Errored(http.StatusBadRequest, fmt.Errorf("malformed admission review: %w", err))
	return &resp
}

// denied answers with PrimeHub's status code for quota denials, or another code.
func denied(code int32, reason metav1.StatusReason, message string) *admission.Response {
	return &admission.Response{AdmissionResponse: admissionv1.AdmissionResponse{
		Allowed: false,
		Result:  &metav1.Status{Code: code, Reason: reason, Message: message},
	}}
}

// podName names a pod in logs, also before the API server has generated its name.
func podName(pod *corev1.Pod) string {
	if pod.Name != "" {
		return pod.Name
	}
	return pod.GenerateName + "*"
}

// setMetadata is a patch that sets key in the pod's labels or annotations (field), creating
// the map when the pod has none.
func setMetadata(field string, current map[string]string, key, value string) jsonpatch.JsonPatchOperation {
	if current == nil {
		return jsonpatch.NewOperation("add", "/metadata/"+field, map[string]string{key: value})
	}
	return jsonpatch.NewOperation("add", "/metadata/"+field+"/"+escapePointer(key), value)
}

// escapePointer escapes a map key for a JSON pointer (RFC 6901).
func escapePointer(key string) string {
	out := make([]byte, 0, len(key)+2)
	for i := 0; i < len(key); i++ {
		switch key[i] {
		case '~':
			out = append(out, '~', '0')
		case '/':
			out = append(out, '~', '1')
		default:
			out = append(out, key[i])
		}
	}
	return string(out)
}

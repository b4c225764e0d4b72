package podquota

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"

	"github.com/go-logr/logr"
	"github.com/primehub/primehub/internal/quota"
	admissionv1 "k8s.io/api/admission/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"sigs.k8s.io/controller-runtime/pkg/webhook/admission"
)

// QuotaLabels are the labels quota is counted from: set once, when the pod is created.
var QuotaLabels = []string{quota.LabelUser, quota.LabelGroup}

// Labels is the quota webhook on pod UPDATE: it refuses any update that adds, changes or
// removes a pod's quota labels, whoever asks (the platform never relabels a pod). Changing
// one would move what the pod holds to another account or, stripped, free it while the
// pod runs on. Every other update is allowed at once; the webhook configuration calls it
// only for updates that touch these labels.
type Labels struct {
	Log logr.Logger
}

var _ admission.Handler = &Labels{}

// Handle implements admission.Handler.
func (l *Labels) Handle(_ context.Context, req admission.Request) admission.Response {
	old, pod, errResp := decodePodUpdate(req)
	if errResp != nil {
		return *errResp
	}
	if deny := checkLabelsKept(old.Labels, pod.Labels); deny != nil {
		l.Log.Info("denied", "namespace", req.Namespace, "pod", old.Name, "requester", req.UserInfo.Username, "reason", deny.Result.Message)
		return *deny
	}
	return admission.Allowed("")
}

// checkLabelsKept refuses an update of a pod's labels from old to updated that touches a
// quota label.
func checkLabelsKept(old, updated map[string]string) *admission.Response {
	for _, key := range QuotaLabels {
		before, had := old[key]
		after, has := updated[key]
		if had == has && before == after {
			continue
		}
		return denied(http.StatusForbidden, metav1.StatusReasonForbidden, fmt.Sprintf(
			"pod label %s cannot be added, changed or removed after the pod is created (it is %s, the update makes it %s): quota is counted from it",
			key, labelValue(before, had), labelValue(after, has)))
	}
	return nil
}

// labelValue shows a label's value, or that it is absent, in a message.
func labelValue(value string, present bool) string {
	if !present {
		return "absent"
	}
	return strconv.Quote(value)
}

// decodePodUpdate reads the metadata of the old and the new pod of a pod UPDATE review,
// answering a malformed review with an error naming what is wrong. Only the metadata
// matters here, and decoding it alone skips the rest of the pod.
func decodePodUpdate(req admission.Request) (old, pod *metav1.PartialObjectMetadata, errResp *admission.Response) {
	if err := checkPodReview(req, admissionv1.Update); err != nil {
		return nil, nil, malformed(err)
	}
	if len(req.Object.Raw) == 0 || len(req.OldObject.Raw) == 0 {
		return nil, nil, malformed(errors.New("an update needs the object and the old object"))
	}
	old, pod = &metav1.PartialObjectMetadata{}, &metav1.PartialObjectMetadata{}
	if err := json.Unmarshal(req.OldObject.Raw, old); err != nil {
		return nil, nil, malformed(fmt.Errorf("decode old pod: %w", err))
	}
	if err := json.Unmarshal(req.Object.Raw, pod); err != nil {
		return nil, nil, malformed(fmt.Errorf("decode pod: %w", err))
	}
	return old, pod, nil
}

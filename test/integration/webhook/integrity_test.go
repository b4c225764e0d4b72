package webhook_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"

	admissionv1 "k8s.io/api/admission/v1"
	authenticationv1 "k8s.io/api/authentication/v1"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/types"
	"k8s.io/client-go/util/retry"
	"sigs.k8s.io/controller-runtime/pkg/client"

	"github.com/primehub/primehub/internal/names"
	"github.com/primehub/primehub/internal/quota"
	"github.com/primehub/primehub/internal/webhook"
	"github.com/primehub/primehub/test/framework"
)

// Quota is counted from a pod's user and group labels, so nobody may strip or change them
// once the pod exists: not its creator (a user with a client certificate of her own, as
// kubectl would be, not an impersonation), and not the platform.
func TestQuotaLabelsCannotBeStrippedOrChanged(t *testing.T) {
	platform(t)
	ctx := context.Background()
	ns := namespace(t, quota.NamespaceLabelQuota)
	g := uniqueGroup("keep").Members("alice")
	createGroup(t, g.QuotaCPU("1", "10"))
	other := uniqueGroup("other").Members("alice")
	createGroup(t, other.QuotaCPU("1", "10"))
	alice := clientAs(t, "alice", ns)

	pod := framework.MakePod("nb", ns).Group(g.Spec.Name).Limits("1", "", 0).Obj()
	if err := alice.Create(ctx, pod); err != nil {
		t.Fatalf("alice's pod within her quota: %v", err)
	}
	groupLabel := names.Label(g.Spec.Name)
	patch := func(labels string) client.Patch {
		return client.RawPatch(types.MergePatchType, []byte(`{"metadata":{"labels":`+labels+`}}`))
	}
	tests := []struct {
		name   string
		change func() error
		want   string
	}{
		{"alice strips the user label", func() error {
			return alice.Patch(ctx, pod.DeepCopy(), patch(`{"primehub.io/user":null}`))
		}, `pod label primehub.io/user cannot be added, changed or removed after the pod is created (it is "alice", the update makes it absent)`},
		{"alice strips the group label", func() error {
			return alice.Patch(ctx, pod.DeepCopy(), patch(`{"primehub.io/group":null}`))
		}, fmt.Sprintf(`pod label primehub.io/group cannot be added, changed or removed after the pod is created (it is %q, the update makes it absent)`, groupLabel)},
		{"alice moves the pod to her other group", func() error {
			return alice.Patch(ctx, pod.DeepCopy(), patch(fmt.Sprintf(`{"primehub.io/group":%q}`, names.Label(other.Spec.Name))))
		}, "pod label primehub.io/group cannot be added, changed or removed"},
		{"alice charges the pod to bob with an update", func() error {
			return updatePod(ctx, alice, pod, func(p *corev1.Pod) error {
				p.Labels["primehub.io/user"] = "bob"
				return alice.Update(ctx, p)
			})
		}, `(it is "alice", the update makes it "bob")`},
		{"the platform strips the group label too", func() error {
			return framework.Client().Patch(ctx, pod.DeepCopy(), patch(`{"primehub.io/group":null}`))
		}, "pod label primehub.io/group cannot be added, changed or removed"},
		{"the platform strips it through pods/status", func() error {
			return updatePod(ctx, framework.Client(), pod, func(p *corev1.Pod) error {
				delete(p.Labels, "primehub.io/group")
				return framework.Client().Status().Update(ctx, p)
			})
		}, "pod label primehub.io/group cannot be added, changed or removed"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, msg := denial(t, tt.change())
			if code != http.StatusForbidden || !strings.Contains(msg, tt.want) {
				t.Fatalf("got %d %q, want 403 containing %q", code, msg, tt.want)
			}
		})
	}

	// Other updates of the pod go through.
	if err := alice.Patch(ctx, pod.DeepCopy(), patch(`{"app":"notebook"}`)); err != nil {
		t.Fatalf("alice labelling her pod app=notebook: %v", err)
	}
	got := &corev1.Pod{}
	if err := framework.Client().Get(ctx, client.ObjectKeyFromObject(pod), got); err != nil {
		t.Fatal(err)
	}
	if got.Labels["primehub.io/user"] != "alice" || got.Labels["primehub.io/group"] != groupLabel {
		t.Fatalf("pod labels now %v, want alice's and %s kept", got.Labels, groupLabel)
	}
	// The pod still holds alice's quota.
	code, msg := denial(t, alice.Create(ctx, framework.MakePod("more", ns).Group(g.Spec.Name).Limits("1", "", 0).Obj()))
	if want := "USER alice exceeded cpu quota: 1, requesting 2"; code != http.StatusGone || !strings.HasSuffix(msg, want) {
		t.Fatalf("alice's next pod: got %d %q, want 410 %q", code, msg, want)
	}
}

// While primehub is down, pod updates that leave the quota labels alone still go through
// (the API server does not call the webhook for them), and one that strips a label is
// refused (the webhook fails closed).
func TestQuotaLabelsAreKeptWhileTheWebhookIsDown(t *testing.T) {
	platform(t)
	ctx := context.Background()
	ns := namespace(t, quota.NamespaceLabelQuota)
	g := uniqueGroup("down").Members("alice")
	createGroup(t, g.QuotaCPU("1", "1"))
	alice := clientAs(t, "alice", ns)
	pod := framework.MakePod("nb", ns).Group(g.Spec.Name).Limits("1", "", 0).Obj()
	if err := alice.Create(ctx, pod); err != nil {
		t.Fatal(err)
	}

	stopPlatform(t)
	defer platform(t)
	patch := func(labels string) client.Patch {
		return client.RawPatch(types.MergePatchType, []byte(`{"metadata":{"labels":`+labels+`}}`))
	}
	if err := alice.Patch(ctx, pod.DeepCopy(), patch(`{"app":"notebook"}`)); err != nil {
		t.Fatalf("another label changed while the webhook is down: %v", err)
	}
	err := alice.Patch(ctx, pod.DeepCopy(), patch(`{"primehub.io/group":null}`))
	if code, msg := denial(t, err); code == 0 || !strings.Contains(msg, "pod-labels.primehub.io") {
		t.Fatalf("group label stripped while the webhook is down: got %d %q, want a refusal naming the webhook", code, msg)
	}
}

// updatePod reads pod with c and updates it with update, again while the update
// conflicts with another writer's (the scheduler's, kwok's).
func updatePod(ctx context.Context, c client.Client, pod *corev1.Pod, update func(*corev1.Pod) error) error {
	return retry.RetryOnConflict(retry.DefaultRetry, func() error {
		p := &corev1.Pod{}
		if err := c.Get(ctx, client.ObjectKeyFromObject(pod), p); err != nil {
			return err
		}
		return update(p)
	})
}

// Nobody charges a group they are not in: a user's pod labelled with another group, or a
// group the directory does not know, is refused; the platform launches for any group.
func TestPodOfAForeignGroupIsRefused(t *testing.T) {
	platform(t)
	ctx := context.Background()
	ns := namespace(t, quota.NamespaceLabelQuota)
	bobs := uniqueGroup("bobs").Members("bob")
	createGroup(t, bobs.QuotaCPU("1", "1"))
	alices := uniqueGroup("alices").Members("alice")
	createGroup(t, alices.QuotaCPU("1", "1"))
	alice := clientAs(t, "alice", ns)

	code, msg := denial(t, alice.Create(ctx, framework.MakePod("foreign", ns).Group(bobs.Spec.Name).Limits("1", "", 0).Obj()))
	if want := fmt.Sprintf("names group %s, which alice is not a member of", bobs.Spec.Name); code != http.StatusForbidden || !strings.Contains(msg, want) {
		t.Fatalf("alice's pod in bob's group: got %d %q, want 403 containing %q", code, msg, want)
	}
	code, msg = denial(t, alice.Create(ctx, framework.MakePod("unknown", ns).Group("no_such_group").Limits("1", "", 0).Obj()))
	if want := "primehub.io/group=" + names.Label("no_such_group") + " names no group of the directory"; code != http.StatusForbidden || !strings.Contains(msg, want) {
		t.Fatalf("alice's pod in an unknown group: got %d %q, want 403 containing %q", code, msg, want)
	}
	if err := alice.Create(ctx, framework.MakePod("own", ns).Group(alices.Spec.Name).Limits("1", "", 0).Obj()); err != nil {
		t.Fatalf("alice's pod in her own group: %v", err)
	}
	// The refused pod holds nothing of bob's group: the platform still fits bob's pod.
	forBob := framework.MakePod("for-bob", ns).Group(bobs.Spec.Name).User("bob").Limits("1", "", 0).Obj()
	if err := framework.Client().Create(ctx, forBob); err != nil {
		t.Fatalf("the platform launching bob's pod in his group: %v", err)
	}
}

// Only the API server may call the webhooks: a review sent straight to the webhook port
// without its client certificate, or with a user's client certificate of the cluster CA,
// is refused and reserves nothing, so a legitimate pod still gets the whole quota.
func TestForgedReviewIsRefused(t *testing.T) {
	platform(t)
	ctx := context.Background()
	ns := namespace(t, quota.NamespaceLabelQuota)
	g := uniqueGroup("forged").Members("alice")
	createGroup(t, g.QuotaCPU("", "2"))

	// A review as the API server would send it for the platform's pod taking the whole quota.
	pod := framework.MakePod("forged", ns).Group(g.Spec.Name).User("alice").Limits("2", "", 0).Obj()
	raw, err := json.Marshal(pod)
	if err != nil {
		t.Fatal(err)
	}
	review, err := json.Marshal(&admissionv1.AdmissionReview{
		TypeMeta: metav1.TypeMeta{APIVersion: "admission.k8s.io/v1", Kind: "AdmissionReview"},
		Request: &admissionv1.AdmissionRequest{
			UID:       "forged-1",
			Kind:      metav1.GroupVersionKind{Version: "v1", Kind: "Pod"},
			Resource:  metav1.GroupVersionResource{Version: "v1", Resource: "pods"},
			Namespace: ns,
			Operation: admissionv1.Create,
			UserInfo:  authenticationv1.UserInfo{Username: "kubernetes-admin", Groups: []string{"system:masters"}},
			Object:    runtime.RawExtension{Raw: raw},
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	userCert, err := framework.UserCertificate("alice")
	if err != nil {
		t.Fatal(err)
	}
	for name, hc := range map[string]*http.Client{
		"no client certificate":                      webhookClient(t),
		"a user's certificate the cluster CA signed": webhookClient(t, userCert),
	} {
		t.Run(name, func(t *testing.T) {
			resp, err := hc.Post("https://"+hub.addr+webhook.PathQuota, "application/json", bytes.NewReader(review))
			if err != nil {
				if !strings.Contains(err.Error(), "certificate") {
					t.Fatalf("POST %s: %v, want a refusal for the client certificate", webhook.PathQuota, err)
				}
				return // refused in the TLS handshake
			}
			defer resp.Body.Close()
			body, _ := io.ReadAll(resp.Body)
			t.Fatalf("a forged review was answered %d %s; want it refused in the TLS handshake", resp.StatusCode, body)
		})
	}

	// The API server's own calls work: a pod of the whole quota is admitted, and nothing more.
	alice := clientAs(t, "alice", ns)
	if err := alice.Create(ctx, framework.MakePod("legit", ns).Group(g.Spec.Name).Limits("2", "", 0).Obj()); err != nil {
		t.Fatalf("alice's pod of the whole quota after the forged reviews: %v", err)
	}
	code, msg := denial(t, alice.Create(ctx, framework.MakePod("over", ns).Group(g.Spec.Name).Limits("1", "", 0).Obj()))
	if want := fmt.Sprintf("GROUP %s exceeded cpu quota: 2, requesting 3", g.Spec.Name); code != http.StatusGone || !strings.HasSuffix(msg, want) {
		t.Fatalf("a pod beyond the quota: got %d %q, want 410 %q", code, msg, want)
	}
}

package webhook_test

import (
	"context"
	"fmt"
	"strconv"
	"testing"
	"time"

	"github.com/go-logr/logr"
	admissionregistrationv1 "k8s.io/api/admissionregistration/v1"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	ctrl "sigs.k8s.io/controller-runtime"
	"sigs.k8s.io/controller-runtime/pkg/client"

	"github.com/primehub/primehub/internal/webhook"
	"github.com/primehub/primehub/test/framework"
)

// In a cluster the webhook Service selects the leader's pod: the leader labels its own
// pod and takes the label off a former leader's.
func TestLeaderLabelsItsPodForTheWebhookService(t *testing.T) {
	ctx := context.Background()
	c := framework.Client()
	ns := framework.NewNamespace(t)
	replica := func(name string, labels map[string]string) *corev1.Pod {
		p := framework.MakePod(name, ns).Obj()
		p.Labels = labels
		p.Spec.SchedulerName = "none" // stands for a replica; never runs
		if err := c.Create(ctx, p); err != nil {
			t.Fatal(err)
		}
		return p
	}
	self := replica("primehub-0", nil)
	former := replica("primehub-1", map[string]string{webhook.LabelLeader: "true", "app": "primehub"})

	ports, err := framework.FreePorts(1)
	if err != nil {
		t.Fatal(err)
	}
	addr := "127.0.0.1:" + strconv.Itoa(ports[0])
	configuration := "primehub-leader-test"
	t.Cleanup(func() {
		_ = c.Delete(ctx, &admissionregistrationv1.MutatingWebhookConfiguration{ObjectMeta: metav1.ObjectMeta{Name: configuration}})
	})
	framework.StartManager(t, func(mgr ctrl.Manager) error {
		_, err := webhook.Setup(ctx, mgr, webhook.Config{
			Addr: addr, URL: "https://" + addr, Namespace: ns, CertDir: t.TempDir(),
			ConfigurationName: configuration, Pod: self.Name,
		}, logr.Discard())
		return err
	})

	framework.Eventually(t, 30*time.Second, func(ctx context.Context) error {
		for _, want := range []struct {
			pod    *corev1.Pod
			leader bool
		}{{self, true}, {former, false}} {
			p := &corev1.Pod{}
			if err := c.Get(ctx, client.ObjectKeyFromObject(want.pod), p); err != nil {
				return err
			}
			if got := p.Labels[webhook.LabelLeader] == "true"; got != want.leader {
				return fmt.Errorf("pod %s labelled leader: %v, want %v (labels %v)", p.Name, got, want.leader, p.Labels)
			}
		}
		return nil
	})
}

package framework

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/go-logr/logr"
	ctrl "sigs.k8s.io/controller-runtime"
	"sigs.k8s.io/controller-runtime/pkg/client"

	"github.com/primehub/primehub/internal/quota"
	"github.com/primehub/primehub/internal/webhook"
)

// SetupWebhooks adds primehub's admission webhooks to mgr as `primehub serve` wires them,
// on a free loopback port, for the platform namespace. Call it from StartManager's setup,
// then WaitWebhooks once the manager runs.
func SetupWebhooks(t testing.TB, mgr ctrl.Manager, namespace string) error {
	t.Helper()
	ports, err := FreePorts(1)
	if err != nil {
		return err
	}
	addr := "127.0.0.1:" + strconv.Itoa(ports[0])
	certDir := filepath.Join(t.TempDir(), "webhook-certs")
	if err := os.MkdirAll(certDir, 0o700); err != nil {
		return err
	}
	// The platform's own requests come from the admin kubeconfig, as in the sandbox; only
	// the API server may call the webhooks.
	_, err = webhook.Setup(context.Background(), mgr, webhook.Config{
		Addr: addr, URL: "https://" + addr, Namespace: namespace, CertDir: certDir,
		ClientCAFile:  WebhookClientCA(),
		PlatformUsers: []string{"kubernetes-admin"},
	}, logr.Discard())
	return err
}

// WaitWebhooks waits until the API server calls the webhooks for pods in namespace: a
// guarded pod created there (as a dry run) comes back without its guard.
func WaitWebhooks(t testing.TB, namespace string) {
	t.Helper()
	Eventually(t, 60*time.Second, func(ctx context.Context) error {
		pod := MakePod("probe", namespace).Guarded().Obj()
		if err := k8sClient.Create(ctx, pod, client.DryRunAll); err != nil {
			return err
		}
		for _, c := range pod.Spec.InitContainers {
			if c.Name == quota.GuardName {
				return errors.New("the webhook has not removed the guard yet")
			}
		}
		return nil
	})
}

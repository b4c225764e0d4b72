// Package webhook_test runs the admission webhooks of `primehub serve` against the real
// control plane: the kube-apiserver calls them over TLS at a loopback URL.
package webhook_test

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/go-logr/logr"
	corev1 "k8s.io/api/core/v1"
	rbacv1 "k8s.io/api/rbac/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	ctrl "sigs.k8s.io/controller-runtime"
	"sigs.k8s.io/controller-runtime/pkg/client"
	"sigs.k8s.io/controller-runtime/pkg/log/zap"
	metricsserver "sigs.k8s.io/controller-runtime/pkg/metrics/server"

	"github.com/primehub/primehub/internal/quota"
	"github.com/primehub/primehub/internal/serve"
	"github.com/primehub/primehub/internal/webhook"
	"github.com/primehub/primehub/internal/webhook/certs"
	"github.com/primehub/primehub/test/framework"
)

func TestMain(m *testing.M) {
	code := framework.Run(m)
	if hub.certDir != "" {
		_ = os.RemoveAll(hub.certDir)
	}
	os.Exit(code)
}

const (
	platformNamespace = "primehub-webhook-test"
	imagePrefix       = "registry.local:5000/"
)

// hub is the webhooks of `primehub serve` (webhook.Setup on a controller manager, as
// serve wires them) that the tests share; started by platform, stopped and restarted by
// the test of an outage.
var hub struct {
	addr, certDir string
	stop          func() error
}

// platform starts the webhooks unless they run, and waits until the API server calls them.
func platform(t *testing.T) {
	t.Helper()
	if hub.stop != nil {
		return
	}
	if hub.addr == "" {
		ports, err := framework.FreePorts(1)
		if err != nil {
			t.Fatal(err)
		}
		hub.addr = "127.0.0.1:" + strconv.Itoa(ports[0])
		// Kept across restarts, removed by TestMain.
		hub.certDir = filepath.Join(os.TempDir(), fmt.Sprintf("primehub-webhook-test-%d", ports[0]))
	}
	mgr, err := ctrl.NewManager(framework.Config(), ctrl.Options{
		Scheme:                 framework.Scheme,
		Cache:                  serve.CacheOptions(platformNamespace),
		Metrics:                metricsserver.Options{BindAddress: "0"},
		HealthProbeBindAddress: "0",
		Logger:                 zap.New(zap.WriteTo(io.Discard)),
	})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	// The platform's own requests come from the admin kubeconfig, as in the sandbox; only
	// the API server, with its webhook client certificate, may call the webhooks.
	_, err = webhook.Setup(ctx, mgr, webhook.Config{
		Addr:          hub.addr,
		URL:           "https://" + hub.addr,
		Namespace:     platformNamespace,
		CertDir:       hub.certDir,
		ClientCAFile:  framework.WebhookClientCA(),
		ImagePrefix:   imagePrefix,
		PlatformUsers: []string{"kubernetes-admin"},
	}, logr.Discard())
	if err != nil {
		cancel()
		t.Fatalf("webhook setup: %v", err)
	}
	done := make(chan error, 1)
	go func() { done <- mgr.Start(ctx) }()
	hub.stop = func() error {
		hub.stop = nil
		cancel()
		select {
		case err := <-done:
			return err
		case <-time.After(30 * time.Second):
			return errors.New("webhooks did not stop within 30s")
		}
	}
	ns := namespace(t, quota.NamespaceLabelQuota)
	framework.Eventually(t, 60*time.Second, func(ctx context.Context) error {
		select {
		case err := <-done:
			hub.stop = nil
			t.Fatalf("webhooks stopped: %v", err)
		default:
		}
		pod := framework.MakePod("probe", ns).Guarded().Obj()
		if err := framework.Client().Create(ctx, pod, client.DryRunAll); err != nil {
			return err
		}
		if hasGuard(pod) {
			return errors.New("the webhook has not removed the guard yet")
		}
		return nil
	})
}

// stopPlatform stops the webhooks; their configuration stays, pointing at nothing, as
// after a crash of primehub.
func stopPlatform(t *testing.T) {
	t.Helper()
	if err := hub.stop(); err != nil {
		t.Fatalf("stop serve: %v", err)
	}
}

// namespace makes a namespace for one test, with the webhooks given turned on.
func namespace(t *testing.T, webhookLabels ...string) string {
	t.Helper()
	name := framework.NewNamespace(t)
	ns := &corev1.Namespace{}
	if err := framework.Client().Get(context.Background(), client.ObjectKey{Name: name}, ns); err != nil {
		t.Fatal(err)
	}
	if ns.Labels == nil {
		ns.Labels = map[string]string{}
	}
	for _, l := range webhookLabels {
		ns.Labels[l] = "enabled"
	}
	if err := framework.Client().Update(context.Background(), ns); err != nil {
		t.Fatal(err)
	}
	return name
}

// clientAs is a client of the test cluster authenticated as username by a client
// certificate (no impersonation), who may manage pods in ns.
func clientAs(t *testing.T, username, ns string) client.Client {
	t.Helper()
	ctx := context.Background()
	c := framework.Client()
	role := &rbacv1.Role{
		ObjectMeta: metav1.ObjectMeta{Name: "pods", Namespace: ns},
		Rules:      []rbacv1.PolicyRule{{APIGroups: []string{""}, Resources: []string{"pods"}, Verbs: []string{"*"}}},
	}
	if err := c.Create(ctx, role); err != nil && !apierrors.IsAlreadyExists(err) {
		t.Fatal(err)
	}
	binding := &rbacv1.RoleBinding{
		ObjectMeta: metav1.ObjectMeta{GenerateName: "pods-", Namespace: ns},
		RoleRef:    rbacv1.RoleRef{APIGroup: rbacv1.GroupName, Kind: "Role", Name: "pods"},
		Subjects:   []rbacv1.Subject{{APIGroup: rbacv1.GroupName, Kind: rbacv1.UserKind, Name: username}},
	}
	if err := c.Create(ctx, binding); err != nil {
		t.Fatal(err)
	}
	uc := framework.UserClient(t, username)
	// RBAC takes effect when the API server's informers see the binding.
	framework.Eventually(t, 10*time.Second, func(ctx context.Context) error {
		return uc.List(ctx, &corev1.PodList{}, client.InNamespace(ns))
	})
	return uc
}

func hasGuard(pod *corev1.Pod) bool {
	for _, c := range pod.Spec.InitContainers {
		if c.Name == quota.GuardName {
			return true
		}
	}
	return false
}

// denial is the status code and message of a refused request, or 0 and "" when err is nil.
func denial(t *testing.T, err error) (int32, string) {
	t.Helper()
	if err == nil {
		return 0, ""
	}
	var status apierrors.APIStatus
	if !errors.As(err, &status) {
		t.Fatalf("not an API status: %v", err)
	}
	return status.Status().Code, status.Status().Message
}

// webhookClient calls the webhook server directly, trusting the CA it made, presenting
// certificate (none: a caller that is not the API server) whatever CAs the server asks for.
func webhookClient(t testing.TB, certificate ...tls.Certificate) *http.Client {
	t.Helper()
	ca, err := os.ReadFile(filepath.Join(hub.certDir, certs.CAFile))
	if err != nil {
		t.Fatal(err)
	}
	pool := x509.NewCertPool()
	if !pool.AppendCertsFromPEM(ca) {
		t.Fatal("no CA certificate in the webhook's certificate directory")
	}
	present := &tls.Certificate{}
	if len(certificate) > 0 {
		present = &certificate[0]
	}
	return &http.Client{Timeout: 10 * time.Second, Transport: &http.Transport{TLSClientConfig: &tls.Config{
		RootCAs: pool, MinVersion: tls.VersionTLS12,
		GetClientCertificate: func(*tls.CertificateRequestInfo) (*tls.Certificate, error) { return present, nil },
	}}}
}

// apiServerClient calls the webhook server directly as the API server does, with its
// webhook client certificate.
func apiServerClient(t testing.TB) *http.Client {
	t.Helper()
	cert, err := framework.WebhookCaller()
	if err != nil {
		t.Fatalf("the API server's webhook client certificate: %v", err)
	}
	return webhookClient(t, cert)
}

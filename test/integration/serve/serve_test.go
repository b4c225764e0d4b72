// Package serve_test runs `primehub serve` against the real control plane.
package serve_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/http"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	corev1 "k8s.io/api/core/v1"
	apiextensionsv1 "k8s.io/apiextensions-apiserver/pkg/apis/apiextensions/v1"
	"sigs.k8s.io/controller-runtime/pkg/client"

	"github.com/primehub/primehub/config"
	"github.com/primehub/primehub/internal/serve"
	"github.com/primehub/primehub/test/framework"
)

func TestMain(m *testing.M) { os.Exit(framework.Run(m)) }

// started is a `primehub serve` running in the test process.
type started struct {
	base, metrics string
	stop          func() error
}

func startServe(t *testing.T, namespace string) *started {
	t.Helper()
	ports, err := framework.FreePorts(2)
	if err != nil {
		t.Fatal(err)
	}
	o := serve.Options{
		Kubeconfig:  framework.Kubeconfig(),
		Namespace:   namespace,
		HTTPAddr:    "127.0.0.1:" + strconv.Itoa(ports[0]),
		MetricsAddr: "127.0.0.1:" + strconv.Itoa(ports[1]),
		LogFormat:   "console",
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- serve.Run(ctx, o) }()
	s := &started{
		base:    "http://" + o.HTTPAddr,
		metrics: "http://" + o.MetricsAddr,
		stop: func() error {
			cancel()
			select {
			case err := <-done:
				return err
			case <-time.After(30 * time.Second):
				return errors.New("serve did not stop within 30s")
			}
		},
	}
	framework.Eventually(t, 60*time.Second, func(ctx context.Context) error {
		select {
		case err := <-done:
			t.Fatalf("serve exited early: %v", err)
		default:
		}
		_, err := get(s.base + "/readyz")
		return err
	})
	return s
}

var httpClient = &http.Client{Timeout: 5 * time.Second}

func get(url string) (string, error) {
	resp, err := httpClient.Get(url)
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK {
		return string(body), fmt.Errorf("%s: %s %s", url, resp.Status, body)
	}
	return string(body), nil
}

func TestServeSetsUpThePlatformAndServesHealth(t *testing.T) {
	ns := "primehub-" + strconv.FormatInt(time.Now().UnixNano()%1e9, 36)
	s := startServe(t, ns)
	c := framework.Client()
	ctx := context.Background()

	if err := c.Get(ctx, client.ObjectKey{Name: ns}, &corev1.Namespace{}); err != nil {
		t.Errorf("platform namespace %s: %v", ns, err)
	}
	crds := &apiextensionsv1.CustomResourceDefinitionList{}
	if err := c.List(ctx, crds); err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, crd := range crds.Items {
		if crd.Spec.Group == "primehub.io" {
			names = append(names, crd.Spec.Names.Kind)
		}
	}
	bases, err := fs.Glob(config.Manifests, "crd/bases/*.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if len(names) != len(bases) {
		t.Errorf("primehub.io CRDs installed: %v, want the %d kinds of config/crd/bases", names, len(bases))
	}
	for _, path := range []string{"/healthz", "/readyz"} {
		if body, err := get(s.base + path); err != nil || strings.TrimSpace(body) != "ok" {
			t.Errorf("GET %s = %q, %v", path, body, err)
		}
	}
	if body, err := get(s.metrics + "/metrics"); err != nil || !strings.Contains(body, "go_goroutines") {
		t.Errorf("GET /metrics: %v", err)
	}
	if err := s.stop(); err != nil {
		t.Fatalf("stop: %v", err)
	}
	if _, err := get(s.base + "/healthz"); err == nil {
		t.Error("still serving after stop")
	}

	// A restart on the same cluster finds everything in place and serves again.
	s = startServe(t, ns)
	if err := s.stop(); err != nil {
		t.Fatalf("stop after restart: %v", err)
	}
}

func TestServeRefusesATakenPort(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	err = serve.Run(context.Background(), serve.Options{
		Kubeconfig:  framework.Kubeconfig(),
		Namespace:   "primehub",
		HTTPAddr:    l.Addr().String(),
		MetricsAddr: "0",
		LogFormat:   "console",
	})
	if err == nil || !strings.Contains(err.Error(), "--http-addr") {
		t.Fatalf("serve on a taken port: got %v, want an error naming --http-addr", err)
	}
}

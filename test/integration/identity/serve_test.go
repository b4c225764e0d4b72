// Package identity_test tests the directory, the embedded OpenID issuer and authentication
// together, as `primehub serve` runs them, against the real control plane.
package identity_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"strconv"
	"sync"
	"testing"
	"time"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/primehub/primehub/internal/serve"
	"github.com/primehub/primehub/internal/server"
	"github.com/primehub/primehub/test/framework"
)

func TestMain(m *testing.M) { os.Exit(framework.Run(m)) }

// served is a `primehub serve` running in the test process.
type served struct {
	// notebooks is the notebooks' origin.
	base, notebooks, namespace string
	// logs is everything serve wrote to stderr.
	logs *syncBuffer
}

type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// notebookHost is the notebooks' host: not the console's, so that they share no cookies.
const notebookHost = "127.0.0.2"

// adminPassword is the password the shared serve gives the administrator it creates.
const adminPassword = "admin-password-1"

// captured is everything written to stderr since the first serve started: all serves'
// logs, which share the process's stderr.
var captured *syncBuffer

var shared struct {
	once sync.Once
	s    *served
	err  error
}

// sharedServe is one `primehub serve` for all tests of the package (serve registers
// controllers once per process), in a platform namespace of its own, with its stderr (its
// logs) captured. It runs until the process ends.
func sharedServe(t *testing.T) *served {
	t.Helper()
	shared.once.Do(func() { shared.s, shared.err = startServe(func(*serve.Options) {}) })
	if shared.err != nil {
		t.Fatal(shared.err)
	}
	return shared.s
}

// startServe runs serve, with options changed by configure, until the process ends.
func startServe(configure func(*serve.Options)) (*served, error) {
	ports, err := framework.FreePorts(2)
	if err != nil {
		return nil, err
	}
	ns := &corev1.Namespace{ObjectMeta: metav1.ObjectMeta{GenerateName: "identity-"}}
	if err := framework.Client().Create(context.Background(), ns); err != nil {
		return nil, err
	}
	addr := "127.0.0.1:" + strconv.Itoa(ports[0])
	o := serve.Options{
		Kubeconfig:  framework.Kubeconfig(),
		Namespace:   ns.Name,
		HTTPAddr:    addr,
		MetricsAddr: "0",
		LogFormat:   "json",
		// Short, so the test of slow and idle clients is quick.
		HTTPTimeouts: server.Timeouts{Read: 2 * time.Second, Idle: 2 * time.Second},
		Identity: serve.IdentityOptions{
			Directory:     "builtin",
			ExternalURL:   "http://" + addr,
			OIDCClientID:  "primehub",
			RedirectURIs:  "http://" + addr + "/test/callback",
			KeyRotation:   24 * time.Hour,
			GraphQLSecret: sharedSecret,
			AdminUsername: "phadmin",
			AdminPassword: adminPassword,
			// Tests stand in for clients at many addresses through X-Forwarded-For.
			TrustedProxies: "127.0.0.0/8",
		},
		// Notebooks on an origin of their own: another loopback address.
		Notebook: serve.NotebookOptions{URL: "http://" + notebookHost + ":" + strconv.Itoa(ports[1]), Addr: notebookHost + ":" + strconv.Itoa(ports[1])},
	}
	configure(&o)

	logs := &syncBuffer{}
	if captured == nil {
		r, w, err := os.Pipe()
		if err != nil {
			return nil, err
		}
		captured = &syncBuffer{}
		stderr := os.Stderr
		os.Stderr = w
		go func() { _, _ = io.Copy(io.MultiWriter(captured, stderr), r) }()
	}
	logs = captured

	done := make(chan error, 1)
	go func() { done <- serve.Run(context.Background(), o) }()
	s := &served{base: "http://" + addr, notebooks: o.Notebook.URL, namespace: ns.Name, logs: logs}
	deadline := time.Now().Add(60 * time.Second)
	for {
		select {
		case err := <-done:
			return nil, fmt.Errorf("serve exited early: %w", err)
		default:
		}
		resp, err := http.Get(s.base + "/readyz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return s, nil
			}
		}
		if time.Now().After(deadline) {
			return nil, errors.New("serve not ready within 60s")
		}
		time.Sleep(100 * time.Millisecond)
	}
}

func errorf(format string, args ...any) error { return fmt.Errorf(format, args...) }

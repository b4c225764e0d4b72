// Package framework runs integration tests against a real Kubernetes control plane
// (bin/devcluster with kwok nodes): one cluster per test binary, or a running one named by
// PRIMEHUB_TEST_KUBECONFIG.
package framework

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/go-logr/logr"
	corev1 "k8s.io/api/core/v1"
	apiextensionsv1 "k8s.io/apiextensions-apiserver/pkg/apis/apiextensions/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	clientgoscheme "k8s.io/client-go/kubernetes/scheme"
	"k8s.io/client-go/rest"
	"k8s.io/client-go/tools/clientcmd"
	ctrl "sigs.k8s.io/controller-runtime"
	"sigs.k8s.io/controller-runtime/pkg/client"

	"github.com/primehub/primehub/api/v1beta1"
	"github.com/primehub/primehub/internal/manifest"
	"github.com/primehub/primehub/internal/serve"
)

// KubeconfigEnv names a running cluster's kubeconfig; when set, tests use that cluster
// instead of starting their own.
const KubeconfigEnv = "PRIMEHUB_TEST_KUBECONFIG"

var (
	kubeconfigPath string
	cfg            *rest.Config
	k8sClient      client.Client
	// Scheme knows the built-in kinds, CRDs and PrimeHub's kinds.
	Scheme = runtime.NewScheme()
)

func init() {
	for _, add := range []func(*runtime.Scheme) error{clientgoscheme.AddToScheme, apiextensionsv1.AddToScheme, v1beta1.AddToScheme} {
		if err := add(Scheme); err != nil {
			panic(err)
		}
	}
}

// Run starts (or reuses) the cluster, installs the CRDs, runs the tests and stops the
// cluster it started. Call it from TestMain: os.Exit(framework.Run(m)).
func Run(m *testing.M) int { return RunWithCluster(m) }

// RunWithCluster is Run with more `devcluster up` flags for a cluster it starts, such as
// --cpu-nodes=6 for a load test.
func RunWithCluster(m *testing.M, upArgs ...string) int {
	// Reconcilers log to the logger in their context, which comes from controller-runtime's
	// root logger: set, so that it does not print "log.SetLogger(...) was never called" with
	// a stack trace 30s in. Tests report what they see themselves.
	ctrl.SetLogger(logr.Discard())
	// The platform's parts run in tests as serve runs them, with its collector's target.
	if err := serve.SetGCPercent(serve.DefaultGCPercent); err != nil {
		fmt.Fprintf(os.Stderr, "framework: %v\n", err)
		return 1
	}
	kubeconfig := os.Getenv(KubeconfigEnv)
	if kubeconfig == "" {
		dataDir, err := os.MkdirTemp("", "primehub-test-cluster-")
		if err != nil {
			fmt.Fprintf(os.Stderr, "framework: %v\n", err)
			return 1
		}
		c, err := StartCluster(dataDir, upArgs...)
		if err != nil {
			fmt.Fprintf(os.Stderr, "framework: start cluster: %v\n", err)
			return 1
		}
		defer func() {
			_ = c.Stop()
			_ = os.RemoveAll(dataDir)
		}()
		kubeconfig = c.Kubeconfig
	}
	if err := connect(kubeconfig); err != nil {
		fmt.Fprintf(os.Stderr, "framework: %v\n", err)
		return 1
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	if err := manifest.InstallCRDs(ctx, k8sClient); err != nil {
		fmt.Fprintf(os.Stderr, "framework: install CRDs: %v\n", err)
		return 1
	}
	return m.Run()
}

// Kubeconfig is the path of the test cluster's admin kubeconfig.
func Kubeconfig() string { return kubeconfigPath }

// Config is the admin rest config of the test cluster.
func Config() *rest.Config { return rest.CopyConfig(cfg) }

// Client is an admin client of the test cluster that knows PrimeHub's kinds.
func Client() client.Client { return k8sClient }

// ClientFor is a client with the credentials of kubeconfig, such as another cluster's or
// a ServiceAccount's.
func ClientFor(t testing.TB, kubeconfig string) client.Client {
	t.Helper()
	cfg, err := clientcmd.BuildConfigFromFlags("", kubeconfig)
	if err != nil {
		t.Fatal(err)
	}
	c, err := client.New(cfg, client.Options{Scheme: Scheme})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// NewNamespace creates a namespace of its own for one test and deletes it when the test ends.
func NewNamespace(t testing.TB) string {
	t.Helper()
	ns := &corev1.Namespace{ObjectMeta: metav1.ObjectMeta{GenerateName: "test-"}}
	if err := k8sClient.Create(context.Background(), ns); err != nil {
		t.Fatalf("create namespace: %v", err)
	}
	t.Cleanup(func() {
		if err := k8sClient.Delete(context.Background(), ns); err != nil {
			t.Errorf("delete namespace %s: %v", ns.Name, err)
		}
	})
	// Pods are refused until the controller manager has made the default ServiceAccount.
	Eventually(t, 30*time.Second, func(ctx context.Context) error {
		return k8sClient.Get(ctx, client.ObjectKey{Namespace: ns.Name, Name: "default"}, &corev1.ServiceAccount{})
	})
	return ns.Name
}

func connect(kubeconfig string) error {
	kubeconfigPath = kubeconfig
	var err error
	cfg, err = clientcmd.BuildConfigFromFlags("", kubeconfig)
	if err != nil {
		return fmt.Errorf("load kubeconfig %s: %w", kubeconfig, err)
	}
	// Above serve's 200 requests/s (serve.restConfig), so that client-side throttling
	// never decides a test's or a benchmark's timing; the API server's own limits still apply.
	cfg.QPS, cfg.Burst = 500, 1000
	k8sClient, err = client.New(cfg, client.Options{Scheme: Scheme})
	return err
}

// Cluster is a devcluster run by a test.
type Cluster struct {
	// DataDir holds the cluster's state; Kubeconfig is its admin kubeconfig.
	DataDir, Kubeconfig string
	cmd                 *exec.Cmd
	exited              chan error
}

// StartCluster runs `devcluster up` on dataDir with free ports, and args, and waits until
// it is ready.
func StartCluster(dataDir string, args ...string) (*Cluster, error) {
	devcluster, err := BinPath("devcluster")
	if err != nil {
		return nil, err
	}
	ports, err := FreePorts(5)
	if err != nil {
		return nil, err
	}
	cmd := exec.Command(devcluster, append([]string{"up",
		"--data-dir=" + dataDir,
		"--apiserver-port=" + strconv.Itoa(ports[0]),
		"--etcd-port=" + strconv.Itoa(ports[1]),
		"--etcd-peer-port=" + strconv.Itoa(ports[2]),
		"--controller-manager-port=" + strconv.Itoa(ports[3]),
		"--scheduler-port=" + strconv.Itoa(ports[4]),
		"--pod-cidr=" + podCIDR(),
	}, args...)...)
	cmd.Stderr = os.Stderr
	// The cluster dies with the test binary even if it is killed without cleanup.
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGTERM}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("start devcluster: %w", err)
	}
	c := &Cluster{DataDir: dataDir, Kubeconfig: filepath.Join(dataDir, "kubeconfig"), cmd: cmd, exited: make(chan error, 1)}
	ready := make(chan struct{})
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			if strings.HasPrefix(sc.Text(), "devcluster: ready") {
				close(ready)
				break
			}
		}
		_, _ = io.Copy(io.Discard, stdout)
	}()
	go func() { c.exited <- cmd.Wait() }()
	select {
	case <-ready:
		return c, nil
	case err := <-c.exited:
		return nil, fmt.Errorf("devcluster exited before it was ready: %v (logs in %s/logs)", err, dataDir)
	case <-time.After(3 * time.Minute):
		_ = c.Stop()
		return nil, errors.New("devcluster not ready after 3 minutes")
	}
}

// Stop sends SIGTERM, as Ctrl-C would, and waits for devcluster to exit.
func (c *Cluster) Stop() error {
	_ = c.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case err := <-c.exited:
		return err
	case <-time.After(60 * time.Second):
		_ = c.cmd.Process.Kill()
		<-c.exited
		return errors.New("devcluster did not stop within 60s of SIGTERM")
	}
}

// podCIDR is a /16 of loopback addresses for one cluster's pods. Tests stand servers at pod
// IPs, and test packages run side by side, each with a cluster of its own: each cluster
// draws its own range, so that two never hand out the same address. 127.0.0.0/16 (and
// 127.1, the sandbox's) are left out.
func podCIDR() string {
	return fmt.Sprintf("127.%d.0.0/16", 2+rand.IntN(253))
}

// BinPath is the path of a binary the Makefile builds into bin/.
func BinPath(name string) (string, error) {
	root, err := repoRoot()
	if err != nil {
		return "", err
	}
	p := filepath.Join(root, "bin", name)
	if _, err := os.Stat(p); err != nil {
		return "", fmt.Errorf("%s missing: run `make test` first, which builds it", p)
	}
	return p, nil
}

// repoRoot finds the main module's root above the working directory.
func repoRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if data, err := os.ReadFile(filepath.Join(dir, "go.mod")); err == nil && strings.Contains(string(data), "module github.com/primehub/primehub\n") {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("repository root (go.mod of github.com/primehub/primehub) not found")
		}
		dir = parent
	}
}

// FreePorts returns n TCP ports free on 127.0.0.1 at the time of the call.
func FreePorts(n int) ([]int, error) {
	var ports []int
	var listeners []net.Listener
	defer func() {
		for _, l := range listeners {
			l.Close()
		}
	}()
	for range n {
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			return nil, err
		}
		listeners = append(listeners, l)
		ports = append(ports, l.Addr().(*net.TCPAddr).Port)
	}
	return ports, nil
}

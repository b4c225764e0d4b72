// Package install_test installs the Helm chart into the devcluster with Helm's Go SDK, then
// runs primehub outside the cluster as the chart's ServiceAccount (a TokenRequest token),
// with the Deployment's own arguments, and goes through what an installation must do.
package install_test

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	authenticationv1 "k8s.io/api/authentication/v1"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/client-go/kubernetes"
	"k8s.io/client-go/tools/clientcmd"
	clientcmdapi "k8s.io/client-go/tools/clientcmd/api"
	"k8s.io/utils/ptr"
	"sigs.k8s.io/controller-runtime/pkg/client"

	"github.com/primehub/primehub/test/framework"
)

// primehubBin is primehub built for the tests.
var primehubBin string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "primehub-install-test-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	primehubBin = filepath.Join(dir, "primehub")
	if out, err := exec.Command("go", "build", "-o", primehubBin, "../../../cmd/primehub").CombinedOutput(); err != nil {
		fmt.Fprintf(os.Stderr, "build primehub: %v\n%s", err, out)
		os.Exit(1)
	}
	code := framework.Run(m)
	_ = os.RemoveAll(dir)
	os.Exit(code)
}

// saKubeconfig writes a kubeconfig of the test cluster whose only credential is a token of
// the ServiceAccount, made with a TokenRequest as the kubelet would.
func saKubeconfig(t *testing.T, namespace, name string) string {
	t.Helper()
	cfg := framework.Config()
	cs, err := kubernetes.NewForConfig(cfg)
	if err != nil {
		t.Fatal(err)
	}
	tr, err := cs.CoreV1().ServiceAccounts(namespace).CreateToken(context.Background(), name,
		&authenticationv1.TokenRequest{Spec: authenticationv1.TokenRequestSpec{ExpirationSeconds: ptr.To[int64](3600)}}, metav1.CreateOptions{})
	if err != nil {
		t.Fatalf("TokenRequest for %s/%s: %v", namespace, name, err)
	}
	kc := clientcmdapi.NewConfig()
	kc.Clusters["devcluster"] = &clientcmdapi.Cluster{Server: cfg.Host, CertificateAuthorityData: cfg.CAData, CertificateAuthority: cfg.CAFile}
	kc.AuthInfos["sa"] = &clientcmdapi.AuthInfo{Token: tr.Status.Token}
	kc.Contexts["sa"] = &clientcmdapi.Context{Cluster: "devcluster", AuthInfo: "sa"}
	kc.CurrentContext = "sa"
	path := filepath.Join(t.TempDir(), "sa.kubeconfig")
	if err := clientcmd.WriteToFile(*kc, path); err != nil {
		t.Fatal(err)
	}
	return path
}

// replica is a primehub process run as the Deployment runs it.
type replica struct {
	base, webhookURL string
	cmd              *exec.Cmd
	// done is closed when the process has exited.
	done chan struct{}
}

// startReplica runs primehub with the container's arguments and environment, with what
// only differs outside a cluster: the kubeconfig (the ServiceAccount's token), loopback
// ports, the external URL (the test reaches the replica at its port), and the webhooks
// reached at a URL instead of the Service (the API server has no route to a Service
// here). A flag given again wins. Environment from Secrets is read as the kubelet would,
// and the pod's name is pod's, one of the Deployment's pods this process stands for (""
// for none).
func startReplica(t *testing.T, c corev1.Container, namespace, kubeconfig, pod, logs string) *replica {
	t.Helper()
	ports, err := framework.FreePorts(3)
	if err != nil {
		t.Fatal(err)
	}
	http, metrics, hook := "127.0.0.1:"+strconv.Itoa(ports[0]), "127.0.0.1:"+strconv.Itoa(ports[1]), "127.0.0.1:"+strconv.Itoa(ports[2])
	var args []string
	for _, a := range c.Args {
		if !strings.HasPrefix(a, "--webhook-service=") {
			args = append(args, a)
		}
	}
	args = append(args, "--kubeconfig="+kubeconfig, "--http-addr="+http, "--metrics-addr="+metrics, "--external-url=http://"+http,
		"--webhook-addr="+hook, "--webhook-url=https://"+hook, "--log-format=console")
	env := []string{"PATH=" + os.Getenv("PATH"), "HOME=" + t.TempDir()}
	for _, e := range c.Env {
		switch {
		case e.ValueFrom == nil:
			env = append(env, e.Name+"="+e.Value)
		case e.ValueFrom.SecretKeyRef != nil:
			ref := e.ValueFrom.SecretKeyRef
			s := &corev1.Secret{}
			if err := framework.Client().Get(context.Background(), client.ObjectKey{Namespace: namespace, Name: ref.Name}, s); err != nil {
				t.Fatalf("env %s: %v", e.Name, err)
			}
			env = append(env, e.Name+"="+string(s.Data[ref.Key]))
		case e.ValueFrom.FieldRef != nil && e.ValueFrom.FieldRef.FieldPath == "metadata.name" && pod != "":
			env = append(env, e.Name+"="+pod)
		}
	}
	out, err := os.Create(logs)
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(primehubBin, args...)
	cmd.Env, cmd.Stdout, cmd.Stderr = env, out, out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	r := &replica{base: "http://" + http, webhookURL: "https://" + hook, cmd: cmd, done: make(chan struct{})}
	go func() { _ = cmd.Wait(); out.Close(); close(r.done) }()
	t.Cleanup(r.kill)
	framework.Eventually(t, 90*time.Second, func(context.Context) error {
		select {
		case <-r.done:
			log, _ := os.ReadFile(logs)
			t.Fatalf("primehub exited: %s\n%s", cmd.ProcessState, log)
		default:
		}
		_, err := get(r.base + "/readyz")
		return err
	})
	return r
}

// kill stops the replica at once, as a node failure would (no Lease released).
func (r *replica) kill() {
	_ = r.cmd.Process.Kill()
	select {
	case <-r.done:
	case <-time.After(10 * time.Second):
	}
}

// stop ends the replica as Kubernetes does (SIGTERM): it hands leadership over.
func (r *replica) stop(t *testing.T) {
	t.Helper()
	_ = r.cmd.Process.Signal(os.Interrupt)
	select {
	case <-r.done:
	case <-time.After(30 * time.Second):
		t.Fatal("primehub did not stop within 30s")
	}
}

// Package devcluster_test checks `devcluster up` as a person runs it: state kept across
// restarts, a clean stop with no processes left behind, and clear errors on bad set-ups.
package devcluster_test

import (
	"bytes"
	"context"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"sigs.k8s.io/controller-runtime/pkg/client"

	"github.com/primehub/primehub/test/framework"
)

func TestStateSurvivesRestartAndStopLeavesNoProcesses(t *testing.T) {
	dataDir := t.TempDir()
	c, err := framework.StartCluster(dataDir)
	if err != nil {
		t.Fatal(err)
	}
	cm := &corev1.ConfigMap{
		ObjectMeta: metav1.ObjectMeta{Namespace: "default", Name: "kept"},
		Data:       map[string]string{"answer": "42"},
	}
	if err := framework.ClientFor(t, c.Kubeconfig).Create(context.Background(), cm); err != nil {
		t.Fatal(err)
	}
	if err := c.Stop(); err != nil {
		t.Fatalf("stop: %v", err)
	}
	if procs := processesUsing(dataDir); len(procs) > 0 {
		t.Fatalf("processes left running after stop: %v", procs)
	}

	c, err = framework.StartCluster(dataDir)
	if err != nil {
		t.Fatalf("restart on the same data dir: %v", err)
	}
	defer c.Stop()
	got := &corev1.ConfigMap{}
	if err := framework.ClientFor(t, c.Kubeconfig).Get(context.Background(), client.ObjectKeyFromObject(cm), got); err != nil {
		t.Fatalf("configmap after restart: %v", err)
	}
	if got.Data["answer"] != "42" {
		t.Errorf("configmap data after restart = %v", got.Data)
	}
}

func TestUpRefusesATakenPort(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	port := strconv.Itoa(l.Addr().(*net.TCPAddr).Port)
	out, err := runUp(t, "--data-dir="+t.TempDir(), "--apiserver-port="+port)
	if err == nil {
		t.Fatal("devcluster up succeeded on a taken port")
	}
	if want := "port " + port + " for kube-apiserver (--apiserver-port) is already in use"; !strings.Contains(out, want) {
		t.Errorf("output %q does not say %q", out, want)
	}
}

func TestUpRefusesAnUnusableDataDir(t *testing.T) {
	file := filepath.Join(t.TempDir(), "not-a-dir")
	if err := os.WriteFile(file, []byte("x"), 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := runUp(t, "--data-dir="+file)
	if err == nil {
		t.Fatal("devcluster up succeeded with a file as data dir")
	}
	if !strings.Contains(out, file+" is not a directory") {
		t.Errorf("output %q does not name the bad data dir", out)
	}
}

func TestUpRefusesADataDirInUse(t *testing.T) {
	dataDir := t.TempDir()
	c, err := framework.StartCluster(dataDir)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Stop()
	out, err := runUp(t, "--data-dir="+dataDir, "--apiserver-port=0")
	if err == nil {
		t.Fatal("a second devcluster started on a data dir in use")
	}
	if !strings.Contains(out, "is in use by another devcluster") {
		t.Errorf("output %q does not say the data dir is in use", out)
	}
}

func runUp(t *testing.T, args ...string) (string, error) {
	t.Helper()
	bin, err := framework.BinPath("devcluster")
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	cmd := exec.Command(bin, append([]string{"up"}, args...)...)
	cmd.Stdout, cmd.Stderr = &out, &out
	err = cmd.Run()
	return out.String(), err
}

// processesUsing lists the command lines of running processes that mention dir.
func processesUsing(dir string) []string {
	var found []string
	entries, _ := os.ReadDir("/proc")
	for _, e := range entries {
		if _, err := strconv.Atoi(e.Name()); err != nil {
			continue
		}
		cmdline, err := os.ReadFile(filepath.Join("/proc", e.Name(), "cmdline"))
		if err != nil {
			continue
		}
		if bytes.Contains(cmdline, []byte(dir)) {
			found = append(found, strings.ReplaceAll(string(cmdline), "\x00", " "))
		}
	}
	return found
}

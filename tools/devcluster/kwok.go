package main

import (
	"embed"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
)

// stageFiles are kwok's lifecycle Stages for nodes and pods; kwok runs nothing without them.
//
//go:embed stages/*.yaml
var stageFiles embed.FS

// podLogs stands in for the logs of every pod, in the CRI log format kwok reads: simulated
// pods run no container, yet the API server's pods/log reaches kwok's kubelet server.
const podLogs = `2024-01-01T00:00:00.000000000Z stdout F simulated by kwok: this pod runs no container
2024-01-01T00:00:01.000000000Z stdout F line 2
2024-01-01T00:00:02.000000000Z stdout F line 3
`

// logsConfig serves podLogs (at logsFile) for every container of every pod.
const logsConfig = `apiVersion: kwok.x-k8s.io/v1alpha1
kind: ClusterLogs
metadata:
  name: all-pods
spec:
  logs:
  - logsFile: %s
`

// writeKwokConfig copies the embedded stages into DIR/kwok, with the logs configuration,
// so kwok can read them with -c.
func writeKwokConfig(dataDir string) ([]string, error) {
	paths, err := writeStages(dataDir)
	if err != nil {
		return nil, err
	}
	dir := filepath.Join(dataDir, "kwok")
	logsFile := filepath.Join(dir, "pod.log")
	if err := os.WriteFile(logsFile, []byte(podLogs), 0o644); err != nil {
		return nil, fmt.Errorf("write pod logs: %w", err)
	}
	p := filepath.Join(dir, "logs.yaml")
	if err := os.WriteFile(p, []byte(fmt.Sprintf(logsConfig, strconv.Quote(logsFile))), 0o644); err != nil {
		return nil, fmt.Errorf("write kwok logs configuration: %w", err)
	}
	return append(paths, p), nil
}

// writeStages copies the embedded stages into DIR/kwok.
func writeStages(dataDir string) ([]string, error) {
	dir := filepath.Join(dataDir, "kwok")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	entries, err := stageFiles.ReadDir("stages")
	if err != nil {
		return nil, err
	}
	var paths []string
	for _, e := range entries {
		data, err := stageFiles.ReadFile("stages/" + e.Name())
		if err != nil {
			return nil, err
		}
		p := filepath.Join(dir, e.Name())
		if err := os.WriteFile(p, data, 0o644); err != nil {
			return nil, fmt.Errorf("write kwok stage %s: %w", p, err)
		}
		paths = append(paths, p)
	}
	return paths, nil
}

// kwokFlags runs kwok with its kubelet server on port, which its nodes advertise (NodePort
// in stages/node.yaml). Without certificate files it serves a self-signed one, which the
// API server, given no kubelet CA, does not check.
func kwokFlags(cfg upConfig, kubeconfig string, port int, configs []string) []string {
	args := []string{
		"--server-address=127.0.0.1:" + strconv.Itoa(port),
		"--node-port=" + strconv.Itoa(port),
		"--kubeconfig=" + kubeconfig,
		"--manage-all-nodes=false",
		"--manage-nodes-with-annotation-selector=" + kwokAnnotation + "=fake",
		"--cidr=" + cfg.podCIDR,
		"--node-ip=127.0.0.1",
		"--node-lease-duration-seconds=40",
		"--v=WARN",
	}
	for _, c := range configs {
		args = append(args, "-c", c)
	}
	return args
}

// freePort is a TCP port free on 127.0.0.1 at the time of the call.
func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

// findKwok resolves the kwok binary: the flag, else beside this binary, else PATH.
// "none" runs the control plane without nodes.
func findKwok(flagValue string) (string, error) {
	switch flagValue {
	case "none":
		return "", nil
	case "":
	default:
		if _, err := os.Stat(flagValue); err != nil {
			return "", fmt.Errorf("--kwok %s: %w", flagValue, err)
		}
		return flagValue, nil
	}
	if self, err := os.Executable(); err == nil {
		beside := filepath.Join(filepath.Dir(self), "kwok")
		if _, err := os.Stat(beside); err == nil {
			return beside, nil
		}
	}
	if p, err := exec.LookPath("kwok"); err == nil {
		return p, nil
	}
	return "", fmt.Errorf("kwok not found beside devcluster or on PATH: install it (go install sigs.k8s.io/kwok/cmd/kwok@v0.8.0) or pass --kwok=none")
}

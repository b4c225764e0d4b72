package main

import (
	"embed"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
)

// stageFiles are kwok's lifecycle Stages for nodes and pods; kwok runs nothing without them.
//
//go:embed stages/*.yaml
var stageFiles embed.FS

// writeStages copies the embedded stages into DIR/kwok so kwok can read them with -c.
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

func kwokFlags(cfg upConfig, kubeconfig string, stages []string) []string {
	args := []string{
		"--kubeconfig=" + kubeconfig,
		"--manage-all-nodes=false",
		"--manage-nodes-with-annotation-selector=" + kwokAnnotation + "=fake",
		"--cidr=" + cfg.podCIDR,
		"--node-ip=127.0.0.1",
		"--node-lease-duration-seconds=40",
		"--v=WARN",
	}
	for _, s := range stages {
		args = append(args, "-c", s)
	}
	return args
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

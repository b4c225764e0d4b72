package main

import (
	"archive/tar"
	"bufio"
	"crypto/x509"
	"debug/elf"
	"encoding/json"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"

	v1 "github.com/google/go-containerregistry/pkg/v1"
	"github.com/google/go-containerregistry/pkg/v1/layout"
	"github.com/google/go-containerregistry/pkg/v1/mutate"
	"github.com/google/go-containerregistry/pkg/v1/types"
)

// TestImage builds the image from a static primehub, reads it back from its OCI layout,
// checks its config and runs `primehub version` inside its file system.
func TestImage(t *testing.T) {
	dir := t.TempDir()
	bin := filepath.Join(dir, "primehub")
	build := exec.Command("go", "build", "-trimpath", "-o", bin,
		"-ldflags", "-X github.com/primehub/primehub/internal/version.Version=v9.9.9-test", "../../cmd/primehub")
	build.Env = append(os.Environ(), "CGO_ENABLED=0", "GOOS=linux")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	created := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	img, err := Build(Options{Binary: bin, CACertificates: "/etc/ssl/certs/ca-certificates.crt", Arch: runtime.GOARCH,
		Version: "v9.9.9-test", Revision: "abc123", Created: created, Source: "https://example.com/primehub"})
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "image")
	if err := WriteLayout(out, img, "v9.9.9-test"); err != nil {
		t.Fatal(err)
	}
	img = readLayout(t, out)

	if mt, err := img.MediaType(); err != nil || mt != types.OCIManifestSchema1 {
		t.Errorf("manifest media type = %q, %v; want %q", mt, err, types.OCIManifestSchema1)
	}
	cf, err := img.ConfigFile()
	if err != nil {
		t.Fatal(err)
	}
	c := cf.Config
	if cf.OS != "linux" || cf.Architecture != runtime.GOARCH {
		t.Errorf("platform = %s/%s", cf.OS, cf.Architecture)
	}
	if strings.Join(c.Entrypoint, " ") != BinaryPath || strings.Join(c.Cmd, " ") != "serve" {
		t.Errorf("entrypoint %q, cmd %q; want [%s] [serve]", c.Entrypoint, c.Cmd, BinaryPath)
	}
	for k, want := range map[string]string{
		"org.opencontainers.image.title": "primehub", "org.opencontainers.image.version": "v9.9.9-test",
		"org.opencontainers.image.revision": "abc123", "org.opencontainers.image.created": "2026-01-02T03:04:05Z",
		"org.opencontainers.image.source": "https://example.com/primehub",
	} {
		if c.Labels[k] != want {
			t.Errorf("label %s = %q, want %q", k, c.Labels[k], want)
		}
	}

	root := extract(t, img, filepath.Join(dir, "rootfs"))
	uid, gid := userIDs(t, c.User)
	if uid == 0 {
		t.Errorf("user %q is root", c.User)
	}
	passwd, err := os.ReadFile(filepath.Join(root, "etc/passwd"))
	if err != nil || !strings.Contains(string(passwd), "primehub:x:"+c.User+":") {
		t.Errorf("/etc/passwd has no primehub entry for %s: %v\n%s", c.User, err, passwd)
	}
	pem, err := os.ReadFile(filepath.Join(root, CAPath[1:]))
	if err != nil || !x509.NewCertPool().AppendCertsFromPEM(pem) {
		t.Errorf("%s holds no certificates: %v", CAPath, err)
	}
	assertStatic(t, filepath.Join(root, BinaryPath[1:]))

	// Inside the image's file system, as its user: nothing from the host (no libc) is there.
	cmd := exec.Command(BinaryPath, "version")
	cmd.Env = c.Env
	if os.Geteuid() == 0 {
		cmd.SysProcAttr = &syscall.SysProcAttr{Chroot: root, Credential: &syscall.Credential{Uid: uid, Gid: gid}}
	} else {
		t.Log("not root: running the binary outside a chroot")
		cmd.Path = filepath.Join(root, BinaryPath[1:])
	}
	got, err := cmd.CombinedOutput()
	if err != nil || !strings.Contains(string(got), "primehub v9.9.9-test") {
		t.Fatalf("primehub version in the image = %q, %v", got, err)
	}
}

// TestDockerfileInStep: the Dockerfile's final stage runs the same entrypoint, command
// and user as the image `make image` builds.
func TestDockerfileInStep(t *testing.T) {
	dir := t.TempDir()
	bin := filepath.Join(dir, "primehub")
	if err := os.WriteFile(bin, []byte("not a binary"), 0o755); err != nil {
		t.Fatal(err)
	}
	img, err := Build(Options{Binary: bin, CACertificates: "/etc/ssl/certs/ca-certificates.crt", Arch: runtime.GOARCH})
	if err != nil {
		t.Fatal(err)
	}
	cf, err := img.ConfigFile()
	if err != nil {
		t.Fatal(err)
	}
	df := finalStage(t, "../../Dockerfile")
	var entrypoint, cmd []string
	if err := json.Unmarshal([]byte(df["ENTRYPOINT"]), &entrypoint); err != nil {
		t.Fatalf("Dockerfile ENTRYPOINT %q is not in exec form: %v", df["ENTRYPOINT"], err)
	}
	if err := json.Unmarshal([]byte(df["CMD"]), &cmd); err != nil {
		t.Fatalf("Dockerfile CMD %q is not in exec form: %v", df["CMD"], err)
	}
	if strings.Join(entrypoint, " ") != strings.Join(cf.Config.Entrypoint, " ") || strings.Join(cmd, " ") != strings.Join(cf.Config.Cmd, " ") {
		t.Errorf("Dockerfile ENTRYPOINT %q CMD %q, image %q %q", entrypoint, cmd, cf.Config.Entrypoint, cf.Config.Cmd)
	}
	if df["USER"] != cf.Config.User {
		t.Errorf("Dockerfile USER %q, image %q", df["USER"], cf.Config.User)
	}
}

// finalStage reads the instructions of the Dockerfile's last stage, the last of each kind.
func finalStage(t *testing.T, path string) map[string]string {
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var stage map[string]string
	s := bufio.NewScanner(f)
	for s.Scan() {
		line := strings.TrimSpace(s.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		word, rest, _ := strings.Cut(line, " ")
		word = strings.ToUpper(word)
		if word == "FROM" {
			stage = map[string]string{}
		}
		if stage != nil {
			stage[word] = strings.TrimSpace(rest)
		}
	}
	if stage == nil {
		t.Fatalf("%s has no FROM", path)
	}
	return stage
}

func readLayout(t *testing.T, dir string) v1.Image {
	p, err := layout.FromPath(dir)
	if err != nil {
		t.Fatal(err)
	}
	idx, err := p.ImageIndex()
	if err != nil {
		t.Fatal(err)
	}
	m, err := idx.IndexManifest()
	if err != nil {
		t.Fatal(err)
	}
	if len(m.Manifests) != 1 || m.Manifests[0].Annotations["org.opencontainers.image.ref.name"] != "v9.9.9-test" {
		t.Fatalf("index manifests = %+v, want one tagged v9.9.9-test", m.Manifests)
	}
	img, err := idx.Image(m.Manifests[0].Digest)
	if err != nil {
		t.Fatal(err)
	}
	return img
}

// extract writes the image's flattened file system under dir.
func extract(t *testing.T, img v1.Image, dir string) string {
	r := mutate.Extract(img)
	defer r.Close()
	tr := tar.NewReader(r)
	for {
		h, err := tr.Next()
		if errors.Is(err, io.EOF) {
			return dir
		}
		if err != nil {
			t.Fatal(err)
		}
		path := filepath.Join(dir, h.Name)
		switch h.Typeflag {
		case tar.TypeDir:
			err = os.MkdirAll(path, 0o755)
		case tar.TypeReg:
			var data []byte
			if data, err = io.ReadAll(tr); err == nil {
				err = os.WriteFile(path, data, os.FileMode(h.Mode).Perm())
			}
		default:
			t.Fatalf("unexpected entry %s of type %c", h.Name, h.Typeflag)
		}
		if err != nil {
			t.Fatal(err)
		}
		if err := os.Chown(path, h.Uid, h.Gid); err != nil && os.Geteuid() == 0 {
			t.Fatal(err)
		}
	}
}

func userIDs(t *testing.T, user string) (uint32, uint32) {
	var uid, gid uint32
	u, g, ok := strings.Cut(user, ":")
	if !ok || json.Unmarshal([]byte(u), &uid) != nil || json.Unmarshal([]byte(g), &gid) != nil {
		t.Fatalf("image user %q is not numeric uid:gid", user)
	}
	return uid, gid
}

// assertStatic: the binary asks for no dynamic loader and no shared library.
func assertStatic(t *testing.T, path string) {
	f, err := elf.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for _, p := range f.Progs {
		if p.Type == elf.PT_INTERP {
			t.Errorf("%s is dynamically linked", path)
		}
	}
	if libs, _ := f.ImportedLibraries(); len(libs) > 0 {
		t.Errorf("%s needs %v", path, libs)
	}
}

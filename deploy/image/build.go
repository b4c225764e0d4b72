package main

import (
	"archive/tar"
	"bytes"
	"embed"
	"fmt"
	"io"
	"io/fs"
	"os"
	"time"

	v1 "github.com/google/go-containerregistry/pkg/v1"
	"github.com/google/go-containerregistry/pkg/v1/empty"
	"github.com/google/go-containerregistry/pkg/v1/mutate"
	"github.com/google/go-containerregistry/pkg/v1/tarball"
	"github.com/google/go-containerregistry/pkg/v1/types"
)

// The image's layout, which the Dockerfile at the repository's root repeats (its test
// compares the two).
const (
	BinaryPath = "/usr/local/bin/primehub"
	CAPath     = "/etc/ssl/certs/ca-certificates.crt"
	// User is primehub's numeric UID and GID, as rootfs/etc/passwd names them: numeric,
	// so the kubelet can check runAsNonRoot without reading the image's passwd.
	User    = "65532:65532"
	uid     = 65532
	HomeDir = "/home/primehub"
)

// rootfs holds the files the image has beside the binary and the CA certificates.
//
//go:embed rootfs
var rootfs embed.FS

// Options say what goes into the image.
type Options struct {
	// Binary is the statically linked primehub for linux.
	Binary string
	// CACertificates is a PEM bundle of the roots TLS clients trust.
	CACertificates string
	// Arch is the binary's GOARCH.
	Arch string
	// Version and Revision label the image; Created dates it and every file in it, so
	// the same inputs make the same image.
	Version, Revision string
	Created           time.Time
	// Source is the project's repository URL, for org.opencontainers.image.source.
	Source string
}

// Build makes the image: one layer on an empty image, with OCI media types.
func Build(o Options) (v1.Image, error) {
	layer, err := rootLayer(o)
	if err != nil {
		return nil, err
	}
	img, err := mutate.AppendLayers(mutate.MediaType(empty.Image, types.OCIManifestSchema1), layer)
	if err != nil {
		return nil, fmt.Errorf("append layer: %w", err)
	}
	img = mutate.ConfigMediaType(img, types.OCIConfigJSON)
	cf, err := img.ConfigFile()
	if err != nil {
		return nil, err
	}
	cf = cf.DeepCopy()
	cf.OS, cf.Architecture = "linux", o.Arch
	cf.Created = v1.Time{Time: o.Created}
	cf.Config = v1.Config{
		Entrypoint: []string{BinaryPath},
		Cmd:        []string{"serve"},
		User:       User,
		WorkingDir: HomeDir,
		Env:        []string{"PATH=/usr/local/bin", "HOME=" + HomeDir},
		ExposedPorts: map[string]struct{}{
			"8080/tcp": {}, "8081/tcp": {}, "9443/tcp": {},
		},
		Labels: labels(o),
	}
	if img, err = mutate.ConfigFile(img, cf); err != nil {
		return nil, fmt.Errorf("image config: %w", err)
	}
	return img, nil
}

// labels are the OCI annotations of the image's config.
func labels(o Options) map[string]string {
	return map[string]string{
		"org.opencontainers.image.title":       "primehub",
		"org.opencontainers.image.description": "PrimeHub: a multi-user machine-learning platform on Kubernetes",
		"org.opencontainers.image.version":     o.Version,
		"org.opencontainers.image.revision":    o.Revision,
		"org.opencontainers.image.created":     o.Created.UTC().Format(time.RFC3339),
		"org.opencontainers.image.source":      o.Source,
	}
}

// rootLayer is the image's whole file system: rootfs, the CA certificates, the binary,
// a home and /tmp.
func rootLayer(o Options) (v1.Layer, error) {
	var buf bytes.Buffer
	tw := tar.NewWriter(&buf)
	w := layerWriter{tw: tw, mtime: o.Created}
	for _, d := range []string{"etc", "etc/ssl", "etc/ssl/certs", "home", "usr", "usr/local", "usr/local/bin"} {
		w.dir(d, 0o755, 0)
	}
	w.dir(HomeDir[1:], 0o700, uid)
	w.dir("tmp", 0o1777, 0)
	err := fs.WalkDir(rootfs, "rootfs", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := rootfs.ReadFile(path)
		if err != nil {
			return err
		}
		w.file(path[len("rootfs/"):], 0o644, data)
		return nil
	})
	if err != nil {
		return nil, err
	}
	ca, err := os.ReadFile(o.CACertificates)
	if err != nil {
		return nil, fmt.Errorf("CA certificates (Debian's ca-certificates package has them): %w", err)
	}
	w.file(CAPath[1:], 0o644, ca)
	bin, err := os.ReadFile(o.Binary)
	if err != nil {
		return nil, fmt.Errorf("primehub binary: %w", err)
	}
	w.file(BinaryPath[1:], 0o755, bin)
	if w.err != nil {
		return nil, fmt.Errorf("write layer: %w", w.err)
	}
	if err := tw.Close(); err != nil {
		return nil, fmt.Errorf("write layer: %w", err)
	}
	data := buf.Bytes()
	return tarball.LayerFromOpener(func() (io.ReadCloser, error) {
		return io.NopCloser(bytes.NewReader(data)), nil
	}, tarball.WithMediaType(types.OCILayer))
}

// layerWriter writes tar entries with one owner and time, keeping the first error.
type layerWriter struct {
	tw    *tar.Writer
	mtime time.Time
	err   error
}

func (w *layerWriter) dir(name string, mode int64, owner int) {
	w.header(&tar.Header{Typeflag: tar.TypeDir, Name: name + "/", Mode: mode, Uid: owner, Gid: owner})
}

func (w *layerWriter) file(name string, mode int64, data []byte) {
	w.header(&tar.Header{Typeflag: tar.TypeReg, Name: name, Mode: mode, Size: int64(len(data))})
	if w.err == nil {
		_, w.err = w.tw.Write(data)
	}
}

func (w *layerWriter) header(h *tar.Header) {
	if w.err != nil {
		return
	}
	h.ModTime = w.mtime
	h.Format = tar.FormatPAX
	w.err = w.tw.WriteHeader(h)
}

// Command image builds primehub's container image without Docker (`make image`): the
// static binary, CA certificates and a non-root user on an empty image, written as an
// OCI image layout, which skopeo, crane, podman and containerd can push or load.
package main

import (
	"flag"
	"fmt"
	"os"
	"runtime"
	"time"

	v1 "github.com/google/go-containerregistry/pkg/v1"
	"github.com/google/go-containerregistry/pkg/v1/empty"
	"github.com/google/go-containerregistry/pkg/v1/layout"
)

func main() {
	o := Options{}
	var out, created string
	flag.StringVar(&o.Binary, "binary", "bin/linux/primehub", "the statically linked primehub (CGO_ENABLED=0 GOOS=linux)")
	flag.StringVar(&o.CACertificates, "ca-certificates", "/etc/ssl/certs/ca-certificates.crt", "PEM bundle of trusted roots")
	flag.StringVar(&o.Arch, "arch", runtime.GOARCH, "the binary's GOARCH")
	flag.StringVar(&o.Version, "version", "dev", "org.opencontainers.image.version")
	flag.StringVar(&o.Revision, "revision", "unknown", "org.opencontainers.image.revision: the git commit")
	flag.StringVar(&o.Source, "source", "https://github.com/primehub/primehub", "org.opencontainers.image.source")
	flag.StringVar(&created, "created", "", "RFC 3339 time the image and its files are dated (default: the Unix epoch, for reproducible images)")
	flag.StringVar(&out, "out", "bin/image", "directory of the OCI image layout to write (replaced)")
	flag.Parse()
	if err := run(o, created, out); err != nil {
		fmt.Fprintf(os.Stderr, "image: %v\n", err)
		os.Exit(1)
	}
}

func run(o Options, created, out string) error {
	o.Created = time.Unix(0, 0).UTC()
	if created != "" {
		t, err := time.Parse(time.RFC3339, created)
		if err != nil {
			return fmt.Errorf("-created: %w", err)
		}
		o.Created = t.UTC()
	}
	img, err := Build(o)
	if err != nil {
		return err
	}
	if err := WriteLayout(out, img, o.Version); err != nil {
		return err
	}
	digest, err := img.Digest()
	if err != nil {
		return err
	}
	fmt.Printf("wrote %s (%s)\n", out, digest)
	return nil
}

// WriteLayout replaces dir with an OCI image layout holding img, tagged tag
// (org.opencontainers.image.ref.name, as skopeo's oci:dir:tag reads it).
func WriteLayout(dir string, img v1.Image, tag string) error {
	if err := os.RemoveAll(dir); err != nil {
		return err
	}
	p, err := layout.Write(dir, empty.Index)
	if err != nil {
		return fmt.Errorf("write image layout %s: %w", dir, err)
	}
	if err := p.AppendImage(img, layout.WithAnnotations(map[string]string{"org.opencontainers.image.ref.name": tag})); err != nil {
		return fmt.Errorf("write image to %s: %w", dir, err)
	}
	return nil
}

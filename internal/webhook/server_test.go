package webhook

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/primehub/primehub/internal/webhook/certs"
)

func TestLoadClientCAs(t *testing.T) {
	dir := t.TempDir()
	cm := &certs.Manager{Dir: dir, Hosts: []string{"127.0.0.1"}, CAValidity: time.Hour, CertValidity: time.Hour}
	if _, err := cm.Ensure(); err != nil {
		t.Fatal(err)
	}
	notPEM := filepath.Join(dir, "not-pem")
	if err := os.WriteFile(notPEM, []byte("hello"), 0o600); err != nil {
		t.Fatal(err)
	}
	if pool, err := loadClientCAs(""); pool != nil || err != nil {
		t.Errorf("no file: got %v, %v; want no pool (any caller) and no error", pool, err)
	}
	if pool, err := loadClientCAs(filepath.Join(dir, certs.CAFile)); pool == nil || err != nil {
		t.Errorf("a CA: got %v, %v; want its pool", pool, err)
	}
	for file, want := range map[string]string{
		filepath.Join(dir, "missing"): "--webhook-client-ca: open",
		notPEM:                        "no PEM certificate in it",
	} {
		if _, err := loadClientCAs(file); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: got %v, want an error containing %q", file, err, want)
		}
	}
}

package serve

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/go-logr/logr"

	"github.com/primehub/primehub/internal/server"
)

func TestSetupTLS(t *testing.T) {
	newServer := func(t *testing.T) *server.Server {
		srv, err := server.New("127.0.0.1:0", logr.Discard())
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(srv.Close)
		return srv
	}

	t.Run("off without a directory", func(t *testing.T) {
		if err := setupTLS(context.Background(), Options{HTTPAddr: "127.0.0.1:0"}, newServer(t), logr.Discard()); err != nil {
			t.Fatal(err)
		}
	})

	t.Run("needs an https external URL", func(t *testing.T) {
		o := Options{HTTPAddr: "127.0.0.1:8080", TLSCertDir: t.TempDir(),
			Identity: IdentityOptions{ExternalURL: "http://127.0.0.1:8080"}}
		err := setupTLS(context.Background(), o, newServer(t), logr.Discard())
		if err == nil || !strings.Contains(err.Error(), "--external-url must be an https URL") {
			t.Fatalf("got %v", err)
		}
	})

	t.Run("serves HTTPS for the external host, trusted through ca.crt, the same across restarts", func(t *testing.T) {
		dir := t.TempDir()
		var firstCA []byte
		for run := range 2 {
			srv := newServer(t)
			o := Options{HTTPAddr: srv.Addr().String(), TLSCertDir: dir,
				Identity: IdentityOptions{ExternalURL: "https://" + srv.Addr().String()}}
			ctx, cancel := context.WithCancel(context.Background())
			if err := setupTLS(ctx, o, srv, logr.Discard()); err != nil {
				t.Fatal(err)
			}
			done := make(chan error, 1)
			go func() { done <- srv.Start(ctx) }()

			ca, err := os.ReadFile(filepath.Join(dir, "ca.crt"))
			if err != nil {
				t.Fatal(err)
			}
			if run == 0 {
				firstCA = ca
			} else if string(ca) != string(firstCA) {
				t.Error("a restart made a new CA")
			}
			pool := x509.NewCertPool()
			pool.AppendCertsFromPEM(ca)
			c := &http.Client{Timeout: 5 * time.Second, Transport: &http.Transport{TLSClientConfig: &tls.Config{RootCAs: pool}}}
			resp, err := c.Get("https://" + srv.Addr().String() + "/healthz")
			if err != nil {
				t.Fatal(err)
			}
			body, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode != http.StatusOK || resp.Proto != "HTTP/1.1" {
				t.Errorf("healthz over HTTPS: %s %s %q", resp.Proto, resp.Status, body)
			}
			cancel()
			if err := <-done; err != nil {
				t.Fatal(err)
			}
		}
	})
}

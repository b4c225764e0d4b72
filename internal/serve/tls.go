package serve

import (
	"context"
	"fmt"
	"net/url"
	"path/filepath"
	"time"

	"github.com/go-logr/logr"

	"github.com/primehub/primehub/internal/server"
	"github.com/primehub/primehub/internal/webhook/certs"
)

// The HTTP port's certificates: a CA of their own, like the webhooks', that clients trust
// through <tls-cert-dir>/ca.crt.
const (
	httpCAValidity    = 5 * 365 * 24 * time.Hour
	httpCertValidity  = 90 * 24 * time.Hour
	httpRenewInterval = time.Hour
)

// setupTLS makes the HTTP port serve HTTPS with --tls-cert-dir's certificate for the
// external URL's host and the notebooks' and applications', creating the CA and the certificate on first use and renewing the
// certificate while serving. It does nothing without --tls-cert-dir.
//
// This is how the embedded issuer gets the https URL that kube-apiserver requires of a
// JWT issuer it trusts (its AuthenticationConfiguration names ca.crt), so that
// `kubectl --token <id_token>` acts as the user.
func setupTLS(ctx context.Context, o Options, srv *server.Server, log logr.Logger) error {
	if o.TLSCertDir == "" {
		return nil
	}
	external := o.Identity.withDefaults(o.HTTPAddr).ExternalURL
	u, err := url.Parse(external)
	if err != nil || u.Scheme != "https" || u.Hostname() == "" {
		return fmt.Errorf("--tls-cert-dir serves HTTPS: --external-url must be an https URL, not %q", external)
	}
	hosts := []string{u.Hostname()}
	for _, origin := range []string{o.Notebook.URL, o.App.URL} {
		// The notebooks' and applications' origins, served by the same listeners.
		if u, err := url.Parse(origin); err == nil && u.Hostname() != "" {
			hosts = append(hosts, u.Hostname())
		}
	}
	cm := &certs.Manager{Dir: o.TLSCertDir, Hosts: hosts, CAValidity: httpCAValidity, CertValidity: httpCertValidity}
	if _, err := cm.Ensure(); err != nil {
		return fmt.Errorf("--tls-cert-dir: %w", err)
	}
	cm.Activate()
	srv.ServeTLS(cm.GetCertificate)
	log.Info("HTTPS certificate ready", "hosts", hosts, "ca", filepath.Join(cm.Dir, certs.CAFile))
	go func() {
		for {
			select {
			case <-ctx.Done():
				return
			case <-time.After(httpRenewInterval):
			}
			// A renewed certificate is signed by the same CA, which clients already
			// trust, so it is served at once; a renewed CA (after years) needs clients
			// to read ca.crt again.
			if changed, err := cm.Ensure(); err != nil {
				log.Error(err, "renew the HTTPS certificate")
			} else {
				cm.Activate()
				if changed {
					log.Info("HTTPS certificate renewed")
				}
			}
		}
	}()
	return nil
}

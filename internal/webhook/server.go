// Package webhook runs PrimeHub's admission webhooks in `primehub serve`: a TLS server
// (controller-runtime's) with certificates of its own (package certs), the pod webhooks
// (podquota, pvccheck, imageprefix) and their MutatingWebhookConfiguration, kept current
// with server-side apply as certificates rotate.
//
// Replicas: quota admission is exact only if one ledger sees every admission, so it is
// routed to the elected leader. Only the leader publishes the webhook configuration, and
// the quota webhook of any other replica refuses to decide (the API server's client gets
// a "try again" denial rather than an unchecked pod). In a cluster the leader labels its
// pod (LabelLeader) and the webhook Service selects that label; see docs/webhooks.md.
package webhook

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"net"
	"net/url"
	"strconv"
	"sync/atomic"
	"time"

	"github.com/go-logr/logr"
	authenticationv1 "k8s.io/api/authentication/v1"
	corev1 "k8s.io/api/core/v1"
	toolscache "k8s.io/client-go/tools/cache"
	"sigs.k8s.io/controller-runtime/pkg/manager"
	crwebhook "sigs.k8s.io/controller-runtime/pkg/webhook"
	"sigs.k8s.io/controller-runtime/pkg/webhook/admission"

	"github.com/primehub/primehub/internal/quota"
	"github.com/primehub/primehub/internal/webhook/certs"
	"github.com/primehub/primehub/internal/webhook/imageprefix"
	"github.com/primehub/primehub/internal/webhook/podquota"
	profilecheck "github.com/primehub/primehub/internal/webhook/profile"
	"github.com/primehub/primehub/internal/webhook/pvccheck"
)

// Config configures the webhooks.
type Config struct {
	// Addr is the server's listen address, such as :9443.
	Addr string
	// URL is how the API server reaches the server from outside the cluster (the local
	// sandbox: https://127.0.0.1:9443); Service, in Namespace, how it does in a cluster.
	// Exactly one is set.
	URL, Service string
	// Namespace is the platform namespace: it holds the Service and is labelled for the
	// quota and image webhooks.
	Namespace string
	// CertSecret, in Namespace, keeps the webhook's CA and serving certificate across
	// restarts and changes of leader; without it, CertDir does, for one process.
	CertSecret string
	CertDir    string
	// ImagePrefix turns the airgap image webhook on when set.
	ImagePrefix string
	// PlatformUsers are the usernames primehub itself runs as.
	PlatformUsers []string
	// IsAdmin tells whether a requester is a PrimeHub administrator, who may make
	// profiles for others; nil: only system:masters and the platform users are.
	IsAdmin func(ctx context.Context, username string) bool
	// Pod is the name of this replica's pod in Namespace, in a cluster (from the downward
	// API); the leader labels it LabelLeader for the webhook Service to select.
	Pod string
	// ConfigurationName names the MutatingWebhookConfiguration; "primehub" when empty.
	ConfigurationName string
	// CheckInterval is how often certificates are checked for renewal and the
	// configuration re-applied; a minute when zero.
	CheckInterval time.Duration
	// LedgerTTL bounds how long an admitted pod the cache has not shown holds quota; a
	// minute when zero.
	LedgerTTL time.Duration
}

// The lifetimes of the webhook's certificates; each is renewed with a third left.
const (
	caValidity   = 5 * 365 * 24 * time.Hour
	certValidity = 90 * 24 * time.Hour
)

// Setup adds the webhook server and the configuration publisher to mgr and returns the
// server, on which more handlers may be registered before mgr starts.
func Setup(ctx context.Context, mgr manager.Manager, cfg Config, log logr.Logger) (crwebhook.Server, error) {
	if err := cfg.complete(); err != nil {
		return nil, err
	}
	host, portText, err := net.SplitHostPort(cfg.Addr)
	if err != nil {
		return nil, fmt.Errorf("--webhook-addr %q: %w", cfg.Addr, err)
	}
	port, err := strconv.Atoi(portText)
	if err != nil {
		return nil, fmt.Errorf("--webhook-addr %q: port: %w", cfg.Addr, err)
	}
	hosts, err := cfg.hosts()
	if err != nil {
		return nil, err
	}
	cm := &certs.Manager{Dir: cfg.CertDir, Hosts: hosts, CAValidity: caValidity, CertValidity: certValidity}
	if cfg.CertSecret != "" {
		cm.Store = certs.SecretStore{Reader: mgr.GetAPIReader(), Writer: mgr.GetClient(), Namespace: cfg.Namespace, Name: cfg.CertSecret}
	}
	// Certificates first, so the server can serve as soon as it starts.
	if _, err := cm.Ensure(); err != nil {
		return nil, err
	}
	cm.Activate()

	server := crwebhook.NewServer(crwebhook.Options{
		Host: host,
		Port: port,
		TLSOpts: []func(*tls.Config){func(c *tls.Config) {
			c.GetCertificate = cm.GetCertificate
			c.MinVersion = tls.VersionTLS12
		}},
	})

	ledger := quota.NewLedger(cfg.LedgerTTL)
	c := mgr.GetCache()
	ledgerSynced, err := podquota.SetupCache(ctx, c, ledger)
	if err != nil {
		return nil, err
	}
	// Start the claim informer with the others rather than on the first review.
	if _, err := c.GetInformer(ctx, &corev1.PersistentVolumeClaim{}); err != nil {
		return nil, fmt.Errorf("claim informer: %w", err)
	}
	platform := map[string]bool{}
	for _, u := range cfg.PlatformUsers {
		platform[u] = true
	}
	server.Register(PathQuota, &admission.Webhook{Handler: &podquota.Handler{
		Groups:        podquota.CRDGroups{Reader: c},
		Ledger:        ledger,
		PlatformUsers: platform,
		Ready:         readiness(mgr, ledgerSynced),
		Log:           log.WithName("quota"),
	}})
	server.Register(PathPVCCheck, &admission.Webhook{Handler: &pvccheck.Handler{Claims: c, Live: mgr.GetAPIReader()}})
	server.Register(PathProfile, &admission.Webhook{Handler: &profilecheck.Handler{
		IsAdmin: func(ctx context.Context, u authenticationv1.UserInfo) bool {
			return platform[u.Username] || (cfg.IsAdmin != nil && cfg.IsAdmin(ctx, u.Username))
		},
	}})
	if cfg.ImagePrefix != "" {
		server.Register(PathImagePrefix, &admission.Webhook{Handler: &imageprefix.Handler{Prefix: cfg.ImagePrefix}})
	}
	if err := mgr.Add(server); err != nil {
		return nil, err
	}
	if err := mgr.Add(&publisher{cfg: &cfg, certs: cm, mgr: mgr, log: log}); err != nil {
		return nil, err
	}
	if cfg.Pod != "" {
		if err := mgr.Add(&leaderLabel{k: mgr.GetClient(), namespace: cfg.Namespace, pod: cfg.Pod, log: log}); err != nil {
			return nil, err
		}
	}
	return server, nil
}

func (c *Config) complete() error {
	if (c.URL == "") == (c.Service == "") {
		return errors.New("webhooks need exactly one of --webhook-url (outside a cluster) and --webhook-service (in a cluster); --webhook-addr=0 turns them off")
	}
	if c.CertSecret == "" && c.CertDir == "" {
		return errors.New("webhooks need a certificate Secret (--webhook-cert-secret) or directory (--webhook-cert-dir)")
	}
	if c.ConfigurationName == "" {
		c.ConfigurationName = "primehub"
	}
	if c.CheckInterval == 0 {
		c.CheckInterval = time.Minute
	}
	if c.LedgerTTL == 0 {
		c.LedgerTTL = time.Minute
	}
	return nil
}

// hosts are the names the API server calls the webhook by, for the serving certificate.
func (c *Config) hosts() ([]string, error) {
	if c.URL != "" {
		u, err := url.Parse(c.URL)
		if err != nil || u.Scheme != "https" || u.Hostname() == "" {
			return nil, fmt.Errorf("--webhook-url %q must be an https URL", c.URL)
		}
		return []string{u.Hostname()}, nil
	}
	svc := c.Service + "." + c.Namespace
	return []string{svc + ".svc", svc + ".svc.cluster.local", svc, c.Service}, nil
}

// readiness fails while the quota webhook must not decide: on a replica that is not the
// leader (its ledger would not see the leader's admissions), or before the informer
// caches hold every group and the ledger every pod (usage would read too low).
func readiness(mgr manager.Manager, ledgerSynced func() bool) func(context.Context) error {
	var synced atomic.Bool
	return func(ctx context.Context) error {
		select {
		case <-mgr.Elected():
		default:
			return errors.New("this primehub replica is not the leader, which alone admits against quotas")
		}
		if synced.Load() {
			return nil
		}
		ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
		defer cancel()
		if !mgr.GetCache().WaitForCacheSync(ctx) {
			return errors.New("informer caches are not synced yet")
		}
		if !toolscache.WaitForCacheSync(ctx.Done(), ledgerSynced) {
			return errors.New("the quota ledger has not seen every pod yet")
		}
		synced.Store(true)
		return nil
	}
}

// publisher keeps the webhook configuration and the certificates current. It runs on the
// leader only, the replica admission is routed to.
type publisher struct {
	cfg   *Config
	certs *certs.Manager
	mgr   manager.Manager
	log   logr.Logger
}

func (p *publisher) NeedLeaderElection() bool { return true }

// Start publishes at once, then renews and re-publishes every CheckInterval. A new
// certificate is served only after the CA bundle that trusts it is published.
func (p *publisher) Start(ctx context.Context) error {
	for {
		wait := p.cfg.CheckInterval
		changed, err := p.certs.Ensure()
		if err == nil {
			err = p.cfg.publish(ctx, p.mgr.GetClient(), p.certs.CABundle())
		}
		if err != nil {
			// Most likely transient (the API server unavailable): retry soon.
			p.log.Error(err, "publish webhook configuration")
			wait = min(wait, 5*time.Second)
		} else {
			p.certs.Activate()
			if changed {
				p.log.Info("webhook certificates renewed and CA bundle published")
			}
		}
		select {
		case <-ctx.Done():
			return nil
		case <-time.After(wait):
		}
	}
}

// Package webhook runs PrimeHub's admission webhooks in `primehub serve`: a TLS server
// (controller-runtime's) with certificates of its own (package certs), the pod webhooks
// (podquota, pvccheck, imageprefix) and their MutatingWebhookConfiguration, kept current
// with server-side apply as certificates rotate.
//
// Callers: with a client CA (Config.ClientCAFile) the server completes a TLS handshake
// only with a client presenting a certificate that CA signed, the API server's; every
// replica checks it, the leader and the others alike, and the pods' UPDATE review (quota
// labels) needs no leader.
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
	"crypto/x509"
	"errors"
	"fmt"
	"net"
	"net/url"
	"os"
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
	// ClientCAFile names the PEM bundle of the CAs that sign the client certificate the
	// API server presents to webhooks: the server then answers no other caller (the TLS
	// handshake fails without such a certificate). Empty: any caller is answered.
	ClientCAFile string
	// ImagePrefix turns the airgap image webhook on when set.
	ImagePrefix string
	// PlatformUsers are the usernames primehub itself runs as.
	PlatformUsers []string
	// WorkloadControllers are the usernames the ReplicaSet controller makes pods as: in
	// Namespace, the pods it makes for the platform's Deployments are the platform's. Nil:
	// DefaultWorkloadControllers.
	WorkloadControllers []string
	// Groups finds the quota and members of a pod's group; nil: the Group CRDs' informer
	// cache (the builtin directory).
	Groups podquota.Groups
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

// DefaultWorkloadControllers are the usernames kube-controller-manager's ReplicaSet
// controller makes pods as: with --use-service-account-credentials, and without.
var DefaultWorkloadControllers = []string{"system:serviceaccount:kube-system:replicaset-controller", "system:kube-controller-manager"}

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

	clientCAs, err := loadClientCAs(cfg.ClientCAFile)
	if err != nil {
		return nil, err
	}
	if clientCAs == nil {
		log.Info("WARNING: the webhooks answer any caller, so anyone who reaches their port can forge admission reviews; " +
			"give --webhook-client-ca the CA of the API server's webhook client certificate (docs/webhooks.md)")
	}
	server := crwebhook.NewServer(crwebhook.Options{
		Host: host,
		Port: port,
		TLSOpts: []func(*tls.Config){func(c *tls.Config) {
			c.GetCertificate = cm.GetCertificate
			c.MinVersion = tls.VersionTLS12
			if clientCAs != nil {
				c.ClientAuth = tls.RequireAndVerifyClientCert
				c.ClientCAs = clientCAs
			}
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
	workloads := map[string]bool{}
	for _, u := range cfg.WorkloadControllers {
		workloads[u] = true
	}
	groups := cfg.Groups
	if groups == nil {
		groups = podquota.CRDGroups{Reader: c}
	}
	server.Register(PathQuota, &admission.Webhook{Handler: &podquota.Handler{
		Groups:              groups,
		Ledger:              ledger,
		PlatformUsers:       platform,
		Namespace:           cfg.Namespace,
		WorkloadControllers: workloads,
		Ready:               readiness(mgr, ledgerSynced),
		Log:                 log.WithName("quota"),
	}})
	server.Register(PathPodLabels, &admission.Webhook{Handler: &podquota.Labels{Log: log.WithName("pod-labels")}})
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
	if c.WorkloadControllers == nil {
		c.WorkloadControllers = DefaultWorkloadControllers
	}
	if c.CheckInterval == 0 {
		c.CheckInterval = time.Minute
	}
	if c.LedgerTTL == 0 {
		c.LedgerTTL = time.Minute
	}
	return nil
}

// loadClientCAs reads the CAs webhook callers must present a certificate of; nil when
// file is empty.
func loadClientCAs(file string) (*x509.CertPool, error) {
	if file == "" {
		return nil, nil
	}
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, fmt.Errorf("--webhook-client-ca: %w", err)
	}
	pool := x509.NewCertPool()
	if !pool.AppendCertsFromPEM(data) {
		return nil, fmt.Errorf("--webhook-client-ca %s: no PEM certificate in it", file)
	}
	return pool, nil
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

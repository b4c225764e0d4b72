package serve

import (
	"context"
	"os"
	"path/filepath"

	"github.com/go-logr/logr"
	"github.com/spf13/pflag"
	"sigs.k8s.io/controller-runtime/pkg/manager"

	"github.com/primehub/primehub/internal/webhook"
	"github.com/primehub/primehub/internal/webhook/podquota"
)

// WebhookOptions are the flags of the admission webhooks.
type WebhookOptions struct {
	// Addr is the webhook server's address; "" or "0" turns the webhooks off.
	Addr       string
	URL        string
	Service    string
	CertSecret string
	CertDir    string
	// ClientCA is the PEM file of the CA that signs the API server's webhook client
	// certificate; the webhooks then answer no other caller.
	ClientCA    string
	ImagePrefix string
	// PlatformUsers are more usernames primehub runs as, beside the one it runs as (asked
	// of the API server at start): pods they create may be labelled for any user (the
	// spawner launches on users' behalf), and the API server lets them create workloads
	// for any user (internal/ownerpolicy).
	PlatformUsers []string
	// Pod is this replica's pod name, in a cluster; the leader labels it for the Service.
	Pod string
}

func addWebhookFlags(f *pflag.FlagSet, o *WebhookOptions) {
	f.StringVar(&o.Addr, "webhook-addr", ":9443", "address of the admission webhooks' TLS server (0 turns the webhooks off)")
	f.StringVar(&o.URL, "webhook-url", "", "https URL the API server calls the webhooks at, outside a cluster (such as https://127.0.0.1:9443)")
	f.StringVar(&o.Service, "webhook-service", "", "Service, in the platform namespace, the API server calls the webhooks through, in a cluster")
	f.StringVar(&o.CertSecret, "webhook-cert-secret", "primehub-webhook-certs", "Secret, in the platform namespace, keeping the webhooks' CA and serving certificate, shared by the replicas (empty: --webhook-cert-dir)")
	f.StringVar(&o.CertDir, "webhook-cert-dir", defaultCertDir(), "directory keeping the webhooks' CA and serving certificate when --webhook-cert-secret is empty (one replica only)")
	f.StringVar(&o.ClientCA, "webhook-client-ca", "", "PEM file of the CA that signs the client certificate the API server presents to webhooks (its --admission-control-config-file, docs/webhooks.md): the webhooks then answer only callers with such a certificate (empty: any caller, with a warning)")
	f.StringVar(&o.ImagePrefix, "image-prefix", "", "airgap registry prefix for every image in namespaces labelled primehub.io/image-mutation-webhook=enabled, such as registry.local:5000/ (empty: off)")
	f.StringVar(&o.Pod, "webhook-pod-name", "", "this replica's pod in the platform namespace (set from the downward API in a cluster): the leader labels it "+webhook.LabelLeader+"=true, which the webhook Service selects")
	f.StringSliceVar(&o.PlatformUsers, "platform-users", nil, "more usernames primehub runs as, such as other replicas' identities; "+
		"the one this replica runs as (its ServiceAccount in a cluster) always is one; their pods may carry any user's label, and they create notebooks, jobs and schedules for any user (docs/admission.md)")
}

// defaultCertDir is under the user's cache directory, or the temporary one without it.
func defaultCertDir() string {
	dir, err := os.UserCacheDir()
	if err != nil {
		dir = os.TempDir()
	}
	return filepath.Join(dir, "primehub", "webhook-certs")
}

// setupWebhooks adds the admission webhooks to mgr unless they are turned off.
func setupWebhooks(ctx context.Context, mgr manager.Manager, o Options, id *Identity, log logr.Logger) error {
	w := o.Webhook
	if w.Addr == "" || w.Addr == "0" {
		return nil
	}
	// The builtin directory's groups are Group CRDs, which the webhook reads from its own
	// indexed cache; Keycloak's are in the directory's snapshot of the realm.
	var groups podquota.Groups
	if id.keycloak != nil {
		groups = podquota.DirectoryGroups{Directory: id.Directory}
	}
	_, err := webhook.Setup(ctx, mgr, webhook.Config{
		Addr:          w.Addr,
		URL:           w.URL,
		Service:       w.Service,
		Namespace:     o.Namespace,
		CertSecret:    w.CertSecret,
		CertDir:       w.CertDir,
		ClientCAFile:  w.ClientCA,
		ImagePrefix:   w.ImagePrefix,
		PlatformUsers: w.PlatformUsers,
		Groups:        groups,
		Pod:           w.Pod,
		// PrimeHub's administrators may make profiles for others.
		IsAdmin: func(ctx context.Context, username string) bool {
			u, err := id.Directory.GetUser(ctx, username)
			return err == nil && u.Admin && !u.Disabled
		},
	}, log.WithName("webhook"))
	return err
}

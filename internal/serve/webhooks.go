package serve

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"

	"github.com/go-logr/logr"
	"github.com/spf13/pflag"
	authenticationv1 "k8s.io/api/authentication/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/client-go/kubernetes"
	"k8s.io/client-go/rest"
	"sigs.k8s.io/controller-runtime/pkg/manager"

	"github.com/primehub/primehub/internal/webhook"
)

// WebhookOptions are the flags of the admission webhooks.
type WebhookOptions struct {
	// Addr is the webhook server's address; "" or "0" turns the webhooks off.
	Addr        string
	URL         string
	Service     string
	CertSecret  string
	CertDir     string
	ImagePrefix string
	// PlatformUsers are more usernames primehub runs as, beside the one it runs as (asked
	// of the API server at start): pods they create may be labelled for any user (the
	// spawner launches on users' behalf).
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
	f.StringVar(&o.ImagePrefix, "image-prefix", "", "airgap registry prefix for every image in namespaces labelled primehub.io/image-mutation-webhook=enabled, such as registry.local:5000/ (empty: off)")
	f.StringVar(&o.Pod, "webhook-pod-name", "", "this replica's pod in the platform namespace (set from the downward API in a cluster): the leader labels it "+webhook.LabelLeader+"=true, which the webhook Service selects")
	f.StringSliceVar(&o.PlatformUsers, "platform-users", nil, "more usernames primehub runs as, such as other replicas' identities; "+
		"the one this replica runs as (its ServiceAccount in a cluster) always is one; their pods may carry any user's label")
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
	self, err := whoAmI(ctx, mgr.GetConfig())
	if err != nil {
		return err
	}
	_, err = webhook.Setup(ctx, mgr, webhook.Config{
		Addr:          w.Addr,
		URL:           w.URL,
		Service:       w.Service,
		Namespace:     o.Namespace,
		CertSecret:    w.CertSecret,
		CertDir:       w.CertDir,
		ImagePrefix:   w.ImagePrefix,
		PlatformUsers: append(slices.Clone(w.PlatformUsers), self),
		Pod:           w.Pod,
		// PrimeHub's administrators may make profiles for others.
		IsAdmin: func(ctx context.Context, username string) bool {
			u, err := id.Directory.GetUser(ctx, username)
			return err == nil && u.Admin && !u.Disabled
		},
	}, log.WithName("webhook"))
	return err
}

// whoAmI asks the API server which username primehub's credentials stand for.
func whoAmI(ctx context.Context, cfg *rest.Config) (string, error) {
	cs, err := kubernetes.NewForConfig(cfg)
	if err != nil {
		return "", err
	}
	review, err := cs.AuthenticationV1().SelfSubjectReviews().Create(ctx, &authenticationv1.SelfSubjectReview{}, metav1.CreateOptions{})
	if err != nil {
		return "", fmt.Errorf("ask the API server who primehub runs as (SelfSubjectReview): %w", err)
	}
	return review.Status.UserInfo.Username, nil
}

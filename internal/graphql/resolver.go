// Package graphql is the API at /api/graphql: PrimeHub's GraphQL schema (schema/*.graphqls,
// served by gqlgen) over our objects and the directory. Reads come from informer caches;
// every operation checks who asks (authz.go) before it reads or writes anything.
package graphql

import (
	"fmt"
	"time"

	"github.com/go-logr/logr"
	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/labels"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/client-go/rest"
	"sigs.k8s.io/controller-runtime/pkg/cache"
	"sigs.k8s.io/controller-runtime/pkg/client"

	"github.com/primehub/primehub/internal/auth"
	"github.com/primehub/primehub/internal/directory"
	"github.com/primehub/primehub/internal/launch"
)

// Resolver holds what the resolvers read and write.
type Resolver struct {
	// Reader reads the platform's objects from the informer cache.
	Reader client.Reader
	// Informers are that cache's informers, whose indexes (IndexFields) some reads use
	// directly.
	Informers cache.Informers
	// Client writes to Kubernetes.
	Client client.Client
	// APIReader reads from the API server itself, for read-modify-write.
	APIReader client.Reader
	// Secrets reads the platform's secrets (labelled primehub.io/secret) from a cache
	// limited to them.
	SecretReader client.Reader
	Directory    directory.Directory
	// Launcher decides launches, as the controllers decide them again.
	Launcher *launch.Launcher
	Tokens   *auth.APITokens
	// Namespace is the platform namespace.
	Namespace string
	// ExternalURL is where the platform is reached, for notebook URLs.
	ExternalURL string
	Log         logr.Logger
	Now         func() time.Time
}

// SecretLabel marks the Kubernetes Secrets the API manages (value "true").
const SecretLabel = "primehub.io/secret"

// NewSecretCache makes the cache the resolvers read secrets from: the platform's labelled
// secrets only, since a manager's cache would hold every Secret of the cluster.
func NewSecretCache(cfg *rest.Config, scheme *runtime.Scheme, namespace string) (cache.Cache, error) {
	c, err := cache.New(cfg, cache.Options{
		Scheme:           scheme,
		DefaultTransform: cache.TransformStripManagedFields(),
		ByObject: map[client.Object]cache.ByObject{&corev1.Secret{}: {
			Namespaces: map[string]cache.Config{namespace: {}},
			Label:      labels.SelectorFromSet(labels.Set{SecretLabel: "true"}),
		}},
	})
	if err != nil {
		return nil, fmt.Errorf("secret cache: %w", err)
	}
	return c, nil
}

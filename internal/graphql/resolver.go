// Package graphql is the API at /api/graphql: PrimeHub's GraphQL schema (schema/*.graphqls,
// served by gqlgen) over our objects and the directory. Reads come from informer caches;
// every operation checks who asks (authz.go) before it reads or writes anything.
package graphql

import (
	"time"

	"github.com/go-logr/logr"
	"sigs.k8s.io/controller-runtime/pkg/client"

	"github.com/primehub/primehub/internal/auth"
	"github.com/primehub/primehub/internal/directory"
)

// Resolver holds what the resolvers read and write.
type Resolver struct {
	// Reader reads the platform's objects from the informer cache.
	Reader client.Reader
	// Client writes to Kubernetes.
	Client client.Client
	// APIReader reads from the API server itself, for read-modify-write.
	APIReader client.Reader
	// Secrets reads the platform's secrets (labelled primehub.io/secret) from a cache
	// limited to them.
	SecretReader client.Reader
	Directory    directory.Directory
	Tokens       *auth.APITokens
	// Namespace is the platform namespace.
	Namespace string
	// ExternalURL is where the platform is reached, for notebook URLs.
	ExternalURL string
	Log         logr.Logger
	Now         func() time.Time
}

// SecretLabel marks the Kubernetes Secrets the API manages (value "true").
const SecretLabel = "primehub.io/secret"

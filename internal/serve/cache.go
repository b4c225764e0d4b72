package serve

import (
	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	"sigs.k8s.io/controller-runtime/pkg/cache"
	"sigs.k8s.io/controller-runtime/pkg/client"

	"github.com/primehub/primehub/internal/podcache"
)

// CacheOptions are the informer caches' options of the platform's manager in namespace;
// test/bench/webhook builds its manager with them too, to measure the webhooks as serve
// runs them.
func CacheOptions(namespace string) cache.Options {
	in := map[string]cache.Config{namespace: {}}
	return cache.Options{
		// Nothing reads managed fields from the caches; without them the caches (every
		// pod, user and group) take much less memory and garbage collection less time.
		DefaultTransform: cache.TransformStripManagedFields(),
		ByObject: map[client.Object]cache.ByObject{
			// Every pod of the cluster is cached, for the quota ledgers: only what
			// primehub reads of a pod is kept (package podcache).
			&corev1.Pod{}: {Transform: podcache.Trim},
			// ConfigMaps and Secrets are read in the platform namespace only, where its
			// Role lets primehub read them (config/rbac/platform).
			&corev1.ConfigMap{}: {Namespaces: in},
			&corev1.Secret{}:    {Namespaces: in},
			// Applications' and model deployments' Deployments live in the platform namespace only.
			&appsv1.Deployment{}: {Namespaces: in},
			&appsv1.ReplicaSet{}: {Namespaces: in},
		},
	}
}

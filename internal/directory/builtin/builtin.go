// Package builtin is the default directory: users and groups are the User and Group CRDs,
// password hashes are Secrets and the system settings a ConfigMap, all read from informers.
package builtin

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"github.com/go-logr/logr"
	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	"k8s.io/apimachinery/pkg/fields"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/util/wait"
	"k8s.io/client-go/rest"
	toolscache "k8s.io/client-go/tools/cache"
	"sigs.k8s.io/controller-runtime/pkg/cache"
	"sigs.k8s.io/controller-runtime/pkg/client"

	"github.com/primehub/primehub/api/v1beta1"
	"github.com/primehub/primehub/internal/directory"
)

// SettingsName is the ConfigMap, in the platform namespace, that holds the settings.
const SettingsName = "primehub-settings"

const membersIndex = "spec.members"

// Directory is the builtin directory. Start it (or add it to a controller manager) and
// wait for WaitForCacheSync before use: until then it has no users.
type Directory struct {
	cache     cache.Cache
	users     toolscache.Indexer // the cache's store of Users, read by cachedUser
	groups    toolscache.Indexer // the cache's store of Groups, indexed by member
	client    client.Client      // uncached: writes, and password Secrets, which are never cached
	namespace string
	log       logr.Logger
	notifier  directory.Notifier
}

var _ directory.Directory = (*Directory)(nil)

// New makes a builtin directory whose settings and passwords live in namespace.
//
// It keeps a cache of its own rather than sharing the manager's, so that it watches the
// one settings ConfigMap instead of every ConfigMap in the cluster.
func New(cfg *rest.Config, scheme *runtime.Scheme, namespace string, log logr.Logger) (*Directory, error) {
	c, err := client.New(cfg, client.Options{Scheme: scheme})
	if err != nil {
		return nil, fmt.Errorf("directory client: %w", err)
	}
	ca, err := cache.New(cfg, cache.Options{
		Scheme:           scheme,
		DefaultTransform: cache.TransformStripManagedFields(),
		ByObject: map[client.Object]cache.ByObject{
			&v1beta1.User{}:  {},
			&v1beta1.Group{}: {},
			&corev1.ConfigMap{}: {
				Namespaces: map[string]cache.Config{namespace: {}},
				Field:      fields.OneTermEqualSelector("metadata.name", SettingsName),
			},
		},
	})
	if err != nil {
		return nil, fmt.Errorf("directory cache: %w", err)
	}
	d := &Directory{cache: ca, client: c, namespace: namespace, log: log}
	// A query gets every member of a group, and the cache's Get would find the informer
	// by the object's type and copy the User into a new one each time: read its store.
	// Every request reads its user's groups: by the store's own index, not a List, which
	// would map the kind and build a list of copies each time.
	users, err := informer(ca, &v1beta1.User{})
	if err != nil {
		return nil, err
	}
	groups, err := informer(ca, &v1beta1.Group{})
	if err != nil {
		return nil, err
	}
	if err := groups.AddIndexers(toolscache.Indexers{membersIndex: func(o any) ([]string, error) {
		if g, ok := o.(*v1beta1.Group); ok {
			return g.Spec.Members, nil
		}
		return nil, nil
	}}); err != nil {
		return nil, fmt.Errorf("index groups by member: %w", err)
	}
	d.users, d.groups = users.GetIndexer(), groups.GetIndexer()
	if err := d.watch(); err != nil {
		return nil, err
	}
	return d, nil
}

// informer is the cache's informer for o's kind.
func informer(ca cache.Cache, o client.Object) (toolscache.SharedIndexInformer, error) {
	inf, err := ca.GetInformer(context.Background(), o)
	if err != nil {
		return nil, fmt.Errorf("directory informer for %T: %w", o, err)
	}
	sii, ok := inf.(toolscache.SharedIndexInformer)
	if !ok {
		return nil, fmt.Errorf("directory informer for %T is a %T, without a store to read", o, inf)
	}
	return sii, nil
}

// Start runs the informers until ctx ends.
func (d *Directory) Start(ctx context.Context) error { return d.cache.Start(ctx) }

// WaitForCacheSync waits until the informers have listed everything once.
func (d *Directory) WaitForCacheSync(ctx context.Context) bool { return d.cache.WaitForCacheSync(ctx) }

// NeedLeaderElection is false: every replica serves reads.
func (d *Directory) NeedLeaderElection() bool { return false }

// Subscribe implements directory.Directory.
func (d *Directory) Subscribe(ctx context.Context, fn func(directory.Change)) {
	d.notifier.Subscribe(ctx, fn)
}

func (d *Directory) watch() error {
	kinds := []struct {
		obj  client.Object
		kind directory.ChangeKind
		name func(any) string
	}{
		{&v1beta1.User{}, directory.UserChanged, func(o any) string { return o.(*v1beta1.User).Spec.Username }},
		{&v1beta1.Group{}, directory.GroupChanged, func(o any) string { return o.(*v1beta1.Group).Spec.Name }},
		{&corev1.ConfigMap{}, directory.SettingsChanged, func(any) string { return "" }},
	}
	for _, k := range kinds {
		inf, err := d.cache.GetInformer(context.Background(), k.obj)
		if err != nil {
			return fmt.Errorf("directory informer for %T: %w", k.obj, err)
		}
		publish := func(o any) {
			if tomb, ok := o.(toolscache.DeletedFinalStateUnknown); ok {
				o = tomb.Obj
			}
			d.notifier.Publish(directory.Change{Kind: k.kind, Name: k.name(o)})
		}
		if _, err := inf.AddEventHandler(toolscache.ResourceEventHandlerFuncs{
			AddFunc:    func(o any) { publish(o) },
			UpdateFunc: func(_, o any) { publish(o) },
			DeleteFunc: publish,
		}); err != nil {
			return fmt.Errorf("directory event handler for %T: %w", k.obj, err)
		}
	}
	return nil
}

// awaitCache waits until the cache holds obj at least at the version just written (or no
// longer holds it, when gone), so a writer reads its own writes.
func (d *Directory) awaitCache(ctx context.Context, obj client.Object, gone bool) error {
	key := client.ObjectKeyFromObject(obj)
	want, _ := strconv.ParseUint(obj.GetResourceVersion(), 10, 64)
	cached := obj.DeepCopyObject().(client.Object)
	return wait.PollUntilContextTimeout(ctx, 20*time.Millisecond, 10*time.Second, true, func(ctx context.Context) (bool, error) {
		err := d.cache.Get(ctx, key, cached)
		if apierrors.IsNotFound(err) {
			return gone, nil
		}
		if err != nil || gone {
			return false, nil
		}
		// Resource versions are comparable integers (Kubernetes 1.35+, KEP-5504).
		got, _ := strconv.ParseUint(cached.GetResourceVersion(), 10, 64)
		return got >= want, nil
	})
}

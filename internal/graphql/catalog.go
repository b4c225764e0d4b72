package graphql

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
	toolscache "k8s.io/client-go/tools/cache"
	"sigs.k8s.io/controller-runtime/pkg/cache"
	"sigs.k8s.io/controller-runtime/pkg/client"

	"github.com/primehub/primehub/api/v1beta1"
	"github.com/primehub/primehub/internal/access"
	"github.com/primehub/primehub/internal/auth"
	"github.com/primehub/primehub/internal/directory"
	"github.com/primehub/primehub/internal/graphql/model"
)

// catalog is one operation's view of the instance types, images and volumes, of users'
// groups and of what each group may use: each is worked out once per operation, however
// many fields ask for it. `me` asks for a user's groups twice, as groups and as
// effectiveGroups, and then for each of those groups' instance types, images, datasets
// and users.
type catalog struct {
	r *Resolver
	// query is whether the operation is a query, which writes nothing: what was read to
	// authenticate it still holds when its fields are resolved.
	query bool

	its  resources[*v1beta1.InstanceTypeList, v1beta1.InstanceType]
	imgs resources[*v1beta1.ImageList, v1beta1.Image]
	vols resources[*v1beta1.VolumeList, v1beta1.Volume]

	groupsOf       memo[string, []directory.Group]
	groupUsers     memo[string, []*model.User]
	groupInstTypes memo[string, []*model.InstanceType]
	groupImgs      memo[string, []*model.Image]
	groupVols      memo[string, []*model.Dataset]
}

// The kinds a catalog reads, to find their informers: only their types are read.
var (
	instanceTypeKind = &v1beta1.InstanceType{}
	imageKind        = &v1beta1.Image{}
	volumeKind       = &v1beta1.Volume{}
)

func newCatalog(r *Resolver) *catalog {
	return &catalog{r: r,
		its: resources[*v1beta1.InstanceTypeList, v1beta1.InstanceType]{
			object:  instanceTypeKind,
			newList: func() *v1beta1.InstanceTypeList { return &v1beta1.InstanceTypeList{} },
			items:   func(l *v1beta1.InstanceTypeList) []v1beta1.InstanceType { return l.Items },
			name:    func(o *v1beta1.InstanceType) string { return o.Name },
		},
		imgs: resources[*v1beta1.ImageList, v1beta1.Image]{
			object:  imageKind,
			newList: func() *v1beta1.ImageList { return &v1beta1.ImageList{} },
			items:   func(l *v1beta1.ImageList) []v1beta1.Image { return l.Items },
			name:    func(o *v1beta1.Image) string { return o.Name },
		},
		vols: resources[*v1beta1.VolumeList, v1beta1.Volume]{
			object:  volumeKind,
			newList: func() *v1beta1.VolumeList { return &v1beta1.VolumeList{} },
			items:   func(l *v1beta1.VolumeList) []v1beta1.Volume { return l.Items },
			name:    func(o *v1beta1.Volume) string { return o.Name },
		},
	}
}

// memo holds values worked out once per key. The executor resolves fields one after
// another (see ./generate), but should two ask for a key at once, the second waits for the
// first rather than working it out again.
type memo[K comparable, V any] struct {
	mu sync.Mutex
	m  map[K]*memoEntry[V]
}

type memoEntry[V any] struct {
	once sync.Once
	v    V
	err  error
}

func (m *memo[K, V]) get(k K, f func() (V, error)) (V, error) {
	m.mu.Lock()
	e, ok := m.m[k]
	if !ok {
		if m.m == nil {
			m.m = map[K]*memoEntry[V]{}
		}
		e = &memoEntry[V]{}
		m.m[k] = e
	}
	m.mu.Unlock()
	e.once.Do(func() { e.v, e.err = f() })
	return e.v, e.err
}

type catalogKey struct{}

func withCatalog(ctx context.Context, r *Resolver) context.Context {
	c := newCatalog(r)
	if op := graphql.GetOperationContext(ctx); op != nil && op.Operation != nil {
		c.query = op.Operation.Operation == ast.Query
	}
	return context.WithValue(ctx, catalogKey{}, c)
}

// catalogOf answers the operation's catalog; one of its own outside an operation.
func (r *Resolver) catalog(ctx context.Context) *catalog {
	if c, ok := ctx.Value(catalogKey{}).(*catalog); ok {
		return c
	}
	return newCatalog(r)
}

// grantIndex files the instance types, images and volumes in the cache under the groups
// they may be granted to: their grants' groups, globalGrant when global, and an image's
// own group. A group asks for its few rather than reading and checking every one; access
// still decides, since a grant does not always mean the same (launch-group-only volumes).
const grantIndex = "graphql.grantees"

// globalGrant files resources granted to everyone: it is no group's name.
const globalGrant = "*"

// IndexFields registers the indexes the resolvers read with on the informers of the cache
// they read (Resolver.Informers). Call it before the cache starts.
func IndexFields(ctx context.Context, informers cache.Informers) error {
	for _, o := range []client.Object{&v1beta1.InstanceType{}, &v1beta1.Image{}, &v1beta1.Volume{}} {
		inf, err := informers.GetInformer(ctx, o)
		if err != nil {
			return fmt.Errorf("informer of %T: %w", o, err)
		}
		if err := inf.AddIndexers(toolscache.Indexers{grantIndex: grantees}); err != nil {
			return fmt.Errorf("index %T by grantee: %w", o, err)
		}
	}
	return nil
}

// grantees are the keys the grant index files o under: namespace/group.
func grantees(obj any) ([]string, error) {
	o, ok := obj.(client.Object)
	if !ok {
		return nil, nil
	}
	a := accessOf(o)
	out := make([]string, 0, len(a.Groups)+2)
	if a.Global {
		out = append(out, grantKey(o.GetNamespace(), globalGrant))
	}
	for _, g := range a.Groups {
		out = append(out, grantKey(o.GetNamespace(), g.Name))
	}
	if img, ok := o.(*v1beta1.Image); ok && img.Spec.GroupName != "" {
		out = append(out, grantKey(o.GetNamespace(), img.Spec.GroupName))
	}
	return out, nil
}

func grantKey(namespace, group string) string { return namespace + "/" + group }

// resources reads one kind for an operation from the cache: all of it, or what the grant
// index files under a key, each read once. The cache's objects are shared, not copied:
// resolvers only read them, and copy before a write.
type resources[L client.ObjectList, T any] struct {
	object  client.Object // of the kind, to find its informer
	newList func() L
	items   func(L) []T
	name    func(*T) string

	everything memo[struct{}, []T]
	filed      memo[string, []*T]
}

// all answers every object of the kind, sorted by name.
func (k *resources[L, T]) all(ctx context.Context, r *Resolver) ([]T, error) {
	return k.everything.get(struct{}{}, func() ([]T, error) {
		out, err := k.list(ctx, r)
		if err != nil {
			return nil, err
		}
		// By index: comparing copies of whole objects would copy each many times.
		sort.Slice(out, func(i, j int) bool { return k.name(&out[i]) < k.name(&out[j]) })
		return out, nil
	})
}

// filedUnder answers the objects the grant index files under any of keys, each once,
// sorted by name.
func (k *resources[L, T]) filedUnder(ctx context.Context, r *Resolver, keys ...string) ([]*T, error) {
	var out []*T
	for _, key := range keys {
		objs, err := k.filed.get(key, func() ([]*T, error) { return k.filedList(ctx, r, key) })
		if err != nil {
			return nil, err
		}
		out = append(out, objs...)
	}
	// Sorted by name, an object filed under several keys is next to itself.
	slices.SortFunc(out, func(a, b *T) int { return strings.Compare(k.name(a), k.name(b)) })
	return slices.CompactFunc(out, func(a, b *T) bool { return k.name(a) == k.name(b) }), nil
}

// filedList reads what the grant index files under key from the informer's own index: the
// cache's objects themselves, without the list, the copies into it and the mapping of its
// kind a List makes every time.
func (k *resources[L, T]) filedList(ctx context.Context, r *Resolver, key string) ([]*T, error) {
	inf, err := r.Informers.GetInformer(ctx, k.object)
	if err != nil {
		return nil, fmt.Errorf("informer of %T: %w", k.object, err)
	}
	indexed, ok := inf.(interface{ GetIndexer() toolscache.Indexer })
	if !ok {
		return nil, fmt.Errorf("the informer of %T (%T) has no indexer to read", k.object, inf)
	}
	objs, err := indexed.GetIndexer().ByIndex(grantIndex, grantKey(r.Namespace, key))
	if err != nil {
		return nil, fmt.Errorf("%T filed under %s: %w", k.object, key, err)
	}
	out := make([]*T, 0, len(objs))
	for _, o := range objs {
		t, ok := o.(*T)
		if !ok {
			return nil, fmt.Errorf("the cache of %T holds a %T", k.object, o)
		}
		out = append(out, t)
	}
	return out, nil
}

func (k *resources[L, T]) list(ctx context.Context, r *Resolver, opts ...client.ListOption) ([]T, error) {
	l := k.newList()
	opts = append(opts, client.InNamespace(r.Namespace), client.UnsafeDisableDeepCopy)
	if err := r.Reader.List(ctx, l, opts...); err != nil {
		return nil, fmt.Errorf("list %T: %w", l, err)
	}
	return k.items(l), nil
}

func (c *catalog) instanceTypes(ctx context.Context) ([]v1beta1.InstanceType, error) {
	return c.its.all(ctx, c.r)
}

func (c *catalog) images(ctx context.Context) ([]v1beta1.Image, error) { return c.imgs.all(ctx, c.r) }

func (c *catalog) volumes(ctx context.Context) ([]v1beta1.Volume, error) { return c.vols.all(ctx, c.r) }

// userGroups answers username's groups (directory.GroupsOf); in a query, the caller's as
// they were read to authenticate the request (a mutation may have changed them since).
// Callers must not change them.
func (c *catalog) userGroups(ctx context.Context, username string) ([]directory.Group, error) {
	return c.groupsOf.get(username, func() ([]directory.Group, error) {
		if id, ok := auth.FromContext(ctx); c.query && ok && id != nil && id.Username == username && id.Memberships != nil {
			return id.Memberships, nil
		}
		return c.r.Directory.GroupsOf(ctx, username)
	})
}

// The lists below are shared by every field that asks for them: callers must not change
// them.

// groupInstanceTypes are the instance types launching in group may use, by name.
func (c *catalog) groupInstanceTypes(ctx context.Context, group string) ([]*model.InstanceType, error) {
	return c.groupInstTypes.get(group, func() ([]*model.InstanceType, error) {
		filed, err := c.its.filedUnder(ctx, c.r, group, globalGrant)
		if err != nil {
			return nil, err
		}
		granted := make([]model.InstanceType, 0, len(filed))
		for _, it := range filed {
			if access.Granted(it.Spec.Access, group) {
				granted = append(granted, model.InstanceType{Source: it})
			}
		}
		return pointersTo(granted), nil // an empty list, not null, as ever
	})
}

// groupImages are the images launching in group may use, of every mode, by name.
func (c *catalog) groupImages(ctx context.Context, group string) ([]*model.Image, error) {
	return c.groupImgs.get(group, func() ([]*model.Image, error) {
		filed, err := c.imgs.filedUnder(ctx, c.r, group, globalGrant)
		if err != nil {
			return nil, err
		}
		granted := make([]model.Image, 0, len(filed))
		for _, img := range filed {
			if access.ImageGranted(img, group) {
				granted = append(granted, model.Image{Source: img})
			}
		}
		if len(granted) == 0 {
			return nil, nil
		}
		return pointersTo(granted), nil
	})
}

// groupDatasets are the volumes a user in userGroups mounts launching in group, by name.
func (c *catalog) groupDatasets(ctx context.Context, group string, userGroups []string) ([]*model.Dataset, error) {
	keys := append([]string{group, globalGrant}, userGroups...)
	return c.groupVols.get(strings.Join(keys, "\x00"), func() ([]*model.Dataset, error) {
		filed, err := c.vols.filedUnder(ctx, c.r, keys...)
		if err != nil {
			return nil, err
		}
		mounted := make([]model.Dataset, 0, len(filed))
		writable := make([]bool, len(filed)) // what each Dataset's Writable points to
		for i, v := range filed {
			var ok bool
			if ok, writable[i] = access.VolumeGrant(v, group, userGroups); ok {
				mounted = append(mounted, model.Dataset{Source: v, Writable: &writable[i]})
			}
		}
		return pointersTo(mounted), nil // an empty list, not null, as ever
	})
}

// groupMembers are the users named, in their order; those deleted meanwhile left out. They
// are kept by group alone: within one operation a group's members are always the same
// (they depend on the group and on the caller).
func (c *catalog) groupMembers(ctx context.Context, group string, members []string) ([]*model.User, error) {
	return c.groupUsers.get(group, func() ([]*model.User, error) {
		users := make([]model.User, 0, len(members))
		for _, m := range members {
			u, err := c.r.Directory.GetUser(ctx, m)
			if errors.Is(err, directory.ErrNotFound) {
				continue
			}
			if err != nil {
				return nil, err
			}
			users = append(users, model.User{Source: u})
		}
		return pointersTo(users), nil
	})
}

// pointersTo answers pointers to the elements of values, never nil: the model objects of a
// list allocated together, not one by one.
func pointersTo[T any](values []T) []*T {
	out := make([]*T, len(values))
	for i := range values {
		out[i] = &values[i]
	}
	return out
}

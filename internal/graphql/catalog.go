package graphql

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"
	"sync"

	"sigs.k8s.io/controller-runtime/pkg/client"

	"github.com/primehub/primehub/api/v1beta1"
	"github.com/primehub/primehub/internal/access"
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

	itOnce, imgOnce, volOnce sync.Once
	its                      []v1beta1.InstanceType
	imgs                     []v1beta1.Image
	vols                     []v1beta1.Volume
	itErr, imgErr, volErr    error

	groupsOf       memo[string, []directory.Group]
	groupUsers     memo[string, []*model.User]
	groupInstTypes memo[string, []*model.InstanceType]
	groupImgs      memo[string, []*model.Image]
	groupVols      memo[string, []*model.Dataset]
}

// memo holds values worked out once per key. Fields resolve concurrently: a second asker
// of a key waits for the first rather than working it out again.
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
	return context.WithValue(ctx, catalogKey{}, &catalog{r: r})
}

// catalogOf answers the operation's catalog; one of its own outside an operation.
func (r *Resolver) catalog(ctx context.Context) *catalog {
	if c, ok := ctx.Value(catalogKey{}).(*catalog); ok {
		return c
	}
	return &catalog{r: r}
}

// list reads a kind from the cache, sorted by name. The cache's objects are shared, not
// copied: resolvers only read them, and copy before a write.
func list[L client.ObjectList, T any](ctx context.Context, r *Resolver, l L, items func(L) []T, name func(*T) string) ([]T, error) {
	if err := r.Reader.List(ctx, l, client.InNamespace(r.Namespace), client.UnsafeDisableDeepCopy); err != nil {
		return nil, fmt.Errorf("list %T: %w", l, err)
	}
	out := items(l)
	// By index: comparing copies of whole objects would copy each many times.
	sort.Slice(out, func(i, j int) bool { return name(&out[i]) < name(&out[j]) })
	return out, nil
}

func (c *catalog) instanceTypes(ctx context.Context) ([]v1beta1.InstanceType, error) {
	c.itOnce.Do(func() {
		c.its, c.itErr = list(ctx, c.r, &v1beta1.InstanceTypeList{},
			func(l *v1beta1.InstanceTypeList) []v1beta1.InstanceType { return l.Items },
			func(o *v1beta1.InstanceType) string { return o.Name })
	})
	return c.its, c.itErr
}

func (c *catalog) images(ctx context.Context) ([]v1beta1.Image, error) {
	c.imgOnce.Do(func() {
		c.imgs, c.imgErr = list(ctx, c.r, &v1beta1.ImageList{},
			func(l *v1beta1.ImageList) []v1beta1.Image { return l.Items },
			func(o *v1beta1.Image) string { return o.Name })
	})
	return c.imgs, c.imgErr
}

func (c *catalog) volumes(ctx context.Context) ([]v1beta1.Volume, error) {
	c.volOnce.Do(func() {
		c.vols, c.volErr = list(ctx, c.r, &v1beta1.VolumeList{},
			func(l *v1beta1.VolumeList) []v1beta1.Volume { return l.Items },
			func(o *v1beta1.Volume) string { return o.Name })
	})
	return c.vols, c.volErr
}

// userGroups answers username's groups (directory.GroupsOf). Callers must not change them.
func (c *catalog) userGroups(ctx context.Context, username string) ([]directory.Group, error) {
	return c.groupsOf.get(username, func() ([]directory.Group, error) { return c.r.Directory.GroupsOf(ctx, username) })
}

// The lists below are shared by every field that asks for them: callers must not change
// them. Their items point into the operation's sorted lists, so they come sorted by name
// and copy no object.

// groupInstanceTypes are the instance types launching in group may use.
func (c *catalog) groupInstanceTypes(ctx context.Context, group string) ([]*model.InstanceType, error) {
	return c.groupInstTypes.get(group, func() ([]*model.InstanceType, error) {
		all, err := c.instanceTypes(ctx)
		if err != nil {
			return nil, err
		}
		var out []*model.InstanceType
		for i := range all {
			if access.Granted(all[i].Spec.Access, group) {
				out = append(out, &model.InstanceType{Source: &all[i]})
			}
		}
		return out, nil
	})
}

// groupImages are the images launching in group may use, of every mode.
func (c *catalog) groupImages(ctx context.Context, group string) ([]*model.Image, error) {
	return c.groupImgs.get(group, func() ([]*model.Image, error) {
		all, err := c.images(ctx)
		if err != nil {
			return nil, err
		}
		var out []*model.Image
		for i := range all {
			if access.ImageGranted(&all[i], group) {
				out = append(out, &model.Image{Source: &all[i]})
			}
		}
		return out, nil
	})
}

// groupDatasets are the volumes a user in userGroups mounts launching in group.
func (c *catalog) groupDatasets(ctx context.Context, group string, userGroups []string) ([]*model.Dataset, error) {
	key := strings.Join(append([]string{group}, userGroups...), "\x00")
	return c.groupVols.get(key, func() ([]*model.Dataset, error) {
		all, err := c.volumes(ctx)
		if err != nil {
			return nil, err
		}
		var out []*model.Dataset
		for i := range all {
			if mounted, writable := access.VolumeGrant(&all[i], group, userGroups); mounted {
				out = append(out, &model.Dataset{Source: &all[i], Writable: &writable})
			}
		}
		return out, nil
	})
}

// groupMembers are the users named, in their order; those deleted meanwhile left out.
func (c *catalog) groupMembers(ctx context.Context, group string, members []string) ([]*model.User, error) {
	return c.groupUsers.get(group, func() ([]*model.User, error) {
		out := make([]*model.User, 0, len(members))
		for _, m := range members {
			u, err := c.r.Directory.GetUser(ctx, m)
			if errors.Is(err, directory.ErrNotFound) {
				continue
			}
			if err != nil {
				return nil, err
			}
			out = append(out, &model.User{Source: u})
		}
		return out, nil
	})
}

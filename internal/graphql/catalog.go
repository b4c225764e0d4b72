package graphql

import (
	"context"
	"fmt"
	"sort"
	"sync"

	"sigs.k8s.io/controller-runtime/pkg/client"

	"github.com/primehub/primehub/api/v1beta1"
	"github.com/primehub/primehub/internal/directory"
)

// catalog is one operation's view of the instance types, images and volumes, and of users'
// groups: each is read once per operation, however many fields ask for it (`me` asks for a
// user's groups twice, as groups and as effectiveGroups).
type catalog struct {
	r *Resolver

	mu       sync.Mutex
	groupsOf map[string][]directory.Group

	itOnce, imgOnce, volOnce sync.Once
	its                      []v1beta1.InstanceType
	imgs                     []v1beta1.Image
	vols                     []v1beta1.Volume
	itErr, imgErr, volErr    error
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
	c.mu.Lock()
	defer c.mu.Unlock()
	if groups, ok := c.groupsOf[username]; ok {
		return groups, nil
	}
	groups, err := c.r.Directory.GroupsOf(ctx, username)
	if err != nil {
		return nil, err
	}
	if c.groupsOf == nil {
		c.groupsOf = map[string][]directory.Group{}
	}
	c.groupsOf[username] = groups
	return groups, nil
}

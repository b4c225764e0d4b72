package builtin

import (
	"context"
	"fmt"
	"slices"
	"strings"

	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/client-go/util/retry"
	"sigs.k8s.io/controller-runtime/pkg/client"

	"github.com/primehub/primehub/api/v1beta1"
	"github.com/primehub/primehub/internal/directory"
	"github.com/primehub/primehub/internal/names"
)

// CreateGroup implements directory.Directory.
func (d *Directory) CreateGroup(ctx context.Context, g directory.Group) (directory.Group, error) {
	if err := directory.ValidateGroupName(g.Name); err != nil {
		return directory.Group{}, err
	}
	if err := d.checkMembers(ctx, g); err != nil {
		return directory.Group{}, err
	}
	cr := &v1beta1.Group{ObjectMeta: metav1.ObjectMeta{Name: names.Label(g.Name)}, Spec: groupSpec(g)}
	if err := d.client.Create(ctx, cr); err != nil {
		if apierrors.IsAlreadyExists(err) {
			return directory.Group{}, fmt.Errorf("group %q: %w", g.Name, directory.ErrAlreadyExists)
		}
		return directory.Group{}, fmt.Errorf("create group %q: %w", g.Name, apiError(err))
	}
	if err := d.awaitCache(ctx, cr, false); err != nil {
		return directory.Group{}, fmt.Errorf("group %q created, not yet seen: %w", g.Name, err)
	}
	return groupFromCR(cr), nil
}

// checkMembers refuses members who are not users and admins who are not members, as
// Keycloak would, so both backends agree.
func (d *Directory) checkMembers(ctx context.Context, g directory.Group) error {
	for _, m := range g.Members {
		if _, err := d.GetUser(ctx, m); err != nil {
			return fmt.Errorf("%w: group %q member %q is not a user", directory.ErrInvalid, g.Name, m)
		}
	}
	for _, a := range g.Admins {
		if !slices.Contains(g.Members, a) {
			return fmt.Errorf("%w: group %q admin %q is not a member", directory.ErrInvalid, g.Name, a)
		}
	}
	return nil
}

// GetGroup implements directory.Directory.
func (d *Directory) GetGroup(ctx context.Context, name string) (directory.Group, error) {
	if name == directory.Everyone {
		return d.everyone(ctx)
	}
	cr := &v1beta1.Group{}
	if err := d.cache.Get(ctx, client.ObjectKey{Name: names.Label(name)}, cr); err != nil {
		if apierrors.IsNotFound(err) {
			return directory.Group{}, fmt.Errorf("group %q: %w", name, directory.ErrNotFound)
		}
		return directory.Group{}, fmt.Errorf("get group %q: %w", name, err)
	}
	if cr.Spec.Name != name {
		return directory.Group{}, fmt.Errorf("group %q: %w", name, directory.ErrNotFound)
	}
	return groupFromCR(cr), nil
}

// everyoneDisplayName is how the implicit group of all users is shown.
const everyoneDisplayName = "Everyone"

// everyone is the implicit group, every user a member.
func (d *Directory) everyone(ctx context.Context) (directory.Group, error) {
	users, err := d.ListUsers(ctx)
	if err != nil {
		return directory.Group{}, err
	}
	g := directory.Group{Name: directory.Everyone, DisplayName: everyoneDisplayName, Members: make([]string, 0, len(users))}
	for _, u := range users {
		g.Members = append(g.Members, u.Username)
	}
	return g, nil
}

// ListGroups implements directory.Directory.
func (d *Directory) ListGroups(ctx context.Context) ([]directory.Group, error) {
	list := &v1beta1.GroupList{}
	// Not copied: groupFromCR copies what it keeps.
	if err := d.cache.List(ctx, list, client.UnsafeDisableDeepCopy); err != nil {
		return nil, fmt.Errorf("list groups: %w", err)
	}
	groups := make([]directory.Group, 0, len(list.Items))
	for i := range list.Items {
		groups = append(groups, groupFromCR(&list.Items[i]))
	}
	slices.SortFunc(groups, func(a, b directory.Group) int { return strings.Compare(a.Name, b.Name) })
	return groups, nil
}

// UpdateGroup implements directory.Directory.
func (d *Directory) UpdateGroup(ctx context.Context, g directory.Group) (directory.Group, error) {
	if err := d.checkMembers(ctx, g); err != nil {
		return directory.Group{}, err
	}
	cr, err := d.updateGroup(ctx, g.Name, func(spec *v1beta1.GroupSpec) error {
		*spec = groupSpec(g)
		return nil
	})
	if err != nil {
		return directory.Group{}, err
	}
	return groupFromCR(cr), nil
}

// AddMember implements directory.Directory.
func (d *Directory) AddMember(ctx context.Context, group, username string) error {
	if _, err := d.GetUser(ctx, username); err != nil {
		return err
	}
	_, err := d.updateGroup(ctx, group, func(spec *v1beta1.GroupSpec) error {
		spec.Members = sorted(append(spec.Members, username))
		return nil
	})
	return err
}

// RemoveMember implements directory.Directory; a member who was an admin stops being one.
func (d *Directory) RemoveMember(ctx context.Context, group, username string) error {
	_, err := d.updateGroup(ctx, group, func(spec *v1beta1.GroupSpec) error {
		if !slices.Contains(spec.Members, username) {
			return fmt.Errorf("%q is not a member of group %q: %w", username, group, directory.ErrNotFound)
		}
		spec.Members = slices.DeleteFunc(spec.Members, func(m string) bool { return m == username })
		spec.Admins = slices.DeleteFunc(spec.Admins, func(m string) bool { return m == username })
		return nil
	})
	return err
}

func (d *Directory) updateGroup(ctx context.Context, name string, change func(*v1beta1.GroupSpec) error) (*v1beta1.Group, error) {
	if name == directory.Everyone {
		return nil, fmt.Errorf("%w: group %q is implicit: it holds every user and cannot change", directory.ErrInvalid, name)
	}
	cr := &v1beta1.Group{}
	err := retry.RetryOnConflict(retry.DefaultRetry, func() error {
		if err := d.client.Get(ctx, client.ObjectKey{Name: names.Label(name)}, cr); err != nil {
			return err
		}
		if cr.Spec.Name != name {
			return fmt.Errorf("group %q: %w", name, directory.ErrNotFound)
		}
		if err := change(&cr.Spec); err != nil {
			return err
		}
		return d.client.Update(ctx, cr)
	})
	if apierrors.IsNotFound(err) {
		return nil, fmt.Errorf("group %q: %w", name, directory.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("update group %q: %w", name, apiError(err))
	}
	if err := d.awaitCache(ctx, cr, false); err != nil {
		return nil, fmt.Errorf("group %q updated, not yet seen: %w", name, err)
	}
	return cr, nil
}

// DeleteGroup implements directory.Directory.
func (d *Directory) DeleteGroup(ctx context.Context, name string) error {
	if name == directory.Everyone {
		return fmt.Errorf("%w: group %q is implicit and cannot be deleted", directory.ErrInvalid, name)
	}
	cr := &v1beta1.Group{}
	if err := d.cache.Get(ctx, client.ObjectKey{Name: names.Label(name)}, cr); err != nil || cr.Spec.Name != name {
		return fmt.Errorf("group %q: %w", name, directory.ErrNotFound)
	}
	if err := d.client.Delete(ctx, cr); err != nil && !apierrors.IsNotFound(err) {
		return fmt.Errorf("delete group %q: %w", name, err)
	}
	return d.awaitCache(ctx, cr, true)
}

// GroupsOf implements directory.Directory.
func (d *Directory) GroupsOf(ctx context.Context, username string) ([]directory.Group, error) {
	if _, err := d.GetUser(ctx, username); err != nil {
		return nil, err
	}
	objs, err := d.groups.ByIndex(membersIndex, username)
	if err != nil {
		return nil, fmt.Errorf("groups of %q: %w", username, err)
	}
	groups := make([]directory.Group, 1, len(objs)+1)
	groups[0] = directory.Group{Name: directory.Everyone, DisplayName: everyoneDisplayName}
	for _, o := range objs {
		if cr, ok := o.(*v1beta1.Group); ok {
			groups = append(groups, groupFromCR(cr))
		}
	}
	slices.SortFunc(groups[1:], func(a, b directory.Group) int { return strings.Compare(a.Name, b.Name) })
	return groups, nil
}

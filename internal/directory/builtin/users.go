package builtin

import (
	"context"
	"fmt"
	"slices"
	"strings"

	apierrors "k8s.io/apimachinery/pkg/api/errors"
	"k8s.io/client-go/util/retry"
	"sigs.k8s.io/controller-runtime/pkg/client"

	"github.com/primehub/primehub/api/v1beta1"
	"github.com/primehub/primehub/internal/directory"
	"github.com/primehub/primehub/internal/names"
)

// CreateUser implements directory.Directory.
func (d *Directory) CreateUser(ctx context.Context, u directory.User) (directory.User, error) {
	if err := directory.ValidateUsername(u.Username); err != nil {
		return directory.User{}, err
	}
	cr := userCR(u)
	if err := d.client.Create(ctx, cr); err != nil {
		if apierrors.IsAlreadyExists(err) {
			return directory.User{}, fmt.Errorf("user %q: %w", u.Username, directory.ErrAlreadyExists)
		}
		return directory.User{}, fmt.Errorf("create user %q: %w", u.Username, apiError(err))
	}
	if err := d.awaitCache(ctx, cr, false); err != nil {
		return directory.User{}, fmt.Errorf("user %q created, not yet seen: %w", u.Username, err)
	}
	return userFromCR(cr), nil
}

// GetUser implements directory.Directory.
func (d *Directory) GetUser(ctx context.Context, username string) (directory.User, error) {
	cr, err := d.cachedUser(username)
	if err != nil {
		return directory.User{}, err
	}
	return userFromCR(cr), nil
}

// cachedUser is the cache's own object: callers only read it (userFromCR copies what it
// keeps, updates get the object first).
func (d *Directory) cachedUser(username string) (*v1beta1.User, error) {
	obj, _, err := d.users.GetByKey(names.Label(username))
	if err != nil {
		return nil, fmt.Errorf("get user %q: %w", username, err)
	}
	cr, ok := obj.(*v1beta1.User) // not ok when it does not exist
	// Label is collision-free, but an object made by hand could carry another username.
	if !ok || cr.Spec.Username != username {
		return nil, fmt.Errorf("user %q: %w", username, directory.ErrNotFound)
	}
	return cr, nil
}

// ListUsers implements directory.Directory.
func (d *Directory) ListUsers(ctx context.Context) ([]directory.User, error) {
	list := &v1beta1.UserList{}
	// Not copied: userFromCR copies what it keeps, and a list of every user is big.
	if err := d.cache.List(ctx, list, client.UnsafeDisableDeepCopy); err != nil {
		return nil, fmt.Errorf("list users: %w", err)
	}
	users := make([]directory.User, 0, len(list.Items))
	for i := range list.Items {
		users = append(users, userFromCR(&list.Items[i]))
	}
	slices.SortFunc(users, func(a, b directory.User) int { return strings.Compare(a.Username, b.Username) })
	return users, nil
}

// UpdateUser implements directory.Directory.
func (d *Directory) UpdateUser(ctx context.Context, u directory.User) (directory.User, error) {
	cr, err := d.updateUser(ctx, u.Username, false, func(spec *v1beta1.UserSpec) { *spec = userSpec(u) })
	if err != nil {
		return directory.User{}, err
	}
	return userFromCR(cr), nil
}

// SetUserDisabled implements directory.Directory.
func (d *Directory) SetUserDisabled(ctx context.Context, username string, disabled bool) error {
	_, err := d.updateUser(ctx, username, false, func(spec *v1beta1.UserSpec) { spec.Disabled = disabled })
	return err
}

// updateUser changes the user's spec; disabling the user, or revoke, revokes their sessions.
func (d *Directory) updateUser(ctx context.Context, username string, revoke bool, change func(*v1beta1.UserSpec)) (*v1beta1.User, error) {
	cr := &v1beta1.User{}
	err := retry.RetryOnConflict(retry.DefaultRetry, func() error {
		if err := d.client.Get(ctx, client.ObjectKey{Name: names.Label(username)}, cr); err != nil {
			return err
		}
		if cr.Spec.Username != username {
			return fmt.Errorf("user %q: %w", username, directory.ErrNotFound)
		}
		wasDisabled := cr.Spec.Disabled
		change(&cr.Spec)
		if revoke || (cr.Spec.Disabled && !wasDisabled) {
			newSessionGeneration(cr)
		}
		return d.client.Update(ctx, cr)
	})
	if apierrors.IsNotFound(err) {
		return nil, fmt.Errorf("user %q: %w", username, directory.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("update user %q: %w", username, apiError(err))
	}
	if err := d.awaitCache(ctx, cr, false); err != nil {
		return nil, fmt.Errorf("user %q updated, not yet seen: %w", username, err)
	}
	return cr, nil
}

// DeleteUser implements directory.Directory.
func (d *Directory) DeleteUser(ctx context.Context, username string) error {
	cr, err := d.cachedUser(username)
	if err != nil {
		return err
	}
	groups, err := d.GroupsOf(ctx, username)
	if err != nil {
		return err
	}
	for _, g := range groups {
		if g.Name == directory.Everyone {
			continue
		}
		if err := d.RemoveMember(ctx, g.Name, username); err != nil {
			return fmt.Errorf("delete user %q: %w", username, err)
		}
	}
	if err := d.deletePassword(ctx, username); err != nil {
		return err
	}
	if err := d.client.Delete(ctx, cr); err != nil && !apierrors.IsNotFound(err) {
		return fmt.Errorf("delete user %q: %w", username, err)
	}
	return d.awaitCache(ctx, cr, true)
}

// apiError turns the API server's refusal of an object into ErrInvalid, keeping its message.
func apiError(err error) error {
	if apierrors.IsInvalid(err) || apierrors.IsBadRequest(err) {
		return fmt.Errorf("%w: %s", directory.ErrInvalid, err.Error())
	}
	return err
}

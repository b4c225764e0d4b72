package graphql

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/99designs/gqlgen/graphql"

	"github.com/primehub/primehub/internal/auth"
	"github.com/primehub/primehub/internal/directory"
	"github.com/primehub/primehub/internal/graphql/model"
)

// userFields are the fields users are created and updated with.
type userFields struct {
	email, firstName, lastName *string
	isAdmin, enabled           *bool
	// volumeCapacity set to null goes back to the system default.
	volumeCapacity graphql.Omittable[*int]
}

// applyUserInput sets on u the fields given; firstName and lastName make the display name.
func applyUserInput(u *directory.User, in userFields) error {
	if in.email != nil {
		u.Email = *in.email
	}
	if in.firstName != nil || in.lastName != nil {
		u.DisplayName = strings.TrimSpace(deref(in.firstName) + " " + deref(in.lastName))
	}
	if in.isAdmin != nil {
		u.Admin = *in.isAdmin
	}
	if in.enabled != nil {
		u.Disabled = !*in.enabled
	}
	if v, set := in.volumeCapacity.ValueOK(); set {
		if v == nil {
			u.VolumeCapacity = nil
			return nil
		}
		if *v <= 0 {
			return badInput("volumeCapacity must be 1 GB or more, not %d", *v)
		}
		q, err := model.GiBQuantity("volumeCapacity", float64(*v))
		if err != nil {
			return badInput("%v", err)
		}
		u.VolumeCapacity = &q
	}
	return nil
}

// omittable makes an optional create-input field look like an update's.
func omittable[T any](v *T) graphql.Omittable[*T] {
	if v == nil {
		return graphql.Omittable[*T]{}
	}
	return graphql.OmittableOf(v)
}

// groupsOf answers username's groups, everyone included or not, each seen as theirs.
// Someone else than the user and administrators sees only the groups they share.
func (r *Resolver) groupsOf(ctx context.Context, username string, everyone bool) ([]*model.Group, error) {
	id, err := caller(ctx)
	if err != nil {
		return nil, err
	}
	groups, err := r.catalog(ctx).userGroups(ctx, username)
	if err != nil {
		return nil, err
	}
	if !id.Admin && id.Username != username {
		// A copy: the operation's catalog keeps the list for other fields.
		groups = slices.DeleteFunc(slices.Clone(groups), func(g directory.Group) bool { return !memberOf(id, g.Name) })
	}
	names := make([]string, 0, len(groups))
	for _, g := range groups {
		names = append(names, g.Name)
	}
	out := make([]model.Group, 0, len(groups))
	for _, g := range groups {
		if g.Name == directory.Everyone && !everyone {
			continue
		}
		out = append(out, model.Group{Source: g, Viewer: names})
	}
	return pointersTo(out), nil
}

// tokensOf lists a user's API tokens, for themselves and administrators only.
func (r *Resolver) tokensOf(ctx context.Context, u *model.User) ([]auth.APIToken, error) {
	id, err := caller(ctx)
	if err != nil {
		return nil, err
	}
	if !id.Admin && id.Username != u.Source.Username {
		return nil, forbidden("only %s and administrators may see %s's API tokens", u.Source.Username, u.Source.Username)
	}
	if r.Tokens == nil {
		return nil, nil
	}
	return r.Tokens.List(ctx, u.Source.Username)
}

func apiToken(t auth.APIToken) *model.APIToken {
	out := &model.APIToken{ID: t.ID, Name: t.Name, CreatedAt: t.Created.UTC().Format(time.RFC3339)}
	if !t.LastUsed.IsZero() {
		s := t.LastUsed.UTC().Format(time.RFC3339)
		out.LastUsedAt = &s
	}
	if !t.Expires.IsZero() {
		s := t.Expires.UTC().Format(time.RFC3339)
		out.ExpiresAt = &s
	}
	return out
}

// existingGroups checks that every group field names exists and is not everyone, which
// holds every user by itself.
func (r *Resolver) existingGroups(ctx context.Context, field string, names []string) error {
	for _, g := range names {
		if g == directory.Everyone {
			return badInput("%s: group %s holds every user: members cannot be added to or removed from it", field, g)
		}
		if _, err := r.Directory.GetGroup(ctx, g); err != nil {
			if errors.Is(err, directory.ErrNotFound) {
				return unknownRef(field, "groups", g)
			}
			return fmt.Errorf("read group %s: %w", g, err)
		}
	}
	return nil
}

// existingUsers checks that every user field names exists.
func (r *Resolver) existingUsers(ctx context.Context, field string, names []string) error {
	for _, u := range names {
		if _, err := r.Directory.GetUser(ctx, u); err != nil {
			if errors.Is(err, directory.ErrNotFound) {
				return unknownRef(field, "users", u)
			}
			return fmt.Errorf("read user %s: %w", u, err)
		}
	}
	return nil
}

func groupIDs(ws []*model.GroupWhereUniqueInput) []string {
	out := make([]string, 0, len(ws))
	for _, w := range ws {
		out = append(out, w.ID)
	}
	return out
}

func userIDs(ws []*model.UserWhereUniqueInput) []string {
	out := make([]string, 0, len(ws))
	for _, w := range ws {
		out = append(out, w.ID)
	}
	return out
}

func deref[T any](p *T) T {
	var zero T
	if p == nil {
		return zero
	}
	return *p
}

// getUser and getGroup read what a mutation names, worded as Kubernetes words a missing
// object.
func (r *Resolver) getUser(ctx context.Context, name string) (directory.User, error) {
	u, err := r.Directory.GetUser(ctx, name)
	if errors.Is(err, directory.ErrNotFound) {
		return u, notFound("users", name)
	}
	return u, err
}

func (r *Resolver) getGroup(ctx context.Context, name string) (directory.Group, error) {
	g, err := r.Directory.GetGroup(ctx, name)
	if errors.Is(err, directory.ErrNotFound) {
		return g, notFound("groups", name)
	}
	return g, err
}

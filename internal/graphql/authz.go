package graphql

import (
	"context"
	"slices"

	"github.com/primehub/primehub/internal/auth"
	"github.com/primehub/primehub/internal/directory"
)

// Who may do what. Every resolver starts with one of these; the roles are:
//   - anonymous: nothing;
//   - any user: themselves, their groups and what their groups may use;
//   - group admin: also their groups' members and group images;
//   - system admin and the shared secret: everything.

// caller answers who asks, or an UNAUTHENTICATED error for a request without credentials.
func caller(ctx context.Context) (*auth.Identity, error) {
	id, ok := auth.FromContext(ctx)
	if !ok || id == nil {
		return nil, newError(CodeUnauthenticated, "log in first: the request carries no credentials")
	}
	return id, nil
}

// user answers the caller when they are a user (not the shared secret, which is nobody).
func user(ctx context.Context) (*auth.Identity, error) {
	id, err := caller(ctx)
	if err != nil {
		return nil, err
	}
	if id.Username == "" {
		return nil, badInput("the shared secret acts as no user: use a user's token")
	}
	return id, nil
}

func admin(ctx context.Context) (*auth.Identity, error) {
	id, err := caller(ctx)
	if err != nil {
		return nil, err
	}
	if !id.Admin {
		return nil, forbidden("only system administrators may do this")
	}
	return id, nil
}

func memberOf(id *auth.Identity, group string) bool {
	return id.Admin || group == directory.Everyone || slices.Contains(id.Groups, group)
}

func adminOf(id *auth.Identity, group string) bool {
	return id.Admin || slices.Contains(id.AdminOf, group)
}

// groupAdmin answers the caller when they administer group (or the system).
func groupAdmin(ctx context.Context, group string) (*auth.Identity, error) {
	id, err := caller(ctx)
	if err != nil {
		return nil, err
	}
	if !adminOf(id, group) {
		return nil, forbidden("only administrators of group %s may do this", group)
	}
	return id, nil
}

// anyGroupAdmin answers the caller when they administer some group (or the system).
func anyGroupAdmin(ctx context.Context) (*auth.Identity, error) {
	id, err := caller(ctx)
	if err != nil {
		return nil, err
	}
	if !id.Admin && len(id.AdminOf) == 0 {
		return nil, forbidden("only system and group administrators may do this")
	}
	return id, nil
}

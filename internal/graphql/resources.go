package graphql

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"k8s.io/apimachinery/pkg/util/validation"
	"sigs.k8s.io/controller-runtime/pkg/client"

	"github.com/primehub/primehub/api/v1beta1"
	"github.com/primehub/primehub/internal/access"
	"github.com/primehub/primehub/internal/auth"
	"github.com/primehub/primehub/internal/directory"
	"github.com/primehub/primehub/internal/graphql/model"
)

// usable tells whether id may see a resource with access a: administrators see all,
// others what one of their groups (everyone included) may use.
func usable(id *auth.Identity, a v1beta1.Access) bool {
	return id.Admin || slices.ContainsFunc(id.Groups, func(g string) bool { return access.Granted(a, g) })
}

// imageUsable adds group images of the user's groups.
func imageUsable(id *auth.Identity, img *v1beta1.Image) bool {
	if img.Spec.GroupName != "" {
		return memberOf(id, img.Spec.GroupName)
	}
	return usable(id, img.Spec.Access)
}

// validName checks a name for an object of the platform, which Kubernetes names.
func validName(what, name string) error {
	if errs := validation.IsDNS1123Subdomain(name); len(errs) > 0 {
		return badInput("%s name %q is invalid: %s", what, name, strings.Join(errs, "; "))
	}
	return nil
}

// grantRelation applies a connect/disconnect of groups to a. Groups connected must exist;
// everyone is granted with global instead.
func (r *Resolver) grantRelation(ctx context.Context, a *v1beta1.Access, connect []groupGrantInput, disconnect []string) error {
	for _, g := range connect {
		if g.name == directory.Everyone {
			return badInput("groups: grant to every user with global: true rather than to group %s", g.name)
		}
		if _, err := r.Directory.GetGroup(ctx, g.name); err != nil {
			if errors.Is(err, directory.ErrNotFound) {
				return unknownRef("groups", "groups", g.name)
			}
			return fmt.Errorf("read group %s: %w", g.name, err)
		}
		*a = access.WithGrant(*a, g.name, g.writable)
	}
	for _, g := range disconnect {
		*a = access.WithoutGrant(*a, g)
	}
	return nil
}

// groupGrantInput is a group to grant, writable for volumes.
type groupGrantInput struct {
	name     string
	writable bool
}

func grantInputs(ids []string) []groupGrantInput {
	out := make([]groupGrantInput, 0, len(ids))
	for _, id := range ids {
		out = append(out, groupGrantInput{name: id})
	}
	return out
}

// accessGroups shows the groups granted by name.
func (r *Resolver) accessGroups(ctx context.Context, a v1beta1.Access) ([]*model.Group, error) {
	out := make([]*model.Group, 0, len(a.Groups))
	for _, g := range a.Groups {
		dg, err := r.Directory.GetGroup(ctx, g.Name)
		if errors.Is(err, directory.ErrNotFound) {
			continue // granted to a group since deleted
		}
		if err != nil {
			return nil, err
		}
		writable := g.Writable
		out = append(out, &model.Group{Source: dg, Writable: &writable})
	}
	return out, nil
}

// deleteCached reads the platform's object name from the cache into o, then deletes it:
// o is what a delete mutation answers.
func (r *Resolver) deleteCached(ctx context.Context, name string, o client.Object) error {
	if err := r.Reader.Get(ctx, client.ObjectKey{Namespace: r.Namespace, Name: name}, o); err != nil {
		return err
	}
	return r.Client.Delete(ctx, o)
}

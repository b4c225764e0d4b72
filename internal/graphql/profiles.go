package graphql

import (
	"context"
	"slices"

	rbacv1 "k8s.io/api/rbac/v1"

	"github.com/primehub/primehub/api/v1beta1"
	"github.com/primehub/primehub/internal/auth"
	"github.com/primehub/primehub/internal/graphql/model"
	"k8s.io/apimachinery/pkg/api/meta"
	"sigs.k8s.io/controller-runtime/pkg/client"
)

// profileRole answers id's role in p: admin for its owner (and system administrators).
func profileRole(id *auth.Identity, p *v1beta1.Profile) (v1beta1.ContributorRole, bool) {
	if id.Admin || subjectIs(id, p.Spec.Owner) {
		return v1beta1.ContributorAdmin, true
	}
	best, found := v1beta1.ContributorView, false
	for _, c := range p.Spec.Contributors {
		if subjectIs(id, c.Subject) {
			found = true
			if c.Role == v1beta1.ContributorAdmin || c.Role == v1beta1.ContributorEdit && best == v1beta1.ContributorView {
				best = c.Role
			}
		}
	}
	return best, found
}

// subjectIs tells whether s names id's user or one of their groups.
func subjectIs(id *auth.Identity, s rbacv1.Subject) bool {
	switch s.Kind {
	case rbacv1.UserKind:
		return id.Username != "" && s.Name == id.Username
	case rbacv1.GroupKind:
		return slices.Contains(id.Groups, s.Name)
	}
	return false
}

// profileModel shows a profile.
func profileModel(p *v1beta1.Profile) *model.Profile {
	out := &model.Profile{ID: p.Name, Name: p.Name, Namespace: p.Name, OwnerKind: p.Spec.Owner.Kind, Owner: p.Spec.Owner.Name,
		Contributors: []*model.ProfileContributor{}, Ready: meta.IsStatusConditionTrue(p.Status.Conditions, "Ready")}
	for _, c := range p.Spec.Contributors {
		out.Contributors = append(out.Contributors, &model.ProfileContributor{Kind: c.Subject.Kind, Name: c.Subject.Name, Role: string(c.Role)})
	}
	if p.Spec.ResourceQuota != nil && len(p.Spec.ResourceQuota.Hard) > 0 {
		hard := map[string]any{}
		for k, v := range p.Spec.ResourceQuota.Hard {
			hard[string(k)] = v.String()
		}
		out.ResourceQuota = hard
	}
	return out
}

// profile reads a profile the caller may see: its owner, contributors and administrators.
func (r *Resolver) profile(ctx context.Context, name string) (*auth.Identity, *v1beta1.Profile, error) {
	id, err := caller(ctx)
	if err != nil {
		return nil, nil, err
	}
	p := &v1beta1.Profile{}
	if err := r.Reader.Get(ctx, client.ObjectKey{Name: name}, p); err != nil {
		return nil, nil, err
	}
	if _, ok := profileRole(id, p); !ok {
		return nil, nil, forbidden("you are neither the owner nor a contributor of profile %s", name)
	}
	return id, p, nil
}

// changeContributors changes a profile's contributors, as its owner, an admin contributor
// or a system administrator.
func (r *Resolver) changeContributors(ctx context.Context, name string, change func([]v1beta1.Contributor) []v1beta1.Contributor) (*model.Profile, error) {
	id, cached, err := r.profile(ctx, name)
	if err != nil {
		return nil, err
	}
	if role, _ := profileRole(id, cached); role != v1beta1.ContributorAdmin {
		return nil, forbidden("only the owner and admin contributors of profile %s may change its contributors", name)
	}
	p := cached.DeepCopy()
	if err := r.update(ctx, p, func() error { p.Spec.Contributors = change(p.Spec.Contributors); return nil }); err != nil {
		return nil, err
	}
	return profileModel(p), nil
}

// contributor reads a contributor: kind User (default) or Group, role admin, edit or view.
func contributor(kind, name, role string) (v1beta1.Contributor, error) {
	if kind == "" {
		kind = rbacv1.UserKind
	}
	if kind != rbacv1.UserKind && kind != rbacv1.GroupKind {
		return v1beta1.Contributor{}, badInput("kind must be User or Group, not %q", kind)
	}
	r := v1beta1.ContributorRole(role)
	if r != v1beta1.ContributorAdmin && r != v1beta1.ContributorEdit && r != v1beta1.ContributorView {
		return v1beta1.Contributor{}, badInput("role must be admin, edit or view, not %q", role)
	}
	if name == "" {
		return v1beta1.Contributor{}, badInput("name is required: the user or group to add")
	}
	return v1beta1.Contributor{Subject: rbacv1.Subject{Kind: kind, APIGroup: rbacv1.GroupName, Name: name}, Role: r}, nil
}

// Package profile is the Profile validating webhook: RBAC decides who may create and delete
// profiles at all (primehub-profile-creator, -deleter); this decides whose and what: a
// non-admin creates profiles owned by themselves only, never under a group profile's name,
// and leaves the namespace's limits (quota, container defaults, Pod Security) to
// administrators; contributors change only by the owner or an admin contributor; a profile
// is deleted only by its owner or an administrator.
package profile

import (
	"fmt"
	"slices"
	"strings"

	rbacv1 "k8s.io/api/rbac/v1"
	"k8s.io/apimachinery/pkg/api/equality"

	"github.com/primehub/primehub/api/v1beta1"
)

// requester is who asks, as the API server authenticated them.
type requester struct {
	username string
	groups   []string
	admin    bool
}

func isUser(s rbacv1.Subject, username string) bool {
	return s.Kind == rbacv1.UserKind && s.Name == username
}

// owns tells whether r is p's owner: the user it names, or a member of the group it names
// (as RBAC would bind them).
func (r requester) owns(p *v1beta1.Profile) bool {
	o := p.Spec.Owner
	return isUser(o, r.username) || o.Kind == rbacv1.GroupKind && slices.Contains(r.groups, o.Name)
}

// adminFields are the parts of a profile only administrators set: they are the limits of
// what its owner and contributors may run.
var adminFields = []struct {
	path string
	get  func(p *v1beta1.Profile) any
}{
	{"spec.resourceQuota", func(p *v1beta1.Profile) any { return p.Spec.ResourceQuota }},
	{"spec.limitRange", func(p *v1beta1.Profile) any { return p.Spec.LimitRange }},
	{"spec.podSecurity", func(p *v1beta1.Profile) any { return p.Spec.PodSecurity }},
	{"the label " + v1beta1.LabelGroupProfile, func(p *v1beta1.Profile) any { return p.Labels[v1beta1.LabelGroupProfile] }},
}

// changedAdminField names the first admin field that differs between old and p (old nil:
// one p sets at all), or "".
func changedAdminField(old, p *v1beta1.Profile) string {
	if old == nil {
		old = &v1beta1.Profile{}
	}
	for _, f := range adminFields {
		if !equality.Semantic.DeepEqual(f.get(old), f.get(p)) {
			return f.path
		}
	}
	return ""
}

// checkCreate: non-admins own what they create, leave groups' names to groups, and set no
// limits of their own.
func checkCreate(r requester, p *v1beta1.Profile) error {
	if r.admin {
		return nil
	}
	if !isUser(p.Spec.Owner, r.username) {
		return fmt.Errorf("user %s may only create profiles owned by themselves, not by %s %s", r.username, p.Spec.Owner.Kind, p.Spec.Owner.Name)
	}
	if strings.HasPrefix(p.Name, v1beta1.GroupProfilePrefix) {
		return fmt.Errorf("profile name %s: names beginning with %q are reserved for groups' profiles; choose another name", p.Name, v1beta1.GroupProfilePrefix)
	}
	if f := changedAdminField(nil, p); f != "" {
		return fmt.Errorf("%s is set by administrators only: user %s may not set it on profile %s", f, r.username, p.Name)
	}
	return nil
}

// checkUpdate: the owner and the limits change only by an admin; contributors by an admin,
// the owner or an admin contributor (as the profile stood before the change).
func checkUpdate(r requester, old, p *v1beta1.Profile) error {
	if r.admin {
		return nil
	}
	if !equality.Semantic.DeepEqual(old.Spec.Owner, p.Spec.Owner) {
		return fmt.Errorf("only an administrator may change the owner of profile %s", p.Name)
	}
	if f := changedAdminField(old, p); f != "" {
		return fmt.Errorf("%s is set by administrators only: user %s may not change it on profile %s", f, r.username, p.Name)
	}
	if equality.Semantic.DeepEqual(old.Spec.Contributors, p.Spec.Contributors) {
		return nil
	}
	if isUser(old.Spec.Owner, r.username) {
		return nil
	}
	for _, c := range old.Spec.Contributors {
		if c.Role == v1beta1.ContributorAdmin && isUser(c.Subject, r.username) {
			return nil
		}
	}
	return fmt.Errorf("user %s may not change the contributors of profile %s: only its owner and admin contributors may", r.username, p.Name)
}

// checkDelete: a profile goes with its namespace and everything in it, so only its owner or
// an administrator deletes it.
func checkDelete(r requester, p *v1beta1.Profile) error {
	if r.admin || r.owns(p) {
		return nil
	}
	return fmt.Errorf("user %s may not delete profile %s: only its owner (%s %s) and administrators may", r.username, p.Name, p.Spec.Owner.Kind, p.Spec.Owner.Name)
}

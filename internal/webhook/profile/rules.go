// Package profile is the Profile validating webhook: RBAC decides who may create and delete
// profiles at all (primehub-profile-creator, -deleter); this decides whose: a non-admin
// creates profiles owned by themselves only, and changes contributors only as the owner or
// an admin contributor.
package profile

import (
	"fmt"

	rbacv1 "k8s.io/api/rbac/v1"
	"k8s.io/apimachinery/pkg/api/equality"

	"github.com/primehub/primehub/api/v1beta1"
)

// requester is who asks, as the API server authenticated them.
type requester struct {
	username string
	admin    bool
}

func isUser(s rbacv1.Subject, username string) bool {
	return s.Kind == rbacv1.UserKind && s.Name == username
}

// checkCreate: non-admins own what they create.
func checkCreate(r requester, p *v1beta1.Profile) error {
	if r.admin || isUser(p.Spec.Owner, r.username) {
		return nil
	}
	return fmt.Errorf("user %s may only create profiles owned by themselves, not by %s %s", r.username, p.Spec.Owner.Kind, p.Spec.Owner.Name)
}

// checkUpdate: the owner changes only by an admin; contributors by an admin, the owner or
// an admin contributor (as the profile stood before the change).
func checkUpdate(r requester, old, p *v1beta1.Profile) error {
	if r.admin {
		return nil
	}
	if !equality.Semantic.DeepEqual(old.Spec.Owner, p.Spec.Owner) {
		return fmt.Errorf("only an administrator may change the owner of profile %s", p.Name)
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

package launch

import (
	"slices"

	rbacv1 "k8s.io/api/rbac/v1"

	"github.com/primehub/primehub/api/v1beta1"
	"github.com/primehub/primehub/internal/directory"
)

// namespaceRefusal tells why req may not launch in its namespace, if it may not. Anyone
// launches in the platform namespace. Jobs run there only: the job scheduler queues the
// platform's jobs against their groups' quotas, and a job elsewhere would wait forever, so
// it is refused at once. Notebooks may also run in a profile's namespace, for a user who
// may launch there (mayLaunchIn).
func namespaceRefusal(req Request, f Facts) *Refusal {
	if req.Namespace == f.PlatformNamespace {
		return nil
	}
	if req.Kind == Job || req.Kind == App || req.Kind == Deployment {
		return refuse(ReasonNamespaceNotAllowed, "%s in the platform namespace %s only, not in %s", req.Kind.placed(), f.PlatformNamespace, req.Namespace)
	}
	if f.Profile == nil || f.Profile.Name != req.Namespace {
		return refuse(ReasonNamespaceNotAllowed, "namespace %s is neither the platform's nor a profile's: %s are launched in %s or in a profile", req.Namespace, req.Kind.plural(), f.PlatformNamespace)
	}
	if !mayLaunchIn(f.Profile, f.User, f.Groups) {
		return refuse(ReasonNamespaceNotAllowed, "user %s may not launch %s in profile %s: only system administrators, its owner and its admin and edit contributors may", f.User.Username, req.Kind.plural(), req.Namespace)
	}
	return nil
}

// mayLaunchIn tells whether user, a member of groups, may launch in profile p: a system
// administrator, its owner, or a contributor with the admin or edit role, named as a user
// or as one of the user's groups. View contributors only look.
func mayLaunchIn(p *v1beta1.Profile, user directory.User, groups []directory.Group) bool {
	if user.Admin || names(p.Spec.Owner, user, groups) {
		return true
	}
	return slices.ContainsFunc(p.Spec.Contributors, func(c v1beta1.Contributor) bool {
		return c.Role != v1beta1.ContributorView && names(c.Subject, user, groups)
	})
}

// names tells whether s names user, or one of their groups.
func names(s rbacv1.Subject, user directory.User, groups []directory.Group) bool {
	switch s.Kind {
	case rbacv1.UserKind:
		return s.Name == user.Username
	case rbacv1.GroupKind:
		return slices.ContainsFunc(groups, func(g directory.Group) bool { return g.Name == s.Name })
	}
	return false
}

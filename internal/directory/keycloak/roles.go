package keycloak

import (
	"slices"

	"github.com/primehub/primehub/api/v1beta1"
	"github.com/primehub/primehub/internal/directory"
)

// RoleName is the realm role that grants a resource, as PrimeHub's Keycloak realm names
// them: it:<name>, img:<name>, ds:<name>, ds:rw:<name>, behind "<prefix>:" when a prefix is
// set (several PrimeHubs sharing one realm).
func RoleName(prefix, kind, name string) string {
	if prefix != "" {
		return prefix + ":" + kind + ":" + name
	}
	return kind + ":" + name
}

// DesiredRoles is every resource's access as realm roles and the groups each is mapped
// to: a global grant maps to everyone, a group image to its group, a writable volume grant
// to both ds:<name> and ds:rw:<name>. Every resource has its role, granted or not.
func DesiredRoles(prefix string, its []v1beta1.InstanceType, images []v1beta1.Image, volumes []v1beta1.Volume) map[string][]string {
	out := map[string][]string{}
	grant := func(role string, groups ...string) {
		out[role] = append(out[role], groups...)
	}
	readers := func(a v1beta1.Access) []string {
		var groups []string
		if a.Global {
			groups = append(groups, directory.Everyone)
		}
		for _, g := range a.Groups {
			groups = append(groups, g.Name)
		}
		return groups
	}
	for _, it := range its {
		grant(RoleName(prefix, "it", it.Name), readers(it.Spec.Access)...)
	}
	for _, img := range images {
		role := RoleName(prefix, "img", img.Name)
		grant(role, readers(img.Spec.Access)...)
		if img.Spec.GroupName != "" {
			grant(role, img.Spec.GroupName)
		}
	}
	for _, v := range volumes {
		grant(RoleName(prefix, "ds", v.Name), readers(v.Spec.Access)...)
		rw := RoleName(prefix, "ds:rw", v.Name)
		grant(rw)
		for _, g := range v.Spec.Access.Groups {
			if g.Writable {
				grant(rw, g.Name)
			}
		}
	}
	for role, groups := range out {
		slices.Sort(groups)
		out[role] = slices.Compact(groups)
	}
	return out
}

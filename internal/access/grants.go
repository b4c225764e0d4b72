package access

import (
	"slices"

	"github.com/primehub/primehub/api/v1beta1"
)

// WithGrant answers a granted to group as well, writable as given (volumes only; false
// for others). A group granted already keeps its place and takes the new writable.
func WithGrant(a v1beta1.Access, group string, writable bool) v1beta1.Access {
	out := v1beta1.Access{Global: a.Global, Groups: slices.Clone(a.Groups)}
	if i := slices.IndexFunc(out.Groups, func(g v1beta1.GroupGrant) bool { return g.Name == group }); i >= 0 {
		out.Groups[i].Writable = writable
		return out
	}
	out.Groups = append(out.Groups, v1beta1.GroupGrant{Name: group, Writable: writable})
	return out
}

// WithoutGrant answers a no longer granted to group (a global grant stays).
func WithoutGrant(a v1beta1.Access, group string) v1beta1.Access {
	out := v1beta1.Access{Global: a.Global}
	for _, g := range a.Groups {
		if g.Name != group {
			out.Groups = append(out.Groups, g)
		}
	}
	return out
}

// GrantOf tells whether a grants group by name (not globally), and whether writably.
func GrantOf(a v1beta1.Access, group string) (granted, writable bool) {
	g, ok := grant(a, group)
	return ok, g.Writable
}

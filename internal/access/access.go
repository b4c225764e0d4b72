// Package access holds PrimeHub's effective-resource rules: which instance types, images
// and volumes a user may use when launching in a group. Pure functions over the cached
// resources, so the API, the notebook controller and the job scheduler agree.
package access

import (
	"sort"

	"github.com/primehub/primehub/api/v1beta1"
)

// Granted tells whether a resource with access a may be used when launching in group.
func Granted(a v1beta1.Access, group string) bool {
	if a.Global {
		return true
	}
	_, ok := grant(a, group)
	return ok
}

func grant(a v1beta1.Access, group string) (v1beta1.GroupGrant, bool) {
	for _, g := range a.Groups {
		if g.Name == group {
			return g, true
		}
	}
	return v1beta1.GroupGrant{}, false
}

// InstanceTypes are those granted to group or globally, by name.
func InstanceTypes(all []v1beta1.InstanceType, group string) []v1beta1.InstanceType {
	var out []v1beta1.InstanceType
	for _, it := range all {
		if Granted(it.Spec.Access, group) {
			out = append(out, it)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// Images are those granted to group or globally, and group's own group images.
func Images(all []v1beta1.Image, group string) []v1beta1.Image {
	var out []v1beta1.Image
	for _, img := range all {
		if img.Spec.GroupName == group || (img.Spec.GroupName == "" && Granted(img.Spec.Access, group)) {
			out = append(out, img)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// GrantedVolume is a volume a launch mounts, and whether it may write to it.
type GrantedVolume struct {
	Volume   v1beta1.Volume
	Writable bool
}

// Volumes are those a user in userGroups launching in group mounts: granted to group or
// globally, plus those granted to any of the user's other groups that are not
// launch-group-only. A volume granted more than once is writable if any such grant is;
// a global grant alone is read-only.
func Volumes(all []v1beta1.Volume, group string, userGroups []string) []GrantedVolume {
	var out []GrantedVolume
	for _, v := range all {
		mounted, writable := v.Spec.Access.Global, false
		if g, ok := grant(v.Spec.Access, group); ok {
			mounted, writable = true, g.Writable
		}
		if !launchGroupOnly(v) {
			for _, other := range userGroups {
				if g, ok := grant(v.Spec.Access, other); ok {
					mounted, writable = true, writable || g.Writable
				}
			}
		}
		if mounted {
			out = append(out, GrantedVolume{Volume: v, Writable: writable})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Volume.Name < out[j].Volume.Name })
	return out
}

// launchGroupOnly defaults to true, as the CRD does.
func launchGroupOnly(v v1beta1.Volume) bool {
	return v.Spec.LaunchGroupOnly == nil || *v.Spec.LaunchGroupOnly
}

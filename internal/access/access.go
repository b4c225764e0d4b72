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

// ImageGranted tells whether img may be used when launching in group: granted to group
// or globally, or group's own group image (a group image belongs to its group alone,
// whatever its access says).
func ImageGranted(img *v1beta1.Image, group string) bool {
	return img.Spec.GroupName == group || (img.Spec.GroupName == "" && Granted(img.Spec.Access, group))
}

// Images are those ImageGranted to group, by name.
func Images(all []v1beta1.Image, group string) []v1beta1.Image {
	var out []v1beta1.Image
	for i := range all {
		if ImageGranted(&all[i], group) {
			out = append(out, all[i])
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

// VolumeGrant tells whether a user in userGroups launching in group mounts v, and
// whether writably: when v is granted to group or globally, or to any of the user's other
// groups and not launch-group-only. A volume granted more than once is writable if any
// such grant is; a global grant alone is read-only.
func VolumeGrant(v *v1beta1.Volume, group string, userGroups []string) (mounted, writable bool) {
	mounted = v.Spec.Access.Global
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
	return mounted, writable
}

// Volumes are those a user in userGroups mounts launching in group (VolumeGrant), by name.
func Volumes(all []v1beta1.Volume, group string, userGroups []string) []GrantedVolume {
	var out []GrantedVolume
	for i := range all {
		if mounted, writable := VolumeGrant(&all[i], group, userGroups); mounted {
			out = append(out, GrantedVolume{Volume: all[i], Writable: writable})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Volume.Name < out[j].Volume.Name })
	return out
}

// launchGroupOnly defaults to true, as the CRD does.
func launchGroupOnly(v *v1beta1.Volume) bool {
	return v.Spec.LaunchGroupOnly == nil || *v.Spec.LaunchGroupOnly
}

// Package notebook is the Notebook controller: a Notebook becomes a pod rendered by
// internal/spawn and a Service, once the user may launch it; its status follows the pod.
package notebook

import (
	"fmt"

	corev1 "k8s.io/api/core/v1"

	"github.com/primehub/primehub/api/v1beta1"
	"github.com/primehub/primehub/internal/access"
	"github.com/primehub/primehub/internal/directory"
	"github.com/primehub/primehub/internal/quota"
	"github.com/primehub/primehub/internal/spawn"
)

// failure is why a notebook cannot start: a CamelCase reason and a message for its user.
// A transient one (the directory or the cache unreadable) is retried, not reported.
type failure struct {
	reason, message string
	transient       bool
}

func fail(reason, format string, args ...any) *failure {
	return &failure{reason: reason, message: fmt.Sprintf(format, args...)}
}

func retry(reason, format string, args ...any) *failure {
	f := fail(reason, format, args...)
	f.transient = true
	return f
}

// catalog is what admins have defined, read from the caches.
type catalog struct {
	instanceTypes []v1beta1.InstanceType
	images        []v1beta1.Image
	volumes       []v1beta1.Volume
}

// plan decides whether the notebook's user may launch it as asked and, if so, renders its
// pod: the user is enabled and a member of the group, the instance type and image are
// granted to the group, and the instance type alone fits the user's and the group's quota
// (what others already use is the quota webhook's to count, exactly).
func plan(nb *v1beta1.Notebook, user directory.User, groups []directory.Group, cat catalog, settings spawn.Settings) (spawn.Input, *corev1.Pod, *failure) {
	if user.Disabled {
		return spawn.Input{}, nil, fail("UserDisabled", "user %s is disabled", user.Username)
	}
	if nb.Spec.Group == directory.Everyone {
		return spawn.Input{}, nil, fail("NotMember", "notebooks are launched in one of your groups, not in %s", directory.Everyone)
	}
	var group *directory.Group
	var groupNames []string
	for i, g := range groups {
		groupNames = append(groupNames, g.Name)
		if g.Name == nb.Spec.Group {
			group = &groups[i]
		}
	}
	if group == nil {
		return spawn.Input{}, nil, fail("NotMember", "user %s is not a member of group %s", user.Username, nb.Spec.Group)
	}
	it, ok := find(cat.instanceTypes, nb.Spec.InstanceType, func(i v1beta1.InstanceType) string { return i.Name })
	if !ok {
		return spawn.Input{}, nil, fail("InstanceTypeNotFound", "instance type %s does not exist", nb.Spec.InstanceType)
	}
	if _, ok := find(access.InstanceTypes(cat.instanceTypes, group.Name), it.Name, func(i v1beta1.InstanceType) string { return i.Name }); !ok {
		return spawn.Input{}, nil, fail("InstanceTypeNotGranted", "instance type %s is not granted to group %s", it.Name, group.Name)
	}
	img, ok := find(cat.images, nb.Spec.Image, func(i v1beta1.Image) string { return i.Name })
	if !ok {
		return spawn.Input{}, nil, fail("ImageNotFound", "image %s does not exist", nb.Spec.Image)
	}
	if _, ok := find(access.Images(cat.images, group.Name), img.Name, func(i v1beta1.Image) string { return i.Name }); !ok {
		return spawn.Input{}, nil, fail("ImageNotGranted", "image %s is not granted to group %s", img.Name, group.Name)
	}
	in := spawn.Input{
		User:         user,
		Group:        *group,
		UserGroups:   groups,
		InstanceType: it,
		Image:        img,
		Volumes:      access.Volumes(cat.volumes, group.Name, groupNames),
		Env:          nb.Spec.Env,
		Settings:     settings,
	}
	pod, err := spawn.Pod(in)
	if err != nil {
		return spawn.Input{}, nil, fail("ImageMismatch", "%v", err)
	}
	if exceeded := quota.Check(quota.PodRequest(&pod.Spec),
		quota.Account{Scope: quota.ScopeUser, Name: user.Username, Limits: quota.LimitsFrom(group.Quota.PerUser)},
		quota.Account{Scope: quota.ScopeGroup, Name: group.Name, Limits: quota.LimitsFrom(group.Quota.Total)},
	); exceeded != nil {
		return spawn.Input{}, nil, fail("OverQuota", "%s", exceeded.Error())
	}
	return in, pod, nil
}

func find[T any](items []T, name string, nameOf func(T) string) (T, bool) {
	for _, item := range items {
		if nameOf(item) == name {
			return item, true
		}
	}
	var zero T
	return zero, false
}

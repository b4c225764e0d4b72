// Package phjob is the PhJob controller and its scheduler: a job is checked when it is
// submitted, waits in its group's queue until its user's and group's quotas let it start,
// runs once in a pod rendered by internal/spawn, and its status follows the pod.
package phjob

import (
	"fmt"
	"strings"

	corev1 "k8s.io/api/core/v1"

	"github.com/primehub/primehub/api/v1beta1"
	"github.com/primehub/primehub/internal/access"
	"github.com/primehub/primehub/internal/directory"
	"github.com/primehub/primehub/internal/quota"
	"github.com/primehub/primehub/internal/spawn"
)

const (
	// LabelPhJob marks a job's pod with the job's name.
	LabelPhJob = "primehub.io/phjob"
	// sandboxPrefix starts the annotations a job passes on to its pod for kwok's simulated
	// nodes (tools/devcluster/stages/pod.yaml): how long the pod runs and its exit code.
	sandboxPrefix = "primehub.io/sandbox-"
)

// failure is why a job cannot run: a CamelCase reason and a message for its user.
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

// plan decides whether the job's user may run it as asked and, if so, renders its pod: the
// user is enabled and a member of the group, the instance type and image are granted to
// the group, and the instance type alone fits the user's and the group's quota (what
// others use is the scheduler's to count). The pod's deadline is the job's, else the
// group's default.
func plan(job *v1beta1.PhJob, user directory.User, groups []directory.Group, cat catalog, settings spawn.Settings) (*corev1.Pod, spawn.Input, *failure) {
	if user.Disabled {
		return nil, spawn.Input{}, fail("UserDisabled", "user %s is disabled", user.Username)
	}
	if job.Spec.Group == directory.Everyone {
		return nil, spawn.Input{}, fail("NotMember", "jobs run in one of your groups, not in %s", directory.Everyone)
	}
	var group *directory.Group
	var groupNames []string
	for i, g := range groups {
		groupNames = append(groupNames, g.Name)
		if g.Name == job.Spec.Group {
			group = &groups[i]
		}
	}
	if group == nil {
		return nil, spawn.Input{}, fail("NotMember", "user %s is not a member of group %s", user.Username, job.Spec.Group)
	}
	it, ok := find(cat.instanceTypes, job.Spec.InstanceType, func(i v1beta1.InstanceType) string { return i.Name })
	if !ok {
		return nil, spawn.Input{}, fail("InstanceTypeNotFound", "instance type %s does not exist", job.Spec.InstanceType)
	}
	if !access.Granted(it.Spec.Access, group.Name) {
		return nil, spawn.Input{}, fail("InstanceTypeNotGranted", "instance type %s is not granted to group %s", it.Name, group.Name)
	}
	img, ok := find(cat.images, job.Spec.Image, func(i v1beta1.Image) string { return i.Name })
	if !ok {
		return nil, spawn.Input{}, fail("ImageNotFound", "image %s does not exist", job.Spec.Image)
	}
	if _, ok := find(access.Images(cat.images, group.Name), img.Name, func(i v1beta1.Image) string { return i.Name }); !ok {
		return nil, spawn.Input{}, fail("ImageNotGranted", "image %s is not granted to group %s", img.Name, group.Name)
	}
	in := spawn.Input{
		User:         user,
		Group:        *group,
		UserGroups:   groups,
		InstanceType: it,
		Image:        img,
		Volumes:      access.Volumes(cat.volumes, group.Name, groupNames),
		Settings:     settings,
	}
	pod, err := spawn.JobPod(in, job.Spec.Command)
	if err != nil {
		return nil, spawn.Input{}, fail("ImageMismatch", "%v", err)
	}
	if exceeded := quota.Check(quota.PodRequest(&pod.Spec),
		quota.Account{Scope: quota.ScopeUser, Name: user.Username, Limits: quota.LimitsFrom(group.Quota.PerUser)},
		quota.Account{Scope: quota.ScopeGroup, Name: group.Name, Limits: quota.LimitsFrom(group.Quota.Total)},
	); exceeded != nil {
		return nil, spawn.Input{}, fail("ExceedsQuota", "its instance type alone exceeds the quota, so it can never start: %s", exceeded.Error())
	}

	pod.Name, pod.Namespace = job.Name, job.Namespace
	pod.Labels[LabelPhJob] = job.Name
	pod.Spec.ActiveDeadlineSeconds = job.Spec.ActiveDeadlineSeconds
	if pod.Spec.ActiveDeadlineSeconds == nil && group.JobDefaults != nil {
		pod.Spec.ActiveDeadlineSeconds = group.JobDefaults.ActiveDeadlineSeconds
	}
	for k, v := range job.Annotations {
		if strings.HasPrefix(k, sandboxPrefix) {
			if pod.Annotations == nil {
				pod.Annotations = map[string]string{}
			}
			pod.Annotations[k] = v
		}
	}
	return pod, in, nil
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

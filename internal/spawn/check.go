package spawn

import (
	"fmt"
	"slices"

	corev1 "k8s.io/api/core/v1"

	"github.com/primehub/primehub/api/v1beta1"
	"github.com/primehub/primehub/internal/access"
	"github.com/primehub/primehub/internal/directory"
	"github.com/primehub/primehub/internal/quota"
)

// Kind is what a launch makes; refusals word it.
type Kind int

// The kinds of launch.
const (
	Notebook Kind = iota
	Job
)

// Request is what a user asks to launch, by name.
type Request struct {
	Kind                       Kind
	Group, InstanceType, Image string
	// Env are the notebook's or job's own variables, passed on to the Input.
	Env []v1beta1.EnvVar
}

// Catalog is what admins have defined: the platform's instance types, images and volumes.
type Catalog struct {
	InstanceTypes []v1beta1.InstanceType
	Images        []v1beta1.Image
	Volumes       []v1beta1.Volume
}

// Refusal is why a launch may not go ahead: a CamelCase reason, as a status carries it,
// and a message for the user.
type Refusal struct {
	Reason, Message string
}

// ReasonOverQuota refuses an instance type that alone exceeds the user's or the group's
// quota, with the quota's own message.
const ReasonOverQuota = "OverQuota"

func refuse(reason, format string, args ...any) *Refusal {
	return &Refusal{Reason: reason, Message: fmt.Sprintf(format, args...)}
}

// Check decides whether user, a member of groups, may launch what req asks and, if so,
// answers the Input to render: the user is enabled and a member of the group (never
// everyone), the instance type and image exist and are granted to the group (or the image
// is one of the group's own), the image suits the instance type, and the instance type
// alone fits the user's and the group's quota (what others already use is for the quota
// webhook and the job scheduler to count).
func Check(req Request, user directory.User, groups []directory.Group, cat Catalog, settings Settings) (Input, *Refusal) {
	if user.Disabled {
		return Input{}, refuse("UserDisabled", "user %s is disabled", user.Username)
	}
	if req.Group == directory.Everyone {
		return Input{}, refuse("NotMember", "%s in one of your groups, not in %s", req.Kind.placed(), directory.Everyone)
	}
	i := slices.IndexFunc(groups, func(g directory.Group) bool { return g.Name == req.Group })
	if i < 0 {
		return Input{}, refuse("NotMember", "user %s is not a member of group %s", user.Username, req.Group)
	}
	group := groups[i]
	it, ok := find(cat.InstanceTypes, req.InstanceType, func(i v1beta1.InstanceType) string { return i.Name })
	if !ok {
		return Input{}, refuse("InstanceTypeNotFound", "instance type %s does not exist", req.InstanceType)
	}
	if !access.Granted(it.Spec.Access, group.Name) {
		return Input{}, refuse("InstanceTypeNotGranted", "instance type %s is not granted to group %s", it.Name, group.Name)
	}
	img, ok := find(cat.Images, req.Image, func(i v1beta1.Image) string { return i.Name })
	if !ok {
		return Input{}, refuse("ImageNotFound", "image %s does not exist", req.Image)
	}
	if _, ok := find(access.Images(cat.Images, group.Name), img.Name, func(i v1beta1.Image) string { return i.Name }); !ok {
		return Input{}, refuse("ImageNotGranted", "image %s is not granted to group %s", img.Name, group.Name)
	}
	if _, err := imageURL(img, it.Spec.GPU.Count); err != nil {
		return Input{}, refuse("ImageMismatch", "%v", err)
	}
	if exceeded := quota.Check(QuotaRequest(it),
		quota.Account{Scope: quota.ScopeUser, Name: user.Username, Limits: quota.LimitsFrom(group.Quota.PerUser)},
		quota.Account{Scope: quota.ScopeGroup, Name: group.Name, Limits: quota.LimitsFrom(group.Quota.Total)},
	); exceeded != nil {
		return Input{}, refuse(ReasonOverQuota, "%s", exceeded.Error())
	}
	groupNames := make([]string, len(groups))
	for i, g := range groups {
		groupNames[i] = g.Name
	}
	return Input{
		User:         user,
		Group:        group,
		UserGroups:   groups,
		InstanceType: it,
		Image:        img,
		Volumes:      access.Volumes(cat.Volumes, group.Name, groupNames),
		Env:          req.Env,
		Settings:     settings,
	}, nil
}

// QuotaRequest is what a pod of instance type it counts against quotas: its main
// container's; the admission guard and /dev/shm count for nothing.
func QuotaRequest(it v1beta1.InstanceType) quota.Usage {
	return quota.PodRequest(&corev1.PodSpec{Containers: []corev1.Container{{Resources: Resources(it)}}})
}

// placed says where launches of the kind go, as the refusal to launch in everyone words it.
func (k Kind) placed() string {
	if k == Job {
		return "jobs run"
	}
	return "notebooks are launched"
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

package launch

import (
	"slices"

	"github.com/primehub/primehub/api/v1beta1"
	"github.com/primehub/primehub/internal/access"
	"github.com/primehub/primehub/internal/directory"
	"github.com/primehub/primehub/internal/quota"
	"github.com/primehub/primehub/internal/spawn"
)

// Catalog is what admins have defined: the platform's instance types, images and volumes.
type Catalog struct {
	InstanceTypes []v1beta1.InstanceType
	Images        []v1beta1.Image
	Volumes       []v1beta1.Volume
}

// Facts are what a decision depends on, read by the caller.
type Facts struct {
	User directory.User
	// Groups are all of the user's groups, everyone included.
	Groups []directory.Group
	// PlatformNamespace is where any user may launch in their groups, and the only place
	// jobs run.
	PlatformNamespace string
	// Profile is the profile of the request's namespace, nil when it is the platform's or
	// no profile has that name.
	Profile *v1beta1.Profile
	// Deployments are the platform's model deployments, read for Kind Deployment only.
	Deployments []v1beta1.PhDeployment
	Catalog     Catalog
	Settings    spawn.Settings
}

// Decide decides whether req may launch and, if so, answers the spawn.Input to render it
// from: the user is enabled; the namespace is the platform's, or (for notebooks) a profile
// where the user may launch (mayLaunchIn); the user is a member of the group (never
// everyone); the instance type and image exist and are granted to the group (or the image
// is one of the group's own) and suit each other (an App's image is its template's); and the instance type alone fits the
// user's and the group's quota. What others already use is for the quota webhook and the
// job scheduler to count, on the Accounts this names.
func Decide(req Request, f Facts) (spawn.Input, *Refusal) {
	user := f.User
	if user.Disabled {
		return spawn.Input{}, refuse(ReasonUserDisabled, "user %s is disabled", user.Username)
	}
	if r := namespaceRefusal(req, f); r != nil {
		return spawn.Input{}, r
	}
	if req.Group == directory.Everyone {
		return spawn.Input{}, refuse(ReasonNotMember, "%s in one of your groups, not in %s", req.Kind.placed(), directory.Everyone)
	}
	i := slices.IndexFunc(f.Groups, func(g directory.Group) bool { return g.Name == req.Group })
	if i < 0 {
		return spawn.Input{}, refuse(ReasonNotMember, "user %s is not a member of group %s", user.Username, req.Group)
	}
	group := f.Groups[i]
	if req.Kind == Deployment {
		if r := deploymentRefusal(req, group, f.Deployments); r != nil {
			return spawn.Input{}, r
		}
	}
	cat := f.Catalog
	it, ok := find(cat.InstanceTypes, req.InstanceType, func(i v1beta1.InstanceType) string { return i.Name })
	if !ok {
		return spawn.Input{}, refuse(ReasonInstanceTypeNotFound, "instance type %s does not exist", req.InstanceType)
	}
	if !access.Granted(it.Spec.Access, group.Name) {
		return spawn.Input{}, refuse(ReasonInstanceTypeNotGranted, "instance type %s is not granted to group %s", it.Name, group.Name)
	}
	var img v1beta1.Image
	if req.Kind != App {
		img, ok = find(cat.Images, req.Image, func(i v1beta1.Image) string { return i.Name })
		switch {
		case !ok && req.Kind == Deployment:
			// A model server is any image, as in PrimeHub: a pre-packaged one or the group's own.
			img = v1beta1.Image{Spec: v1beta1.ImageSpec{Type: v1beta1.ImageTypeBoth, URL: req.Image}}
		case !ok:
			return spawn.Input{}, refuse(ReasonImageNotFound, "image %s does not exist", req.Image)
		default:
			if _, ok := find(access.Images(cat.Images, group.Name), img.Name, func(i v1beta1.Image) string { return i.Name }); !ok {
				return spawn.Input{}, refuse(ReasonImageNotGranted, "image %s is not granted to group %s", img.Name, group.Name)
			}
		}
		if _, err := spawn.ImageURL(img, it.Spec.GPU.Count); err != nil {
			return spawn.Input{}, refuse(ReasonImageMismatch, "%v", err)
		}
	}
	request := spawn.QuotaRequest(it)
	for range req.Replicas - 1 {
		request = request.Add(spawn.QuotaRequest(it))
	}
	if exceeded := quota.Check(request, Accounts(user.Username, group.Name, group.Quota, quota.Used{})...); exceeded != nil {
		if req.Kind == Job {
			return spawn.Input{}, refuse(ReasonExceedsQuota, "%s%s", NeverFits, exceeded.Error())
		}
		return spawn.Input{}, refuse(ReasonOverQuota, "%s", exceeded.Error())
	}
	groupNames := make([]string, len(f.Groups))
	for i, g := range f.Groups {
		groupNames[i] = g.Name
	}
	return spawn.Input{
		User:         user,
		Group:        group,
		UserGroups:   f.Groups,
		InstanceType: it,
		Image:        img,
		Volumes:      access.Volumes(cat.Volumes, group.Name, groupNames),
		Env:          req.Env,
		Settings:     f.Settings,
	}, nil
}

// Accounts are the quota accounts a pod of user in group is charged to, in the order they
// are checked: the user's share of the group, then the group's total. used is what each
// already uses.
func Accounts(user, group string, q v1beta1.GroupQuota, used quota.Used) []quota.Account {
	return []quota.Account{
		{Scope: quota.ScopeUser, Name: user, Limits: quota.LimitsFrom(q.PerUser), Used: used.User},
		{Scope: quota.ScopeGroup, Name: group, Limits: quota.LimitsFrom(q.Total), Used: used.Group},
	}
}

// deploymentRefusal tells why group may not run the deployment req asks for, if it may
// not: its settings do not enable deployments, or it already runs maxDeploy others (a
// stopped deployment runs nothing and counts for nothing).
func deploymentRefusal(req Request, group directory.Group, all []v1beta1.PhDeployment) *Refusal {
	d := group.Deployments
	if d == nil || !d.Enabled {
		return refuse(ReasonDeploymentsDisabled, "group %s may not deploy models: its deployments are not enabled (enabledDeployment)", group.Name)
	}
	if d.Max == nil {
		return nil
	}
	running := 0
	for _, other := range all {
		if other.Spec.Group == group.Name && other.Name != req.Deployment && !other.Spec.Stop && other.DeletionTimestamp.IsZero() {
			running++
		}
	}
	if running >= int(*d.Max) {
		return refuse(ReasonMaxDeploy, "group %s runs %d deployments, as many as its maxDeploy (%d) allows: stop one first", group.Name, running, *d.Max)
	}
	return nil
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

package graphql

import (
	"context"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	corev1 "k8s.io/api/core/v1"

	"github.com/99designs/gqlgen/graphql"
	"k8s.io/apimachinery/pkg/api/resource"
	"k8s.io/client-go/util/retry"
	"sigs.k8s.io/controller-runtime/pkg/client"

	"github.com/primehub/primehub/api/v1beta1"
	"github.com/primehub/primehub/internal/access"
	"github.com/primehub/primehub/internal/directory"
	"github.com/primehub/primehub/internal/graphql/model"
	"github.com/primehub/primehub/internal/names"
	"github.com/primehub/primehub/internal/quota"
)

// groupUpdate is what both createGroup and updateGroup may set.
func groupUpdateOf(in model.GroupCreateInput) model.GroupUpdateInput {
	return model.GroupUpdateInput{
		DisplayName:                     in.DisplayName,
		QuotaCPU:                        omittable(in.QuotaCPU),
		QuotaGpu:                        omittable(in.QuotaGpu),
		QuotaMemory:                     omittable(in.QuotaMemory),
		UserVolumeCapacity:              omittable(in.UserVolumeCapacity),
		ProjectQuotaCPU:                 omittable(in.ProjectQuotaCPU),
		ProjectQuotaGpu:                 omittable(in.ProjectQuotaGpu),
		ProjectQuotaMemory:              omittable(in.ProjectQuotaMemory),
		EnabledSharedVolume:             in.EnabledSharedVolume,
		SharedVolumeCapacity:            omittable(in.SharedVolumeCapacity),
		LaunchGroupOnly:                 in.LaunchGroupOnly,
		Datasets:                        in.Datasets,
		Images:                          in.Images,
		InstanceTypes:                   in.InstanceTypes,
		JobDefaultActiveDeadlineSeconds: omittable(in.JobDefaultActiveDeadlineSeconds),
		Admins:                          in.Admins,
		EnabledProfile:                  in.EnabledProfile,
		EnabledDeployment:               in.EnabledDeployment,
		MaxDeploy:                       omittable(in.MaxDeploy),
		AllowPublicDeploymentEndpoints:  in.AllowPublicDeploymentEndpoints,
	}
}

// groupAdminSettings tells whether an update changes only what a group's administrators
// run, as in PrimeHub: its members, whether it has a shared volume and where it mounts,
// and its jobs' default timeout. Its name, quotas (the shared volume's capacity among
// them), grants and administrators are the system administrators'.
func groupAdminSettings(in model.GroupUpdateInput) bool {
	in.Users, in.EnabledSharedVolume, in.LaunchGroupOnly = nil, nil, nil
	in.JobDefaultActiveDeadlineSeconds = graphql.Omittable[*int]{}
	return in == (model.GroupUpdateInput{})
}

// applyGroupInput sets on g the fields given. Quotas: null clears a limit; left out keeps it.
func applyGroupInput(g *directory.Group, in model.GroupUpdateInput) error {
	if in.DisplayName != nil {
		g.DisplayName = *in.DisplayName
	}
	var err error
	set := func(field string, v graphql.Omittable[*float64], to **resource.Quantity, q func(string, float64) (resource.Quantity, error)) {
		val, ok := v.ValueOK()
		if !ok || err != nil {
			return
		}
		if val == nil {
			*to = nil
			return
		}
		var parsed resource.Quantity
		if parsed, err = q(field, *val); err == nil {
			*to = &parsed
		}
	}
	setInt := func(field string, v graphql.Omittable[*int], to **int32) {
		val, ok := v.ValueOK()
		if !ok || err != nil {
			return
		}
		if val == nil {
			*to = nil
			return
		}
		if *val < 0 {
			err = fmt.Errorf("%s must be 0 or more, not %d", field, *val)
			return
		}
		n := int32(*val)
		*to = &n
	}
	set("quotaCpu", in.QuotaCPU, &g.Quota.PerUser.CPU, model.CoresQuantity)
	set("quotaMemory", in.QuotaMemory, &g.Quota.PerUser.Memory, model.GiBQuantity)
	setInt("quotaGpu", in.QuotaGpu, &g.Quota.PerUser.GPU)
	set("projectQuotaCpu", in.ProjectQuotaCPU, &g.Quota.Total.CPU, model.CoresQuantity)
	set("projectQuotaMemory", in.ProjectQuotaMemory, &g.Quota.Total.Memory, model.GiBQuantity)
	setInt("projectQuotaGpu", in.ProjectQuotaGpu, &g.Quota.Total.GPU)
	set("userVolumeCapacity", intAsFloat(in.UserVolumeCapacity), &g.UserVolumeCapacity, positiveGiB)
	if in.EnabledSharedVolume != nil || in.LaunchGroupOnly != nil || in.SharedVolumeCapacity.IsSet() {
		sv := &v1beta1.SharedVolume{}
		if g.SharedVolume != nil {
			sv = g.SharedVolume.DeepCopy()
		}
		if in.EnabledSharedVolume != nil {
			sv.Enabled = *in.EnabledSharedVolume
		}
		if in.LaunchGroupOnly != nil {
			sv.LaunchGroupOnly = in.LaunchGroupOnly
		}
		set("sharedVolumeCapacity", intAsFloat(in.SharedVolumeCapacity), &sv.Capacity, positiveGiB)
		g.SharedVolume = sv
	}
	if v, ok := in.JobDefaultActiveDeadlineSeconds.ValueOK(); ok && err == nil {
		jd := &v1beta1.JobDefaults{}
		if g.JobDefaults != nil {
			jd = g.JobDefaults.DeepCopy()
		}
		jd.ActiveDeadlineSeconds = nil
		if v != nil {
			if *v <= 0 {
				return badInput("jobDefaultActiveDeadlineSeconds must be 1 or more, not %d", *v)
			}
			s := int64(*v)
			jd.ActiveDeadlineSeconds = &s
		}
		g.JobDefaults = jd
	}
	if in.Admins != nil {
		g.Admins = nil
		for _, a := range strings.Split(*in.Admins, ",") {
			if a = strings.TrimSpace(a); a != "" && !slices.Contains(g.Admins, a) {
				g.Admins = append(g.Admins, a)
			}
		}
	}
	if in.EnabledDeployment != nil || in.MaxDeploy.IsSet() || in.AllowPublicDeploymentEndpoints != nil {
		d := &v1beta1.GroupDeployments{}
		if g.Deployments != nil {
			d = g.Deployments.DeepCopy()
		}
		if in.EnabledDeployment != nil {
			d.Enabled = *in.EnabledDeployment
		}
		if in.AllowPublicDeploymentEndpoints != nil {
			d.AllowPublicEndpoints = *in.AllowPublicDeploymentEndpoints
		}
		setInt("maxDeploy", in.MaxDeploy, &d.Max)
		g.Deployments = d
	}
	if in.EnabledProfile != nil {
		p := &v1beta1.GroupProfile{}
		if g.Profile != nil {
			p = g.Profile.DeepCopy()
		}
		p.Enabled = *in.EnabledProfile
		g.Profile = p
	}
	if err != nil {
		return badInput("%v", err)
	}
	return nil
}

func intAsFloat(v graphql.Omittable[*int]) graphql.Omittable[*float64] {
	val, ok := v.ValueOK()
	if !ok {
		return graphql.Omittable[*float64]{}
	}
	if val == nil {
		return graphql.OmittableOf[*float64](nil)
	}
	f := float64(*val)
	return graphql.OmittableOf(&f)
}

func positiveGiB(field string, v float64) (resource.Quantity, error) {
	if v <= 0 {
		return resource.Quantity{}, fmt.Errorf("%s must be 1 GB or more, not %v", field, v)
	}
	return model.GiBQuantity(field, v)
}

// grantEdit is a grant of one object to a group to make (or take away), with what the
// object had before, to put back.
type grantEdit struct {
	obj              client.Object
	grant            bool
	had, hadWritable bool
}

// grantPlan answers the edits that leave group granted exactly the objects named in want;
// a name of no object is an error. Objects granted already keep their grant as it is.
func grantPlan(objs []client.Object, group string, want []string, field, resource string) ([]grantEdit, error) {
	for _, name := range want {
		if !slices.ContainsFunc(objs, func(o client.Object) bool { return o.GetName() == name }) {
			return nil, unknownRef(field, resource, name)
		}
	}
	var edits []grantEdit
	for _, o := range objs {
		had, writable := access.GrantOf(*accessOf(o), group)
		if wanted := slices.Contains(want, o.GetName()); wanted != had {
			edits = append(edits, grantEdit{obj: o, grant: wanted, had: had, hadWritable: writable})
		}
	}
	return edits, nil
}

// setGrants makes group granted exactly the named instance types, images and volumes of
// the sets given (a set left out is left alone). Every name is checked before anything is
// written; if a write fails, those done are undone, so the grants all change or none do.
// undo puts back what was changed, for a caller whose own write fails afterwards.
func (r *Resolver) setGrants(ctx context.Context, group string, its, imgs, vols *model.NamesSetInput) (undo func(), err error) {
	cat := r.catalog(ctx)
	var edits []grantEdit
	for _, kind := range []struct {
		set             *model.NamesSetInput
		field, resource string
		list            func() ([]client.Object, error)
	}{
		{its, "instanceTypes", "instancetypes", func() ([]client.Object, error) { return objects(cat.instanceTypes(ctx)) }},
		{imgs, "images", "images", func() ([]client.Object, error) { return objects(cat.images(ctx)) }},
		{vols, "datasets", "volumes", func() ([]client.Object, error) { return objects(cat.volumes(ctx)) }},
	} {
		if kind.set == nil {
			continue
		}
		objs, err := kind.list()
		if err != nil {
			return nil, err
		}
		e, err := grantPlan(objs, group, kind.set.Set, kind.field, kind.resource)
		if err != nil {
			return nil, err
		}
		edits = append(edits, e...)
	}
	var done []grantEdit
	undo = func() {
		for _, e := range slices.Backward(done) {
			if err := r.setGrant(context.WithoutCancel(ctx), e.obj, group, e.had, e.hadWritable); err != nil {
				r.Log.Error(err, "undo a grant", "group", group, "object", e.obj.GetName())
			}
		}
	}
	for _, e := range edits {
		if err := r.setGrant(ctx, e.obj, group, e.grant, false); err != nil {
			undo()
			return nil, err
		}
		done = append(done, e)
	}
	return undo, nil
}

// objects turns a list of cached objects into client.Objects.
func objects[T any, PT interface {
	*T
	client.Object
}](items []T, err error) ([]client.Object, error) {
	out := make([]client.Object, len(items))
	for i := range items {
		out[i] = PT(&items[i])
	}
	return out, err
}

// setGrant grants o to group (writable, for volumes) or takes the grant away. o may be a
// cached object: it is copied, never changed.
func (r *Resolver) setGrant(ctx context.Context, o client.Object, group string, grant, writable bool) error {
	fresh := o.DeepCopyObject().(client.Object)
	return r.update(ctx, fresh, func() error {
		a := accessOf(fresh)
		if grant {
			*a = access.WithGrant(*a, group, writable)
		} else {
			*a = access.WithoutGrant(*a, group)
		}
		return nil
	})
}

// accessOf points at an object's access, for the kinds that have one.
func accessOf(o client.Object) *v1beta1.Access {
	switch o := o.(type) {
	case *v1beta1.InstanceType:
		return &o.Spec.Access
	case *v1beta1.Image:
		return &o.Spec.Access
	case *v1beta1.Volume:
		return &o.Spec.Access
	}
	panic(fmt.Sprintf("%T has no access", o))
}

// update writes a change to the object o names: read afresh from the API server, changed
// by change, written; again when someone else wrote in between.
func (r *Resolver) update(ctx context.Context, o client.Object, change func() error) error {
	key := client.ObjectKeyFromObject(o)
	return retry.RetryOnConflict(retry.DefaultRetry, func() error {
		if err := r.APIReader.Get(ctx, key, o); err != nil {
			return err
		}
		if err := change(); err != nil {
			return err
		}
		return r.Client.Update(ctx, o)
	})
}

func groupMatches(g directory.Group, where *model.GroupWhereInput) bool {
	return where == nil || (where.ID == nil || *where.ID == g.Name) &&
		contains(g.Name, where.NameContains) && contains(g.DisplayName, where.DisplayNameContains) &&
		search(where.Search, g.Name, g.DisplayName)
}

// groupOrder: the fields groups may be ordered by, beside name.
var groupOrder = map[string]func(a, b *model.Group) int{
	"displayName":     byString(func(g *model.Group) string { return g.Source.DisplayName }),
	"quotaCpu":        byNumber((*model.Group).QuotaCPU),
	"projectQuotaCpu": byNumber((*model.Group).ProjectQuotaCPU),
	"quotaGpu":        byNumber(func(g *model.Group) *float64 { return intToFloat(g.QuotaGpu()) }),
	"projectQuotaGpu": byNumber(func(g *model.Group) *float64 { return intToFloat(g.ProjectQuotaGpu()) }),
	"name":            byString(func(g *model.Group) string { return g.Source.Name }),
}

func intToFloat(v *int) *float64 {
	if v == nil {
		return nil
	}
	f := float64(*v)
	return &f
}

// imageInMode: SYSTEM_ONLY images are the platform's, GROUP_ONLY a group's own; ALL both.
func imageInMode(img *v1beta1.Image, mode *model.QueryImageMode) bool {
	switch {
	case mode == nil || *mode == model.QueryImageModeAll:
		return true
	case *mode == model.QueryImageModeGroupOnly:
		return img.Spec.GroupName != ""
	default:
		return img.Spec.GroupName == ""
	}
}

// groupUsage sums what the group's pods use now, counted as the quota webhook counts them
// (pending and running pods by their group label, in any namespace), from the pod cache.
func (r *Resolver) groupUsage(ctx context.Context, group string) (*model.ResourceStatus, error) {
	pods := &corev1.PodList{}
	if err := r.Reader.List(ctx, pods, client.MatchingLabels{quota.LabelGroup: names.Label(group)}, client.UnsafeDisableDeepCopy); err != nil {
		return nil, fmt.Errorf("pods of group %s: %w", group, err)
	}
	var used quota.Usage
	for i := range pods.Items {
		if p := quota.LedgerPod(&pods.Items[i]); p.Active {
			used = used.Add(p.Request)
		}
	}
	format := func(v float64) *string {
		s := strconv.FormatFloat(math.Round(v*100)/100, 'f', -1, 64)
		return &s
	}
	return &model.ResourceStatus{GroupID: &group, CPUUsage: format(float64(used.MilliCPU) / 1000),
		MemUsage: format(float64(used.Memory) / (1 << 30)), GpuUsage: format(float64(used.GPU))}, nil
}

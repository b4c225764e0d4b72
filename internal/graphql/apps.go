package graphql

import (
	"context"
	"fmt"
	"slices"
	"strings"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"sigs.k8s.io/controller-runtime/pkg/client"

	"github.com/primehub/primehub/api/v1beta1"
	"github.com/primehub/primehub/internal/controller/app"
	"github.com/primehub/primehub/internal/controller/phjob"
	"github.com/primehub/primehub/internal/graphql/model"
	"github.com/primehub/primehub/internal/launch"
)

// Applications: any user browses the templates; a group's members install, see, rename,
// scope, stop, start and uninstall the group's applications (as in PrimeHub); system
// administrators all of them. The installer is spec.user and never changes: the app's
// pods are charged to them, so only they change what runs (instance type, variables).

func appTemplateModel(t *v1beta1.PhAppTemplate) *model.PhAppTemplate {
	s := t.Spec
	out := &model.PhAppTemplate{ID: t.Name, Name: &s.DisplayName, Description: &s.Description, Version: &s.Version, DocLink: &s.DocLink, Icon: &s.Icon,
		DefaultEnvs: defaultEnvs(s.DefaultEnvs),
		Template:    map[string]any{"image": s.Image, "command": s.Command, "args": s.Args, "ports": s.Ports, "http": s.HTTP, "volume": s.Volume}}
	return out
}

func defaultEnvs(envs []v1beta1.AppEnv) []*model.DefaultEnvVar {
	out := make([]*model.DefaultEnvVar, 0, len(envs))
	for _, e := range envs {
		out = append(out, &model.DefaultEnvVar{Name: &e.Name, Description: &e.Description, DefaultValue: &e.DefaultValue, Optional: &e.Optional})
	}
	return out
}

// appModel answers an application as PrimeHub's clients read it; its template and instance
// type are read from the cache, and missing ones leave their fields empty.
func (r *Resolver) appModel(ctx context.Context, a *v1beta1.PhApplication) *model.PhApplication {
	scope, phase := string(a.Spec.Scope), string(a.Status.Phase)
	out := &model.PhApplication{ID: a.Name, DisplayName: &a.Spec.DisplayName, GroupName: &a.Spec.Group, UserName: &a.Spec.User,
		InstanceType: &a.Spec.InstanceType, Scope: &scope, Stop: &a.Spec.Stop, Status: &phase, Message: &a.Status.Message}
	for _, e := range a.Spec.Env {
		out.Env = append(out.Env, &model.EnvVar{Name: &e.Name, Value: &e.Value})
	}
	tmpl := &v1beta1.PhAppTemplate{}
	if err := r.Reader.Get(ctx, client.ObjectKey{Namespace: a.Namespace, Name: a.Spec.Template}, tmpl); err == nil {
		t := appTemplateModel(tmpl)
		out.AppTemplate, out.AppName, out.AppVersion, out.AppIcon, out.AppDefaultEnv = t, t.Name, t.Version, t.Icon, t.DefaultEnvs
		svc := app.ResourceName(a.Name) + "." + a.Namespace
		for _, p := range tmpl.Spec.Ports {
			out.SvcEndpoints = append(out.SvcEndpoints, model.Optional(fmt.Sprintf("%s:%d", svc, p.Port)))
		}
		if h := tmpl.Spec.HTTP; h != nil {
			out.AppURL = model.Optional(app.BasePath(a.Name) + "/")
			out.InternalAppURL = model.Optional(fmt.Sprintf("http://%s:%d%s/", svc, h.Port, app.BasePath(a.Name)))
		}
	}
	it := &v1beta1.InstanceType{}
	if err := r.Reader.Get(ctx, client.ObjectKey{Namespace: r.Namespace, Name: a.Spec.InstanceType}, it); err == nil {
		out.InstanceTypeSpec = &model.InstanceType{Source: it}
	}
	pods := &corev1.PodList{}
	if err := r.Reader.List(ctx, pods, client.InNamespace(a.Namespace), client.MatchingLabels{app.LabelApp: a.Name}); err == nil {
		for _, p := range pods.Items {
			logs := phjob.LogsPrefix + "namespaces/" + p.Namespace + "/phapplications/" + a.Name + "/pods/" + p.Name
			out.Pods = append(out.Pods, &model.PhApplicationPod{Name: model.Optional(p.Name), LogEndpoint: &logs})
		}
	}
	return out
}

// groupApp reads an application the caller may see and change: one of their groups'.
func (r *Resolver) groupApp(ctx context.Context, id string) (*v1beta1.PhApplication, error) {
	who, err := caller(ctx)
	if err != nil {
		return nil, err
	}
	a := &v1beta1.PhApplication{}
	if err := r.Reader.Get(ctx, client.ObjectKey{Namespace: r.Namespace, Name: id}, a); err != nil {
		return nil, err
	}
	if !memberOf(who, a.Spec.Group) {
		return nil, forbidden("application %s belongs to group %s, which you are not a member of", id, a.Spec.Group)
	}
	return a, nil
}

// appScope reads a scope as PrimeHub names them; empty is group.
func appScope(s *string) (v1beta1.PhAppScope, error) {
	switch v1beta1.PhAppScope(deref(s)) {
	case "", v1beta1.PhAppScopeGroup:
		return v1beta1.PhAppScopeGroup, nil
	case v1beta1.PhAppScopePrimeHub:
		return v1beta1.PhAppScopePrimeHub, nil
	case v1beta1.PhAppScopePublic:
		return v1beta1.PhAppScopePublic, nil
	}
	return "", badInput("scope must be group, primehub or public, not %q", deref(s))
}

// appEnv reads an installer's variables: named, once each, none of the platform's.
func appEnv(in []*model.EnvVarInput) ([]v1beta1.EnvVar, error) {
	var out []v1beta1.EnvVar
	for _, e := range in {
		if e == nil || e.Name == "" {
			return nil, badInput("every env variable needs a name")
		}
		if slices.ContainsFunc(out, func(o v1beta1.EnvVar) bool { return o.Name == e.Name }) {
			return nil, badInput("env variable %s is given twice", e.Name)
		}
		out = append(out, v1beta1.EnvVar{Name: e.Name, Value: deref(e.Value)})
	}
	if err := app.CheckEnv(out); err != nil {
		return nil, badInput("%v", err)
	}
	return out, nil
}

// checkAppLaunch asks the launch path whether the installer may run the application as
// spec says: a member of its group, on an instance type granted to it, within quota.
func (r *Resolver) checkAppLaunch(ctx context.Context, spec v1beta1.PhApplicationSpec) error {
	return r.checkLaunch(ctx, launch.Request{Kind: launch.App, User: spec.User, Namespace: r.Namespace, Group: spec.Group,
		InstanceType: spec.InstanceType, Env: spec.Env})
}

func (r *Resolver) createApp(ctx context.Context, data model.PhApplicationCreateInput) (*model.PhApplication, error) {
	who, err := user(ctx)
	if err != nil {
		return nil, err
	}
	if !memberOf(who, data.GroupName) {
		return nil, forbidden("you are not a member of group %s", data.GroupName)
	}
	if err := validAppID(data.ID); err != nil {
		return nil, err
	}
	tmpl := &v1beta1.PhAppTemplate{}
	if err := r.Reader.Get(ctx, client.ObjectKey{Namespace: r.Namespace, Name: data.TemplateID}, tmpl); err != nil {
		return nil, unknownRef("templateId", "phapptemplates", data.TemplateID)
	}
	scope, err := appScope(data.Scope)
	if err != nil {
		return nil, err
	}
	env, err := appEnv(data.Env)
	if err != nil {
		return nil, err
	}
	a := &v1beta1.PhApplication{
		ObjectMeta: metav1.ObjectMeta{Namespace: r.Namespace, Name: data.ID},
		Spec: v1beta1.PhApplicationSpec{User: who.Username, Group: data.GroupName, Template: tmpl.Name, DisplayName: deref(data.DisplayName),
			InstanceType: data.InstanceType, Env: env, Scope: scope},
	}
	if a.Spec.DisplayName == "" {
		a.Spec.DisplayName = tmpl.Spec.DisplayName
	}
	if err := r.checkAppLaunch(ctx, a.Spec); err != nil {
		return nil, err
	}
	if err := r.Client.Create(ctx, a); err != nil {
		return nil, err
	}
	r.awaitCached(ctx, a, false)
	return r.appModel(ctx, a), nil
}

// validAppID: the application's objects are named app-<id>, DNS labels.
func validAppID(id string) error {
	if len(id) > 59 || id == "" || !(id[0] >= 'a' && id[0] <= 'z') || strings.HasSuffix(id, "-") ||
		strings.IndexFunc(id, func(c rune) bool { return !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-') }) >= 0 {
		return badInput("id must be at most 59 lowercase letters, digits or '-', starting with a letter and ending with a letter or digit, not %q", id)
	}
	return nil
}

func (r *Resolver) updateApp(ctx context.Context, id string, data model.PhApplicationUpdateInput) (*model.PhApplication, error) {
	cached, err := r.groupApp(ctx, id)
	if err != nil {
		return nil, err
	}
	// What runs is charged to the installer: only they (and system administrators)
	// change it, as with a schedule's command.
	if who, _ := caller(ctx); (data.InstanceType != nil || data.Env != nil) && !who.Admin && who.Username != cached.Spec.User {
		return nil, forbidden("only %s, who installed application %s, may change its instance type or variables", cached.Spec.User, id)
	}
	a := cached.DeepCopy()
	err = r.update(ctx, a, func() error {
		if data.DisplayName != nil {
			a.Spec.DisplayName = *data.DisplayName
		}
		if data.InstanceType != nil {
			a.Spec.InstanceType = *data.InstanceType
		}
		if data.Scope != nil {
			scope, err := appScope(data.Scope)
			if err != nil {
				return err
			}
			a.Spec.Scope = scope
		}
		if data.Env != nil {
			env, err := appEnv(data.Env)
			if err != nil {
				return err
			}
			a.Spec.Env = env
		}
		if data.InstanceType != nil || data.Env != nil {
			return r.checkAppLaunch(ctx, a.Spec)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return r.appModel(ctx, a), nil
}

func (r *Resolver) setAppStop(ctx context.Context, id string, stop bool) (*model.PhApplication, error) {
	cached, err := r.groupApp(ctx, id)
	if err != nil {
		return nil, err
	}
	a := cached.DeepCopy()
	if err := r.update(ctx, a, func() error { a.Spec.Stop = stop; return nil }); err != nil {
		return nil, err
	}
	r.awaitCached(ctx, a, false)
	return r.appModel(ctx, a), nil
}

func (r *Resolver) deleteApp(ctx context.Context, id string) (*model.PhApplication, error) {
	a, err := r.groupApp(ctx, id)
	if err != nil {
		return nil, err
	}
	out := r.appModel(ctx, a)
	// Its Deployment, Service, NetworkPolicy and volume are its own: they go with it.
	if err := r.Client.Delete(ctx, a, client.Preconditions{UID: &a.UID}, client.PropagationPolicy(metav1.DeletePropagationBackground)); err != nil {
		return nil, err
	}
	r.awaitCached(ctx, a, true)
	return out, nil
}

func (r *Resolver) appTemplates(ctx context.Context, where *model.PhAppTemplateWhereInput) ([]*v1beta1.PhAppTemplate, error) {
	if _, err := caller(ctx); err != nil {
		return nil, err
	}
	list := &v1beta1.PhAppTemplateList{}
	if err := r.Reader.List(ctx, list, client.InNamespace(r.Namespace)); err != nil {
		return nil, err
	}
	var out []*v1beta1.PhAppTemplate
	for i := range list.Items {
		t := &list.Items[i]
		if where == nil || (where.ID == nil || *where.ID == t.Name) && contains(t.Spec.DisplayName, where.NameContains) {
			out = append(out, t)
		}
	}
	slices.SortFunc(out, func(a, b *v1beta1.PhAppTemplate) int { return strings.Compare(a.Name, b.Name) })
	return out, nil
}

func (r *Resolver) appsConnection(ctx context.Context, where *model.PhApplicationWhereInput, pa pageArgs) (*model.PhApplicationConnection, error) {
	who, err := caller(ctx)
	if err != nil {
		return nil, err
	}
	list := &v1beta1.PhApplicationList{}
	if err := r.Reader.List(ctx, list, client.InNamespace(r.Namespace)); err != nil {
		return nil, err
	}
	var rows []*v1beta1.PhApplication
	for i := range list.Items {
		a := &list.Items[i]
		if !memberOf(who, a.Spec.Group) {
			continue
		}
		if where != nil && ((where.ID != nil && *where.ID != a.Name) ||
			(where.GroupNameIn != nil && !slices.ContainsFunc(where.GroupNameIn, func(g *string) bool { return g != nil && *g == a.Spec.Group }))) {
			continue
		}
		rows = append(rows, a)
	}
	slices.SortFunc(rows, func(a, b *v1beta1.PhApplication) int { return strings.Compare(a.Name, b.Name) })
	rows, info, err := paged(rows, func(a *v1beta1.PhApplication) string { return a.Name }, pa)
	if err != nil {
		return nil, err
	}
	c := &model.PhApplicationConnection{PageInfo: info, Edges: make([]*model.PhApplicationEdge, 0, len(rows))}
	for _, a := range rows {
		c.Edges = append(c.Edges, &model.PhApplicationEdge{Node: r.appModel(ctx, a), Cursor: a.Name})
	}
	return c, nil
}

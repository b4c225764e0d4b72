package keycloak

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"time"

	"k8s.io/apimachinery/pkg/types"
	ctrl "sigs.k8s.io/controller-runtime"
	"sigs.k8s.io/controller-runtime/pkg/client"
	"sigs.k8s.io/controller-runtime/pkg/handler"
	"sigs.k8s.io/controller-runtime/pkg/reconcile"

	"github.com/primehub/primehub/api/v1beta1"
)

// managedAttribute marks the realm roles PrimeHub made, so it never touches others.
const managedAttribute = "primehub-managed"

// ProjectRoles makes the realm's roles and their group mappings match desired (role →
// groups): missing roles are made, roles PrimeHub made that are no longer desired are
// removed, and each group gets exactly the managed roles desired for it. Groups that do
// not exist in the realm are skipped.
func (d *Directory) ProjectRoles(ctx context.Context, desired map[string][]string) error {
	s, err := d.current()
	if err != nil {
		return err
	}
	roles, err := list[roleRep](ctx, d.api, "/roles", url.Values{"briefRepresentation": {"false"}})
	if err != nil {
		return fmt.Errorf("list realm roles: %w", err)
	}
	existing := map[string]roleRep{}
	for _, r := range roles {
		existing[r.Name] = r
	}
	for _, name := range sortedKeys(desired) {
		if _, ok := existing[name]; ok {
			continue
		}
		r := roleRep{Name: name, Description: "granted by PrimeHub; do not edit", Attributes: map[string][]string{managedAttribute: {"true"}}}
		if _, err := d.api.do(ctx, http.MethodPost, "/roles", nil, r, nil); err != nil {
			return fmt.Errorf("create role %s: %w", name, err)
		}
		if _, err := d.api.do(ctx, http.MethodGet, "/roles/"+url.PathEscape(name), nil, nil, &r); err != nil {
			return fmt.Errorf("read role %s: %w", name, err)
		}
		existing[name] = r
	}
	for name, r := range existing {
		if _, want := desired[name]; !want && first(r.Attributes, managedAttribute) == "true" {
			if _, err := d.api.do(ctx, http.MethodDelete, "/roles/"+url.PathEscape(name), nil, nil, nil); err != nil {
				return fmt.Errorf("delete role %s: %w", name, err)
			}
			delete(existing, name)
		}
	}
	wanted := map[string][]string{} // group → roles
	for role, groups := range desired {
		for _, g := range groups {
			wanted[g] = append(wanted[g], role)
		}
	}
	for name, g := range s.groups {
		if err := d.projectGroup(ctx, g.id, wanted[name], existing); err != nil {
			return fmt.Errorf("roles of group %s: %w", name, err)
		}
	}
	return nil
}

func (d *Directory) projectGroup(ctx context.Context, groupID string, want []string, existing map[string]roleRep) error {
	var mapped []roleRep
	p := "/groups/" + groupID + "/role-mappings/realm"
	if _, err := d.api.do(ctx, http.MethodGet, p, nil, nil, &mapped); err != nil {
		return err
	}
	var add, remove []roleRep
	for _, name := range want {
		if !slices.ContainsFunc(mapped, func(r roleRep) bool { return r.Name == name }) {
			add = append(add, existing[name])
		}
	}
	for _, r := range mapped {
		full, known := existing[r.Name]
		if known && first(full.Attributes, managedAttribute) == "true" && !slices.Contains(want, r.Name) {
			remove = append(remove, full)
		}
	}
	if len(add) > 0 {
		if _, err := d.api.do(ctx, http.MethodPost, p, nil, add, nil); err != nil {
			return fmt.Errorf("map roles: %w", err)
		}
	}
	if len(remove) > 0 {
		if _, err := d.api.do(ctx, http.MethodDelete, p, nil, remove, nil); err != nil {
			return fmt.Errorf("unmap roles: %w", err)
		}
	}
	return nil
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// RoleProjector is the controller that keeps the realm's roles in step with the access of
// the platform's instance types, images and volumes. It projects them all at once: any
// change, and a periodic resync that repairs edits made in Keycloak's console.
type RoleProjector struct {
	Client    client.Client
	Namespace string
	Prefix    string
	Directory *Directory
	Resync    time.Duration
}

var projectAll = reconcile.Request{NamespacedName: types.NamespacedName{Name: "realm-roles"}}

// SetupWithManager registers the controller.
func (r *RoleProjector) SetupWithManager(mgr ctrl.Manager) error {
	all := handler.EnqueueRequestsFromMapFunc(func(_ context.Context, o client.Object) []reconcile.Request {
		if o.GetNamespace() != r.Namespace {
			return nil
		}
		return []reconcile.Request{projectAll}
	})
	return ctrl.NewControllerManagedBy(mgr).
		Named("keycloak-roles").
		Watches(&v1beta1.InstanceType{}, all).
		Watches(&v1beta1.Image{}, all).
		Watches(&v1beta1.Volume{}, all).
		Complete(r)
}

// Reconcile projects every resource's access.
func (r *RoleProjector) Reconcile(ctx context.Context, _ reconcile.Request) (reconcile.Result, error) {
	its := &v1beta1.InstanceTypeList{}
	images := &v1beta1.ImageList{}
	volumes := &v1beta1.VolumeList{}
	for _, l := range []client.ObjectList{its, images, volumes} {
		if err := r.Client.List(ctx, l, client.InNamespace(r.Namespace)); err != nil {
			return reconcile.Result{}, fmt.Errorf("list resources: %w", err)
		}
	}
	desired := DesiredRoles(r.Prefix, its.Items, images.Items, volumes.Items)
	if err := r.Directory.ProjectRoles(ctx, desired); err != nil {
		return reconcile.Result{}, err
	}
	resync := r.Resync
	if resync <= 0 {
		resync = 5 * time.Minute
	}
	return reconcile.Result{RequeueAfter: resync}, nil
}

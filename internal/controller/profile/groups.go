package profile

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/go-logr/logr"
	rbacv1 "k8s.io/api/rbac/v1"
	"k8s.io/apimachinery/pkg/api/equality"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"sigs.k8s.io/controller-runtime/pkg/client"

	"github.com/primehub/primehub/api/v1beta1"
	"github.com/primehub/primehub/internal/controller"
	"github.com/primehub/primehub/internal/directory"
	"github.com/primehub/primehub/internal/names"
)

// LabelGroup marks a group's profile with names.Label of the group's name.
const LabelGroup = "primehub.io/group-profile"

// Groups is what GroupProfiles reads of the directory.
type Groups interface {
	ListGroups(ctx context.Context) ([]directory.Group, error)
	Subscribe(ctx context.Context, fn func(directory.Change))
}

// GroupProfiles keeps a Profile for every group whose profile is enabled: owned by its
// first admin, its other admins admin contributors, its members editors. Groups live in
// the directory (CRDs or Keycloak), so it follows the directory's change notifications,
// and resyncs every Resync in case one was missed.
type GroupProfiles struct {
	Client    client.Client
	Directory Groups
	Resync    time.Duration
	Log       logr.Logger
}

// GroupProfileName names a group's profile, and so its namespace.
func GroupProfileName(group string) string { return names.Label("group-" + group) }

// Start syncs now, on every directory change and every Resync, until ctx ends.
func (g *GroupProfiles) Start(ctx context.Context) error {
	changed := make(chan struct{}, 1)
	g.Directory.Subscribe(ctx, func(c directory.Change) {
		if c.Kind == directory.GroupChanged {
			select {
			case changed <- struct{}{}:
			default:
			}
		}
	})
	tick := time.NewTicker(g.Resync)
	defer tick.Stop()
	for {
		if err := g.sync(ctx); err != nil {
			g.Log.Error(err, "sync group profiles")
		}
		select {
		case <-ctx.Done():
			return nil
		case <-changed:
		case <-tick.C:
		}
	}
}

// NeedLeaderElection: one replica manages the profiles.
func (g *GroupProfiles) NeedLeaderElection() bool { return true }

func (g *GroupProfiles) sync(ctx context.Context) error {
	groups, err := g.Directory.ListGroups(ctx)
	if err != nil {
		return fmt.Errorf("list groups: %w", err)
	}
	wanted := map[string]bool{}
	for _, grp := range groups {
		p := desiredGroupProfile(grp)
		if p == nil {
			if grp.Profile != nil && grp.Profile.Enabled {
				g.Log.Info("group profile needs an admin to own it", "group", grp.Name)
			}
			continue
		}
		wanted[p.Name] = true
		if _, err := controller.Ensure(ctx, g.Client, p, func(d, e *v1beta1.Profile) bool {
			return equality.Semantic.DeepEqual(d.Spec, e.Spec)
		}); err != nil {
			return err
		}
	}
	list := &v1beta1.ProfileList{}
	if err := g.Client.List(ctx, list, client.HasLabels{LabelGroup}); err != nil {
		return err
	}
	for i := range list.Items {
		if p := &list.Items[i]; !wanted[p.Name] {
			if err := g.Client.Delete(ctx, p); client.IgnoreNotFound(err) != nil {
				return fmt.Errorf("delete group profile %s: %w", p.Name, err)
			}
		}
	}
	return nil
}

// desiredGroupProfile is the group's profile, or nil when it has none or no admin to own it.
func desiredGroupProfile(grp directory.Group) *v1beta1.Profile {
	if grp.Profile == nil || !grp.Profile.Enabled || len(grp.Admins) == 0 {
		return nil
	}
	admins := slices.Sorted(slices.Values(grp.Admins))
	user := func(name string) rbacv1.Subject {
		return rbacv1.Subject{Kind: rbacv1.UserKind, APIGroup: rbacv1.GroupName, Name: name}
	}
	p := &v1beta1.Profile{
		ObjectMeta: metav1.ObjectMeta{Name: GroupProfileName(grp.Name), Labels: map[string]string{LabelGroup: names.Label(grp.Name)}},
		Spec:       v1beta1.ProfileSpec{Owner: user(admins[0]), ResourceQuota: grp.Profile.ResourceQuota},
	}
	for _, a := range admins[1:] {
		p.Spec.Contributors = append(p.Spec.Contributors, v1beta1.Contributor{Subject: user(a), Role: v1beta1.ContributorAdmin})
	}
	for _, m := range slices.Sorted(slices.Values(grp.Members)) {
		if !slices.Contains(admins, m) {
			p.Spec.Contributors = append(p.Spec.Contributors, v1beta1.Contributor{Subject: user(m), Role: v1beta1.ContributorEdit})
		}
	}
	return p
}

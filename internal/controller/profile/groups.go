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
func GroupProfileName(group string) string { return names.Label(v1beta1.GroupProfilePrefix + group) }

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
		existing := &v1beta1.Profile{}
		err := g.Client.Get(ctx, client.ObjectKeyFromObject(p), existing)
		if client.IgnoreNotFound(err) != nil {
			return fmt.Errorf("get group profile %s: %w", p.Name, err)
		}
		if err == nil && !isGroupProfile(existing, grp.Name) {
			g.Log.Info("a profile of the group's profile name exists but is not the group's; left alone", "group", grp.Name, "profile", p.Name)
			continue
		}
		if _, err := controller.Ensure(ctx, g.Client, p, func(d, e *v1beta1.Profile) bool {
			return equality.Semantic.DeepEqual(d.Spec, e.Spec)
		}); err != nil {
			return err
		}
	}
	list := &v1beta1.ProfileList{}
	if err := g.Client.List(ctx, list, client.HasLabels{v1beta1.LabelGroupProfile}); err != nil {
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

// isGroupProfile tells whether p was made as group's profile. Any other profile of the same
// name, made before the group's profile was enabled, is never adopted: its owner's grants
// and workloads would land in the group's namespace.
func isGroupProfile(p *v1beta1.Profile, group string) bool {
	return p.Labels[v1beta1.LabelGroupProfile] == names.Label(group)
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
		ObjectMeta: metav1.ObjectMeta{Name: GroupProfileName(grp.Name), Labels: map[string]string{v1beta1.LabelGroupProfile: names.Label(grp.Name)}},
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

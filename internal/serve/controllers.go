package serve

import (
	"context"
	"fmt"
	"time"

	ctrl "sigs.k8s.io/controller-runtime"
	"sigs.k8s.io/controller-runtime/pkg/client"

	"github.com/primehub/primehub/internal/controller/profile"
)

// setupControllers registers the controllers with the manager. direct is an uncached
// client for what must happen before the manager starts.
func setupControllers(ctx context.Context, mgr ctrl.Manager, direct client.Client, o Options, id *Identity) error {
	if o.ProfileDefaultQuota != "" {
		d := &profile.Defaults{Client: direct, Namespace: o.Namespace}
		if err := d.Set(ctx, o.ProfileDefaultQuota); err != nil {
			return err
		}
	}
	level, err := profile.ParsePodSecurity(o.ProfilePodSecurity)
	if err != nil {
		return fmt.Errorf("--profile-pod-security: %w", err)
	}
	profiles := &profile.Reconciler{
		Client:      mgr.GetClient(),
		Defaults:    &profile.Defaults{Client: mgr.GetClient(), Namespace: o.Namespace},
		PodSecurity: level,
		Workers:     8,
	}
	if err := profiles.SetupWithManager(mgr); err != nil {
		return fmt.Errorf("profile controller: %w", err)
	}
	return mgr.Add(&profile.GroupProfiles{Client: mgr.GetClient(), Directory: id.Directory, Resync: 5 * time.Minute,
		Log: mgr.GetLogger().WithName("group-profiles")})
}

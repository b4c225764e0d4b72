package directory_test

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/go-logr/logr/testr"
	ctrl "sigs.k8s.io/controller-runtime"

	"github.com/primehub/primehub/internal/directory"
	"github.com/primehub/primehub/internal/directory/keycloak"
	"github.com/primehub/primehub/internal/directory/keycloak/keycloaktest"
	"github.com/primehub/primehub/test/framework"
)

// TestKeycloakRoleProjection runs the role projector on the real control plane against a
// stand-in Keycloak (keycloaktest: no Keycloak can run where these tests run).
func TestKeycloakRoleProjection(t *testing.T) {
	kc := keycloaktest.Start()
	t.Cleanup(kc.Close)
	d := keycloak.New(keycloak.Options{URL: kc.URL, Realm: kc.Realm, ClientID: kc.ClientID, ClientSecret: kc.ClientSecret,
		Resync: 200 * time.Millisecond, Log: testr.New(t)})
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	go func() { _ = d.Start(ctx) }()
	if !d.WaitForCacheSync(ctx) {
		t.Fatal("realm not read")
	}
	for _, g := range []string{"ml_team", "bio"} {
		if _, err := d.CreateGroup(ctx, directory.Group{Name: g}); err != nil {
			t.Fatal(err)
		}
	}
	ns := framework.NewNamespace(t)
	framework.StartManager(t, func(mgr ctrl.Manager) error {
		return (&keycloak.RoleProjector{Client: mgr.GetClient(), Namespace: ns, Prefix: "ph", Directory: d, Resync: time.Second}).SetupWithManager(mgr)
	})
	c := framework.Client()
	it := framework.MakeInstanceType("cpu-1").Namespace(ns).CPU("1", "1").Global().Obj()
	img := framework.MakeImage("tf").Namespace(ns).URL("example.com/tf:2").Group("bio").Obj()
	vol := framework.MakeVolume("data").Namespace(ns).PV("1Gi").Group("ml_team", true).Group("bio", false).Obj()
	if err := c.Create(ctx, it); err != nil {
		t.Fatal(err)
	}
	if err := c.Create(ctx, img); err != nil {
		t.Fatal(err)
	}
	if err := c.Create(ctx, vol); err != nil {
		t.Fatal(err)
	}
	expect := func(group string, want ...string) {
		t.Helper()
		framework.Eventually(t, 20*time.Second, func(context.Context) error {
			if got := kc.GroupRoles(group); !slices.Equal(got, want) {
				return fmt.Errorf("roles of %s: %v, want %v", group, got, want)
			}
			return nil
		})
	}
	expect("everyone", "ph:it:cpu-1")
	expect("bio", "ph:ds:data", "ph:img:tf")
	expect("ml_team", "ph:ds:data", "ph:ds:rw:data")

	// Access changes move the mappings; a deleted resource takes its role along.
	vol.Spec.Access.Groups = vol.Spec.Access.Groups[:1]
	vol.Spec.Access.Groups[0].Writable = false
	if err := c.Update(ctx, vol); err != nil {
		t.Fatal(err)
	}
	if err := c.Delete(ctx, img); err != nil {
		t.Fatal(err)
	}
	expect("bio")
	expect("ml_team", "ph:ds:data")
	framework.Eventually(t, 20*time.Second, func(context.Context) error {
		if roles := kc.Roles(); !slices.Equal(roles, []string{"ph:ds:data", "ph:ds:rw:data", "ph:it:cpu-1"}) {
			return fmt.Errorf("realm roles %v", roles)
		}
		return nil
	})
}

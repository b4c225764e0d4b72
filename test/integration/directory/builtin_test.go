// Package directory_test runs the directory conformance suite against the builtin backend
// on the real control plane.
package directory_test

import (
	"context"
	"os"
	"testing"
	"time"

	"github.com/go-logr/logr/testr"
	"sigs.k8s.io/controller-runtime/pkg/client"

	"github.com/primehub/primehub/api/v1beta1"
	"github.com/primehub/primehub/internal/directory"
	"github.com/primehub/primehub/internal/directory/directorytest"
	"github.com/primehub/primehub/internal/names"
	"github.com/primehub/primehub/test/framework"
)

func TestMain(m *testing.M) { os.Exit(framework.Run(m)) }

func TestBuiltinConformance(t *testing.T) {
	directorytest.Run(t, func(t *testing.T) directory.Directory {
		return framework.StartBuiltinDirectory(t, framework.NewNamespace(t), testr.New(t))
	})
}

func TestBuiltinSeesUsersMadeWithKubectl(t *testing.T) {
	d := framework.StartBuiltinDirectory(t, framework.NewNamespace(t), testr.New(t))
	u := framework.MakeUser("made-by-hand").Email("hand@example.com").Obj()
	ctx := context.Background()
	if err := framework.Client().Create(ctx, u); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = framework.Client().Delete(context.Background(), u) })
	framework.Eventually(t, 10*time.Second, func(ctx context.Context) error {
		_, err := d.GetUser(ctx, "made-by-hand")
		return err
	})
	if _, err := d.CreateUser(ctx, directory.User{Username: "made-by-hand"}); err == nil {
		t.Error("CreateUser of a user made by hand succeeded")
	}
}

func TestBuiltinUpdateKeepsGroupJobDefaults(t *testing.T) {
	d := framework.StartBuiltinDirectory(t, framework.NewNamespace(t), testr.New(t))
	ctx := context.Background()
	deadline := int64(3600)
	g, err := d.CreateGroup(ctx, directory.Group{Name: "jobs_keep", JobDefaults: &v1beta1.JobDefaults{ActiveDeadlineSeconds: &deadline}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = d.DeleteGroup(context.Background(), "jobs_keep") })
	g.DisplayName = "Jobs that keep their defaults"
	if _, err := d.UpdateGroup(ctx, g); err != nil {
		t.Fatal(err)
	}
	cr := &v1beta1.Group{}
	if err := framework.Client().Get(ctx, client.ObjectKey{Name: names.Label("jobs_keep")}, cr); err != nil {
		t.Fatal(err)
	}
	if cr.Spec.JobDefaults == nil || cr.Spec.JobDefaults.ActiveDeadlineSeconds == nil || *cr.Spec.JobDefaults.ActiveDeadlineSeconds != 3600 {
		t.Errorf("job defaults after an update: %+v", cr.Spec.JobDefaults)
	}
}

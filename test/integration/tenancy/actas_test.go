package tenancy_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	admissionv1 "k8s.io/api/admissionregistration/v1"
	rbacv1 "k8s.io/api/rbac/v1"
	"k8s.io/apimachinery/pkg/api/meta"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"sigs.k8s.io/controller-runtime/pkg/client"

	"github.com/primehub/primehub/api/v1beta1"
	"github.com/primehub/primehub/internal/controller/profile"
	"github.com/primehub/primehub/internal/ownerpolicy"
	"github.com/primehub/primehub/test/framework"
)

// kind is one of the workload kinds, as kubectl writes it.
type kind struct {
	name string
	// spec is the path to the user and group: a schedule keeps them in its job template.
	spec string
	// change is a merge patch of something else in the spec.
	change string
}

var kinds = []kind{
	{name: "notebook", spec: "spec", change: `{"spec":{"stopped":true}}`},
	{name: "phjob", spec: "spec", change: `{"spec":{"cancel":true}}`},
	{name: "phschedule", spec: "spec.jobTemplate.spec", change: `{"spec":{"recurrence":{"type":"daily"}}}`},
	// No profile role lets users write applications or model deployments (GraphQL makes
	// them); the test grants it, as an operator might.
	{name: "phapplication", spec: "spec", change: `{"spec":{"stop":true}}`},
	{name: "phdeployment", spec: "spec", change: `{"spec":{"stop":true}}`},
}

// manifest is a valid object of kind k for user in group.
func (k kind) manifest(name, namespace, user, group string) string {
	spec := fmt.Sprintf("user: %s\n  group: %s\n  instanceType: cpu-1\n  image: base-notebook\n", user, group)
	switch k.name {
	case "notebook":
		return fmt.Sprintf("apiVersion: primehub.io/v1beta1\nkind: Notebook\nmetadata: {name: %s, namespace: %s}\nspec:\n  %s", name, namespace, spec)
	case "phapplication":
		return fmt.Sprintf("apiVersion: primehub.io/v1beta1\nkind: PhApplication\nmetadata: {name: %s, namespace: %s}\nspec:\n  user: %s\n  group: %s\n  instanceType: cpu-1\n  template: web\n", name, namespace, user, group)
	case "phjob":
		return fmt.Sprintf("apiVersion: primehub.io/v1beta1\nkind: PhJob\nmetadata: {name: %s, namespace: %s}\nspec:\n  %s  command: echo hi\n", name, namespace, spec)
	case "phdeployment":
		spec = strings.Replace(spec, "image:", "modelImage:", 1)
		return fmt.Sprintf("apiVersion: primehub.io/v1beta1\nkind: PhDeployment\nmetadata: {name: %s, namespace: %s}\nspec:\n  %s", name, namespace, spec)
	default:
		spec = strings.ReplaceAll(spec, "\n  ", "\n        ")
		return fmt.Sprintf("apiVersion: primehub.io/v1beta1\nkind: PhSchedule\nmetadata: {name: %s, namespace: %s}\nspec:\n  jobTemplate:\n    spec:\n        %s        command: echo hi\n", name, namespace, spec)
	}
}

// set is a merge patch setting field (user or group) of k's spec to value.
func (k kind) set(field, value string) string {
	p := fmt.Sprintf(`{%q:%q}`, field, value)
	if k.name == "phschedule" {
		return `{"spec":{"jobTemplate":{"spec":` + p + `}}}`
	}
	return `{"spec":` + p + `}`
}

// TestNobodyActsAsAnother: in a profile alice owns and bob contributes to, kubectl with
// alice's id_token creates and changes her own notebooks, jobs and schedules in her group,
// and nothing for bob, in a group she is not in, or another's; a system administrator acts
// for anyone while they are one. Through GraphQL, alice's token makes only hers.
func TestNobodyActsAsAnother(t *testing.T) {
	w := newWorld(t)
	ctx := context.Background()
	kc := framework.UserKubeconfig(t)
	kubectl := func(user, stdin string, args ...string) (string, error) {
		t.Helper()
		return framework.KubectlWithToken(t, kc, w.tokens[user], stdin, args...)
	}

	// The API server type-checked the policy serve installed and found nothing to warn of.
	framework.Eventually(t, 30*time.Second, func(ctx context.Context) error {
		vap := &admissionv1.ValidatingAdmissionPolicy{}
		if err := framework.Client().Get(ctx, client.ObjectKey{Name: ownerpolicy.Name}, vap); err != nil {
			return err
		}
		if tc := vap.Status.TypeChecking; vap.Status.ObservedGeneration != vap.Generation || tc == nil || len(tc.ExpressionWarnings) > 0 {
			return fmt.Errorf("policy %s status: %+v", vap.Name, vap.Status)
		}
		return nil
	})

	p := framework.MakeProfile("p").Owner("alice").Contributor("bob", v1beta1.ContributorEdit).Obj()
	if err := framework.Client().Create(ctx, p); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = framework.Client().Delete(context.Background(), p) })
	framework.Eventually(t, 60*time.Second, func(ctx context.Context) error {
		if err := framework.Client().Get(ctx, client.ObjectKeyFromObject(p), p); err != nil {
			return err
		}
		if c := meta.FindStatusCondition(p.Status.Conditions, profile.ConditionReady); c == nil || c.Status != metav1.ConditionTrue {
			return fmt.Errorf("profile p not Ready: %v", p.Status.Conditions)
		}
		return nil
	})
	// carol, a system administrator, may edit in p as any user might be let to.
	bindRole(t, "p", "carol", "primehub-profile-edit")
	// No profile role lets users write applications or model deployments (GraphQL makes
	// them, in the platform namespace): here RBAC lets the three make them in p, as an
	// operator might, so that the policy alone decides.
	writers := &rbacv1.ClusterRole{ObjectMeta: metav1.ObjectMeta{Name: "test-workload-writers"},
		Rules: []rbacv1.PolicyRule{{APIGroups: []string{v1beta1.GroupVersion.Group}, Resources: []string{"phapplications", "phdeployments"}, Verbs: []string{"get", "create", "patch", "update"}}}}
	if err := framework.Client().Create(ctx, writers); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = framework.Client().Delete(context.Background(), writers) })
	for _, u := range []string{"alice", "bob", "carol"} {
		bindRole(t, "p", u, writers.Name)
	}

	t.Run("alice makes her own in her group", func(t *testing.T) {
		for _, k := range kinds {
			framework.Eventually(t, 30*time.Second, func(context.Context) error {
				out, err := kubectl("alice", k.manifest("alices", "p", "alice", "team"), "create", "-f", "-")
				if err != nil && !strings.Contains(out, "AlreadyExists") {
					return fmt.Errorf("alice creating her %s: %v\n%s", k.name, err, out)
				}
				return nil
			})
		}
	})

	for _, k := range kinds {
		t.Run(k.name, func(t *testing.T) {
			refused := func(what, want string, out string, err error) {
				t.Helper()
				if err == nil || !strings.Contains(out, want) {
					t.Errorf("%s: got %v\n%s\nwant refused with %q", what, err, out, want)
				}
			}
			out, err := kubectl("alice", k.manifest("for-bob", "p", "bob", "team"), "create", "-f", "-")
			refused("alice creating a "+k.name+" for bob", "user alice may not act as bob", out, err)
			out, err = kubectl("alice", k.manifest("not-in-group", "p", "alice", "other"), "create", "-f", "-")
			refused("alice creating a "+k.name+" in group other", "user alice is not a member of group other", out, err)

			out, err = kubectl("alice", "", "patch", k.name, "alices", "-n", "p", "--type=merge", "-p", k.set("user", "bob"))
			refused("alice giving her "+k.name+" to bob", k.spec+".user: Invalid value", out, err)
			out, err = kubectl("alice", "", "patch", k.name, "alices", "-n", "p", "--type=merge", "-p", k.set("group", "other"))
			refused("alice moving her "+k.name+" to group other", k.spec+".group: Invalid value", out, err)

			// bob may edit in p, yet not alice's: her notebook runs as her.
			out, err = kubectl("bob", "", "patch", k.name, "alices", "-n", "p", "--type=merge", "-p", k.change)
			refused("bob changing alice's "+k.name, "user bob may not act as alice", out, err)

			// alice changes her own.
			if out, err := kubectl("alice", "", "patch", k.name, "alices", "-n", "p", "--type=merge", "-p", k.change); err != nil {
				t.Errorf("alice changing her %s: %v\n%s", k.name, err, out)
			}

			// A system administrator acts for anyone, in any group.
			if out, err := kubectl("carol", k.manifest("by-carol", "p", "bob", "other"), "create", "-f", "-"); err != nil {
				t.Errorf("carol, an administrator, creating a %s for bob: %v\n%s", k.name, err, out)
			}
		})
	}

	// A deployment's history names who made each change from an annotation, which nobody
	// may set to another.
	t.Run("phdeployment author", func(t *testing.T) {
		out, err := kubectl("alice", "", "patch", "phdeployment", "alices", "-n", "p", "--type=merge",
			"-p", `{"metadata":{"annotations":{"primehub.io/updated-by":"bob"}},"spec":{"replicas":2}}`)
		if err == nil || !strings.Contains(out, "user alice may not name another user in metadata.annotations[primehub.io/updated-by]") {
			t.Errorf("alice naming bob the author of her change: %v\n%s", err, out)
		}
		if out, err := kubectl("alice", "", "patch", "phdeployment", "alices", "-n", "p", "--type=merge",
			"-p", `{"metadata":{"annotations":{"primehub.io/updated-by":"alice"}},"spec":{"replicas":2}}`); err != nil {
			t.Errorf("alice naming herself: %v\n%s", err, out)
		}
	})

	t.Run("graphql", func(t *testing.T) { testGraphQL(t, w) })

	t.Run("an administrator no more acts for another", func(t *testing.T) {
		carol, err := w.dir.GetUser(ctx, "carol")
		if err != nil {
			t.Fatal(err)
		}
		carol.Admin = false
		if _, err := w.dir.UpdateUser(ctx, carol); err != nil {
			t.Fatal(err)
		}
		attempt := 0
		framework.Eventually(t, 30*time.Second, func(context.Context) error {
			attempt++
			name := fmt.Sprintf("by-carol-again-%d", attempt)
			out, err := kubectl("carol", kinds[0].manifest(name, "p", "bob", "team"), "create", "-f", "-")
			if err == nil || !strings.Contains(out, "user carol may not act as bob") {
				return fmt.Errorf("carol, no more an administrator, creating a notebook for bob: %v\n%s", err, out)
			}
			return nil
		})
	})
}

package tenancy_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"sigs.k8s.io/controller-runtime/pkg/client"

	"github.com/primehub/primehub/api/v1beta1"
	"github.com/primehub/primehub/internal/graphql"
	"github.com/primehub/primehub/test/framework"
)

// testGraphQL: GraphQL creates as the platform, so it must itself make every workload the
// caller's own. alice's token makes hers only, changes none of bob's, and dave, who
// administers their group, may not change what bob's schedule runs as bob.
func testGraphQL(t *testing.T, w *world) {
	ctx := context.Background()
	c := framework.Client()
	ns := w.s.Namespace
	for _, obj := range []client.Object{
		framework.MakeInstanceType("cpu-1").Namespace(ns).Global().Obj(),
		framework.MakeImage("base-notebook").Namespace(ns).Global().Obj(),
	} {
		if err := c.Create(ctx, obj); err != nil {
			t.Fatal(err)
		}
	}
	alice, dave := w.s.GraphQL(w.tokens["alice"]), w.s.GraphQL(w.tokens["dave"])
	// The API reads the catalog from its cache: wait until alice may use what was just made.
	framework.Eventually(t, 30*time.Second, func(ctx context.Context) error {
		resp, err := alice.Do(ctx, `{ me { effectiveGroups { name instanceTypes { name } images { name } } } }`, nil)
		if err != nil {
			return err
		}
		if body := string(resp.Data); !strings.Contains(body, `"base-notebook"`) || !strings.Contains(body, `"cpu-1"`) {
			return fmt.Errorf("alice's groups do not show the instance type and image yet: %s", body)
		}
		return nil
	})
	const launch = `groupName: "team", instanceType: "cpu-1", image: "base-notebook"`
	const launchJob = `groupId: "team", instanceType: "cpu-1", image: "base-notebook", command: "echo hi"`

	t.Run("alice makes hers only", func(t *testing.T) {
		resp := alice.MustDo(t, `mutation { createNotebook(data: {name: "alices-nb", `+launch+`}) { id } }`, nil)
		nb := &v1beta1.Notebook{}
		nb.Namespace, nb.Name = ns, "alices-nb"
		if len(resp.Errors) > 0 || !exists(t, nb) || nb.Spec.User != "alice" {
			t.Errorf("alice's createNotebook: %s; notebook user %q, want alice", resp.Body, nb.Spec.User)
		}
		// The input names no user: one sent is refused, and nothing is made.
		resp = alice.MustDo(t, `mutation { createNotebook(data: {name: "for-bob", user: "bob", `+launch+`}) { id } }`, nil)
		nb = &v1beta1.Notebook{}
		nb.Namespace, nb.Name = ns, "for-bob"
		if len(resp.Errors) == 0 || exists(t, nb) {
			t.Errorf("createNotebook with user bob: %s; made: %v", resp.Body, nb.Spec.User)
		}
		for _, m := range []string{
			`mutation { createPhJob(data: {displayName: "alices-job", ` + launchJob + `}) { id } }`,
			`mutation { createPhSchedule(data: {displayName: "alices-schedule", ` + launchJob + `}) { id } }`,
		} {
			if resp := alice.MustDo(t, m, nil); len(resp.Errors) > 0 {
				t.Errorf("%s: %s", m, resp.Body)
			}
		}
		jobs := &v1beta1.PhJobList{}
		schedules := &v1beta1.PhScheduleList{}
		if err := c.List(ctx, jobs, client.InNamespace(ns)); err != nil {
			t.Fatal(err)
		}
		if err := c.List(ctx, schedules, client.InNamespace(ns)); err != nil {
			t.Fatal(err)
		}
		if !slices.ContainsFunc(jobs.Items, func(j v1beta1.PhJob) bool { return j.Spec.DisplayName == "alices-job" && j.Spec.User == "alice" }) {
			t.Errorf("no job alices-job of alice among %d", len(jobs.Items))
		}
		if !slices.ContainsFunc(schedules.Items, func(s v1beta1.PhSchedule) bool {
			return s.Spec.JobTemplate.Spec.DisplayName == "alices-schedule" && s.Spec.JobTemplate.Spec.User == "alice"
		}) {
			t.Errorf("no schedule alices-schedule of alice among %d", len(schedules.Items))
		}
	})

	t.Run("alice changes none of bob's", func(t *testing.T) {
		nb := framework.MakeNotebook("bobs-nb").Namespace(ns).User("bob").Group("team").InstanceType("cpu-1").Obj()
		job := framework.MakePhJob("bobs-job").Namespace(ns).User("bob").Group("team").InstanceType("cpu-1").Obj()
		sch := framework.MakePhSchedule("bobs-schedule").Namespace(ns).
			JobSpec(framework.MakePhJob("").User("bob").Group("team").InstanceType("cpu-1").Obj().Spec).Obj()
		for _, obj := range []client.Object{nb, job, sch} {
			if err := c.Create(ctx, obj); err != nil {
				t.Fatal(err)
			}
		}
		for _, m := range []struct{ query, id string }{
			{`mutation($id: ID!) { stopNotebook(where: {id: $id}) { id } }`, ns + "/bobs-nb"},
			{`mutation($id: ID!) { deleteNotebook(where: {id: $id}) { id } }`, ns + "/bobs-nb"},
			{`mutation($id: ID!) { cancelPhJob(where: {id: $id}) { id } }`, "bobs-job"},
			{`mutation($id: ID!) { rerunPhJob(where: {id: $id}) { id } }`, "bobs-job"},
			{`mutation($id: ID!) { updatePhSchedule(where: {id: $id}, data: {command: "curl evil"}) { id } }`, "bobs-schedule"},
			{`mutation($id: ID!) { runPhSchedule(where: {id: $id}) { job { id } } }`, "bobs-schedule"},
			{`mutation($id: ID!) { deletePhSchedule(where: {id: $id}) { id } }`, "bobs-schedule"},
		} {
			// GraphQL reads from its cache, which sees bob's things a moment after they are made.
			var resp *framework.GraphQLResponse
			framework.Eventually(t, 10*time.Second, func(context.Context) error {
				if resp = alice.MustDo(t, m.query, map[string]any{"id": m.id}); slices.Contains(resp.Codes(), graphql.CodeNotFound) {
					return errors.New(resp.Body)
				}
				return nil
			})
			if !slices.Contains(resp.Codes(), graphql.CodeForbidden) {
				t.Errorf("alice: %s on %s answered %s, want FORBIDDEN", m.query, m.id, resp.Body)
			}
		}
		if !exists(t, nb) || nb.Spec.Stopped || !exists(t, job) || job.Spec.Cancel || !exists(t, sch) || sch.Spec.JobTemplate.Spec.Command != "echo hello" {
			t.Errorf("bob's things changed: notebook stopped %v, job cancelled %v, schedule runs %q", nb.Spec.Stopped, job.Spec.Cancel, sch.Spec.JobTemplate.Spec.Command)
		}

		// dave administers team: he may rename bob's schedule, not change what it runs as bob.
		for _, data := range []string{`{command: "curl evil"}`, `{image: "other-image"}`, `{instanceType: "bigger"}`, `{activeDeadlineSeconds: 5}`} {
			resp := dave.MustDo(t, `mutation($id: ID!) { updatePhSchedule(where: {id: $id}, data: `+data+`) { id } }`, map[string]any{"id": "bobs-schedule"})
			if !slices.Contains(resp.Codes(), graphql.CodeForbidden) {
				t.Errorf("dave changing bob's schedule with %s: answered %s, want FORBIDDEN", data, resp.Body)
			}
		}
		if exists(t, sch); sch.Spec.JobTemplate.Spec.Command != "echo hello" || sch.Spec.JobTemplate.Spec.ActiveDeadlineSeconds != nil {
			t.Errorf("dave changed what bob's schedule runs: %+v", sch.Spec.JobTemplate.Spec)
		}
		if resp := dave.MustDo(t, `mutation($id: ID!) { updatePhSchedule(where: {id: $id}, data: {displayName: "Nightly"}) { id } }`,
			map[string]any{"id": "bobs-schedule"}); len(resp.Errors) > 0 {
			t.Errorf("dave renaming bob's schedule: %s", resp.Body)
		}
	})
}

package crd_test

import (
	"context"
	"testing"
	"time"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"sigs.k8s.io/controller-runtime/pkg/client"

	"github.com/primehub/primehub/api/v1beta1"
	"github.com/primehub/primehub/test/framework"
)

// The status subresource keeps what controllers write apart from what users write: status
// goes through /status only, and only spec changes bump the generation.
func TestStatusSubresource(t *testing.T) {
	ctx := context.Background()
	c := framework.Client()
	ns := framework.NewNamespace(t)

	nb := framework.MakeNotebook("nb").Namespace(ns).Obj()
	nb.Status.Phase = v1beta1.NotebookRunning
	mustCreate(t, nb)
	if nb.Status.Phase != "" {
		t.Errorf("status sent on create was kept: %+v", nb.Status)
	}

	nb.Status = v1beta1.NotebookStatus{
		CommonStatus: v1beta1.CommonStatus{
			ObservedGeneration: nb.Generation,
			Conditions: []metav1.Condition{{
				Type: "Ready", Status: metav1.ConditionTrue, Reason: "ServerUp", Message: "the server answers",
				ObservedGeneration: nb.Generation, LastTransitionTime: metav1.NewTime(time.Now().Truncate(time.Second)),
			}},
		},
		Phase: v1beta1.NotebookRunning,
		URL:   "/notebook/" + ns + "/nb/",
	}
	if err := c.Status().Update(ctx, nb); err != nil {
		t.Fatalf("update status: %v", err)
	}
	if nb.Generation != 1 {
		t.Errorf("generation after a status update = %d, want 1", nb.Generation)
	}

	// A spec change through the main resource bumps the generation and cannot touch status.
	nb.Spec.Stopped = true
	nb.Status.Phase = v1beta1.NotebookFailed
	if err := c.Update(ctx, nb); err != nil {
		t.Fatalf("update spec: %v", err)
	}
	got := &v1beta1.Notebook{}
	if err := c.Get(ctx, client.ObjectKeyFromObject(nb), got); err != nil {
		t.Fatal(err)
	}
	if got.Generation != 2 || !got.Spec.Stopped {
		t.Errorf("after a spec update: generation %d, stopped %v; want 2, true", got.Generation, got.Spec.Stopped)
	}
	if got.Status.Phase != v1beta1.NotebookRunning || got.Status.URL == "" || got.Status.ObservedGeneration != 1 || len(got.Status.Conditions) != 1 {
		t.Errorf("status not kept across a spec update: %+v", got.Status)
	}

	// Controllers patch status; what they write is validated too.
	job := framework.MakePhJob("job").Namespace(ns).Obj()
	mustCreate(t, job)
	before := job.DeepCopy()
	start := metav1.NewTime(time.Now().Truncate(time.Second))
	job.Status.Phase, job.Status.PodName, job.Status.StartTime = v1beta1.PhJobRunning, "job", &start
	if err := c.Status().Patch(ctx, job, client.MergeFrom(before)); err != nil {
		t.Fatalf("patch status: %v", err)
	}
	gotJob := &v1beta1.PhJob{}
	if err := c.Get(ctx, client.ObjectKeyFromObject(job), gotJob); err != nil {
		t.Fatal(err)
	}
	if gotJob.Status.Phase != v1beta1.PhJobRunning || gotJob.Status.PodName != "job" || !gotJob.Status.StartTime.Equal(&start) {
		t.Errorf("patched status = %+v", gotJob.Status)
	}
	if gotJob.Generation != 1 {
		t.Errorf("generation after a status patch = %d, want 1", gotJob.Generation)
	}
	before = gotJob.DeepCopy()
	gotJob.Status.Phase = "Done"
	expectInvalid(t, c.Status().Patch(ctx, gotJob, client.MergeFrom(before)), "status.phase", "Unsupported value")
}

// metadata.name of users and groups is derived from their names, so those cannot change.
func TestNamesCannotChange(t *testing.T) {
	ctx := context.Background()
	c := framework.Client()
	ns := framework.NewNamespace(t)

	user := framework.MakeUser(ns + "-alice").Username("Alice").Obj()
	mustCreate(t, user)
	user.Spec.Username = "Alicia"
	expectInvalid(t, c.Update(ctx, user), "spec.username", "username cannot change")

	group := framework.MakeGroup(ns + "-team").GroupName("team_a").Obj()
	mustCreate(t, group)
	group.Spec.Name = "team_b"
	expectInvalid(t, c.Update(ctx, group), "spec.name", "name cannot change")
}

// Whose a workload is and which group it spends cannot change, for anyone (the cluster's
// administrator included): a Notebook, a PhJob and a PhSchedule's job template keep their
// user and group.
func TestOwnerCannotChange(t *testing.T) {
	ctx := context.Background()
	c := framework.Client()
	ns := framework.NewNamespace(t)

	nb := framework.MakeNotebook("nb").Namespace(ns).Obj()
	mustCreate(t, nb)
	job := framework.MakePhJob("job").Namespace(ns).Obj()
	mustCreate(t, job)
	sch := framework.MakePhSchedule("sch").Namespace(ns).Obj()
	mustCreate(t, sch)

	for _, tc := range []struct {
		name, field, msg string
		obj              client.Object
		change           func()
	}{
		{"notebook user", "spec.user", "user cannot change", nb, func() { nb.Spec.User = "bob" }},
		{"notebook group", "spec.group", "group cannot change", nb, func() { nb.Spec.Group = "other" }},
		{"job user", "spec.user", "user cannot change", job, func() { job.Spec.User = "bob" }},
		{"job group", "spec.group", "group cannot change", job, func() { job.Spec.Group = "other" }},
		{"schedule user", "spec.jobTemplate.spec.user", "user cannot change", sch, func() { sch.Spec.JobTemplate.Spec.User = "bob" }},
		{"schedule group", "spec.jobTemplate.spec.group", "group cannot change", sch, func() { sch.Spec.JobTemplate.Spec.Group = "other" }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if err := c.Get(ctx, client.ObjectKeyFromObject(tc.obj), tc.obj); err != nil {
				t.Fatal(err)
			}
			tc.change()
			expectInvalid(t, c.Update(ctx, tc.obj), tc.field, tc.msg)
		})
	}

	// The rest of the spec still changes.
	if err := c.Get(ctx, client.ObjectKeyFromObject(nb), nb); err != nil {
		t.Fatal(err)
	}
	nb.Spec.Stopped = true
	if err := c.Update(ctx, nb); err != nil {
		t.Errorf("stopping the notebook: %v", err)
	}
}

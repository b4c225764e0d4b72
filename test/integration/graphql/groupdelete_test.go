package graphql_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	"sigs.k8s.io/controller-runtime/pkg/client"
	"sigs.k8s.io/controller-runtime/pkg/controller/controllerutil"

	"github.com/primehub/primehub/api/v1beta1"
	"github.com/primehub/primehub/internal/directory"
	"github.com/primehub/primehub/test/framework"
)

// Deleting a group deletes its jobs, schedules and apps, as PrimeHub's does; what it would delete
// is asked first with groupResourcesToBeDeleted. Both are the system administrators'.
func TestDeleteGroupTakesItsWorkloads(t *testing.T) {
	w := newWorld(t)
	ctx := context.Background()
	sfx := unique()
	doomed, kept := "doomed-"+sfx, "kept-"+sfx
	// The world's member and group admin belong to doomed, the group admin as its admin.
	w.mkGroup(t, directory.Group{Name: doomed, Members: []string{w.users[member], w.users[groupAdmin]}, Admins: []string{w.users[groupAdmin]}})
	w.mkGroup(t, directory.Group{Name: kept, Members: []string{w.users[member]}})
	job := func(name, group string) *v1beta1.PhJob {
		return framework.MakePhJob(name).Namespace(w.ns).User(w.users[member]).Group(group).InstanceType(w.itGroup).Image(w.imgGroup).Obj()
	}
	schedule := func(name, group string) *v1beta1.PhSchedule {
		return framework.MakePhSchedule(name).Namespace(w.ns).JobSpec(job("", group).Spec).Recurrence(v1beta1.RecurrenceDaily, "").Obj()
	}
	running, finished, sch := job("running-"+sfx, doomed), job("finished-"+sfx, doomed), schedule("sch-"+sfx, doomed)
	keptJob, keptSch := job("kept-"+sfx, kept), schedule("kept-sch-"+sfx, kept)
	doomedApp, keptApp := w.appObj("app-doomed-"+sfx), w.appObj("app-kept-"+sfx)
	doomedApp.Spec.Group, keptApp.Spec.Group = doomed, kept
	w.create(t, running, finished, sch, keptJob, keptSch, doomedApp, keptApp)
	// The running job's pod, controlled by its job as the job controller makes it.
	pod := framework.MakePod(running.Name, w.ns).Group(doomed).User(w.users[member]).Container("job", "busybox", "100m", "64Mi").Obj()
	if err := controllerutil.SetControllerReference(running, pod, framework.Scheme); err != nil {
		t.Fatal(err)
	}
	if err := framework.Client().Create(ctx, pod); err != nil {
		t.Fatalf("pod: %v", err)
	}
	t.Cleanup(func() { _ = framework.Client().Delete(context.Background(), pod) })

	const count = `query($g: ID!) { groupResourcesToBeDeleted(where: {id: $g}) { jobs schedules apps deployments datasets } }`
	type counts struct{ Jobs, Schedules, Apps, Deployments, Datasets int }
	countsOf := func(t *testing.T, group string) counts {
		t.Helper()
		var d struct{ GroupResourcesToBeDeleted *counts }
		resp := w.client(sysAdmin).MustDo(t, count, map[string]any{"g": group})
		if err := errorsOf(resp); err != nil {
			t.Fatalf("groupResourcesToBeDeleted(%s): %v", group, err)
		}
		if err := resp.Decode(&d); err != nil || d.GroupResourcesToBeDeleted == nil {
			t.Fatalf("groupResourcesToBeDeleted(%s): %s", group, resp.Body)
		}
		return *d.GroupResourcesToBeDeleted
	}
	all := []client.Object{running, finished, sch, keptJob, keptSch, doomedApp, keptApp}
	left := func(t *testing.T) map[string]bool {
		t.Helper()
		out := map[string]bool{}
		for _, o := range all {
			out[o.GetName()] = exists(t, o.DeepCopyObject().(client.Object))
		}
		return out
	}

	t.Run("others than system administrators are refused and change nothing", func(t *testing.T) {
		for _, r := range []role{anonymous, plainUser, member, groupAdmin} {
			for _, op := range []string{count, `mutation($g: ID!) { deleteGroup(where: {id: $g}) { id } }`} {
				resp := w.client(r).MustDo(t, op, map[string]any{"g": doomed})
				want := F
				if r == anonymous {
					want = U
				}
				if codes := resp.Codes(); len(codes) != 1 || codes[0] != want {
					t.Errorf("as %s: %s answered %s; want one error with code %s", r, op, resp.Body, want)
				}
			}
		}
		if !groupExists(w, doomed) {
			t.Fatalf("group %s deleted by a refused call", doomed)
		}
		for name, there := range left(t) {
			if !there {
				t.Errorf("%s deleted by a refused call", name)
			}
		}
	})

	t.Run("counts the group's jobs, schedules and apps, not another group's", func(t *testing.T) {
		if got, want := countsOf(t, doomed), (counts{Jobs: 2, Schedules: 1, Apps: 1}); got != want {
			t.Errorf("groupResourcesToBeDeleted(%s) = %+v; want %+v", doomed, got, want)
		}
		if got, want := countsOf(t, kept), (counts{Jobs: 1, Schedules: 1, Apps: 1}); got != want {
			t.Errorf("groupResourcesToBeDeleted(%s) = %+v; want %+v", kept, got, want)
		}
	})

	t.Run("deletes the group's jobs, schedules and apps, and a running job's pod", func(t *testing.T) {
		resp := w.client(sysAdmin).MustDo(t, `mutation($g: ID!) { deleteGroup(where: {id: $g}) { id } }`, map[string]any{"g": doomed})
		if err := errorsOf(resp); err != nil {
			t.Fatalf("deleteGroup: %v", err)
		}
		if groupExists(w, doomed) {
			t.Errorf("group %s still exists", doomed)
		}
		// Gone when the mutation answers, read from the API server itself.
		got := left(t)
		for _, o := range []client.Object{running, finished, sch, doomedApp} {
			if got[o.GetName()] {
				t.Errorf("%T %s of the deleted group still exists", o, o.GetName())
			}
		}
		for _, o := range []client.Object{keptJob, keptSch, keptApp} {
			if !got[o.GetName()] {
				t.Errorf("%T %s of group %s was deleted", o, o.GetName(), kept)
			}
		}
		// The garbage collector deletes the pod of a deleted job.
		framework.Eventually(t, 30*time.Second, func(ctx context.Context) error {
			err := framework.Client().Get(ctx, client.ObjectKeyFromObject(pod), &corev1.Pod{})
			if apierrors.IsNotFound(err) {
				return nil
			}
			if err == nil {
				return fmt.Errorf("pod %s of deleted job %s still exists", pod.Name, running.Name)
			}
			return err
		})
	})

	t.Run("a retry deletes what is left of a deleted group", func(t *testing.T) {
		// As if the group had gone and deleting its workloads then failed (or a member
		// submitted one as it went): deleting the group again finishes, and says the group
		// is not there.
		straggler := job("straggler-"+sfx, doomed)
		w.create(t, straggler)
		resp := w.client(sysAdmin).MustDo(t, `mutation($g: ID!) { deleteGroup(where: {id: $g}) { id } }`, map[string]any{"g": doomed})
		if codes := resp.Codes(); len(codes) != 1 || codes[0] != "NOT_FOUND" {
			t.Errorf("deleteGroup of a deleted group answered %s; want NOT_FOUND", resp.Body)
		}
		if exists(t, straggler) {
			t.Errorf("job %s of the deleted group still exists", straggler.Name)
		}
		if !exists(t, keptJob) {
			t.Errorf("job %s of group %s was deleted", keptJob.Name, kept)
		}
	})
}

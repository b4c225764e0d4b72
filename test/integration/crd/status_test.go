package crd_test

import (
	"context"
	"testing"

	apierrors "k8s.io/apimachinery/pkg/api/errors"
	"sigs.k8s.io/controller-runtime/pkg/client"

	"github.com/primehub/primehub/api/v1beta1"
	"github.com/primehub/primehub/internal/controller"
	"github.com/primehub/primehub/test/framework"
)

// controller.PatchStatus, the controllers' one way to write a status, refuses a write
// derived from an object that has changed since it was read: a plain merge patch would
// write only the fields that differ from the stale read and keep the rest of the newer
// status.
func TestPatchStatusRefusesAStaleRead(t *testing.T) {
	ctx := context.Background()
	c := framework.Client()
	ns := framework.NewNamespace(t)

	job := framework.MakePhJob("job").Namespace(ns).Obj()
	mustCreate(t, job)
	before := job.DeepCopy()
	job.Status.Phase, job.Status.Reason, job.Status.Message = v1beta1.PhJobPending, "Scheduling", "waiting for a node"
	if err := controller.PatchStatus(ctx, c, job, before); err != nil {
		t.Fatalf("a write from a current read: %v", err)
	}
	stale := job.DeepCopy()

	// A newer status, from a reconcile that read the job afresh.
	before = job.DeepCopy()
	job.Status.Phase, job.Status.Reason, job.Status.Message = v1beta1.PhJobFailed, "NotAdmitted", "the newer verdict"
	if err := controller.PatchStatus(ctx, c, job, before); err != nil {
		t.Fatalf("a write from a current read: %v", err)
	}

	// A reconcile still holding the older read changes only the message.
	before = stale.DeepCopy()
	stale.Status.Message = "the stale verdict"
	if err := controller.PatchStatus(ctx, c, stale, before); !apierrors.IsConflict(err) {
		t.Errorf("a write from a stale read: %v, want a conflict", err)
	}
	got := &v1beta1.PhJob{}
	if err := c.Get(ctx, client.ObjectKeyFromObject(job), got); err != nil {
		t.Fatal(err)
	}
	if s := got.Status; s.Phase != v1beta1.PhJobFailed || s.Reason != "NotAdmitted" || s.Message != "the newer verdict" {
		t.Errorf("status %s (%s: %s), want the newer one whole: Failed (NotAdmitted: the newer verdict)", s.Phase, s.Reason, s.Message)
	}
}

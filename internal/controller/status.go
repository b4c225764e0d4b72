package controller

import (
	"context"
	"fmt"

	"sigs.k8s.io/controller-runtime/pkg/client"
)

// PatchStatus writes obj's status, as changed from before, the object a reconcile read
// from its cache. The patch holds only the fields that differ from before, so it is
// conditional on before's resourceVersion: from an object the cache shows late, an
// unconditional one would keep the fields of a newer status that happen to equal the
// stale ones and mix the two (a notebook Failed, NotAdmitted, "waiting for a node").
// It fails with a conflict instead, and the reconcile is retried on a fresher cache.
func PatchStatus(ctx context.Context, c client.Client, obj, before client.Object) error {
	if err := c.Status().Patch(ctx, obj, client.MergeFromWithOptions(before, client.MergeFromWithOptimisticLock{})); err != nil {
		return fmt.Errorf("update status: %w", err)
	}
	return nil
}

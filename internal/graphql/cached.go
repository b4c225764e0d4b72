package graphql

import (
	"context"
	"strconv"
	"time"

	apierrors "k8s.io/apimachinery/pkg/api/errors"
	"sigs.k8s.io/controller-runtime/pkg/client"
)

// cacheWait bounds how long a mutation waits for the cache to show its write.
const cacheWait = 2 * time.Second

// awaitCached waits until the informer cache, which the queries read, shows obj as written
// (at its resourceVersion or later) or, with deleted, gone or going. A client asks for its
// list again right after a mutation; read from a cache still behind the write, the list
// showed a deleted notebook, or a stopped one Running, and the console, which asks again
// only while a notebook or an application is on its way somewhere, kept showing it. The
// mutations of those two, which the console's lists follow so, call it. Past cacheWait
// the mutation answers anyway: the write is made, only the cache is late.
func (r *Resolver) awaitCached(ctx context.Context, obj client.Object, deleted bool) {
	ctx, cancel := context.WithTimeout(ctx, cacheWait)
	defer cancel()
	cached := obj.DeepCopyObject().(client.Object)
	tick := time.NewTicker(5 * time.Millisecond)
	defer tick.Stop()
	for {
		err := r.Reader.Get(ctx, client.ObjectKeyFromObject(obj), cached)
		if deleted && (apierrors.IsNotFound(err) || err == nil && !cached.GetDeletionTimestamp().IsZero()) ||
			!deleted && err == nil && atLeast(cached.GetResourceVersion(), obj.GetResourceVersion()) {
			return
		}
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
	}
}

// atLeast tells whether resourceVersion got is want or later. The API server's are etcd
// revisions, which grow; any other is compared for equality alone.
func atLeast(got, want string) bool {
	g, gerr := strconv.ParseUint(got, 10, 64)
	w, werr := strconv.ParseUint(want, 10, 64)
	if gerr != nil || werr != nil {
		return got == want
	}
	return g >= w
}

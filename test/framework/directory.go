package framework

import (
	"context"
	"testing"
	"time"

	"github.com/go-logr/logr"

	"github.com/primehub/primehub/internal/directory/builtin"
)

// StartBuiltinDirectory runs a builtin directory with its settings and passwords in
// namespace until the test ends, and waits for its caches.
func StartBuiltinDirectory(t testing.TB, namespace string, log logr.Logger) *builtin.Directory {
	t.Helper()
	d, err := builtin.New(Config(), Scheme, namespace, log)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		defer close(done)
		if err := d.Start(ctx); err != nil {
			t.Errorf("directory: %v", err)
		}
	}()
	t.Cleanup(func() { cancel(); <-done })
	syncCtx, syncCancel := context.WithTimeout(ctx, 30*time.Second)
	defer syncCancel()
	if !d.WaitForCacheSync(syncCtx) {
		t.Fatal("directory caches did not sync")
	}
	return d
}

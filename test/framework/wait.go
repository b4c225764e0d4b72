package framework

import (
	"context"
	"testing"
	"time"
)

// Eventually polls cond every 100ms until it returns nil or timeout passes, then fails the
// test with the last error cond returned.
func Eventually(t testing.TB, timeout time.Duration, cond func(ctx context.Context) error) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	tick := time.NewTicker(100 * time.Millisecond)
	defer tick.Stop()
	for {
		err := cond(ctx)
		if err == nil {
			return
		}
		select {
		case <-ctx.Done():
			t.Fatalf("not true after %s: %v", timeout, err)
		case <-tick.C:
		}
	}
}

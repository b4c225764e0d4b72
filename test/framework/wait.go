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
	deadline := time.Now().Add(timeout)
	// The calls may run a little past the deadline, so that the last is not cut short
	// and its error says why cond does not hold.
	ctx, cancel := context.WithDeadline(context.Background(), deadline.Add(10*time.Second))
	defer cancel()
	tick := time.NewTicker(100 * time.Millisecond)
	defer tick.Stop()
	for {
		err := cond(ctx)
		if err == nil {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("not true after %s: %v", timeout, err)
		}
		<-tick.C
	}
}

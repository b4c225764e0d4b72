package oidc

import (
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

func TestLimiter(t *testing.T) {
	type step struct {
		advance  time.Duration
		action   string // fail, ok, check (a reservation whose outcome is not reported) or hold
		key      string
		wantWait time.Duration
	}
	fails := func(n int, key string) []step {
		var s []step
		for range n {
			s = append(s, step{action: "fail", key: key})
		}
		return s
	}
	tests := []struct {
		name    string
		forgive bool
		steps   []step
	}{
		{"first failures are free", true, append(fails(4, "alice"), step{action: "check", key: "alice"})},
		{"fifth failure waits a second", true, append(fails(5, "alice"), step{action: "check", key: "alice", wantWait: time.Second})},
		{"waits double", true, append(fails(7, "alice"), step{action: "check", key: "alice", wantWait: 4 * time.Second})},
		{"wait runs down", true, append(fails(7, "alice"), step{advance: 3 * time.Second, action: "check", key: "alice", wantWait: time.Second})},
		{"wait is capped", true, append(fails(40, "alice"), step{action: "check", key: "alice", wantWait: maxWait})},
		{"other keys are free", true, append(fails(9, "alice"), step{action: "check", key: "bob"})},
		{"success starts over", true, append(fails(4, "alice"), step{action: "ok", key: "alice"}, step{action: "fail", key: "alice"}, step{action: "check", key: "alice"})},
		{"success does not forgive an address", false, append(fails(4, "10.0.0.1"), step{action: "ok", key: "10.0.0.1"}, step{action: "fail", key: "10.0.0.1"},
			step{action: "check", key: "10.0.0.1", wantWait: time.Second})},
		{"forgotten after an hour", true, append(fails(9, "alice"), step{advance: 2 * time.Hour, action: "check", key: "alice"})},
		// Attempts in flight count as failures until they are known: the sixth parallel
		// guess waits although none has failed yet.
		{"parallel attempts are reserved", true, []step{{action: "hold", key: "alice"}, {action: "hold", key: "alice"}, {action: "hold", key: "alice"},
			{action: "hold", key: "alice"}, {action: "hold", key: "alice"}, {action: "check", key: "alice", wantWait: time.Second}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
			l := NewLimiter(freeUserFailures, tt.forgive, func() time.Time { return now })
			for _, s := range tt.steps {
				now = now.Add(s.advance)
				wait := l.Reserve(s.key)
				switch s.action {
				case "fail":
					// A failure is recorded whether or not it had to wait, as when
					// many were sent before the waits began.
					if wait != 0 {
						l.entries[s.key].inFlight++
					}
					l.Done(s.key, true)
				case "ok":
					if wait != 0 {
						t.Fatalf("Reserve(%s) waits %v before a %s", s.key, wait, s.action)
					}
					l.Done(s.key, false)
				case "hold":
					if wait != 0 {
						t.Fatalf("Reserve(%s) waits %v", s.key, wait)
					}
				case "check":
					if wait != s.wantWait {
						t.Errorf("Reserve(%s) = %v, want %v", s.key, wait, s.wantWait)
					}
				}
			}
		})
	}
}

// TestLimiterParallel: of many guesses sent at once, only the free ones are checked.
func TestLimiterParallel(t *testing.T) {
	l := NewLimiter(freeUserFailures, true, time.Now)
	var passed atomic.Int32
	var wg sync.WaitGroup
	start := make(chan struct{})
	for range 200 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			if l.Reserve("alice") == 0 {
				passed.Add(1)
				time.Sleep(10 * time.Millisecond) // the password check
				l.Done("alice", true)
			}
		}()
	}
	close(start)
	wg.Wait()
	if n := passed.Load(); n != freeUserFailures {
		t.Errorf("%d of 200 parallel guesses were checked, want %d", n, freeUserFailures)
	}
}

func TestLimiterMemoryIsBounded(t *testing.T) {
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	l := NewLimiter(freeUserFailures, true, func() time.Time { return now })
	l.maxKeys = 100
	for i := range 1000 {
		now = now.Add(time.Millisecond)
		key := string(rune('a'+i%26)) + time.Duration(i).String()
		if l.Reserve(key) == 0 {
			l.Done(key, true)
		}
	}
	if len(l.entries) > 100 {
		t.Errorf("%d keys kept, want at most 100", len(l.entries))
	}
	// The most recent failures are the ones kept.
	for i := 990; i < 1000; i++ {
		if _, ok := l.entries[string(rune('a'+i%26))+time.Duration(i).String()]; !ok {
			t.Errorf("a recent key (%d) was dropped", i)
		}
	}
}

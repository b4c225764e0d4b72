package oidc

import (
	"testing"
	"time"
)

func TestBackoff(t *testing.T) {
	type step struct {
		advance  time.Duration
		action   string // fail, ok or check
		user     string
		wantWait time.Duration
	}
	fails := func(n int, user string) []step {
		var s []step
		for range n {
			s = append(s, step{action: "fail", user: user})
		}
		return s
	}
	tests := []struct {
		name  string
		steps []step
	}{
		{"first failures are free", append(fails(4, "alice"), step{action: "check", user: "alice"})},
		{"fifth failure waits a second", append(fails(5, "alice"), step{action: "check", user: "alice", wantWait: time.Second})},
		{"waits double", append(fails(7, "alice"), step{action: "check", user: "alice", wantWait: 4 * time.Second})},
		{"wait runs down", append(fails(7, "alice"), step{advance: 3 * time.Second, action: "check", user: "alice", wantWait: time.Second})},
		{"wait is capped", append(fails(40, "alice"), step{action: "check", user: "alice", wantWait: maxWait})},
		{"case folds", append(fails(5, "Alice"), step{action: "check", user: "aLICE", wantWait: time.Second})},
		{"other users are free", append(fails(9, "alice"), step{action: "check", user: "bob"})},
		{"success starts over", append(fails(9, "alice"), step{action: "ok", user: "alice"}, step{action: "check", user: "alice"})},
		{"forgotten after an hour", append(fails(9, "alice"), step{advance: 2 * time.Hour, action: "fail", user: "bob"}, step{action: "check", user: "alice"})},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
			b := NewBackoff(func() time.Time { return now })
			for _, s := range tt.steps {
				now = now.Add(s.advance)
				switch s.action {
				case "fail":
					b.Failed(s.user)
				case "ok":
					b.Succeeded(s.user)
				case "check":
					if got := b.Wait(s.user); got != s.wantWait {
						t.Errorf("Wait(%s) = %v, want %v", s.user, got, s.wantWait)
					}
				}
			}
		})
	}
}

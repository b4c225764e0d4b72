package quota

import (
	"sync"
	"testing"
	"time"
)

var one = Usage{MilliCPU: 1000}

// within admits while what the group uses plus the request stays within maxMilliCPU.
func within(request Usage, maxMilliCPU int64) func(Used) bool {
	return func(u Used) bool { return u.Group.Add(request).MilliCPU <= maxMilliCPU }
}

func used(l *Ledger, group, user string) Used {
	var got Used
	l.Admit(group, user, "", Usage{}, func(u Used) bool { got = u; return false })
	return got
}

func TestLedgerMakesConcurrentAdmissionsExact(t *testing.T) {
	l := NewLedger(time.Minute)
	var wg sync.WaitGroup
	var mu sync.Mutex
	admitted := 0
	for i := range 50 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if l.Admit("g", "alice", string(rune('a'+i)), one, within(one, 10000)) {
				mu.Lock()
				admitted++
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	if admitted != 10 {
		t.Fatalf("admitted %d of 50 pods against a quota of 10, want exactly 10", admitted)
	}
}

func TestLedgerCountsObservedPodsOnceAsTheyChange(t *testing.T) {
	l := NewLedger(time.Minute)
	steps := []struct {
		name      string
		do        func()
		wantGroup int64
		wantUser  int64
	}{
		{"reserved", func() { l.Admit("g", "alice", "id1", one, func(Used) bool { return true }) }, 1000, 1000},
		{"the cache shows the reserved pod: counted once", func() {
			l.Observe(Pod{Key: "ns/a", Group: "g", User: "alice", AdmissionID: "id1", Request: one, Active: true})
		}, 1000, 1000},
		{"another user's pod", func() {
			l.Observe(Pod{Key: "ns/b", Group: "g", User: "bob", Request: Usage{MilliCPU: 2000}, Active: true})
		}, 3000, 1000},
		{"a pod of another group", func() {
			l.Observe(Pod{Key: "ns/c", Group: "h", User: "alice", Request: one, Active: true})
		}, 3000, 1000},
		{"a pod without a group", func() { l.Observe(Pod{Key: "ns/d", User: "alice", Request: one, Active: true}) }, 3000, 1000},
		{"the same pod seen again", func() {
			l.Observe(Pod{Key: "ns/a", Group: "g", User: "alice", AdmissionID: "id1", Request: one, Active: true})
		}, 3000, 1000},
		{"a pod finishes", func() {
			l.Observe(Pod{Key: "ns/a", Group: "g", User: "alice", AdmissionID: "id1", Request: one, Active: false})
		}, 2000, 0},
		{"a pod is deleted", func() { l.Forget("ns/b") }, 0, 0},
		{"an unknown pod is deleted", func() { l.Forget("ns/zzz") }, 0, 0},
	}
	for _, s := range steps {
		s.do()
		got := used(l, "g", "alice")
		if got.Group.MilliCPU != s.wantGroup || got.User.MilliCPU != s.wantUser {
			t.Fatalf("%s: used %+v, want group %dm, alice %dm", s.name, got, s.wantGroup, s.wantUser)
		}
	}
}

func TestLedgerDenialDryRunAndExpiry(t *testing.T) {
	now := time.Unix(0, 0)
	l := newLedger(time.Minute, func() time.Time { return now })
	l.Admit("g", "alice", "a", one, func(Used) bool { return true })
	l.Admit("g", "alice", "b", one, func(Used) bool { return false })
	l.Admit("g", "alice", "", one, func(Used) bool { return true })
	if got := used(l, "g", "alice"); got.Group != one || got.User != one {
		t.Fatalf("after one admission, a denial and a dry run: used %+v, want %+v", got, one)
	}
	if got := used(l, "g", "bob"); got.Group != one || !got.User.IsZero() {
		t.Fatalf("bob: used %+v, want the group's %+v and none of his own", got, one)
	}
	now = now.Add(time.Minute + time.Second)
	if got := used(l, "g", "alice"); !got.Group.IsZero() {
		t.Fatalf("after the TTL: used %+v, want none", got)
	}
}

func TestLedgerRelease(t *testing.T) {
	l := NewLedger(time.Minute)
	l.Admit("g", "alice", "a", one, func(Used) bool { return true })
	l.Admit("g", "alice", "b", one, func(Used) bool { return true })
	l.Release("a")
	l.Release("unknown")
	if got := used(l, "g", "alice"); got.Group != one || got.User != one {
		t.Fatalf("after releasing one of two reservations: used %+v, want %+v", got, one)
	}
}

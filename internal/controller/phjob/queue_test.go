package phjob

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"
	"time"

	"k8s.io/apimachinery/pkg/api/resource"
	"k8s.io/utils/ptr"

	"github.com/primehub/primehub/api/v1beta1"
	"github.com/primehub/primehub/internal/quota"
)

func TestCycle(t *testing.T) {
	t0 := time.Unix(1_700_000_000, 0)
	job := func(name, group, user string, minute int, cpus int64) queued {
		return queued{key: "ns/" + name, groupLabel: group, userLabel: user, group: group, user: user,
			created: t0.Add(time.Duration(minute) * time.Minute), request: quota.Usage{MilliCPU: cpus * 1000}}
	}
	cpu := func(n string) v1beta1.QuotaResources {
		return v1beta1.QuotaResources{CPU: ptr.To(resource.MustParse(n))}
	}
	type want struct {
		kind    verdictKind
		message string // a part of it
	}
	tests := []struct {
		name    string
		jobs    []queued
		quotas  map[string]v1beta1.GroupQuota
		running []quota.Pod // pods the ledger has observed
		want    map[string]want
	}{
		{
			name: "unlimited groups admit everything",
			jobs: []queued{job("a", "g", "alice", 0, 4), job("b", "h", "bob", 0, 100)},
			want: map[string]want{"ns/a": {kind: admit}, "ns/b": {kind: admit}},
		},
		{
			name:   "group total: the oldest first, then the group stops",
			jobs:   []queued{job("late", "g", "bob", 2, 1), job("first", "g", "alice", 0, 2), job("second", "g", "carol", 1, 2)},
			quotas: map[string]v1beta1.GroupQuota{"g": {Total: cpu("3")}},
			want: map[string]want{
				"ns/first":  {kind: admit},
				"ns/second": {waitGroup, "GROUP g exceeded cpu quota: 3, requesting 4"},
				// It would fit, but it is younger than a job the group waits for.
				"ns/late": {waitGroup, "GROUP g exceeded cpu quota"},
			},
		},
		{
			name:   "a user over quota is skipped, with their later jobs, and others go ahead",
			jobs:   []queued{job("a1", "g", "alice", 0, 2), job("a2", "g", "alice", 1, 2), job("b1", "g", "bob", 2, 2), job("a3", "g", "alice", 3, 1)},
			quotas: map[string]v1beta1.GroupQuota{"g": {PerUser: cpu("3")}},
			want: map[string]want{
				"ns/a1": {kind: admit},
				"ns/a2": {waitUser, "USER alice exceeded cpu quota: 3, requesting 4"},
				"ns/b1": {kind: admit},
				// It would fit alice's quota, but her older job waits.
				"ns/a3": {waitUser, "USER alice exceeded cpu quota: 3, requesting 4"},
			},
		},
		{
			name:    "what runs already counts",
			jobs:    []queued{job("a", "g", "alice", 0, 2)},
			quotas:  map[string]v1beta1.GroupQuota{"g": {Total: cpu("4")}},
			running: []quota.Pod{{Key: "ns/notebook", Group: "g", User: "bob", Request: quota.Usage{MilliCPU: 3000}, Active: true}},
			want:    map[string]want{"ns/a": {waitGroup, "GROUP g exceeded cpu quota: 4, requesting 5"}},
		},
		{
			name:   "an instance type larger than a quota can never start, and blocks nobody",
			jobs:   []queued{job("huge", "g", "alice", 0, 8), job("small", "g", "alice", 1, 1), job("group-huge", "h", "bob", 0, 8)},
			quotas: map[string]v1beta1.GroupQuota{"g": {PerUser: cpu("4")}, "h": {Total: cpu("6")}},
			want: map[string]want{
				"ns/huge":       {oversize, "alone exceeds the quota, so it can never start: USER alice exceeded cpu quota: 4, requesting 8"},
				"ns/small":      {kind: admit},
				"ns/group-huge": {oversize, "GROUP h exceeded cpu quota: 6, requesting 8"},
			},
		},
		{
			name: "a job not checked yet holds its group's later jobs",
			jobs: []queued{job("a", "g", "alice", 0, 1), func() queued { j := job("new", "g", "bob", 1, 0); j.unchecked = true; return j }(),
				job("c", "g", "carol", 2, 1), job("h", "h", "dave", 3, 1)},
			want: map[string]want{"ns/a": {kind: admit}, "ns/h": {kind: admit}},
		},
		{
			name:   "groups are independent",
			jobs:   []queued{job("g1", "g", "alice", 0, 2), job("g2", "g", "alice", 1, 2), job("h1", "h", "alice", 2, 2)},
			quotas: map[string]v1beta1.GroupQuota{"g": {Total: cpu("2")}, "h": {Total: cpu("2")}},
			want: map[string]want{
				"ns/g1": {kind: admit},
				"ns/g2": {waitGroup, "GROUP g"},
				"ns/h1": {kind: admit},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ledger := quota.NewLedger(time.Minute)
			for _, p := range tt.running {
				ledger.Observe(p)
			}
			got := decideAll(tt.jobs, tt.quotas, ledger)
			if !slices.Equal(slices.Sorted(maps.Keys(got)), slices.Sorted(maps.Keys(tt.want))) {
				t.Fatalf("verdicts for %v, want %v", slices.Sorted(maps.Keys(got)), slices.Sorted(maps.Keys(tt.want)))
			}
			for key, w := range tt.want {
				if got[key].kind != w.kind || !strings.Contains(got[key].message, w.message) {
					t.Errorf("%s: %+v, want kind %d with %q", key, got[key], w.kind, w.message)
				}
			}
		})
	}
}

// decideAll queues the jobs, in the order given, and decides every group, as the first
// cycle after a restart does.
func decideAll(jobs []queued, quotas map[string]v1beta1.GroupQuota, ledger *quota.Ledger) map[string]verdict {
	q := newJobQueue()
	for _, j := range jobs {
		q.set(j)
	}
	groups := map[string][]queued{}
	for _, g := range q.take() {
		groups[g] = q.jobs(g)
	}
	return cycle(groups, quotas, ledger)
}

func TestJobQueue(t *testing.T) {
	t0 := time.Unix(1_700_000_000, 0)
	job := func(name, group string, second int) queued {
		return queued{key: "ns/" + name, groupLabel: group, created: t0.Add(time.Duration(second) * time.Second)}
	}
	tests := []struct {
		name string
		// before is queued and taken; then change runs, and the next take is checked.
		before []queued
		change func(q *jobQueue)
		// want: the groups taken, each with its jobs' names in order.
		want map[string][]string
	}{
		{
			name:   "jobs are in order of creation, then name, whatever the order they come in",
			change: func(q *jobQueue) { q.set(job("c", "g", 2)); q.set(job("b", "g", 1)); q.set(job("a", "g", 1)) },
			want:   map[string][]string{"g": {"a", "b", "c"}},
		},
		{
			name:   "a group that did not change is not taken",
			before: []queued{job("a", "g", 0), job("b", "h", 0)},
			change: func(q *jobQueue) { q.set(job("c", "h", 1)) },
			want:   map[string][]string{"h": {"b", "c"}},
		},
		{
			name:   "nothing changed, nothing taken",
			before: []queued{job("a", "g", 0)},
			change: func(*jobQueue) {},
			want:   map[string][]string{},
		},
		{
			name:   "a job set again keeps its place, and its group is decided again",
			before: []queued{job("a", "g", 0), job("b", "g", 1), job("c", "h", 0)},
			change: func(q *jobQueue) { j := job("a", "g", 0); j.unchecked = true; q.set(j) },
			want:   map[string][]string{"g": {"a", "b"}},
		},
		{
			name:   "a job moved to another group leaves the first: both are decided",
			before: []queued{job("a", "g", 0), job("b", "g", 1), job("c", "h", 0)},
			change: func(q *jobQueue) { q.set(job("a", "h", 0)) },
			want:   map[string][]string{"g": {"b"}, "h": {"a", "c"}},
		},
		{
			name:   "a job removed: its group is decided again without it",
			before: []queued{job("a", "g", 0), job("b", "g", 1), job("c", "h", 0)},
			change: func(q *jobQueue) { q.remove("ns/a"); q.remove("ns/unknown") },
			want:   map[string][]string{"g": {"b"}},
		},
		{
			name:   "a group left without jobs has nothing to decide",
			before: []queued{job("a", "g", 0), job("c", "h", 0)},
			change: func(q *jobQueue) { q.remove("ns/a") },
			want:   map[string][]string{},
		},
		{
			name:   "a touched group is decided again; one without jobs is not",
			before: []queued{job("a", "g", 0), job("c", "h", 0)},
			change: func(q *jobQueue) { q.touch("h"); q.touch("nobody") },
			want:   map[string][]string{"h": {"c"}},
		},
		{
			name:   "touchAll decides every group with jobs",
			before: []queued{job("a", "g", 0), job("c", "h", 0)},
			change: func(q *jobQueue) { q.touchAll() },
			want:   map[string][]string{"g": {"a"}, "h": {"c"}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			q := newJobQueue()
			for _, j := range tt.before {
				q.set(j)
			}
			q.take()
			tt.change(q)
			got := map[string][]string{}
			for _, g := range q.take() {
				for _, j := range q.jobs(g) {
					got[g] = append(got[g], strings.TrimPrefix(j.key, "ns/"))
				}
			}
			if !maps.EqualFunc(got, tt.want, slices.Equal) {
				t.Errorf("taken %v, want %v", got, tt.want)
			}
			if again := q.take(); len(again) != 0 {
				t.Errorf("taken again: %v", again)
			}
		})
	}
}

// TestCycleReservesWhatItAdmits: the next cycle, before any pod shows up, counts the jobs
// admitted by the last one, and the pods' appearance releases their reservations.
func TestCycleReservesWhatItAdmits(t *testing.T) {
	ledger := quota.NewLedger(time.Minute)
	quotas := map[string]v1beta1.GroupQuota{"g": {Total: v1beta1.QuotaResources{CPU: ptr.To(resource.MustParse("2"))}}}
	a := queued{key: "ns/a", groupLabel: "g", userLabel: "u", request: quota.Usage{MilliCPU: 2000}}
	b := queued{key: "ns/b", groupLabel: "g", userLabel: "u", request: quota.Usage{MilliCPU: 2000}, created: time.Unix(1, 0)}
	if v := cycle(map[string][]queued{"g": {a, b}}, quotas, ledger); v["ns/a"].kind != admit || v["ns/b"].kind != waitGroup {
		t.Fatalf("first cycle: %+v", v)
	}
	if v := cycle(map[string][]queued{"g": {b}}, quotas, ledger); v["ns/b"].kind != waitGroup {
		t.Fatalf("a's reservation not counted: %+v", v)
	}
	ledger.Observe(quota.Pod{Key: "ns/a", Group: "g", User: "u", AdmissionID: "ns/a", Request: a.request, Active: false})
	if v := cycle(map[string][]queued{"g": {b}}, quotas, ledger); v["ns/b"].kind != admit {
		t.Fatalf("a finished, b still waits: %+v", v)
	}
}

// BenchmarkCycle decides 10,000 pending jobs of 100 groups, each group's quota admitting
// 10 of its 100 jobs, with 10 pods already running per group: the target is 100ms. The
// jobs are queued once, as the scheduler keeps them between cycles, and every group is
// decided, as after a restart; a cycle after one event decides one group.
// Run: go test ./internal/controller/phjob -run '^$' -bench Cycle -benchmem
func BenchmarkCycle(b *testing.B) {
	const groups, perGroup = 100, 100
	t0 := time.Unix(1_700_000_000, 0)
	quotas := map[string]v1beta1.GroupQuota{}
	q := newJobQueue()
	for g := range groups {
		group := fmt.Sprintf("group-%d", g)
		quotas[group] = v1beta1.GroupQuota{
			PerUser: v1beta1.QuotaResources{CPU: ptr.To(resource.MustParse("8"))},
			Total:   v1beta1.QuotaResources{CPU: ptr.To(resource.MustParse("20"))},
		}
		for j := range perGroup {
			user := fmt.Sprintf("user-%d", j%10)
			q.set(queued{key: fmt.Sprintf("ns/%s-job-%d", group, j), groupLabel: group, userLabel: user, group: group, user: user,
				created: t0.Add(time.Duration(j) * time.Second), request: quota.Usage{MilliCPU: 1000, Memory: 1 << 30}})
		}
	}
	all := map[string][]queued{}
	for _, g := range q.take() {
		all[g] = q.jobs(g)
	}
	b.ReportAllocs()
	admitted := 0
	for b.Loop() {
		ledger := quota.NewLedger(time.Minute)
		for g := range groups {
			for p := range 10 {
				ledger.Observe(quota.Pod{Key: fmt.Sprintf("ns/running-%d-%d", g, p), Group: fmt.Sprintf("group-%d", g),
					User: fmt.Sprintf("user-%d", p), Request: quota.Usage{MilliCPU: 1000}, Active: true})
			}
		}
		admitted = 0
		for _, v := range cycle(all, quotas, ledger) {
			if v.kind == admit {
				admitted++
			}
		}
	}
	b.ReportMetric(float64(admitted), "admitted/cycle")
}

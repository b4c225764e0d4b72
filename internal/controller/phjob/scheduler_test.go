package phjob

import (
	"context"
	"maps"
	"slices"
	"testing"
	"time"

	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/resource"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/utils/ptr"

	"github.com/primehub/primehub/api/v1beta1"
	"github.com/primehub/primehub/internal/directory"
	"github.com/primehub/primehub/internal/quota"
)

// groupQuotas is a directory of group quotas by name; a group missing is unlimited.
type groupQuotas map[string]v1beta1.GroupQuota

func (g groupQuotas) GetGroup(_ context.Context, name string) (directory.Group, error) {
	return directory.Group{Name: name, Quota: g[name]}, nil
}

func (groupQuotas) Subscribe(context.Context, func(directory.Change)) {}

// TestSchedulerDecidesTheGroupsThatChanged feeds the scheduler the informers' events and
// runs its cycles: each decides only the groups an event bore on, and wakes only the jobs
// whose verdict changed.
func TestSchedulerDecidesTheGroupsThatChanged(t *testing.T) {
	ctx := context.Background()
	oneCPU := v1beta1.QuotaResources{CPU: ptr.To(resource.MustParse("1"))}
	quotas := groupQuotas{"g": {Total: oneCPU}, "h": {Total: oneCPU}}
	s := &Scheduler{Namespace: "ns", Groups: quotas}
	s.init()
	s.setInstanceType(&v1beta1.InstanceType{ObjectMeta: metav1.ObjectMeta{Namespace: "ns", Name: "cpu-1"},
		Spec: v1beta1.InstanceTypeSpec{CPU: v1beta1.ResourceRange{Limit: resource.MustParse("1")}}}, false)
	t0 := time.Unix(1_700_000_000, 0)
	job := func(name, group string, second int) *v1beta1.PhJob {
		j := &v1beta1.PhJob{ObjectMeta: metav1.ObjectMeta{Namespace: "ns", Name: name, Generation: 1,
			CreationTimestamp: metav1.NewTime(t0.Add(time.Duration(second) * time.Second))},
			Spec: v1beta1.PhJobSpec{User: "alice", Group: group, InstanceType: "cpu-1"}}
		j.Status.Phase, j.Status.ObservedGeneration = v1beta1.PhJobPending, 1
		return j
	}
	pod := func(name, group string, phase corev1.PodPhase) *corev1.Pod {
		return &corev1.Pod{ObjectMeta: metav1.ObjectMeta{Namespace: "ns", Name: name,
			Labels: map[string]string{LabelPhJob: name, quota.LabelGroup: group, quota.LabelUser: "alice"}},
			Spec: corev1.PodSpec{Containers: []corev1.Container{{Resources: corev1.ResourceRequirements{
				Limits: corev1.ResourceList{corev1.ResourceCPU: resource.MustParse("1")}}}}},
			Status: corev1.PodStatus{Phase: phase}}
	}
	// step runs a cycle and checks how many jobs it decided and which it woke.
	step := func(what string, decided int, woken ...string) {
		t.Helper()
		n, _, err := s.runCycle(ctx)
		if err != nil {
			t.Fatalf("%s: %v", what, err)
		}
		var got []string
		for len(s.wake) > 0 {
			got = append(got, (<-s.wake).Object.GetName())
		}
		slices.Sort(got)
		if n != decided || !slices.Equal(got, woken) {
			t.Errorf("%s: decided %d jobs and woke %v, want %d and %v", what, n, got, decided, woken)
		}
	}
	kind := func(name string) verdictKind {
		t.Helper()
		v, ok := s.verdict("ns/" + name)
		if !ok {
			t.Fatalf("%s has no verdict", name)
		}
		return v.kind
	}

	for _, j := range []*v1beta1.PhJob{job("g2", "g", 1), job("g1", "g", 0), job("h1", "h", 0), job("h2", "h", 1)} {
		s.setJob(j)
	}
	step("first cycle", 4, "g1", "g2", "h1", "h2")
	if kind("g1") != admit || kind("g2") != waitGroup || kind("h1") != admit || kind("h2") != waitGroup {
		t.Fatalf("verdicts %+v", s.verdicts)
	}
	step("no event", 0)

	changed := job("h2", "h", 1)
	changed.Annotations = map[string]string{"note": "x"}
	s.setJob(changed)
	step("an event for a job of h decides h, whose job in flight waits for its pod", 1)

	s.observe(pod("g1", "g", corev1.PodRunning))
	step("g1's pod seen: g decided again, its quota still used", 1)
	s.observe(pod("g1", "g", corev1.PodSucceeded))
	step("g1's pod finished: g2 admitted", 1, "g2")
	if kind("g2") != admit {
		t.Errorf("g2: %v", kind("g2"))
	}

	quotas["h"] = v1beta1.GroupQuota{Total: v1beta1.QuotaResources{CPU: ptr.To(resource.MustParse("2"))}}
	s.directoryChanged(directory.Change{Kind: directory.UserChanged, Name: "h"})
	step("a user changed: nothing to decide", 0)
	s.directoryChanged(directory.Change{Kind: directory.GroupChanged, Name: "h"})
	step("h's quota raised: h2 admitted", 1, "h2")

	s.Release("ns/h2")
	if _, ok := s.verdict("ns/h2"); ok {
		t.Error("h2 released, still admitted")
	}
	step("h2 released (its pod refused): h decided again", 1, "h2")

	s.expired("ns/g2")
	step("g2's reservation expired, its pod unseen: g decided again, nothing left in it", 0)
	s.expired("ns/h2")
	step("h2's reservation expired: h decided again", 0)

	cancelled := job("h2", "h", 1)
	cancelled.Spec.Cancel = true
	s.setJob(cancelled)
	if s.queue.has("ns/h2") {
		t.Error("a cancelled job still queued")
	}
	s.deleteJob(job("g2", "g", 1))
	// A cancelled job stays in flight until the controller releases it.
	if got, want := slices.Sorted(maps.Keys(s.inFlight)), []string{"ns/h1", "ns/h2"}; !slices.Equal(got, want) {
		t.Errorf("in flight %v, want %v", got, want)
	}
	step("the jobs gone: nothing left to decide", 0)
}

// TestCheckedJobQueuesWithoutAStatusWrite: a new job holds its place in its group until
// the controller checks it; the check, told to the scheduler rather than written, lets the
// group be decided with it, and holds while the job's generation does.
func TestCheckedJobQueuesWithoutAStatusWrite(t *testing.T) {
	ctx := context.Background()
	oneCPU := v1beta1.QuotaResources{CPU: ptr.To(resource.MustParse("1"))}
	s := &Scheduler{Namespace: "ns", Groups: groupQuotas{"g": {Total: oneCPU}}}
	s.init()
	s.setInstanceType(&v1beta1.InstanceType{ObjectMeta: metav1.ObjectMeta{Namespace: "ns", Name: "cpu-1"},
		Spec: v1beta1.InstanceTypeSpec{CPU: v1beta1.ResourceRange{Limit: resource.MustParse("1")}}}, false)
	t0 := time.Unix(1_700_000_000, 0)
	job := func(name string, second int, generation int64) *v1beta1.PhJob {
		return &v1beta1.PhJob{ObjectMeta: metav1.ObjectMeta{Namespace: "ns", Name: name, Generation: generation,
			CreationTimestamp: metav1.NewTime(t0.Add(time.Duration(second) * time.Second))},
			Spec: v1beta1.PhJobSpec{User: "alice", Group: "g", InstanceType: "cpu-1"}}
	}
	woken := func(what string, want ...string) {
		t.Helper()
		if _, _, err := s.runCycle(ctx); err != nil {
			t.Fatalf("%s: %v", what, err)
		}
		var got []string
		for len(s.wake) > 0 {
			got = append(got, (<-s.wake).Object.GetName())
		}
		slices.Sort(got)
		if !slices.Equal(got, want) {
			t.Errorf("%s: woke %v, want %v", what, got, want)
		}
	}
	first, second := job("first", 0, 1), job("second", 1, 1)
	s.setJob(first)
	s.setJob(second)
	s.Checked(second)
	woken("the first job not checked: the second waits behind it")
	if _, ok := s.verdict("ns/second"); ok {
		t.Error("the second job decided before the first was checked")
	}
	s.Checked(first)
	woken("both checked", "first", "second")
	if v, _ := s.verdict("ns/first"); v.kind != admit {
		t.Errorf("first: %+v, want admitted", v)
	}
	if v, _ := s.verdict("ns/second"); v.kind != waitGroup {
		t.Errorf("second: %+v, want waiting for the group", v)
	}
	// An event for the job that does not change its spec keeps the check.
	noted := job("second", 1, 1)
	noted.Annotations = map[string]string{"note": "x"}
	s.setJob(noted)
	if !s.checked(noted) || s.queue.entries["ns/second"].unchecked {
		t.Error("the check lost on an event that kept the job's generation")
	}
	// A new generation is checked again.
	changed := job("second", 1, 2)
	s.setJob(changed)
	if s.checked(changed) || !s.queue.entries["ns/second"].unchecked {
		t.Error("a job whose spec changed still counts as checked")
	}
	// A check of the job as it was (the controller's cache behind the scheduler's) does
	// not check the new generation.
	s.Checked(job("second", 1, 1))
	if !s.queue.entries["ns/second"].unchecked {
		t.Error("a check of the former generation checked the new one")
	}
	s.deleteJob(changed)
	if _, ok := s.checks["ns/second"]; ok {
		t.Error("a deleted job's check kept")
	}
}

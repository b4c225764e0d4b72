// Package phjob_test measures the PhJob controller and its scheduler end to end: 10,000 jobs
// (PRIMEHUB_BENCH_JOBS) in 100 groups created at once on the real control plane with kwok
// nodes, against group quotas that let 500 of them run. It reports how long the controller
// takes to give every job its verdict, against the time their creation took, the duration of live scheduling cycles with the queue full, after one event and
// deciding every group (from the scheduler's cycle histogram, read through
// controller-runtime's metrics registry), how fast freed quota turns into pods of admitted
// jobs, and checks that no group ever exceeds its quota.
// `make bench` runs it; `make test` does not.
package phjob_test

import (
	"context"
	"fmt"
	"math"
	"os"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/go-logr/logr"
	dto "github.com/prometheus/client_model/go"
	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/resource"
	toolscache "k8s.io/client-go/tools/cache"
	"k8s.io/utils/ptr"
	ctrl "sigs.k8s.io/controller-runtime"
	"sigs.k8s.io/controller-runtime/pkg/client"
	"sigs.k8s.io/controller-runtime/pkg/metrics"

	"github.com/primehub/primehub/api/v1beta1"
	"github.com/primehub/primehub/internal/controller/phjob"
	"github.com/primehub/primehub/internal/directory"
	"github.com/primehub/primehub/internal/quota"
	"github.com/primehub/primehub/test/bench/summary"
	"github.com/primehub/primehub/test/framework"
)

// 500 running pods need more room than the default nodes' 3 × 110 pods.
func TestMain(m *testing.M) { os.Exit(framework.RunWithCluster(m, "--cpu-nodes=6")) }

const (
	defaultJobs   = 10000
	groups        = 100
	usersPerGroup = 10
	// Each job asks for 10m cpu; a group may use 50m (5 jobs) in all and 20m per user, so
	// 500 jobs run and 9,500 wait.
	jobCPU       = "10m"
	groupCPU     = "50m"
	userCPU      = "20m"
	slotsOfGroup = 5
	// Creations in flight, from a client without client-side rate limits.
	inFlight = 100
	// The controller's reconcilers, as serve runs them (internal/serve/jobs.go).
	workers = 64
	// Quiet cycles: one job's annotation changed this many times, a cycle each.
	quietCycles = 20
	// Cycles deciding every group: the instance type changed this many times.
	wholeCycles = 5
	targetCycle = 100 * time.Millisecond
	// Every job has its verdict within this many times the time their creation took.
	targetVerdicts = 2
)

// jobs is how many jobs the benchmark creates: PRIMEHUB_BENCH_JOBS, else 10,000. Each group
// needs at least 5 for 500 to run.
var jobs = defaultJobs

func init() {
	if v := os.Getenv("PRIMEHUB_BENCH_JOBS"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < groups*slotsOfGroup {
			panic(fmt.Sprintf("PRIMEHUB_BENCH_JOBS=%q: want a number of at least %d", v, groups*slotsOfGroup))
		}
		jobs = n
	}
}

func TestJobScheduling(t *testing.T) {
	if os.Getenv("PRIMEHUB_BENCH") == "" {
		t.Skip("a load test: run it with `make bench` (sets PRIMEHUB_BENCH=1)")
	}
	t.Logf("load average at start: %s", framework.LoadAverage())
	ctrl.SetLogger(logr.Discard())
	ctx := context.Background()
	ns := framework.NewNamespace(t)
	suffix := strings.TrimPrefix(ns, "test-")
	dir := framework.StartBuiltinDirectory(t, ns, logr.Discard())
	// Groups and users are cluster-wide: named after the namespace, so that a shared
	// cluster (PRIMEHUB_TEST_KUBECONFIG) can run the benchmark again.
	group := func(g int) string { return fmt.Sprintf("g%d-%s", g, suffix) }
	user := func(g, u int) string { return fmt.Sprintf("u%d-%d-%s", g, u, suffix) }
	setupStart := time.Now()
	parallel(t, groups*usersPerGroup, 50, func(i int) error {
		_, err := dir.CreateUser(ctx, directory.User{Username: user(i/usersPerGroup, i%usersPerGroup)})
		return err
	})
	parallel(t, groups, 50, func(g int) error {
		var members []string
		for u := range usersPerGroup {
			members = append(members, user(g, u))
		}
		_, err := dir.CreateGroup(ctx, directory.Group{Name: group(g), Members: members, Quota: v1beta1.GroupQuota{
			Total:   v1beta1.QuotaResources{CPU: ptr.To(resource.MustParse(groupCPU))},
			PerUser: v1beta1.QuotaResources{CPU: ptr.To(resource.MustParse(userCPU))},
		}})
		return err
	})
	t.Cleanup(func() {
		parallel(t, groups, 50, func(g int) error { return dir.DeleteGroup(ctx, group(g)) })
		parallel(t, groups*usersPerGroup, 50, func(i int) error { return dir.DeleteUser(ctx, user(i/usersPerGroup, i%usersPerGroup)) })
	})
	c := framework.Client()
	tiny := framework.MakeInstanceType("tiny").Namespace(ns).CPU(jobCPU, jobCPU).Memory("16Mi", "16Mi")
	for g := range groups {
		tiny.Group(group(g))
	}
	for _, o := range []client.Object{framework.MakeImage("base").Namespace(ns).Global().Obj(), tiny.Obj()} {
		if err := c.Create(ctx, o); err != nil {
			t.Fatal(err)
		}
	}

	// The scheduler and the controller as serve's setupJobs runs them, with the admission
	// webhooks: job pods carry the admission guard, which only the quota webhook removes,
	// and a guarded pod counts for nothing in the scheduler's ledger.
	mgr := framework.StartManager(t, func(mgr ctrl.Manager) error {
		scheduler := &phjob.Scheduler{Reader: mgr.GetCache(), Groups: dir, Namespace: ns, Log: logr.Discard()}
		if err := scheduler.Setup(ctx, mgr.GetCache()); err != nil {
			return err
		}
		if err := mgr.Add(scheduler); err != nil {
			return err
		}
		r := &phjob.Reconciler{Client: mgr.GetClient(), APIReader: mgr.GetAPIReader(), People: dir, Scheduler: scheduler,
			Launcher: framework.Launcher(mgr, dir, ns), Recorder: mgr.GetEventRecorder("phjob"), Workers: workers}
		if err := r.SetupWithManager(mgr); err != nil {
			return err
		}
		return framework.SetupWebhooks(t, mgr, ns)
	})
	framework.WaitWebhooks(t, ns)
	w := watch(t, mgr, ns)
	t.Logf("set-up (%d users, %d groups, manager and webhooks) took %s", groups*usersPerGroup, groups, time.Since(setupStart).Round(time.Millisecond))

	// Phase 1: 10,000 jobs at once, until each has its verdict (started, or waiting with the
	// reason): the controller writes no status before it.
	fast := framework.Config()
	fast.QPS, fast.Burst = -1, 0 // no client-side limit: the API server sets the pace
	creator, err := client.New(fast, client.Options{Scheme: framework.Scheme})
	if err != nil {
		t.Fatal(err)
	}
	before := cycleHistogram(t)
	usage := framework.MeasureUsage(t)
	start := time.Now()
	parallel(t, jobs, inFlight, func(i int) error {
		g, u := i%groups, (i/groups)%usersPerGroup
		j := framework.MakePhJob(fmt.Sprintf("job-%05d", i)).Namespace(ns).User(user(g, u)).Group(group(g)).
			InstanceType("tiny").Image("base").Obj()
		// kwok ends a job's pod after this long: the jobs started keep their quota.
		j.Annotations = map[string]string{"primehub.io/sandbox-duration": "1h"}
		return creator.Create(ctx, j)
	})
	created := time.Since(start)
	verdictsAtCreated := w.verdicts()
	settled := w.waitJobs(t, start, 4*time.Minute)
	framework.ReportUsage(t, "creation and verdicts", "job", jobs, usage, framework.MeasureUsage(t))
	phase1 := cycleHistogram(t).minus(before)
	started := w.startedJobs()
	t.Logf("%d jobs created in %s (%.0f/s), %d of them with their verdict by then; all with their verdict after %s; %d started",
		jobs, created.Round(time.Millisecond), float64(jobs)/created.Seconds(), verdictsAtCreated, settled.Round(time.Millisecond), len(started))
	t.Logf("cycles while the queue filled: %s", phase1)
	if len(started) != groups*slotsOfGroup {
		t.Errorf("%d jobs started, want %d (%d per group)", len(started), groups*slotsOfGroup, slotsOfGroup)
	}

	// Quiet cycles with the queue full: once the started pods have settled (no cycle for a
	// second), each change of one job's annotation is an event, which kicks one cycle that
	// decides the job's group again and changes no verdict.
	waitIdle(t, time.Second, time.Minute)
	before = cycleHistogram(t)
	for i := range quietCycles {
		j := &v1beta1.PhJob{}
		j.Namespace, j.Name = ns, fmt.Sprintf("job-%05d", jobs-1)
		patch := client.RawPatch("application/merge-patch+json", fmt.Appendf(nil, `{"metadata":{"annotations":{"bench/kick":"%d"}}}`, i))
		if err := c.Patch(ctx, j, patch); err != nil {
			t.Fatal(err)
		}
		time.Sleep(200 * time.Millisecond)
	}
	quiet := cycleHistogram(t).minus(before)
	t.Logf("quiet cycles, %d jobs queued: %s", jobs-len(started), quiet)

	// Cycles deciding every group, as the first after a restart does: a change of the
	// instance type bears on every job.
	waitIdle(t, time.Second, time.Minute)
	before = cycleHistogram(t)
	for i := range wholeCycles {
		it := &v1beta1.InstanceType{}
		it.Namespace, it.Name = ns, "tiny"
		patch := client.RawPatch("application/merge-patch+json", fmt.Appendf(nil, `{"spec":{"description":"%d"}}`, i))
		if err := c.Patch(ctx, it, patch); err != nil {
			t.Fatal(err)
		}
		time.Sleep(200 * time.Millisecond)
	}
	whole := cycleHistogram(t).minus(before)
	t.Logf("cycles deciding every group, %d jobs queued: %s", jobs-len(started), whole)

	// Phase 2: cancel the jobs running, freeing every group's quota, and time until the
	// pods of the jobs admitted in their place exist.
	before = cycleHistogram(t)
	start = time.Now()
	parallel(t, len(started), inFlight, func(i int) error {
		j := &v1beta1.PhJob{}
		j.Namespace, j.Name = ns, started[i]
		return phjob.Cancel(ctx, creator, j)
	})
	first, last := w.waitNewPods(t, len(started), 2*time.Minute)
	phase2 := cycleHistogram(t).minus(before)
	t.Logf("%d jobs cancelled: the first pod admitted in their place after %s, all %d after %s: %.0f pods/s from the first to the last",
		len(started), first.Sub(start).Round(time.Millisecond), len(started), last.Sub(start).Round(time.Millisecond),
		float64(len(started)-1)/last.Sub(first).Seconds())
	t.Logf("cycles while the freed quota was refilled, %d–%d jobs queued: %s", jobs-len(started), jobs-2*len(started), phase2)

	maxGroup, twice := w.quotaCheck()
	t.Logf("most cpu any group used at once: %dm of %s; pods started twice: %d", maxGroup, groupCPU, twice)
	if limit := resource.MustParse(groupCPU); maxGroup > limit.MilliValue() {
		t.Errorf("a group used %dm cpu at once, over its %s quota", maxGroup, groupCPU)
	}
	if twice > 0 {
		t.Errorf("%d jobs had more than one pod", twice)
	}
	// The cycle target is for cycles with the queue full: the quiet ones, those deciding
	// every group, and those under load.
	full := quiet.plus(whole).plus(phase2)
	t.Logf("cycles with the queue full: %s", full)
	summary.Record(t, summary.Row{Benchmark: "jobs", Figure: fmt.Sprintf("cycle p99, %d queued (bucket bound)", jobs-len(started)),
		Value: full.quantileBound(0.99) * 1000, Unit: "ms", Kind: summary.AtMost, Target: float64(targetCycle.Milliseconds())})
	summary.Record(t, summary.Row{Benchmark: "jobs", Figure: fmt.Sprintf("every job's verdict, %d jobs", jobs), Value: settled.Seconds(),
		Anchor: fmt.Sprintf("creating the %d PhJobs", jobs), AnchorValue: created.Seconds(), Unit: "s", Kind: summary.Ratio, Target: targetVerdicts})
}

// watched follows jobs and pods through the manager's informers.
type watched struct {
	mu sync.Mutex
	// verdict: the jobs started or waiting with the reason; allVerdict is closed, at
	// allVerdictAt, when every job has its verdict.
	verdict      map[string]bool
	allVerdictAt time.Time
	allVerdict   chan struct{}
	// pods: first sighting of each job's pod, and its UIDs; usage: active pods' cpu by
	// group label, counted as the webhook's ledger counts (quota.LedgerPod).
	podSeen  map[string]time.Time
	podUIDs  map[string]map[string]bool
	podState map[string]podState
	usage    map[string]int64
	maxUsage int64
	// newPods counts pods first seen after markPods; newPod is signalled on each.
	marked  map[string]bool
	newPods atomic.Int64
	newPod  chan struct{}
}

type podState struct {
	group    string
	milliCPU int64
	active   bool
}

func watch(t *testing.T, mgr ctrl.Manager, ns string) *watched {
	w := &watched{verdict: map[string]bool{}, allVerdict: make(chan struct{}),
		podSeen: map[string]time.Time{}, podUIDs: map[string]map[string]bool{}, podState: map[string]podState{},
		usage: map[string]int64{}, newPod: make(chan struct{}, 1)}
	ctx := context.Background()
	jobInformer, err := mgr.GetCache().GetInformer(ctx, &v1beta1.PhJob{})
	if err != nil {
		t.Fatal(err)
	}
	onJob := func(obj any) {
		j, ok := obj.(*v1beta1.PhJob)
		if !ok || j.Namespace != ns {
			return
		}
		w.job(j)
	}
	if _, err := jobInformer.AddEventHandler(toolscache.ResourceEventHandlerFuncs{
		AddFunc: onJob, UpdateFunc: func(_, obj any) { onJob(obj) },
	}); err != nil {
		t.Fatal(err)
	}
	podInformer, err := mgr.GetCache().GetInformer(ctx, &corev1.Pod{})
	if err != nil {
		t.Fatal(err)
	}
	onPod := func(obj any) {
		p, ok := obj.(*corev1.Pod)
		if !ok || p.Namespace != ns || p.Labels[phjob.LabelPhJob] == "" {
			return
		}
		w.pod(p, false)
	}
	if _, err := podInformer.AddEventHandler(toolscache.ResourceEventHandlerFuncs{
		AddFunc:    onPod,
		UpdateFunc: func(_, obj any) { onPod(obj) },
		DeleteFunc: func(obj any) {
			if d, ok := obj.(toolscache.DeletedFinalStateUnknown); ok {
				obj = d.Obj
			}
			if p, ok := obj.(*corev1.Pod); ok && p.Namespace == ns {
				w.pod(p, true)
			}
		},
	}); err != nil {
		t.Fatal(err)
	}
	return w
}

func (w *watched) job(j *v1beta1.PhJob) {
	decided := j.Status.ObservedGeneration == j.Generation &&
		(j.Status.Phase == v1beta1.PhJobPending || j.Status.Phase == v1beta1.PhJobPreparing || j.Status.Phase == v1beta1.PhJobRunning)
	if !decided {
		return
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	if !w.verdict[j.Name] {
		w.verdict[j.Name] = true
		if len(w.verdict) == jobs {
			w.allVerdictAt = time.Now()
			close(w.allVerdict)
		}
	}
}

func (w *watched) pod(p *corev1.Pod, deleted bool) {
	lp := quota.LedgerPod(p)
	w.mu.Lock()
	defer w.mu.Unlock()
	if old, ok := w.podState[lp.Key]; ok && old.active {
		w.usage[old.group] -= old.milliCPU
	}
	if deleted {
		delete(w.podState, lp.Key)
		return
	}
	s := podState{group: lp.Group, milliCPU: lp.Request.MilliCPU, active: lp.Active}
	w.podState[lp.Key] = s
	if s.active {
		w.usage[s.group] += s.milliCPU
		w.maxUsage = max(w.maxUsage, w.usage[s.group])
	}
	if w.podUIDs[p.Name] == nil {
		w.podUIDs[p.Name] = map[string]bool{}
	}
	w.podUIDs[p.Name][string(p.UID)] = true
	if _, ok := w.podSeen[p.Name]; !ok {
		w.podSeen[p.Name] = time.Now()
		if w.marked != nil && !w.marked[p.Name] {
			w.newPods.Add(1)
			select {
			case w.newPod <- struct{}{}:
			default:
			}
		}
	}
}

// verdicts is how many jobs have their verdict.
func (w *watched) verdicts() int {
	w.mu.Lock()
	defer w.mu.Unlock()
	return len(w.verdict)
}

// waitJobs waits until every job has its verdict, and returns when, from start.
func (w *watched) waitJobs(t *testing.T, start time.Time, timeout time.Duration) time.Duration {
	t.Helper()
	select {
	case <-w.allVerdict:
	case <-time.After(timeout):
		w.mu.Lock()
		defer w.mu.Unlock()
		t.Fatalf("after %s, %d of %d jobs with their verdict", timeout, len(w.verdict), jobs)
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.allVerdictAt.Sub(start)
}

// startedJobs are the jobs with a pod, sorted by name; pods seen later count as new.
func (w *watched) startedJobs() []string {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.marked = map[string]bool{}
	var names []string
	for name := range w.podSeen {
		w.marked[name] = true
		names = append(names, name)
	}
	return names
}

// waitNewPods waits for n pods first seen after startedJobs, and returns when the first
// and the last were seen.
func (w *watched) waitNewPods(t *testing.T, n int, timeout time.Duration) (first, last time.Time) {
	t.Helper()
	deadline := time.After(timeout)
	for w.newPods.Load() < int64(n) {
		select {
		case <-w.newPod:
		case <-deadline:
			t.Fatalf("after %s, %d of %d pods of newly admitted jobs", timeout, w.newPods.Load(), n)
		}
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	for name, seen := range w.podSeen {
		if w.marked[name] {
			continue
		}
		if first.IsZero() || seen.Before(first) {
			first = seen
		}
		if seen.After(last) {
			last = seen
		}
	}
	return first, last
}

// quotaCheck returns the most cpu (milli) any group's active pods held at once, and how
// many jobs had more than one pod.
func (w *watched) quotaCheck() (maxMilliCPU int64, twice int) {
	w.mu.Lock()
	defer w.mu.Unlock()
	for _, uids := range w.podUIDs {
		if len(uids) > 1 {
			twice++
		}
	}
	return w.maxUsage, twice
}

// waitIdle waits until the scheduler has run no cycle for quiet.
func waitIdle(t *testing.T, quiet, timeout time.Duration) {
	t.Helper()
	deadline := time.Now().Add(timeout)
	last := cycleHistogram(t).count
	for {
		time.Sleep(quiet)
		now := cycleHistogram(t).count
		if now == last {
			return
		}
		if time.Now().After(deadline) {
			t.Logf("the scheduler still ran cycles after %s; going on", timeout)
			return
		}
		last = now
	}
}

// histogram is a snapshot of the scheduler's cycle-duration histogram.
type histogram struct {
	count   uint64
	sum     float64
	buckets []*dto.Bucket
	// cumulative counts by upper bound, as in buckets
	counts []uint64
}

// cycleHistogram reads the scheduler's histogram through controller-runtime's registry, as
// the manager's metrics endpoint serves it.
func cycleHistogram(t *testing.T) histogram {
	t.Helper()
	families, err := metrics.Registry.Gather()
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range families {
		if f.GetName() != phjob.CycleDurationMetric {
			continue
		}
		h := f.GetMetric()[0].GetHistogram()
		out := histogram{count: h.GetSampleCount(), sum: h.GetSampleSum(), buckets: h.GetBucket()}
		for _, b := range h.GetBucket() {
			out.counts = append(out.counts, b.GetCumulativeCount())
		}
		return out
	}
	t.Fatalf("%s is not registered", phjob.CycleDurationMetric)
	return histogram{}
}

func (h histogram) minus(o histogram) histogram {
	d := histogram{count: h.count - o.count, sum: h.sum - o.sum, buckets: h.buckets}
	for i := range h.counts {
		d.counts = append(d.counts, h.counts[i]-o.counts[i])
	}
	return d
}

func (h histogram) plus(o histogram) histogram {
	s := histogram{count: h.count + o.count, sum: h.sum + o.sum, buckets: h.buckets}
	for i := range h.counts {
		s.counts = append(s.counts, h.counts[i]+o.counts[i])
	}
	return s
}

// atMost is how many cycles took at most bound seconds, which must be a bucket's bound.
func (h histogram) atMost(bound float64) uint64 {
	for i, b := range h.buckets {
		if b.GetUpperBound() == bound {
			return h.counts[i]
		}
	}
	panic(fmt.Sprintf("no bucket bound %g", bound))
}

// quantileBound is the upper bound of the bucket holding the q quantile: that share of the
// cycles took at most this long (+Inf past the last bucket).
func (h histogram) quantileBound(q float64) float64 {
	need := uint64(math.Ceil(q * float64(h.count)))
	for i, b := range h.buckets {
		if h.counts[i] >= need {
			return b.GetUpperBound()
		}
	}
	return math.Inf(1)
}

func (h histogram) String() string {
	if h.count == 0 {
		return "none"
	}
	ms := func(s float64) string { return fmt.Sprintf("%g ms", s*1000) }
	return fmt.Sprintf("%d cycles, mean %.1f ms, p50 ≤ %s, p99 ≤ %s, max ≤ %s, %d over %s",
		h.count, h.sum/float64(h.count)*1000, ms(h.quantileBound(0.5)), ms(h.quantileBound(0.99)), ms(h.quantileBound(1)),
		h.count-h.atMost(targetCycle.Seconds()), targetCycle)
}

// parallel runs do(0..n-1) with at most width at once and fails the test on errors.
func parallel(t *testing.T, n, width int, do func(i int) error) {
	t.Helper()
	var wg sync.WaitGroup
	var mu sync.Mutex
	failed := 0
	var firstErr error
	sem := make(chan struct{}, width)
	for i := range n {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			if err := do(i); err != nil {
				mu.Lock()
				if failed++; firstErr == nil {
					firstErr = err
				}
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	if failed > 0 {
		t.Fatalf("%d of %d failed, the first: %v", failed, n, firstErr)
	}
}

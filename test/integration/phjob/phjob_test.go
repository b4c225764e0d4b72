// Package phjob_test runs jobs and schedules on the real control plane with kwok nodes:
// the scheduler queues jobs against group quotas, the quota webhook admits their pods, and
// kwok's pod-phjob-complete stage ends the pods after the delay and with the exit code
// their annotations give.
package phjob_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/go-logr/logr"
	corev1 "k8s.io/api/core/v1"
	eventsv1 "k8s.io/api/events/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	"k8s.io/apimachinery/pkg/api/resource"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/utils/ptr"
	ctrl "sigs.k8s.io/controller-runtime"
	"sigs.k8s.io/controller-runtime/pkg/client"
	"sigs.k8s.io/controller-runtime/pkg/config"
	metricsserver "sigs.k8s.io/controller-runtime/pkg/metrics/server"

	"github.com/primehub/primehub/api/v1beta1"
	"github.com/primehub/primehub/internal/controller/phjob"
	"github.com/primehub/primehub/internal/directory"
	"github.com/primehub/primehub/internal/launch"
	"github.com/primehub/primehub/internal/names"
	"github.com/primehub/primehub/test/framework"
)

func TestMain(m *testing.M) { os.Exit(framework.Run(m)) }

const (
	annotationDuration = "primehub.io/sandbox-duration"
	annotationExitCode = "primehub.io/sandbox-exit-code"
)

// env is one test's platform: its namespace, directory, and users alice and bob, members
// of the group.
type env struct {
	ns  string
	dir directory.Directory
	// stop stops the manager running the controllers.
	stop func()
}

// setup starts a platform in a namespace of its own: alice and bob in a group with quota,
// a global image and instance types cpu-1 (1 cpu) and cpu-3 (3 cpu).
func setup(t *testing.T, quota v1beta1.GroupQuota, jobDefaults *v1beta1.JobDefaults) *env {
	t.Helper()
	ctx := context.Background()
	e := &env{ns: framework.NewNamespace(t)}
	e.dir = framework.StartBuiltinDirectory(t, e.ns, logr.Discard())
	for _, u := range []string{e.user("alice"), e.user("bob")} {
		if _, err := e.dir.CreateUser(ctx, directory.User{Username: u}); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := e.dir.CreateGroup(ctx, directory.Group{Name: e.group(), Members: []string{e.user("alice"), e.user("bob")},
		Quota: quota, JobDefaults: jobDefaults}); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_ = e.dir.DeleteUser(ctx, e.user("alice"))
		_ = e.dir.DeleteUser(ctx, e.user("bob"))
		_ = e.dir.DeleteGroup(ctx, e.group())
	})
	for _, o := range []client.Object{
		framework.MakeImage("base").Namespace(e.ns).Global().Obj(),
		framework.MakeInstanceType("cpu-1").Namespace(e.ns).CPU("1", "1").Memory("1Gi", "1Gi").Global().Obj(),
		framework.MakeInstanceType("cpu-3").Namespace(e.ns).CPU("3", "3").Memory("1Gi", "1Gi").Global().Obj(),
	} {
		if err := framework.Client().Create(ctx, o); err != nil {
			t.Fatal(err)
		}
	}
	e.start(t)
	framework.WaitWebhooks(t, e.ns)
	return e
}

// start runs the scheduler and the controller in a manager of their own, with the
// webhooks, as serve wires them.
func (e *env) start(t *testing.T) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	mgr, err := ctrl.NewManager(framework.Config(), ctrl.Options{Scheme: framework.Scheme, Metrics: metricsOff(), HealthProbeBindAddress: "0",
		Controller: controllerConfig()})
	if err != nil {
		t.Fatal(err)
	}
	scheduler := &phjob.Scheduler{Reader: mgr.GetCache(), Groups: e.dir, Namespace: e.ns, Log: logr.Discard()}
	if err := scheduler.Setup(ctx, mgr.GetCache()); err != nil {
		t.Fatal(err)
	}
	if err := mgr.Add(scheduler); err != nil {
		t.Fatal(err)
	}
	r := &phjob.Reconciler{Client: mgr.GetClient(), APIReader: mgr.GetAPIReader(), People: e.dir, Scheduler: scheduler,
		Launcher: framework.Launcher(mgr, e.dir, e.ns), Recorder: mgr.GetEventRecorder("phjob"), Workers: 4}
	if err := r.SetupWithManager(mgr); err != nil {
		t.Fatal(err)
	}
	if err := framework.SetupWebhooks(t, mgr, e.ns); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- mgr.Start(ctx) }()
	var once sync.Once
	e.stop = func() {
		once.Do(func() {
			cancel()
			if err := <-done; err != nil {
				t.Errorf("manager: %v", err)
			}
		})
	}
	t.Cleanup(e.stop)
}

func (e *env) suffix() string          { return e.ns[len("test-"):] }
func (e *env) user(name string) string { return name + "-" + e.suffix() }
func (e *env) group() string           { return "team_" + e.suffix() }

// job builds a job of user in the env's group running for duration.
func (e *env) job(name, user, instanceType string, duration time.Duration) *v1beta1.PhJob {
	j := framework.MakePhJob(name).Namespace(e.ns).User(e.user(user)).Group(e.group()).InstanceType(instanceType).Image("base").Obj()
	j.Annotations = map[string]string{annotationDuration: duration.String()}
	return j
}

func create(t *testing.T, jobs ...*v1beta1.PhJob) {
	t.Helper()
	for _, j := range jobs {
		if err := framework.Client().Create(context.Background(), j); err != nil {
			t.Fatal(err)
		}
	}
}

// waitPhase waits for the job's phase and returns the job as it then is.
func waitPhase(t *testing.T, j *v1beta1.PhJob, phase v1beta1.PhJobPhase, timeout time.Duration) *v1beta1.PhJob {
	t.Helper()
	got := &v1beta1.PhJob{}
	framework.Eventually(t, timeout, func(context.Context) error {
		// Not the deadline's context: the last error must say where the job got to.
		if err := framework.Client().Get(context.Background(), client.ObjectKeyFromObject(j), got); err != nil {
			return err
		}
		if got.Status.Phase != phase {
			return fmt.Errorf("job %s is %s (%s: %s), want %s", j.Name, got.Status.Phase, got.Status.Reason, got.Status.Message, phase)
		}
		return nil
	})
	return got
}

func cpus(n string) v1beta1.QuotaResources {
	return v1beta1.QuotaResources{CPU: ptr.To(resource.MustParse(n))}
}

// watchPods records, every 50ms until the test ends, the UIDs of each job's pods and the
// most pods of the namespace active at once.
type podWatch struct {
	mu        sync.Mutex
	uids      map[string]map[string]bool
	maxActive int
}

func watchPods(t *testing.T, ns string) *podWatch {
	w := &podWatch{uids: map[string]map[string]bool{}}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	t.Cleanup(func() { cancel(); <-done })
	go func() {
		defer close(done)
		for ctx.Err() == nil {
			pods := &corev1.PodList{}
			if err := framework.Client().List(ctx, pods, client.InNamespace(ns), client.HasLabels{phjob.LabelPhJob}); err == nil {
				w.mu.Lock()
				active := 0
				for _, p := range pods.Items {
					if w.uids[p.Name] == nil {
						w.uids[p.Name] = map[string]bool{}
					}
					w.uids[p.Name][string(p.UID)] = true
					if p.Status.Phase == corev1.PodPending || p.Status.Phase == corev1.PodRunning {
						active++
					}
				}
				w.maxActive = max(w.maxActive, active)
				w.mu.Unlock()
			}
			time.Sleep(50 * time.Millisecond)
		}
	}()
	return w
}

func TestQueueStartsJobsInOrderWithinTheGroupQuota(t *testing.T) {
	e := setup(t, v1beta1.GroupQuota{Total: cpus("2")}, nil)
	pods := watchPods(t, e.ns)
	// Created within a second, they tie on creation time; their names break the tie.
	jobs := []*v1beta1.PhJob{
		e.job("q1", "alice", "cpu-1", 2*time.Second), e.job("q2", "bob", "cpu-1", 2*time.Second),
		e.job("q3", "alice", "cpu-1", 2*time.Second), e.job("q4", "bob", "cpu-1", 2*time.Second),
	}
	create(t, jobs...)
	q3 := waitPhase(t, jobs[2], v1beta1.PhJobPending, 10*time.Second)
	framework.Eventually(t, 10*time.Second, func(ctx context.Context) error {
		if err := framework.Client().Get(ctx, client.ObjectKeyFromObject(q3), q3); err != nil {
			return err
		}
		if q3.Status.Reason != "OverQuota" {
			return fmt.Errorf("q3 waits with reason %s (%s), want OverQuota", q3.Status.Reason, q3.Status.Message)
		}
		return nil
	})
	var done []*v1beta1.PhJob
	for _, j := range jobs {
		done = append(done, waitPhase(t, j, v1beta1.PhJobSucceeded, 30*time.Second))
	}
	// The group's first two start first; the last two only once those have finished.
	for _, late := range done[2:] {
		for _, early := range done[:2] {
			if late.Status.StartTime.Before(early.Status.StartTime) {
				t.Errorf("%s started at %s, before %s at %s", late.Name, late.Status.StartTime, early.Name, early.Status.StartTime)
			}
		}
	}
	pods.mu.Lock()
	defer pods.mu.Unlock()
	if pods.maxActive > 2 {
		t.Errorf("%d job pods active at once under a quota of 2 cpu", pods.maxActive)
	}
}

func TestUserOverQuotaIsSkippedForOthers(t *testing.T) {
	e := setup(t, v1beta1.GroupQuota{PerUser: cpus("1")}, nil)
	a1, a2, b1 := e.job("a1", "alice", "cpu-1", time.Hour), e.job("a2", "alice", "cpu-1", time.Hour), e.job("b1", "bob", "cpu-1", time.Hour)
	create(t, a1, a2)
	waitPhase(t, a1, v1beta1.PhJobRunning, 20*time.Second)
	create(t, b1)
	// bob's job, younger than alice's second, runs while hers waits for her quota.
	waitPhase(t, b1, v1beta1.PhJobRunning, 20*time.Second)
	got := waitPhase(t, a2, v1beta1.PhJobPending, time.Second)
	if got.Status.Reason != "OverQuota" || got.Status.Message != fmt.Sprintf("waiting for quota: USER %s exceeded cpu quota: 1, requesting 2", e.user("alice")) {
		t.Errorf("a2 waits with %s: %q", got.Status.Reason, got.Status.Message)
	}
}

func TestJobTooLargeForTheQuotaFailsAtOnce(t *testing.T) {
	e := setup(t, v1beta1.GroupQuota{PerUser: cpus("2")}, nil)
	j := e.job("huge", "alice", "cpu-3", time.Second)
	create(t, j)
	got := waitPhase(t, j, v1beta1.PhJobFailed, 10*time.Second)
	want := fmt.Sprintf("its instance type alone exceeds the quota, so it can never start: USER %s exceeded cpu quota: 2, requesting 3", e.user("alice"))
	if got.Status.Reason != "ExceedsQuota" || got.Status.Message != want {
		t.Errorf("failed with %s: %q, want ExceedsQuota: %q", got.Status.Reason, got.Status.Message, want)
	}
}

func TestFailingCommandAndRerun(t *testing.T) {
	e := setup(t, v1beta1.GroupQuota{}, nil)
	j := e.job("fails", "alice", "cpu-1", time.Second)
	j.Annotations[annotationExitCode] = "3"
	create(t, j)
	got := waitPhase(t, j, v1beta1.PhJobFailed, 20*time.Second)
	if got.Status.Reason != "Error" || got.Status.Message != "the command exited with 3" || got.Status.FinishTime == nil {
		t.Errorf("failed with %s: %q", got.Status.Reason, got.Status.Message)
	}
	rerun, err := phjob.Rerun(context.Background(), framework.Client(), got)
	if err != nil {
		t.Fatal(err)
	}
	if rerun.Name == j.Name || rerun.Annotations[phjob.AnnotationRerunOf] != j.Name || rerun.Spec.Command != j.Spec.Command {
		t.Errorf("rerun %s: annotations %v, spec %+v", rerun.Name, rerun.Annotations, rerun.Spec)
	}
	// A rerun carries over the spec, not the sandbox's exit code: it succeeds.
	waitPhase(t, rerun, v1beta1.PhJobSucceeded, 20*time.Second)
	if again := waitPhase(t, j, v1beta1.PhJobFailed, time.Second); again.Status.Message != got.Status.Message {
		t.Errorf("the original changed: %+v", again.Status)
	}
}

func TestCancel(t *testing.T) {
	e := setup(t, v1beta1.GroupQuota{Total: cpus("1")}, nil)
	running, queued := e.job("running", "alice", "cpu-1", time.Hour), e.job("queued", "bob", "cpu-1", time.Hour)
	create(t, running)
	got := waitPhase(t, running, v1beta1.PhJobRunning, 20*time.Second)
	create(t, queued)
	waitPhase(t, queued, v1beta1.PhJobPending, 5*time.Second)
	if err := phjob.Cancel(context.Background(), framework.Client(), got); err != nil {
		t.Fatal(err)
	}
	waitPhase(t, running, v1beta1.PhJobCancelled, 10*time.Second)
	framework.Eventually(t, 10*time.Second, func(ctx context.Context) error {
		err := framework.Client().Get(ctx, client.ObjectKeyFromObject(running), &corev1.Pod{})
		if !apierrors.IsNotFound(err) {
			return fmt.Errorf("the cancelled job's pod is still there (%v)", err)
		}
		return nil
	})
	// Its quota goes to the job queued behind it.
	q := waitPhase(t, queued, v1beta1.PhJobRunning, 20*time.Second)
	if err := phjob.Cancel(context.Background(), framework.Client(), q); err != nil {
		t.Fatal(err)
	}
	waitPhase(t, queued, v1beta1.PhJobCancelled, 10*time.Second)
}

// A group's quota raised in the directory starts its waiting job: the directory's change
// alone has the scheduler decide the group again, with no job or pod event to prompt it.
func TestRaisedGroupQuotaStartsAWaitingJob(t *testing.T) {
	e := setup(t, v1beta1.GroupQuota{Total: cpus("1")}, nil)
	running, waiting := e.job("running", "alice", "cpu-1", time.Hour), e.job("waiting", "bob", "cpu-1", time.Hour)
	create(t, running)
	waitPhase(t, running, v1beta1.PhJobRunning, 20*time.Second)
	create(t, waiting)
	framework.Eventually(t, 10*time.Second, func(ctx context.Context) error {
		got := waitPhase(t, waiting, v1beta1.PhJobPending, time.Second)
		if got.Status.Reason != "OverQuota" {
			return fmt.Errorf("waiting job: %s (%s), want OverQuota", got.Status.Reason, got.Status.Message)
		}
		return nil
	})
	ctx := context.Background()
	g, err := e.dir.GetGroup(ctx, e.group())
	if err != nil {
		t.Fatal(err)
	}
	g.Quota.Total = cpus("2")
	if _, err := e.dir.UpdateGroup(ctx, g); err != nil {
		t.Fatal(err)
	}
	waitPhase(t, waiting, v1beta1.PhJobRunning, 20*time.Second)
}

func TestDeadlineFromTheGroupAndTTL(t *testing.T) {
	e := setup(t, v1beta1.GroupQuota{}, &v1beta1.JobDefaults{ActiveDeadlineSeconds: ptr.To[int64](2)})
	j := e.job("slow", "alice", "cpu-1", time.Hour)
	j.Spec.TTLSecondsAfterFinished = ptr.To[int32](2)
	create(t, j)
	got := waitPhase(t, j, v1beta1.PhJobFailed, 20*time.Second)
	if got.Status.Reason != "DeadlineExceeded" || got.Status.Message != "the job ran longer than its deadline of 2s" {
		t.Errorf("failed with %s: %q", got.Status.Reason, got.Status.Message)
	}
	if ran := got.Status.FinishTime.Sub(got.Status.StartTime.Time); ran < 2*time.Second || ran > 4*time.Second {
		t.Errorf("ran %s for a deadline of 2s", ran)
	}
	framework.Eventually(t, 10*time.Second, func(ctx context.Context) error {
		err := framework.Client().Get(ctx, client.ObjectKeyFromObject(j), &v1beta1.PhJob{})
		if !apierrors.IsNotFound(err) {
			return fmt.Errorf("the job is still there 2s after it finished (%v)", err)
		}
		return nil
	})
}

func TestManagerRestartedMidQueueLosesNoJobAndStartsNoneTwice(t *testing.T) {
	e := setup(t, v1beta1.GroupQuota{Total: cpus("1")}, nil)
	pods := watchPods(t, e.ns)
	var jobs []*v1beta1.PhJob
	for i := range 4 {
		jobs = append(jobs, e.job(fmt.Sprintf("r%d", i), "alice", "cpu-1", 2*time.Second))
	}
	create(t, jobs...)
	waitPhase(t, jobs[0], v1beta1.PhJobRunning, 20*time.Second)
	e.stop()
	e.start(t)
	var done []*v1beta1.PhJob
	for _, j := range jobs {
		done = append(done, waitPhase(t, j, v1beta1.PhJobSucceeded, 40*time.Second))
	}
	sort.Slice(done, func(i, j int) bool { return done[i].Status.StartTime.Before(done[j].Status.StartTime) })
	for i, j := range done {
		if j.Name != jobs[i].Name {
			t.Errorf("start order %s at %d, want %s", j.Name, i, jobs[i].Name)
		}
		if j.Status.Requeued != 0 {
			t.Errorf("%s was requeued %d times", j.Name, j.Status.Requeued)
		}
	}
	pods.mu.Lock()
	defer pods.mu.Unlock()
	for name, uids := range pods.uids {
		if len(uids) != 1 {
			t.Errorf("job %s had %d pods", name, len(uids))
		}
	}
	if pods.maxActive > 1 {
		t.Errorf("%d job pods active at once under a quota of 1 cpu", pods.maxActive)
	}
}

func metricsOff() metricsserver.Options { return metricsserver.Options{BindAddress: "0"} }

// controllerConfig lets each test's manager register the same controllers again.
func controllerConfig() config.Controller { return config.Controller{SkipNameValidation: ptr.To(true)} }

// Jobs run in the platform namespace only, where the scheduler queues them against their
// group's quota: one made in a profile's namespace, even by its owner, is refused at once
// with its reason instead of waiting forever.
func TestJobInAProfileNamespaceIsRefusedAtOnce(t *testing.T) {
	e := setup(t, v1beta1.GroupQuota{}, nil)
	ctx := context.Background()
	c := framework.Client()
	name := names.Label("prof-" + e.user("alice"))
	ns := &corev1.Namespace{ObjectMeta: metav1.ObjectMeta{Name: name}}
	p := framework.MakeProfile(name).Owner(e.user("alice")).Obj()
	for _, o := range []client.Object{ns, p} {
		if err := c.Create(ctx, o); err != nil {
			t.Fatal(err)
		}
	}
	t.Cleanup(func() {
		_ = c.Delete(context.Background(), p)
		_ = c.Delete(context.Background(), ns)
	})
	j := e.job("elsewhere", "alice", "cpu-1", time.Second)
	j.Namespace = name
	create(t, j)
	got := waitPhase(t, j, v1beta1.PhJobFailed, 10*time.Second)
	if got.Status.Reason != launch.ReasonNamespaceNotAllowed || !strings.Contains(got.Status.Message, "jobs run in the platform namespace "+e.ns+" only") {
		t.Errorf("failed with %s: %q, want %s", got.Status.Reason, got.Status.Message, launch.ReasonNamespaceNotAllowed)
	}
}

// A pod that has a job's name but that the job does not control is someone else's: the job
// fails with NameTaken, and the pod is neither adopted nor deleted.
func TestAPodWithTheJobsNameIsNotItsPod(t *testing.T) {
	e := setup(t, v1beta1.GroupQuota{}, nil)
	ctx := context.Background()
	c := framework.Client()
	fake := framework.MakePod("squatted", e.ns).User(e.user("alice")).Group(e.group()).Label(phjob.LabelPhJob, "squatted").Obj()
	if err := c.Create(ctx, fake); err != nil {
		t.Fatal(err)
	}
	j := e.job("squatted", "alice", "cpu-1", time.Second)
	create(t, j)
	got := waitPhase(t, j, v1beta1.PhJobFailed, 10*time.Second)
	if got.Status.Reason != "NameTaken" {
		t.Errorf("failed with %s: %q, want NameTaken", got.Status.Reason, got.Status.Message)
	}
	pod := &corev1.Pod{}
	if err := c.Get(ctx, client.ObjectKeyFromObject(fake), pod); err != nil {
		t.Fatalf("the other pod is gone: %v", err)
	}
	if pod.UID != fake.UID || len(pod.OwnerReferences) != 0 {
		t.Errorf("the other pod was replaced or adopted: uid %s (was %s), owners %v", pod.UID, fake.UID, pod.OwnerReferences)
	}
}

// A job that must wait gets its verdict in one status write: the controller's check is not
// written first (as Pending, "Queued"), and waiting in the queue, which its status says,
// is no Event.
func TestWaitingJobIsWrittenOnceWithItsVerdict(t *testing.T) {
	e := setup(t, v1beta1.GroupQuota{Total: cpus("1")}, nil)
	running, waiting := e.job("running", "alice", "cpu-1", time.Hour), e.job("waiting", "bob", "cpu-1", time.Hour)
	create(t, running)
	waitPhase(t, running, v1beta1.PhJobRunning, 20*time.Second)
	ctx := context.Background()
	c, err := client.NewWithWatch(framework.Config(), client.Options{Scheme: framework.Scheme})
	if err != nil {
		t.Fatal(err)
	}
	w, err := c.Watch(ctx, &v1beta1.PhJobList{}, client.InNamespace(e.ns), client.MatchingFields{"metadata.name": waiting.Name})
	if err != nil {
		t.Fatal(err)
	}
	defer w.Stop()
	create(t, waiting)
	var seen []string
	timeout := time.After(10 * time.Second)
	for len(seen) == 0 || seen[len(seen)-1] != "Pending/OverQuota" {
		select {
		case ev := <-w.ResultChan():
			if j, ok := ev.Object.(*v1beta1.PhJob); ok {
				seen = append(seen, string(j.Status.Phase)+"/"+j.Status.Reason)
			}
		case <-timeout:
			t.Fatalf("the waiting job's versions: %v, want it to reach Pending/OverQuota", seen)
		}
	}
	if want := []string{"/", "Pending/OverQuota"}; !slices.Equal(seen, want) {
		t.Errorf("the waiting job's versions: %v, want %v", seen, want)
	}
	// The running job's own Events show the recorder works; the waiting one has none, a
	// moment (for the recorder, which sends in the background) after its verdict.
	framework.Eventually(t, 10*time.Second, func(ctx context.Context) error {
		if n := eventsOf(t, e.ns, running.Name); n == 0 {
			return errors.New("no Event for the running job yet")
		}
		return nil
	})
	time.Sleep(2 * time.Second)
	if n := eventsOf(t, e.ns, waiting.Name); n != 0 {
		t.Errorf("%d Events for the job waiting in the queue, want none", n)
	}
}

func eventsOf(t *testing.T, ns, name string) int {
	t.Helper()
	list := &eventsv1.EventList{}
	if err := framework.Client().List(context.Background(), list, client.InNamespace(ns)); err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, ev := range list.Items {
		if ev.Regarding.Kind == "PhJob" && ev.Regarding.Name == name {
			n++
		}
	}
	return n
}

package phjob

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/go-logr/logr"
	corev1 "k8s.io/api/core/v1"
	toolscache "k8s.io/client-go/tools/cache"
	"sigs.k8s.io/controller-runtime/pkg/cache"
	"sigs.k8s.io/controller-runtime/pkg/client"
	"sigs.k8s.io/controller-runtime/pkg/event"

	"github.com/primehub/primehub/api/v1beta1"
	"github.com/primehub/primehub/internal/directory"
	"github.com/primehub/primehub/internal/names"
	"github.com/primehub/primehub/internal/quota"
	"github.com/primehub/primehub/internal/spawn"
)

// reservationTTL bounds how long a job admitted by a cycle holds quota before its pod shows
// up in the cache; the controller creates the pod within moments, or releases it.
const reservationTTL = time.Minute

// resyncEvery is how often the queue is rebuilt from the cache and every group decided
// again. Events drive the scheduler; this is only a safety net against a change no event
// reported, so it may be slow.
const resyncEvery = 5 * time.Minute

// Groups is what the scheduler reads of the directory: a group's quota, and the news that
// a group changed, so that its jobs are decided again under its new quota.
type Groups interface {
	GetGroup(ctx context.Context, name string) (directory.Group, error)
	Subscribe(ctx context.Context, fn func(directory.Change))
}

// Scheduler decides which pending jobs start. Its queue is kept between cycles from the
// informers' events, each group's jobs in order, and a cycle decides only the groups that
// changed since the last one: a job of the group added, changed or deleted, a pod of the
// group seen or gone, a reservation released or expired, the group's quota changed (an
// instance type changed: every group). One event thus costs the decision of one group, not
// of the whole queue. Events kick a cycle, and kicks that come during a cycle make one more;
// a rebuild of the queue from the cache on a slow timer (resyncEvery) is only a safety net.
//
// Quota usage is a quota.Ledger, the webhook's type, fed from the pod informer as the
// webhook's is, so both count the same pods the same way; the webhook still checks each pod
// it admits, and a pod it refuses puts the job back in the queue.
//
// The controller creates the pod of a job the scheduler admitted. A job admitted but whose
// pod the cache does not show yet is "in flight": it is not decided again, and its quota is
// reserved under its key, which the ledger releases when the pod shows up.
//
// The duration of each cycle that decided a job goes to the CycleDurationMetric histogram.
type Scheduler struct {
	// Reader reads jobs and instance types from the cache, to rebuild the queue.
	Reader client.Reader
	Groups Groups
	// Namespace holds the jobs.
	Namespace string
	Log       logr.Logger

	ledger *quota.Ledger
	kick   chan struct{}
	// wake carries the jobs whose verdict changed to the controller.
	wake chan event.GenericEvent
	// synced reports whether the informers have delivered their first lists.
	synced []toolscache.InformerSynced

	mu sync.Mutex
	// queue holds the jobs the controller checks or has checked, waiting to start.
	queue *jobQueue
	// requests are the quota requests of the namespace's instance types, by name.
	requests map[string]quota.Usage
	// verdicts are the last decisions for queued jobs, and admit for those in flight.
	verdicts map[string]verdict
	// inFlight maps the key of an admitted job whose pod is not seen yet to its group label.
	inFlight map[string]string
	// pods are the keys of the job pods the cache shows.
	pods map[string]bool
	// checks are the generations of the jobs the controller checked but whose status does
	// not say so yet: a job's first status write is its verdict, not a mark that it was
	// checked.
	checks map[string]int64
}

// Setup registers the scheduler's informer handlers on c. Call it before the cache starts.
func (s *Scheduler) Setup(ctx context.Context, c cache.Cache) error {
	s.init()
	pods, err := c.GetInformer(ctx, &corev1.Pod{})
	if err != nil {
		return fmt.Errorf("pod informer: %w", err)
	}
	reg, err := pods.AddEventHandler(toolscache.ResourceEventHandlerFuncs{
		AddFunc:    func(obj any) { s.observe(obj) },
		UpdateFunc: func(_, obj any) { s.observe(obj) },
		DeleteFunc: s.forget,
	})
	if err != nil {
		return fmt.Errorf("feed the scheduler's ledger from the pod informer: %w", err)
	}
	s.synced = append(s.synced, reg.HasSynced)

	jobs, err := c.GetInformer(ctx, &v1beta1.PhJob{})
	if err != nil {
		return fmt.Errorf("phjob informer: %w", err)
	}
	reg, err = jobs.AddEventHandler(toolscache.ResourceEventHandlerFuncs{
		AddFunc:    func(obj any) { s.setJob(obj) },
		UpdateFunc: func(_, obj any) { s.setJob(obj) },
		DeleteFunc: s.deleteJob,
	})
	if err != nil {
		return fmt.Errorf("phjob informer: %w", err)
	}
	s.synced = append(s.synced, reg.HasSynced)

	its, err := c.GetInformer(ctx, &v1beta1.InstanceType{})
	if err != nil {
		return fmt.Errorf("instance type informer: %w", err)
	}
	reg, err = its.AddEventHandler(toolscache.ResourceEventHandlerFuncs{
		AddFunc:    func(obj any) { s.setInstanceType(obj, false) },
		UpdateFunc: func(_, obj any) { s.setInstanceType(obj, false) },
		DeleteFunc: func(obj any) { s.setInstanceType(obj, true) },
	})
	if err != nil {
		return fmt.Errorf("instance type informer: %w", err)
	}
	s.synced = append(s.synced, reg.HasSynced)
	return nil
}

func (s *Scheduler) init() {
	s.ledger = quota.NewLedger(reservationTTL)
	s.kick = make(chan struct{}, 1)
	s.wake = make(chan event.GenericEvent, 1024)
	s.queue, s.requests = newJobQueue(), map[string]quota.Usage{}
	s.verdicts, s.inFlight, s.pods = map[string]verdict{}, map[string]string{}, map[string]bool{}
	s.checks = map[string]int64{}
}

// setJob queues a job of the namespace that is checked, or new, and waits to start, and
// takes any other out of the queue; either way its group is decided again.
func (s *Scheduler) setJob(obj any) {
	job, ok := obj.(*v1beta1.PhJob)
	if !ok || job.Namespace != s.Namespace {
		return
	}
	key := client.ObjectKeyFromObject(job).String()
	s.mu.Lock()
	if !uncheckedJob(job) {
		delete(s.checks, key) // its status says it was checked, or it left the queue
	}
	if j, ok := s.entry(job); ok {
		s.queue.set(j)
	} else {
		s.queue.remove(key)
		if _, ok := s.inFlight[key]; !ok {
			delete(s.verdicts, key)
		}
	}
	s.mu.Unlock()
	s.Kick()
}

// deleteJob takes a deleted job out of the queue and releases its reservation.
func (s *Scheduler) deleteJob(obj any) {
	if tomb, ok := obj.(toolscache.DeletedFinalStateUnknown); ok {
		obj = tomb.Obj
	}
	job, ok := obj.(*v1beta1.PhJob)
	if !ok || job.Namespace != s.Namespace {
		return
	}
	key := client.ObjectKeyFromObject(job).String()
	s.Release(key)
	s.mu.Lock()
	s.queue.remove(key)
	delete(s.checks, key)
	s.mu.Unlock()
	s.Kick()
}

// setInstanceType records what an instance type of the namespace requests; every group is
// decided again, as any job may use it.
func (s *Scheduler) setInstanceType(obj any, deleted bool) {
	if tomb, ok := obj.(toolscache.DeletedFinalStateUnknown); ok {
		obj = tomb.Obj
	}
	it, ok := obj.(*v1beta1.InstanceType)
	if !ok || it.Namespace != s.Namespace {
		return
	}
	s.mu.Lock()
	if deleted {
		delete(s.requests, it.Name)
	} else {
		s.requests[it.Name] = spawn.QuotaRequest(*it)
	}
	s.queue.touchAll()
	s.mu.Unlock()
	s.Kick()
}

// observe counts a pod in the ledger; a job's pod releases the job's reservation, which
// is named by the pod's key. The pod's group is decided again.
func (s *Scheduler) observe(obj any) {
	pod, ok := obj.(*corev1.Pod)
	if !ok {
		return
	}
	p := quota.LedgerPod(pod)
	_, isJob := pod.Labels[LabelPhJob]
	if isJob {
		p.AdmissionID = p.Key
	}
	s.ledger.Observe(p)
	if !isJob && p.Group == "" {
		return // counts for nothing
	}
	s.mu.Lock()
	if isJob {
		s.pods[p.Key] = true
		delete(s.inFlight, p.Key)
		delete(s.verdicts, p.Key)
	}
	s.touchPod(p.Key, p.Group)
	s.mu.Unlock()
	s.Kick()
}

func (s *Scheduler) forget(obj any) {
	key, group := "", ""
	switch o := obj.(type) {
	case toolscache.DeletedFinalStateUnknown:
		key = o.Key
		if pod, ok := o.Obj.(*corev1.Pod); ok {
			group = quota.LedgerPod(pod).Group
		}
	case *corev1.Pod:
		key, group = client.ObjectKeyFromObject(o).String(), quota.LedgerPod(o).Group
	default:
		return
	}
	s.ledger.Forget(key)
	s.mu.Lock()
	delete(s.pods, key)
	s.touchPod(key, group)
	s.mu.Unlock()
	s.Kick()
}

// touchPod marks the groups a pod's change bears on: the group it counts in, and that of
// its job, which may be waiting for it to go. Call with mu held.
func (s *Scheduler) touchPod(key, group string) {
	if group != "" {
		s.queue.touch(group)
	}
	if j, ok := s.queue.entries[key]; ok {
		s.queue.touch(j.groupLabel)
	}
}

// Kick asks for a cycle.
func (s *Scheduler) Kick() {
	select {
	case s.kick <- struct{}{}:
	default: // one is due already
	}
}

// Release forgets that a job was admitted: its pod will not be created (the job failed, was
// deleted, or the webhook refused the pod), so its reservation ends and its group, whose
// quota it held, is decided again.
func (s *Scheduler) Release(key string) {
	s.ledger.Release(key)
	s.mu.Lock()
	group, ok := s.inFlight[key]
	if ok {
		s.queue.touch(group)
	}
	delete(s.inFlight, key)
	delete(s.verdicts, key)
	s.mu.Unlock()
	if ok {
		s.Kick()
	}
}

// expired decides again the group of a job still in flight when its reservation has
// expired: the ledger no longer counts the quota it held.
func (s *Scheduler) expired(key string) {
	s.mu.Lock()
	group, ok := s.inFlight[key]
	if ok {
		s.queue.touch(group)
	}
	s.mu.Unlock()
	if ok {
		s.Kick()
	}
}

// directoryChanged decides a group again when it changes in the directory: its quota may
// have.
func (s *Scheduler) directoryChanged(c directory.Change) {
	if c.Kind != directory.GroupChanged {
		return
	}
	s.mu.Lock()
	s.queue.touch(names.Label(c.Name))
	s.mu.Unlock()
	s.Kick()
}

// Checked records that the controller checked the job at its generation and it may queue:
// its group is decided again with it in its place. A verdict from an earlier check goes,
// unless the job was admitted (its pod is being made).
func (s *Scheduler) Checked(job *v1beta1.PhJob) {
	key := client.ObjectKeyFromObject(job).String()
	s.mu.Lock()
	s.checks[key] = job.Generation
	if _, ok := s.inFlight[key]; !ok {
		delete(s.verdicts, key)
	}
	if j, ok := s.queue.entries[key]; ok && j.unchecked && j.generation == job.Generation {
		j.unchecked = false
		s.queue.set(j)
	}
	s.mu.Unlock()
	s.Kick()
}

// checked tells whether the controller checked the job at its generation, though its
// status does not say so yet.
func (s *Scheduler) checked(job *v1beta1.PhJob) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	g, ok := s.checks[client.ObjectKeyFromObject(job).String()]
	return ok && g == job.Generation
}

// verdict is what the last cycle decided for a job, if it was queued.
func (s *Scheduler) verdict(key string) (verdict, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	v, ok := s.verdicts[key]
	return v, ok
}

// Wakes are the jobs whose verdict changed, for the controller to act on.
func (s *Scheduler) Wakes() <-chan event.GenericEvent { return s.wake }

// coalesce is how long the scheduler waits after a kick before its cycle.
const coalesce = 20 * time.Millisecond

// Start runs cycles as kicks come until ctx ends; the first waits until the ledger has seen
// every pod and the queue every job, so a restarted scheduler starts no job twice, and
// decides every group.
func (s *Scheduler) Start(ctx context.Context) error {
	s.Groups.Subscribe(ctx, s.directoryChanged)
	if !toolscache.WaitForCacheSync(ctx.Done(), s.synced...) {
		return errors.New("scheduler: informers did not sync")
	}
	s.mu.Lock()
	s.queue.touchAll()
	s.mu.Unlock()
	s.Kick()
	resync := time.NewTicker(resyncEvery)
	defer resync.Stop()
	for {
		select {
		case <-ctx.Done():
			return nil
		case <-s.kick:
		case <-resync.C:
			if err := s.rebuild(ctx); err != nil {
				s.Log.Error(err, "rebuild the scheduling queue")
			}
		}
		// A burst of events (thousands of jobs submitted at once) would otherwise run a
		// cycle per event; kicks that come during this pause make one cycle.
		select {
		case <-ctx.Done():
			return nil
		case <-time.After(coalesce):
		}
		start := time.Now()
		decided, admitted, err := s.runCycle(ctx)
		took := time.Since(start)
		if decided > 0 {
			cycleDuration.Observe(took.Seconds())
		}
		if err != nil {
			// The inputs come from caches and the directory's cache: the groups not
			// decided are decided again at the next cycle; a failing directory also
			// fails the controller, which retries.
			s.Log.Error(err, "scheduling cycle")
			continue
		}
		if admitted > 0 {
			s.Log.V(1).Info("scheduled", "admitted", admitted, "took", took)
		}
	}
}

// rebuild replaces the queue with one made from the cache, every group to be decided.
func (s *Scheduler) rebuild(ctx context.Context) error {
	var list v1beta1.PhJobList
	if err := s.Reader.List(ctx, &list, client.InNamespace(s.Namespace), client.UnsafeDisableDeepCopy); err != nil {
		return fmt.Errorf("list jobs: %w", err)
	}
	var its v1beta1.InstanceTypeList
	if err := s.Reader.List(ctx, &its, client.InNamespace(s.Namespace), client.UnsafeDisableDeepCopy); err != nil {
		return fmt.Errorf("list instance types: %w", err)
	}
	requests := make(map[string]quota.Usage, len(its.Items))
	for i := range its.Items {
		requests[its.Items[i].Name] = spawn.QuotaRequest(its.Items[i])
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	q := newJobQueue()
	for i := range list.Items {
		if j, ok := s.entry(&list.Items[i]); ok {
			q.set(j)
		}
	}
	s.queue, s.requests = q, requests
	for key := range s.verdicts {
		if _, ok := s.inFlight[key]; !ok && !q.has(key) {
			delete(s.verdicts, key)
		}
	}
	return nil
}

// runCycle decides the groups that changed since the last cycle and wakes the jobs whose
// verdict changed. It returns how many jobs it decided and admitted.
func (s *Scheduler) runCycle(ctx context.Context) (decided, admitted int, err error) {
	groups := s.take()
	quotas := make(map[string]v1beta1.GroupQuota, len(groups))
	for label, jobs := range groups {
		decided += len(jobs)
		g, err := s.Groups.GetGroup(ctx, jobs[0].group)
		if err != nil && !errors.Is(err, directory.ErrNotFound) {
			s.mu.Lock()
			for label := range groups {
				s.queue.touch(label)
			}
			s.mu.Unlock()
			return decided, 0, fmt.Errorf("quota of group %s: %w", jobs[0].group, err)
		}
		quotas[label] = g.Quota // a group gone is the controller's to fail
	}
	verdicts := cycle(groups, quotas, s.ledger)

	var changed []string
	s.mu.Lock()
	for label, jobs := range groups {
		for _, j := range jobs {
			v, ok := verdicts[j.key]
			switch {
			case !s.queue.has(j.key):
				// It left the queue during the cycle (cancelled, failed, deleted):
				// nothing is to start.
				if ok && v.kind == admit {
					s.ledger.Release(j.key)
				}
				delete(s.verdicts, j.key)
				continue
			case !ok:
				delete(s.verdicts, j.key) // behind a job not checked yet
				continue
			case v.kind == admit:
				s.inFlight[j.key] = label
				time.AfterFunc(reservationTTL+time.Second, func() { s.expired(j.key) })
				admitted++
			}
			if old, ok := s.verdicts[j.key]; !ok || old != v {
				changed = append(changed, j.key)
			}
			s.verdicts[j.key] = v
		}
	}
	s.mu.Unlock()

	for _, key := range changed {
		ns, name := splitKey(key)
		job := &v1beta1.PhJob{}
		job.Namespace, job.Name = ns, name
		select {
		case s.wake <- event.GenericEvent{Object: job}:
		case <-ctx.Done():
			return decided, admitted, nil
		}
	}
	return decided, admitted, nil
}

// take returns the jobs to decide, copied, by group label: those of the groups changed
// since the last cycle that are neither started nor in flight, with their requests. A
// checked job whose instance type is gone is left out (the controller fails it); one not
// checked yet holds its place.
func (s *Scheduler) take() map[string][]queued {
	s.mu.Lock()
	defer s.mu.Unlock()
	groups := map[string][]queued{}
	for _, label := range s.queue.take() {
		all := s.queue.jobs(label)
		jobs := make([]queued, 0, len(all))
		for _, j := range all {
			if _, ok := s.inFlight[j.key]; ok || s.pods[j.key] {
				continue
			}
			request, ok := s.requests[j.instanceType]
			if !ok && !j.unchecked {
				delete(s.verdicts, j.key)
				continue
			}
			j.request = request
			jobs = append(jobs, j)
		}
		if len(jobs) > 0 {
			groups[label] = jobs
		}
	}
	return groups
}

// entry is the queue's entry for a job that waits to start: checked by the controller
// (its status says so, or the controller told the scheduler), or new, and neither
// cancelled nor started. Call with mu held.
func (s *Scheduler) entry(j *v1beta1.PhJob) (queued, bool) {
	key := j.Namespace + "/" + j.Name
	unchecked := uncheckedJob(j)
	if !unchecked && !queuedJob(j) {
		return queued{}, false
	}
	if g, ok := s.checks[key]; ok && g == j.Generation {
		unchecked = false
	}
	return queued{
		key:        key,
		groupLabel: names.Label(j.Spec.Group), userLabel: names.Label(j.Spec.User),
		group: j.Spec.Group, user: j.Spec.User,
		created:      j.CreationTimestamp.Time,
		generation:   j.Generation,
		instanceType: j.Spec.InstanceType,
		unchecked:    unchecked,
	}, true
}

// queuedJob tells whether the controller has checked the job and it waits to start.
func queuedJob(j *v1beta1.PhJob) bool {
	return j.Status.Phase == v1beta1.PhJobPending && j.Status.ObservedGeneration == j.Generation &&
		j.Status.PodName == "" && !j.Spec.Cancel && j.DeletionTimestamp.IsZero()
}

// uncheckedJob tells whether the job is new, or changed, and the controller has not checked
// it yet.
func uncheckedJob(j *v1beta1.PhJob) bool {
	return (j.Status.Phase == "" || (j.Status.Phase == v1beta1.PhJobPending && j.Status.ObservedGeneration != j.Generation)) &&
		!j.Spec.Cancel && j.DeletionTimestamp.IsZero()
}

func splitKey(key string) (namespace, name string) {
	for i := range key {
		if key[i] == '/' {
			return key[:i], key[i+1:]
		}
	}
	return "", key
}

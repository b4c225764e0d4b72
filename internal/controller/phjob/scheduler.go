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
	"github.com/primehub/primehub/internal/webhook/podquota"
)

// reservationTTL bounds how long a job admitted by a cycle holds quota before its pod shows
// up in the cache; the controller creates the pod within moments, or releases it.
const reservationTTL = time.Minute

// Groups is what the scheduler reads of the directory: a group's quota.
type Groups interface {
	GetGroup(ctx context.Context, name string) (directory.Group, error)
}

// Scheduler decides which pending jobs start. It runs a cycle whenever a job or a pod
// changes (never on a timer): the informers' events kick it, and kicks that come during a
// cycle make one more. Quota usage is a quota.Ledger, the webhook's type, fed from the pod
// informer as the webhook's is, so both count the same pods the same way; the webhook
// still checks each pod it admits, and a pod it refuses puts the job back in the queue.
//
// The controller creates the pod of a job the scheduler admitted. A job admitted but whose
// pod the cache does not show yet is "in flight": it is not queued again, and its quota is
// reserved under its key, which the ledger releases when the pod shows up.
//
// Each cycle's duration goes to the CycleDurationMetric histogram.
type Scheduler struct {
	// Reader reads jobs and instance types from the cache.
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

	mu       sync.Mutex
	verdicts map[string]verdict
	inFlight map[string]bool
	// pods are the keys of the job pods the cache shows.
	pods map[string]bool
}

// Setup registers the scheduler's informer handlers on c. Call it before the cache starts.
func (s *Scheduler) Setup(ctx context.Context, c cache.Cache) error {
	s.ledger = quota.NewLedger(reservationTTL)
	s.kick = make(chan struct{}, 1)
	s.wake = make(chan event.GenericEvent, 1024)
	s.verdicts, s.inFlight, s.pods = map[string]verdict{}, map[string]bool{}, map[string]bool{}

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
		AddFunc:    func(any) { s.Kick() },
		UpdateFunc: func(any, any) { s.Kick() },
		DeleteFunc: func(obj any) {
			if job, ok := obj.(*v1beta1.PhJob); ok {
				s.Release(client.ObjectKeyFromObject(job).String())
			}
			s.Kick()
		},
	})
	if err != nil {
		return fmt.Errorf("phjob informer: %w", err)
	}
	s.synced = append(s.synced, reg.HasSynced)
	return nil
}

// observe counts a pod in the ledger; a job's pod releases the job's reservation, which
// is named by the pod's key.
func (s *Scheduler) observe(obj any) {
	pod, ok := obj.(*corev1.Pod)
	if !ok {
		return
	}
	p := podquota.LedgerPod(pod)
	_, isJob := pod.Labels[LabelPhJob]
	if isJob {
		p.AdmissionID = p.Key
	}
	s.ledger.Observe(p)
	if isJob {
		s.mu.Lock()
		s.pods[p.Key] = true
		delete(s.inFlight, p.Key)
		delete(s.verdicts, p.Key)
		s.mu.Unlock()
	}
	if p.Group != "" {
		s.Kick()
	}
}

func (s *Scheduler) forget(obj any) {
	key := ""
	switch o := obj.(type) {
	case toolscache.DeletedFinalStateUnknown:
		key = o.Key
	case *corev1.Pod:
		key = client.ObjectKeyFromObject(o).String()
	default:
		return
	}
	s.ledger.Forget(key)
	s.mu.Lock()
	delete(s.pods, key)
	s.mu.Unlock()
	s.Kick()
}

// Kick asks for a cycle.
func (s *Scheduler) Kick() {
	select {
	case s.kick <- struct{}{}:
	default: // one is due already
	}
}

// Release forgets that a job was admitted: its pod will not be created (the job failed, was
// deleted, or the webhook refused the pod), so its reservation ends.
func (s *Scheduler) Release(key string) {
	s.ledger.Release(key)
	s.mu.Lock()
	delete(s.inFlight, key)
	delete(s.verdicts, key)
	s.mu.Unlock()
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
// every pod and the cache every job, so a restarted scheduler starts no job twice.
func (s *Scheduler) Start(ctx context.Context) error {
	if !toolscache.WaitForCacheSync(ctx.Done(), s.synced...) {
		return errors.New("scheduler: informers did not sync")
	}
	s.Kick()
	for {
		select {
		case <-ctx.Done():
			return nil
		case <-s.kick:
		}
		// A burst of events (thousands of jobs submitted at once) would otherwise run a
		// cycle per event; kicks that come during this pause make one cycle.
		select {
		case <-ctx.Done():
			return nil
		case <-time.After(coalesce):
		}
		start := time.Now()
		admitted, err := s.runCycle(ctx)
		took := time.Since(start)
		cycleDuration.Observe(took.Seconds())
		if err != nil {
			// The inputs come from caches and the directory's cache: the next event
			// retries; a failing directory also fails the controller, which retries.
			s.Log.Error(err, "scheduling cycle")
			continue
		}
		if admitted > 0 {
			s.Log.V(1).Info("scheduled", "admitted", admitted, "took", took)
		}
	}
}

// runCycle gathers the queue from the caches, decides and wakes the jobs whose verdict
// changed.
func (s *Scheduler) runCycle(ctx context.Context) (int, error) {
	jobs, err := s.queue(ctx)
	if err != nil {
		return 0, err
	}
	quotas := map[string]v1beta1.GroupQuota{}
	for _, j := range jobs {
		if _, ok := quotas[j.groupLabel]; ok {
			continue
		}
		g, err := s.Groups.GetGroup(ctx, j.group)
		if err != nil && !errors.Is(err, directory.ErrNotFound) {
			return 0, fmt.Errorf("quota of group %s: %w", j.group, err)
		}
		quotas[j.groupLabel] = g.Quota // a group gone is the controller's to fail
	}
	decided := cycle(jobs, quotas, s.ledger)

	var changed []string
	admitted := 0
	s.mu.Lock()
	next := make(map[string]verdict, len(decided)+len(s.inFlight))
	for key := range s.inFlight {
		next[key] = verdict{kind: admit}
	}
	for key, v := range decided {
		if v.kind == admit {
			s.inFlight[key] = true
			admitted++
		}
		if old, ok := s.verdicts[key]; !ok || old != v {
			changed = append(changed, key)
		}
		next[key] = v
	}
	s.verdicts = next
	s.mu.Unlock()

	for _, key := range changed {
		ns, name := splitKey(key)
		job := &v1beta1.PhJob{}
		job.Namespace, job.Name = ns, name
		select {
		case s.wake <- event.GenericEvent{Object: job}:
		case <-ctx.Done():
			return admitted, nil
		}
	}
	return admitted, nil
}

// queue is the jobs waiting to start: pending and checked by the controller, neither
// cancelled nor started (no pod, none in flight).
func (s *Scheduler) queue(ctx context.Context) ([]queued, error) {
	var list v1beta1.PhJobList
	if err := s.Reader.List(ctx, &list, client.InNamespace(s.Namespace), client.UnsafeDisableDeepCopy); err != nil {
		return nil, fmt.Errorf("list jobs: %w", err)
	}
	var its v1beta1.InstanceTypeList
	if err := s.Reader.List(ctx, &its, client.InNamespace(s.Namespace), client.UnsafeDisableDeepCopy); err != nil {
		return nil, fmt.Errorf("list instance types: %w", err)
	}
	requests := make(map[string]quota.Usage, len(its.Items))
	for i := range its.Items {
		requests[its.Items[i].Name] = spawn.QuotaRequest(its.Items[i])
	}
	// Names repeat across jobs, and making a label runs a regular expression.
	labels := map[string]string{}
	label := func(name string) string {
		l, ok := labels[name]
		if !ok {
			l = names.Label(name)
			labels[name] = l
		}
		return l
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	jobs := make([]queued, 0, len(list.Items))
	for i := range list.Items {
		j := &list.Items[i]
		key := j.Namespace + "/" + j.Name
		unchecked := uncheckedJob(j)
		if (!unchecked && !queuedJob(j)) || s.pods[key] || s.inFlight[key] {
			continue
		}
		request, ok := requests[j.Spec.InstanceType]
		if !ok && !unchecked {
			continue // the controller fails it
		}
		jobs = append(jobs, queued{
			key:        key,
			groupLabel: label(j.Spec.Group), userLabel: label(j.Spec.User),
			group: j.Spec.Group, user: j.Spec.User,
			created:   j.CreationTimestamp.Time,
			request:   request,
			unchecked: unchecked,
		})
	}
	return jobs, nil
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

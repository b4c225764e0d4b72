package phjob

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"time"

	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/equality"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	"k8s.io/apimachinery/pkg/api/meta"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/client-go/tools/events"
	"k8s.io/utils/clock"
	ctrl "sigs.k8s.io/controller-runtime"
	"sigs.k8s.io/controller-runtime/pkg/client"
	crcontroller "sigs.k8s.io/controller-runtime/pkg/controller"
	"sigs.k8s.io/controller-runtime/pkg/controller/controllerutil"
	"sigs.k8s.io/controller-runtime/pkg/handler"
	"sigs.k8s.io/controller-runtime/pkg/source"

	"github.com/primehub/primehub/api/v1beta1"
	"github.com/primehub/primehub/internal/controller"
	"github.com/primehub/primehub/internal/directory"
	"github.com/primehub/primehub/internal/launch"
	"github.com/primehub/primehub/internal/spawn"
)

// People is what the controller reads of the directory: a group's job defaults.
type People interface {
	GetGroup(ctx context.Context, name string) (directory.Group, error)
}

// Reconciler runs jobs: it checks a new job, lets the Scheduler queue it, creates the pod
// of a job the scheduler admitted, follows the pod, and deletes finished jobs after their
// TTL.
type Reconciler struct {
	Client client.Client
	// APIReader reads past the cache, to tell a lost pod from one the cache has not shown.
	APIReader client.Reader
	People    People
	// Launcher decides whether a job may run, and what its pod is rendered from.
	Launcher  *launch.Launcher
	Scheduler *Scheduler
	Recorder  events.EventRecorder
	// Clock tells the time for deadlines and TTLs; the real one when nil.
	Clock clock.PassiveClock
	// Workers is how many jobs are reconciled at once; 1 when zero.
	Workers int
}

// SetupWithManager registers the controller: it follows jobs, their pods and the
// scheduler's verdicts.
func (r *Reconciler) SetupWithManager(mgr ctrl.Manager) error {
	if r.Clock == nil {
		r.Clock = clock.RealClock{}
	}
	return ctrl.NewControllerManagedBy(mgr).
		Named("phjob").
		WithOptions(crcontroller.Options{MaxConcurrentReconciles: max(r.Workers, 1)}).
		For(&v1beta1.PhJob{}).
		Owns(&corev1.Pod{}).
		WatchesRawSource(source.Channel(r.Scheduler.Wakes(), &handler.EnqueueRequestForObject{})).
		Complete(r)
}

// Reconcile moves one job along.
func (r *Reconciler) Reconcile(ctx context.Context, req ctrl.Request) (ctrl.Result, error) {
	job := &v1beta1.PhJob{}
	if err := r.Client.Get(ctx, req.NamespacedName, job); err != nil {
		return ctrl.Result{}, client.IgnoreNotFound(err)
	}
	if !job.DeletionTimestamp.IsZero() {
		return ctrl.Result{}, nil // the pod goes with it
	}
	if finished(job.Status.Phase) {
		return r.expire(ctx, job)
	}
	pod := &corev1.Pod{}
	err := r.Client.Get(ctx, client.ObjectKey{Namespace: job.Namespace, Name: job.Name}, pod)
	switch {
	case apierrors.IsNotFound(err):
		pod = nil
	case err != nil:
		return ctrl.Result{}, err
	case !metav1.IsControlledBy(pod, job):
		return ctrl.Result{}, r.setStatus(ctx, job, failedStatus(job, r.Clock.Now(), "NameTaken",
			fmt.Sprintf("a pod named %s that is not the job's exists", job.Name)))
	}
	if pod == nil && job.Status.PodName == "" && !job.Spec.Cancel {
		return ctrl.Result{}, r.queue(ctx, job)
	}
	if pod == nil && job.Status.PodName != "" {
		// The cache may not show a pod just made: a pod is lost only if the API server
		// says so too.
		err := r.APIReader.Get(ctx, client.ObjectKey{Namespace: job.Namespace, Name: job.Name}, &corev1.Pod{})
		if err == nil {
			return ctrl.Result{}, nil // the cache catches up and brings us back
		}
		if !apierrors.IsNotFound(err) {
			return ctrl.Result{}, err
		}
	}
	if pod == nil && job.Spec.Cancel {
		r.Scheduler.Release(req.String()) // admitted, perhaps, but never started
	}
	o := progress(job, pod, r.Clock.Now())
	if o.deletePod {
		if err := r.Client.Delete(ctx, pod); client.IgnoreNotFound(err) != nil {
			return ctrl.Result{}, fmt.Errorf("delete pod: %w", err)
		}
	}
	if err := r.setStatus(ctx, job, o.status); err != nil {
		return ctrl.Result{}, err
	}
	if finished(job.Status.Phase) {
		return r.expire(ctx, job)
	}
	return ctrl.Result{RequeueAfter: o.after}, nil
}

// queue checks a new job, lets the scheduler queue it and, once the scheduler has decided,
// writes its verdict (waiting, with the reason, or failed) or creates its pod. The check
// is not written: the scheduler keeps it, and the job's first status write is its
// verdict.
func (r *Reconciler) queue(ctx context.Context, job *v1beta1.PhJob) error {
	key := client.ObjectKeyFromObject(job).String()
	checked := job.Status.Phase == v1beta1.PhJobPending && job.Status.ObservedGeneration == job.Generation
	if !checked && !r.Scheduler.checked(job) {
		// Check against the directory and catalog as they are now.
		_, _, refusal, err := r.plan(ctx, job)
		if err != nil {
			return err
		}
		if refusal != nil {
			r.Scheduler.Release(key)
			return r.setStatus(ctx, job, failedStatus(job, r.Clock.Now(), refusal.Reason, refusal.Message))
		}
		r.Scheduler.Checked(job)
	}
	v, decided := r.Scheduler.verdict(key)
	if !decided {
		return nil // waiting for a cycle, which wakes us
	}
	switch v.kind {
	case admit:
		// Render against the directory and catalog as they are now.
		pod, in, refusal, err := r.plan(ctx, job)
		if err != nil {
			return err
		}
		if refusal != nil {
			r.Scheduler.Release(key)
			return r.setStatus(ctx, job, failedStatus(job, r.Clock.Now(), refusal.Reason, refusal.Message))
		}
		return r.start(ctx, job, pod, in)
	case oversize:
		return r.setStatus(ctx, job, failedStatus(job, r.Clock.Now(), launch.ReasonExceedsQuota, v.message))
	default:
		return r.setStatus(ctx, job, pendingStatus(job, "OverQuota", v.message))
	}
}

// start creates the pod of an admitted job, and its volume claims.
func (r *Reconciler) start(ctx context.Context, job *v1beta1.PhJob, pod *corev1.Pod, in spawn.Input) error {
	if err := controller.EnsureClaims(ctx, r.Client, job.Namespace, in); err != nil {
		return err
	}
	if err := r.Client.Create(ctx, pod); err != nil && !apierrors.IsAlreadyExists(err) {
		var status apierrors.APIStatus
		if errors.As(err, &status) && status.Status().Code == http.StatusGone {
			// The quota webhook counted something the scheduler had not seen yet (a
			// notebook just admitted): the job waits for the next cycle.
			r.Scheduler.Release(client.ObjectKeyFromObject(job).String())
			return r.setStatus(ctx, job, pendingStatus(job, "OverQuota", "waiting for quota: "+status.Status().Message))
		}
		return fmt.Errorf("create pod: %w", err)
	}
	r.event(job, corev1.EventTypeNormal, "Started", "created pod %s", pod.Name)
	s := job.Status
	s.Phase, s.Reason, s.Message, s.PodName = v1beta1.PhJobPreparing, "Scheduling", "waiting for a node", pod.Name
	return r.setStatus(ctx, job, s)
}

func pendingStatus(job *v1beta1.PhJob, reason, message string) v1beta1.PhJobStatus {
	s := job.Status
	s.Phase, s.Reason, s.Message = v1beta1.PhJobPending, reason, message
	return s
}

func failedStatus(job *v1beta1.PhJob, now time.Time, reason, message string) v1beta1.PhJobStatus {
	s := job.Status
	s.Phase, s.Reason, s.Message = v1beta1.PhJobFailed, reason, message
	s.FinishTime = &metav1.Time{Time: now}
	return s
}

// plan asks the launch path whether the job may run as it stands and, if so, renders its
// pod. A refusal is reported; an error (the directory or the cache unreadable) is retried.
func (r *Reconciler) plan(ctx context.Context, job *v1beta1.PhJob) (*corev1.Pod, spawn.Input, *launch.Refusal, error) {
	in, refusal, err := r.Launcher.Decide(ctx, launch.Request{Kind: launch.Job, User: job.Spec.User, Namespace: job.Namespace,
		Group: job.Spec.Group, InstanceType: job.Spec.InstanceType, Image: job.Spec.Image})
	if err != nil || refusal != nil {
		return nil, in, refusal, err
	}
	pod, err := render(job, in)
	if err == nil {
		err = controllerutil.SetControllerReference(job, pod, r.Client.Scheme())
	}
	if err != nil {
		// The launch path refuses whatever rendering does, so this is a bug.
		return nil, in, &launch.Refusal{Reason: launch.ReasonInternalError, Message: err.Error()}, nil
	}
	return pod, in, nil, nil
}

// expire deletes a finished job once its TTL (its own, else its group's default) has
// passed; without a TTL it stays.
func (r *Reconciler) expire(ctx context.Context, job *v1beta1.PhJob) (ctrl.Result, error) {
	ttl := job.Spec.TTLSecondsAfterFinished
	if ttl == nil {
		g, err := r.People.GetGroup(ctx, job.Spec.Group)
		if err != nil && !errors.Is(err, directory.ErrNotFound) {
			return ctrl.Result{}, fmt.Errorf("job defaults of group %s: %w", job.Spec.Group, err)
		}
		if g.JobDefaults != nil {
			ttl = g.JobDefaults.TTLSecondsAfterFinished
		}
	}
	if ttl == nil || job.Status.FinishTime == nil {
		return ctrl.Result{}, nil
	}
	left := job.Status.FinishTime.Add(time.Duration(*ttl) * time.Second).Sub(r.Clock.Now())
	if left > 0 {
		return ctrl.Result{RequeueAfter: left}, nil
	}
	if err := r.Client.Delete(ctx, job, client.Preconditions{UID: &job.UID}); client.IgnoreNotFound(err) != nil {
		return ctrl.Result{}, fmt.Errorf("delete job after its TTL: %w", err)
	}
	return ctrl.Result{}, nil
}

// setStatus writes status when it differs from the job's, with its conditions, so an idle
// reconcile writes nothing. A new phase is also an Event, but for a new job's first,
// Pending: waiting in its group's queue is what most jobs do first, and their status says
// why; an Event each would be as many writes again as the jobs' verdicts.
func (r *Reconciler) setStatus(ctx context.Context, job *v1beta1.PhJob, status v1beta1.PhJobStatus) error {
	before := job.DeepCopy()
	job.Status = status
	job.Status.ObservedGeneration = job.Generation
	setConditions(job)
	if equality.Semantic.DeepEqual(before.Status, job.Status) {
		return nil
	}
	// The status is derived from a cached job: one the cache shows late (the pod of a job
	// just failed is gone, and looks lost) must not overwrite a newer status.
	if err := controller.PatchStatus(ctx, r.Client, job, before); err != nil {
		return err
	}
	if before.Status.Phase != job.Status.Phase && (before.Status.Phase != "" || job.Status.Phase != v1beta1.PhJobPending) {
		eventType := corev1.EventTypeNormal
		if job.Status.Phase == v1beta1.PhJobFailed {
			eventType = corev1.EventTypeWarning
		}
		r.event(job, eventType, string(job.Status.Phase), "%s: %s", job.Status.Reason, job.Status.Message)
	}
	return nil
}

// setConditions derives the job's conditions from its phase: Started once its pod is made,
// Finished once it has ended.
func setConditions(job *v1beta1.PhJob) {
	s := &job.Status
	started, done := metav1.ConditionFalse, metav1.ConditionFalse
	if s.PodName != "" {
		started = metav1.ConditionTrue
	}
	if finished(s.Phase) {
		done = metav1.ConditionTrue
	}
	meta.SetStatusCondition(&s.Conditions, metav1.Condition{Type: "Started", Status: started, Reason: s.Reason, Message: s.Message, ObservedGeneration: job.Generation})
	meta.SetStatusCondition(&s.Conditions, metav1.Condition{Type: "Finished", Status: done, Reason: s.Reason, Message: s.Message, ObservedGeneration: job.Generation})
}

func (r *Reconciler) event(job *v1beta1.PhJob, eventType, reason, format string, args ...any) {
	if r.Recorder != nil {
		r.Recorder.Eventf(job, nil, eventType, reason, reason, format, args...)
	}
}

package phschedule

import (
	"context"
	"fmt"
	"strconv"
	"time"

	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/equality"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	"k8s.io/apimachinery/pkg/api/meta"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/client-go/tools/events"
	"k8s.io/utils/clock"
	ctrl "sigs.k8s.io/controller-runtime"
	"sigs.k8s.io/controller-runtime/pkg/client"
	"sigs.k8s.io/controller-runtime/pkg/controller/controllerutil"

	"github.com/primehub/primehub/api/v1beta1"
	"github.com/primehub/primehub/internal/controller"
	"github.com/primehub/primehub/internal/directory"
)

// LabelPhSchedule marks the jobs a schedule submits with its name.
const LabelPhSchedule = "primehub.io/phschedule"

// Settings gives the system timezone.
type Settings interface {
	GetSettings(ctx context.Context) (directory.Settings, error)
}

// Reconciler submits schedules' jobs. status.nextRunTime is both what users see and the
// controller's memory: when it has passed, the job of that time is submitted (once, as
// its name comes from the time) and the next time after now is set; a spec change sets it
// afresh. Runs missed while the controller was down are made up by one run.
type Reconciler struct {
	Client   client.Client
	Settings Settings
	Recorder events.EventRecorder
	// Clock tells the time; the real one when nil. Tests move a fake one.
	Clock clock.PassiveClock
}

// SetupWithManager registers the controller.
func (r *Reconciler) SetupWithManager(mgr ctrl.Manager) error {
	if r.Clock == nil {
		r.Clock = clock.RealClock{}
	}
	return ctrl.NewControllerManagedBy(mgr).Named("phschedule").For(&v1beta1.PhSchedule{}).Complete(r)
}

// Reconcile submits a due job and reports the next run.
func (r *Reconciler) Reconcile(ctx context.Context, req ctrl.Request) (ctrl.Result, error) {
	s := &v1beta1.PhSchedule{}
	if err := r.Client.Get(ctx, req.NamespacedName, s); err != nil {
		return ctrl.Result{}, client.IgnoreNotFound(err)
	}
	if !s.DeletionTimestamp.IsZero() {
		return ctrl.Result{}, nil
	}
	settings, err := r.Settings.GetSettings(ctx)
	if err != nil {
		return ctrl.Result{}, fmt.Errorf("read the system timezone: %w", err)
	}
	loc, err := time.LoadLocation(settings.Timezone)
	if err != nil {
		loc = time.UTC // the directory validates it; a hand-edited one falls back
	}
	sched, err := schedule(s.Spec.Recurrence, loc)
	status := s.Status.DeepCopy()
	now := r.Clock.Now()
	switch {
	case err != nil:
		status.NextRunTime = nil
		setCondition(status, s.Generation, metav1.ConditionFalse, "InvalidCron", err.Error())
		return ctrl.Result{}, r.setStatus(ctx, s, status)
	case sched == nil:
		status.NextRunTime = nil
		setCondition(status, s.Generation, metav1.ConditionFalse, "Inactive", "the schedule is inactive")
		return ctrl.Result{}, r.setStatus(ctx, s, status)
	}
	due := status.NextRunTime != nil && s.Status.ObservedGeneration == s.Generation && !now.Before(status.NextRunTime.Time)
	if due {
		if err := r.run(ctx, s, status, status.NextRunTime.Time); err != nil {
			return ctrl.Result{}, err
		}
	}
	if due || status.NextRunTime == nil || s.Status.ObservedGeneration != s.Generation {
		status.NextRunTime = &metav1.Time{Time: sched.Next(now)}
	}
	setCondition(status, s.Generation, metav1.ConditionTrue, "Scheduled", "next run at "+status.NextRunTime.In(loc).Format(time.RFC3339))
	if err := r.setStatus(ctx, s, status); err != nil {
		return ctrl.Result{}, err
	}
	return ctrl.Result{RequeueAfter: status.NextRunTime.Sub(now)}, nil
}

// run submits the job of time at, unless the last one still runs and the schedule forbids
// overlap.
func (r *Reconciler) run(ctx context.Context, s *v1beta1.PhSchedule, status *v1beta1.PhScheduleStatus, at time.Time) error {
	if s.Spec.ConcurrencyPolicy == v1beta1.ConcurrencyForbid && status.LastJobName != "" {
		last := &v1beta1.PhJob{}
		err := r.Client.Get(ctx, client.ObjectKey{Namespace: s.Namespace, Name: status.LastJobName}, last)
		if client.IgnoreNotFound(err) != nil {
			return fmt.Errorf("read the last job %s: %w", status.LastJobName, err)
		}
		if err == nil && !finished(last.Status.Phase) {
			r.event(s, corev1.EventTypeNormal, "Skipped", "the run of %s is skipped: job %s still runs", at.Format(time.RFC3339), last.Name)
			return nil
		}
	}
	job, err := newJob(s, r.Client.Scheme(), s.Name+"-"+strconv.FormatInt(at.Unix()/60, 10))
	if err != nil {
		return err
	}
	if err := r.Client.Create(ctx, job); err != nil && !apierrors.IsAlreadyExists(err) {
		return fmt.Errorf("submit job %s: %w", job.Name, err)
	}
	r.event(s, corev1.EventTypeNormal, "Submitted", "submitted job %s", job.Name)
	status.LastRunTime, status.LastJobName = &metav1.Time{Time: at}, job.Name
	return nil
}

// RunNow submits a schedule's job at once, outside its recurrence, and returns it.
func RunNow(ctx context.Context, c client.Client, s *v1beta1.PhSchedule) (*v1beta1.PhJob, error) {
	job, err := newJob(s, c.Scheme(), "")
	if err != nil {
		return nil, err
	}
	job.GenerateName = s.Name + "-"
	if err := c.Create(ctx, job); err != nil {
		return nil, fmt.Errorf("run schedule %s: %w", s.Name, err)
	}
	return job, nil
}

// newJob is the schedule's job, owned by it and labelled with its name.
func newJob(s *v1beta1.PhSchedule, scheme *runtime.Scheme, name string) (*v1beta1.PhJob, error) {
	job := &v1beta1.PhJob{
		ObjectMeta: metav1.ObjectMeta{Namespace: s.Namespace, Name: name, Labels: map[string]string{LabelPhSchedule: s.Name}},
		Spec:       *s.Spec.JobTemplate.Spec.DeepCopy(),
	}
	job.Spec.Cancel = false
	if err := controllerutil.SetOwnerReference(s, job, scheme); err != nil {
		return nil, err
	}
	return job, nil
}

func finished(phase v1beta1.PhJobPhase) bool {
	return phase == v1beta1.PhJobSucceeded || phase == v1beta1.PhJobFailed || phase == v1beta1.PhJobCancelled
}

func setCondition(status *v1beta1.PhScheduleStatus, generation int64, s metav1.ConditionStatus, reason, message string) {
	meta.SetStatusCondition(&status.Conditions, metav1.Condition{Type: "Scheduled", Status: s, Reason: reason, Message: message, ObservedGeneration: generation})
}

// setStatus writes status when it changed, so an idle reconcile writes nothing.
func (r *Reconciler) setStatus(ctx context.Context, s *v1beta1.PhSchedule, status *v1beta1.PhScheduleStatus) error {
	status.ObservedGeneration = s.Generation
	if equality.Semantic.DeepEqual(&s.Status, status) {
		return nil
	}
	before := s.DeepCopy()
	s.Status = *status
	return controller.PatchStatus(ctx, r.Client, s, before)
}

func (r *Reconciler) event(s *v1beta1.PhSchedule, eventType, reason, format string, args ...any) {
	if r.Recorder != nil {
		r.Recorder.Eventf(s, nil, eventType, reason, reason, format, args...)
	}
}

package framework

import (
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/primehub/primehub/api/v1beta1"
)

// PhJobWrapper builds a PhJob for tests.
type PhJobWrapper struct{ v1beta1.PhJob }

// MakePhJob starts a valid job of user alice in group team, with instance type cpu-1 and
// image base-notebook, running `echo hello`.
func MakePhJob(name string) *PhJobWrapper {
	return &PhJobWrapper{v1beta1.PhJob{
		ObjectMeta: metav1.ObjectMeta{Name: name},
		Spec: v1beta1.PhJobSpec{
			User:         "alice",
			Group:        "team",
			InstanceType: "cpu-1",
			Image:        "base-notebook",
			Command:      "echo hello",
		},
	}}
}

// Obj returns the job built.
func (w *PhJobWrapper) Obj() *v1beta1.PhJob { return &w.PhJob }

// Namespace sets the namespace.
func (w *PhJobWrapper) Namespace(ns string) *PhJobWrapper {
	w.ObjectMeta.Namespace = ns
	return w
}

// DisplayName sets the name shown to users.
func (w *PhJobWrapper) DisplayName(name string) *PhJobWrapper {
	w.Spec.DisplayName = name
	return w
}

// User sets the owner's username.
func (w *PhJobWrapper) User(username string) *PhJobWrapper {
	w.Spec.User = username
	return w
}

// Group sets the group the job runs in.
func (w *PhJobWrapper) Group(name string) *PhJobWrapper {
	w.Spec.Group = name
	return w
}

// InstanceType sets the instance type's name.
func (w *PhJobWrapper) InstanceType(name string) *PhJobWrapper {
	w.Spec.InstanceType = name
	return w
}

// Image sets the image's name.
func (w *PhJobWrapper) Image(name string) *PhJobWrapper {
	w.Spec.Image = name
	return w
}

// Command sets the shell script run.
func (w *PhJobWrapper) Command(script string) *PhJobWrapper {
	w.Spec.Command = script
	return w
}

// ActiveDeadlineSeconds sets how long the job may run.
func (w *PhJobWrapper) ActiveDeadlineSeconds(s int64) *PhJobWrapper {
	w.Spec.ActiveDeadlineSeconds = &s
	return w
}

// TTLSecondsAfterFinished sets how long the finished job is kept.
func (w *PhJobWrapper) TTLSecondsAfterFinished(s int32) *PhJobWrapper {
	w.Spec.TTLSecondsAfterFinished = &s
	return w
}

// RequeueLimit sets how many times a lost job is started again.
func (w *PhJobWrapper) RequeueLimit(n int32) *PhJobWrapper {
	w.Spec.RequeueLimit = &n
	return w
}

// Cancel cancels the job.
func (w *PhJobWrapper) Cancel() *PhJobWrapper {
	w.Spec.Cancel = true
	return w
}

// PhScheduleWrapper builds a PhSchedule for tests.
type PhScheduleWrapper struct{ v1beta1.PhSchedule }

// MakePhSchedule starts a valid, inactive schedule of MakePhJob's job.
func MakePhSchedule(name string) *PhScheduleWrapper {
	return &PhScheduleWrapper{v1beta1.PhSchedule{
		ObjectMeta: metav1.ObjectMeta{Name: name},
		Spec: v1beta1.PhScheduleSpec{
			JobTemplate: v1beta1.PhJobTemplate{Spec: MakePhJob("").Obj().Spec},
		},
	}}
}

// Obj returns the schedule built.
func (w *PhScheduleWrapper) Obj() *v1beta1.PhSchedule { return &w.PhSchedule }

// Namespace sets the namespace.
func (w *PhScheduleWrapper) Namespace(ns string) *PhScheduleWrapper {
	w.ObjectMeta.Namespace = ns
	return w
}

// Recurrence sets when the job is submitted; cron matters for custom only.
func (w *PhScheduleWrapper) Recurrence(t v1beta1.RecurrenceType, cron string) *PhScheduleWrapper {
	w.Spec.Recurrence = v1beta1.Recurrence{Type: t, Cron: cron}
	return w
}

// JobSpec sets the job submitted, for example MakePhJob("").Command("train.sh").Obj().Spec.
func (w *PhScheduleWrapper) JobSpec(spec v1beta1.PhJobSpec) *PhScheduleWrapper {
	w.Spec.JobTemplate.Spec = spec
	return w
}

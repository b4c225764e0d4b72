package v1beta1

import (
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// RecurrenceType says how often a schedule submits its job.
// +kubebuilder:validation:Enum=inactive;daily;weekly;monthly;custom
type RecurrenceType string

const (
	// RecurrenceInactive never submits: the schedule is paused.
	RecurrenceInactive RecurrenceType = "inactive"
	// RecurrenceDaily submits once a day.
	RecurrenceDaily RecurrenceType = "daily"
	// RecurrenceWeekly submits once a week.
	RecurrenceWeekly RecurrenceType = "weekly"
	// RecurrenceMonthly submits once a month.
	RecurrenceMonthly RecurrenceType = "monthly"
	// RecurrenceCustom submits on the cron expression in recurrence.cron.
	RecurrenceCustom RecurrenceType = "custom"
)

// Recurrence is when a schedule submits its job.
// +kubebuilder:validation:XValidation:rule="!has(self.type) || self.type != 'custom' || (has(self.cron) && size(self.cron) > 0)",message="cron is required when type is custom",fieldPath=".cron",reason=FieldValueRequired
type Recurrence struct {
	// Type says how often the job is submitted; inactive pauses the schedule.
	// +optional
	// +kubebuilder:default=inactive
	Type RecurrenceType `json:"type,omitempty"`

	// Cron is a five-field cron expression, such as "0 4 * * 1-5", used when type is custom.
	// +optional
	// +kubebuilder:validation:MaxLength=256
	Cron string `json:"cron,omitempty"`
}

// PhJobTemplate is the job a schedule submits each time.
type PhJobTemplate struct {
	// Spec is the spec of every job submitted.
	// +required
	Spec PhJobSpec `json:"spec"`
}

// ConcurrencyPolicy says whether a schedule submits a job while its last one still runs.
// +kubebuilder:validation:Enum=Allow;Forbid
type ConcurrencyPolicy string

const (
	// ConcurrencyAllow submits on every recurrence.
	ConcurrencyAllow ConcurrencyPolicy = "Allow"
	// ConcurrencyForbid skips a recurrence while the job submitted last has not finished.
	ConcurrencyForbid ConcurrencyPolicy = "Forbid"
)

// PhScheduleSpec is a job to submit again and again.
type PhScheduleSpec struct {
	// Recurrence is when the job is submitted.
	// +optional
	// +kubebuilder:default={}
	Recurrence Recurrence `json:"recurrence,omitempty"`

	// ConcurrencyPolicy Forbid skips a recurrence while the last job submitted still runs.
	// +optional
	// +kubebuilder:default=Allow
	ConcurrencyPolicy ConcurrencyPolicy `json:"concurrencyPolicy,omitempty"`

	// JobTemplate is the job submitted each time.
	// +required
	JobTemplate PhJobTemplate `json:"jobTemplate"`
}

// PhScheduleStatus is what the controller observed of a schedule.
type PhScheduleStatus struct {
	// CommonStatus holds observedGeneration and conditions.
	CommonStatus `json:",inline"`

	// NextRunTime is when the next job will be submitted; empty while inactive.
	// +optional
	NextRunTime *metav1.Time `json:"nextRunTime,omitempty"`

	// LastRunTime is when the last job was submitted.
	// +optional
	LastRunTime *metav1.Time `json:"lastRunTime,omitempty"`

	// LastJobName names the PhJob submitted last.
	// +optional
	LastJobName string `json:"lastJobName,omitempty"`
}

// PhSchedule submits a PhJob on a recurrence. Its name is at most 52 characters, as a
// CronJob's is, so that the names of the jobs it submits (name plus a suffix) still fit in 63.
//
// +kubebuilder:object:root=true
// +kubebuilder:subresource:status
// +kubebuilder:resource:scope=Namespaced,shortName=phs,categories=primehub
// +kubebuilder:printcolumn:name="Recurrence",type=string,JSONPath=`.spec.recurrence.type`
// +kubebuilder:printcolumn:name="Cron",type=string,JSONPath=`.spec.recurrence.cron`,priority=1
// +kubebuilder:printcolumn:name="Next Run",type=date,JSONPath=`.status.nextRunTime`
// +kubebuilder:printcolumn:name="Last Job",type=string,JSONPath=`.status.lastJobName`
// +kubebuilder:printcolumn:name="Age",type=date,JSONPath=`.metadata.creationTimestamp`
// +kubebuilder:validation:XValidation:rule="self.metadata.name.matches('^[a-z0-9]([-a-z0-9]*[a-z0-9])?$') && size(self.metadata.name) <= 52",message="metadata.name must be at most 52 lowercase letters, digits or '-', starting and ending with a letter or digit",fieldPath=".metadata",reason=FieldValueInvalid
type PhSchedule struct {
	// TypeMeta holds the kind and apiVersion.
	metav1.TypeMeta `json:",inline"`
	// ObjectMeta is the standard object metadata; the name prefixes the jobs' names.
	// +optional
	metav1.ObjectMeta `json:"metadata,omitempty"`

	// Spec is the job and its recurrence.
	// +required
	Spec PhScheduleSpec `json:"spec"`

	// Status is what the controller observed.
	// +optional
	Status PhScheduleStatus `json:"status,omitempty"`
}

// PhScheduleList is a list of PhSchedules.
//
// +kubebuilder:object:root=true
type PhScheduleList struct {
	// TypeMeta holds the kind and apiVersion.
	metav1.TypeMeta `json:",inline"`
	// ListMeta is the standard list metadata.
	metav1.ListMeta `json:"metadata,omitempty"`
	// Items are the schedules.
	Items []PhSchedule `json:"items"`
}

func init() {
	SchemeBuilder.Register(&PhSchedule{}, &PhScheduleList{})
}

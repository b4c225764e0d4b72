package v1beta1

import (
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// PhJobPhase is where a job is in its life.
// +kubebuilder:validation:Enum=Pending;Preparing;Running;Succeeded;Failed;Cancelled
type PhJobPhase string

const (
	// PhJobPending: accepted, waiting to start (for example for quota).
	PhJobPending PhJobPhase = "Pending"
	// PhJobPreparing: its pod is created and not running yet (scheduling, pulling).
	PhJobPreparing PhJobPhase = "Preparing"
	// PhJobRunning: the command runs.
	PhJobRunning PhJobPhase = "Running"
	// PhJobSucceeded: the command exited with 0.
	PhJobSucceeded PhJobPhase = "Succeeded"
	// PhJobFailed: the command failed or the job could not run; reason and message say why.
	PhJobFailed PhJobPhase = "Failed"
	// PhJobCancelled: spec.cancel was set before the job finished.
	PhJobCancelled PhJobPhase = "Cancelled"
)

// PhJobSpec is a command a user submitted to run once in a group.
type PhJobSpec struct {
	// DisplayName is the name shown to users.
	// +optional
	// +kubebuilder:validation:MaxLength=256
	DisplayName string `json:"displayName,omitempty"`

	// User is the username of the job's owner, as people write it (User spec.username).
	// It cannot change, and only its user (or an administrator) may create or change the
	// job or the schedule (docs/admission.md).
	// +required
	// +kubebuilder:validation:MinLength=1
	// +kubebuilder:validation:MaxLength=255
	// +kubebuilder:validation:Pattern=`^[a-zA-Z0-9][a-zA-Z0-9._@+-]*$`
	// +kubebuilder:validation:XValidation:rule="self == oldSelf",message="user cannot change"
	User string `json:"user"`

	// Group is the group the job runs in (Group spec.name); it decides the resources the
	// job may use and whose quota it counts against. It cannot change, and the user must be
	// a member of it.
	// +required
	// +kubebuilder:validation:MinLength=1
	// +kubebuilder:validation:MaxLength=63
	// +kubebuilder:validation:Pattern=`^[a-zA-Z0-9]([a-zA-Z0-9_-]*[a-zA-Z0-9])?$`
	// +kubebuilder:validation:XValidation:rule="self == oldSelf",message="group cannot change"
	Group string `json:"group"`

	// InstanceType names the InstanceType (in the platform namespace) giving the job's size.
	// +required
	// +kubebuilder:validation:MinLength=1
	// +kubebuilder:validation:MaxLength=63
	// +kubebuilder:validation:Pattern=`^[a-z0-9]([-a-z0-9]*[a-z0-9])?$`
	InstanceType string `json:"instanceType"`

	// Image names the Image (in the platform namespace) the job runs.
	// +required
	// +kubebuilder:validation:MinLength=1
	// +kubebuilder:validation:MaxLength=63
	// +kubebuilder:validation:Pattern=`^[a-z0-9]([-a-z0-9]*[a-z0-9])?$`
	Image string `json:"image"`

	// Command is the shell script the job runs; the job succeeds when it exits with 0.
	// +required
	// +kubebuilder:validation:MinLength=1
	// +kubebuilder:validation:MaxLength=65536
	Command string `json:"command"`

	// ActiveDeadlineSeconds is how long the job may run before it is stopped and fails;
	// when unset, the group's job default applies.
	// +optional
	// +kubebuilder:validation:Minimum=1
	ActiveDeadlineSeconds *int64 `json:"activeDeadlineSeconds,omitempty"`

	// TTLSecondsAfterFinished is how long a finished job is kept before it is deleted;
	// when unset, the group's job default applies.
	// +optional
	// +kubebuilder:validation:Minimum=0
	TTLSecondsAfterFinished *int32 `json:"ttlSecondsAfterFinished,omitempty"`

	// RequeueLimit is how many times a job whose pod was lost (evicted, its node gone) is
	// started again before it fails; 0 means never.
	// +optional
	// +kubebuilder:validation:Minimum=0
	// +kubebuilder:validation:Maximum=100
	RequeueLimit *int32 `json:"requeueLimit,omitempty"`

	// Cancel stops the job; it ends Cancelled unless it had already finished.
	// +optional
	Cancel bool `json:"cancel,omitempty"`
}

// PhJobStatus is what the controller observed of a job.
type PhJobStatus struct {
	// CommonStatus holds observedGeneration and conditions.
	CommonStatus `json:",inline"`

	// Phase is where the job is in its life.
	// +optional
	Phase PhJobPhase `json:"phase,omitempty"`

	// Reason is a CamelCase word saying why the job is in its phase, such as OverQuota.
	// +optional
	Reason string `json:"reason,omitempty"`

	// Message explains the phase to the user.
	// +optional
	Message string `json:"message,omitempty"`

	// StartTime is when the job's command started running.
	// +optional
	StartTime *metav1.Time `json:"startTime,omitempty"`

	// FinishTime is when the job succeeded, failed or was cancelled.
	// +optional
	FinishTime *metav1.Time `json:"finishTime,omitempty"`

	// PodName names the pod running the job's command, whose logs are the job's logs.
	// +optional
	PodName string `json:"podName,omitempty"`

	// Requeued counts the times the job's pod was lost (evicted, its node gone) and the job
	// queued again; at spec.requeueLimit the next loss fails the job.
	// +optional
	Requeued int32 `json:"requeued,omitempty"`
}

// PhJob is a command that runs once, to completion, in a group with an instance type and an
// image.
//
// +kubebuilder:object:root=true
// +kubebuilder:subresource:status
// +kubebuilder:resource:scope=Namespaced,shortName=phj,categories=primehub
// +kubebuilder:printcolumn:name="User",type=string,JSONPath=`.spec.user`
// +kubebuilder:printcolumn:name="Group",type=string,JSONPath=`.spec.group`
// +kubebuilder:printcolumn:name="Instance Type",type=string,JSONPath=`.spec.instanceType`,priority=1
// +kubebuilder:printcolumn:name="Phase",type=string,JSONPath=`.status.phase`
// +kubebuilder:printcolumn:name="Reason",type=string,JSONPath=`.status.reason`
// +kubebuilder:printcolumn:name="Age",type=date,JSONPath=`.metadata.creationTimestamp`
// +kubebuilder:validation:XValidation:rule="self.metadata.name.matches('^[a-z0-9]([-a-z0-9]*[a-z0-9])?$') && size(self.metadata.name) <= 63",message="metadata.name must be a DNS-1123 label: at most 63 lowercase letters, digits or '-', starting and ending with a letter or digit",fieldPath=".metadata",reason=FieldValueInvalid
type PhJob struct {
	// TypeMeta holds the kind and apiVersion.
	metav1.TypeMeta `json:",inline"`
	// ObjectMeta is the standard object metadata; the name names the job's pod.
	// +optional
	metav1.ObjectMeta `json:"metadata,omitempty"`

	// Spec is what the user submitted.
	// +required
	Spec PhJobSpec `json:"spec"`

	// Status is what the controller observed.
	// +optional
	Status PhJobStatus `json:"status,omitempty"`
}

// PhJobList is a list of PhJobs.
//
// +kubebuilder:object:root=true
type PhJobList struct {
	// TypeMeta holds the kind and apiVersion.
	metav1.TypeMeta `json:",inline"`
	// ListMeta is the standard list metadata.
	metav1.ListMeta `json:"metadata,omitempty"`
	// Items are the jobs.
	Items []PhJob `json:"items"`
}

func init() {
	SchemeBuilder.Register(&PhJob{}, &PhJobList{})
}

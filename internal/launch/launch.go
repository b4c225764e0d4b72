// Package launch is the one launch path: it decides whether a user may launch a notebook,
// a job or a model deployment, where, in which group, with which instance type and image, and what the pod is
// rendered from. GraphQL asks it before it makes anything; the notebook and job
// controllers ask it again before they make a pod, against the directory and catalog as
// they are then; the job scheduler charges quota to the accounts it names. A refusal
// carries one of the named reasons below, which statuses and API errors pass on.
//
// Decide is pure and table-tested; Launcher gathers what it needs from the directory and
// the informer caches.
package launch

import (
	"fmt"

	"github.com/primehub/primehub/api/v1beta1"
)

// Kind is what a launch makes; refusals word it.
type Kind int

// The kinds of launch.
const (
	Notebook Kind = iota
	Job
	// App is an application a group member installs (a PhApplication): its image is its
	// template's, which admins publish, so it names no Image.
	App
	// Deployment is a model deployment: its replicas run in the platform namespace, for a
	// group whose settings allow deployments.
	Deployment
)

// Request is what is asked to launch, by name: for whom, where and with what. An App
// names no Image.
type Request struct {
	Kind Kind
	// User is whose launch it is: the notebook's or job's spec.user.
	User string
	// Namespace is where the pod would run.
	Namespace                  string
	Group, InstanceType, Image string
	// Env are the notebook's or job's own variables, passed on to the pod.
	Env []v1beta1.EnvVar
	// Deployment names the model deployment asking (Kind Deployment), which its group's
	// maxDeploy does not count against itself; Replicas is how many pods it runs, all of
	// which must fit the quotas. For a deployment, Image may also be an image reference.
	Deployment string
	Replicas   int32
}

// The reasons a launch is refused, as statuses carry them.
const (
	ReasonUserNotFound           = "UserNotFound"
	ReasonUserDisabled           = "UserDisabled"
	ReasonNotMember              = "NotMember"
	ReasonNamespaceNotAllowed    = "NamespaceNotAllowed"
	ReasonInstanceTypeNotFound   = "InstanceTypeNotFound"
	ReasonInstanceTypeNotGranted = "InstanceTypeNotGranted"
	ReasonImageNotFound          = "ImageNotFound"
	ReasonImageNotGranted        = "ImageNotGranted"
	ReasonImageMismatch          = "ImageMismatch"
	// ReasonOverQuota: a notebook's instance type alone exceeds the user's or the group's
	// quota.
	ReasonOverQuota = "OverQuota"
	// ReasonExceedsQuota: a job's instance type alone exceeds a quota, so it can never
	// start. (A job waiting for quota that others hold is Pending, reason OverQuota.)
	ReasonExceedsQuota = "ExceedsQuota"
	// ReasonDeploymentsDisabled: the group's settings do not let it deploy models
	// (enabledDeployment).
	ReasonDeploymentsDisabled = "DeploymentsDisabled"
	// ReasonMaxDeploy: the group runs as many deployments as its maxDeploy allows.
	ReasonMaxDeploy = "MaxDeployReached"
	// ReasonInternalError: rendering failed after the checks passed, which is a bug.
	ReasonInternalError = "InternalError"
)

// NeverFits starts the message of a job whose instance type alone exceeds a quota.
const NeverFits = "its instance type alone exceeds the quota, so it can never start: "

// Refusal is why a launch may not go ahead: a reason (above) and a message for the user.
type Refusal struct {
	Reason, Message string
}

func (r *Refusal) Error() string { return r.Message }

func refuse(reason, format string, args ...any) *Refusal {
	return &Refusal{Reason: reason, Message: fmt.Sprintf(format, args...)}
}

// placed says where launches of the kind go, as the refusal to launch in everyone words it.
func (k Kind) placed() string {
	switch k {
	case Job:
		return "jobs run"
	case App:
		return "applications are installed"
	case Deployment:
		return "models are deployed"
	}
	return "notebooks are launched"
}

// plural names the kind in messages.
func (k Kind) plural() string {
	switch k {
	case Job:
		return "jobs"
	case App:
		return "applications"
	case Deployment:
		return "deployments"
	}
	return "notebooks"
}

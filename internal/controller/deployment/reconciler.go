package deployment

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"time"

	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	networkingv1 "k8s.io/api/networking/v1"
	"k8s.io/apimachinery/pkg/api/equality"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	"k8s.io/apimachinery/pkg/api/meta"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/client-go/tools/events"
	"k8s.io/utils/ptr"
	ctrl "sigs.k8s.io/controller-runtime"
	"sigs.k8s.io/controller-runtime/pkg/client"
	"sigs.k8s.io/controller-runtime/pkg/controller/controllerutil"

	"github.com/primehub/primehub/api/v1beta1"
	"github.com/primehub/primehub/internal/controller"
	"github.com/primehub/primehub/internal/controller/notebook"
	"github.com/primehub/primehub/internal/launch"
)

// ReasonNameTaken fails a deployment whose Deployment or Service name another object holds.
const ReasonNameTaken = "NameTaken"

// Reconciler runs model deployments.
type Reconciler struct {
	Client client.Client
	// Launcher decides whether a deployment may run, and what its pods are rendered from.
	Launcher *launch.Launcher
	Recorder events.EventRecorder
	Options  Options
	// Proxies may reach model servers (primehub's pods); each deployment gets a
	// NetworkPolicy admitting only them. Nil makes none.
	Proxies *notebook.Proxies
	// Now is the clock of the history; time.Now when nil.
	Now func() time.Time
}

// SetupWithManager registers the controller: it follows deployments and the Deployments
// and Services they control.
func (r *Reconciler) SetupWithManager(mgr ctrl.Manager) error {
	return ctrl.NewControllerManagedBy(mgr).
		For(&v1beta1.PhDeployment{}).
		Owns(&appsv1.Deployment{}).
		Owns(&corev1.Service{}).
		Owns(&networkingv1.NetworkPolicy{}).
		Complete(r)
}

// Reconcile brings one deployment's Deployment, Service and NetworkPolicy in line with its
// spec.
func (r *Reconciler) Reconcile(ctx context.Context, req ctrl.Request) (ctrl.Result, error) {
	d := &v1beta1.PhDeployment{}
	if err := r.Client.Get(ctx, req.NamespacedName, d); err != nil {
		return ctrl.Result{}, client.IgnoreNotFound(err)
	}
	if !d.DeletionTimestamp.IsZero() {
		return ctrl.Result{}, nil // the Deployment and Service go with it
	}
	dep := &appsv1.Deployment{}
	err := r.Client.Get(ctx, client.ObjectKey{Namespace: d.Namespace, Name: ResourceName(d.Name)}, dep)
	switch {
	case apierrors.IsNotFound(err):
		dep = nil
	case err != nil:
		return ctrl.Result{}, err
	case !metav1.IsControlledBy(dep, d):
		return ctrl.Result{}, r.setStatus(ctx, d, nil, observed{phase: v1beta1.PhDeploymentFailed, reason: ReasonNameTaken,
			message: fmt.Sprintf("a Deployment named %s that is not the deployment's exists in namespace %s", ResourceName(d.Name), d.Namespace)}, false)
	}

	if d.Spec.Stop {
		if dep != nil && ptr.Deref(dep.Spec.Replicas, 1) != 0 {
			if err := r.scale(ctx, dep, 0); err != nil {
				return ctrl.Result{}, err
			}
		}
		return ctrl.Result{}, r.setStatus(ctx, d, dep, progress(d, dep), false)
	}
	// A Deployment made for this spec was allowed when it was made: it runs on whatever
	// happens to membership, grants or settings since.
	if dep != nil && dep.Annotations[annotationGeneration] == strconv.FormatInt(d.Generation, 10) && ptr.Deref(dep.Spec.Replicas, 1) == d.Spec.Replicas {
		if err := r.ensureParts(ctx, d); err != nil {
			return ctrl.Result{}, r.partFailed(ctx, d, dep, err)
		}
		return ctrl.Result{}, r.setStatus(ctx, d, dep, progress(d, dep), true)
	}
	in, refusal, err := r.Launcher.Decide(ctx, launch.Request{Kind: launch.Deployment, User: d.Spec.User, Namespace: d.Namespace,
		Group: d.Spec.Group, InstanceType: d.Spec.InstanceType, Image: d.Spec.ModelImage, Env: d.Spec.Env,
		Deployment: d.Name, Replicas: d.Spec.Replicas})
	if err != nil {
		return ctrl.Result{}, err
	}
	var desired *appsv1.Deployment
	if refusal == nil {
		desired, err = render(d, in, r.Options, d.Spec.Replicas)
		if err != nil {
			refusal = &launch.Refusal{Reason: "InvalidModelURI", Message: err.Error()}
		}
	}
	if refusal != nil {
		// It may not run as it stands: nothing of it runs until its spec changes.
		if dep != nil && ptr.Deref(dep.Spec.Replicas, 1) != 0 {
			if err := r.scale(ctx, dep, 0); err != nil {
				return ctrl.Result{}, err
			}
		}
		return ctrl.Result{}, r.setStatus(ctx, d, dep, observed{phase: v1beta1.PhDeploymentFailed, reason: refusal.Reason, message: refusal.Message}, false)
	}
	desired.Annotations[annotationGeneration] = strconv.FormatInt(d.Generation, 10)
	if err := controllerutil.SetControllerReference(d, desired, r.Client.Scheme()); err != nil {
		return ctrl.Result{}, err
	}
	if err := r.ensureParts(ctx, d); err != nil {
		return ctrl.Result{}, r.partFailed(ctx, d, dep, err)
	}
	changed, err := controller.Ensure(ctx, r.Client, desired, sameDeployment)
	if err != nil {
		return ctrl.Result{}, r.partFailed(ctx, d, dep, err)
	}
	if changed {
		// What the cache shows of the Deployment is of before the change: the rollout has
		// only begun.
		r.event(d, corev1.EventTypeNormal, "Deploying", "deploying %s with %d replicas", d.Spec.ModelImage, d.Spec.Replicas)
		return ctrl.Result{}, r.setStatus(ctx, d, dep, observed{phase: v1beta1.PhDeploymentDeploying, reason: "RollingOut",
			message: fmt.Sprintf("rolling out %d replicas", d.Spec.Replicas)}, true)
	}
	return ctrl.Result{}, r.setStatus(ctx, d, dep, progress(d, dep), true)
}

// scale sets the replicas of the deployment's Deployment; its template stays, so start
// brings back the same pods.
func (r *Reconciler) scale(ctx context.Context, dep *appsv1.Deployment, replicas int32) error {
	patch := client.MergeFrom(dep.DeepCopy())
	dep.Spec.Replicas = ptr.To(replicas)
	if err := r.Client.Patch(ctx, dep, patch); err != nil {
		return fmt.Errorf("scale %s to %d: %w", dep.Name, replicas, err)
	}
	return nil
}

// ensureParts makes what the deployment's pods need besides the Deployment: its Service and
// its NetworkPolicy.
func (r *Reconciler) ensureParts(ctx context.Context, d *v1beta1.PhDeployment) error {
	svc := service(d)
	if err := controllerutil.SetControllerReference(d, svc, r.Client.Scheme()); err != nil {
		return err
	}
	if _, err := controller.Ensure(ctx, r.Client, svc, sameService); err != nil {
		return err
	}
	if r.Proxies == nil {
		return nil
	}
	np := networkPolicy(d, *r.Proxies)
	if err := controllerutil.SetControllerReference(d, np, r.Client.Scheme()); err != nil {
		return err
	}
	_, err := controller.Ensure(ctx, r.Client, np, func(d, e *networkingv1.NetworkPolicy) bool {
		return equality.Semantic.DeepEqual(d.Spec, e.Spec)
	})
	return err
}

// partFailed fails the deployment when another object holds the name of its Deployment,
// Service or NetworkPolicy, and retries other errors.
func (r *Reconciler) partFailed(ctx context.Context, d *v1beta1.PhDeployment, dep *appsv1.Deployment, err error) error {
	if !errors.Is(err, controller.ErrNotControlled) {
		return err
	}
	return r.setStatus(ctx, d, dep, observed{phase: v1beta1.PhDeploymentFailed, reason: ReasonNameTaken,
		message: fmt.Sprintf("%v in namespace %s", err, d.Namespace)}, false)
}

// setStatus writes the status only when it changes, so an idle reconcile writes nothing.
// running adds the current model to the history.
func (r *Reconciler) setStatus(ctx context.Context, d *v1beta1.PhDeployment, dep *appsv1.Deployment, o observed, running bool) error {
	before := d.DeepCopy()
	s := &d.Status
	s.Phase, s.Reason, s.Message = o.phase, o.reason, o.message
	s.Replicas, s.AvailableReplicas = o.replicas, o.available
	if dep != nil && o.phase != v1beta1.PhDeploymentFailed {
		s.Replicas, s.AvailableReplicas = dep.Status.Replicas, dep.Status.AvailableReplicas
	}
	s.Endpoint = Endpoint(d.Name)
	s.ObservedGeneration = d.Generation
	if running {
		now := time.Now
		if r.Now != nil {
			now = r.Now
		}
		s.History = nextHistory(s.History, d.Spec.PhDeploymentModel, author(d), metav1.NewTime(now().Truncate(time.Second)))
	}
	ready := metav1.ConditionFalse
	if o.phase == v1beta1.PhDeploymentDeployed {
		ready = metav1.ConditionTrue
	}
	meta.SetStatusCondition(&s.Conditions, metav1.Condition{Type: "Ready", Status: ready, Reason: o.reason, Message: o.message, ObservedGeneration: d.Generation})
	if equality.Semantic.DeepEqual(before.Status, d.Status) {
		return nil
	}
	if err := controller.PatchStatus(ctx, r.Client, d, before); err != nil {
		return err
	}
	if before.Status.Phase != o.phase || before.Status.Reason != o.reason {
		eventType := corev1.EventTypeNormal
		if o.phase == v1beta1.PhDeploymentFailed {
			eventType = corev1.EventTypeWarning
		}
		r.event(d, eventType, o.reason, "%s", o.message)
	}
	return nil
}

func (r *Reconciler) event(d *v1beta1.PhDeployment, eventType, reason, format string, args ...any) {
	if r.Recorder != nil {
		r.Recorder.Eventf(d, nil, eventType, reason, "Reconcile", format, args...)
	}
}

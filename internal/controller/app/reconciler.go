package app

import (
	"context"
	"errors"
	"fmt"
	"time"

	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	networkingv1 "k8s.io/api/networking/v1"
	"k8s.io/apimachinery/pkg/api/equality"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	"k8s.io/apimachinery/pkg/api/meta"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/client-go/tools/events"
	ctrl "sigs.k8s.io/controller-runtime"
	"sigs.k8s.io/controller-runtime/pkg/client"
	"sigs.k8s.io/controller-runtime/pkg/controller/controllerutil"

	"github.com/primehub/primehub/api/v1beta1"
	"github.com/primehub/primehub/internal/controller"
	"github.com/primehub/primehub/internal/launch"
)

// Reasons an application is in error besides the launch path's.
const (
	ReasonTemplateNotFound = "TemplateNotFound"
	ReasonNameTaken        = "NameTaken"
)

// refusedRecheck is how soon a refused application is decided again: what refused it
// (membership, grants, the template) changes outside it, with no event of its own.
const refusedRecheck = time.Minute

// Reconciler runs applications.
type Reconciler struct {
	Client client.Client
	// Launcher decides whether the installer may run the app in its group, on its
	// instance type, within quota.
	Launcher *launch.Launcher
	Platform Platform
	Recorder events.EventRecorder
}

// SetupWithManager registers the controller: it follows applications and what they own.
func (r *Reconciler) SetupWithManager(mgr ctrl.Manager) error {
	return ctrl.NewControllerManagedBy(mgr).
		For(&v1beta1.PhApplication{}).
		Owns(&appsv1.Deployment{}).
		Owns(&corev1.Service{}).
		Owns(&corev1.PersistentVolumeClaim{}).
		Owns(&networkingv1.NetworkPolicy{}).
		Complete(r)
}

// Reconcile brings one application's objects in line with its spec. The launch path
// decides it at every reconcile: an installer who left the group, or an instance type no
// longer granted, scales the app to zero (its objects and volume stay).
func (r *Reconciler) Reconcile(ctx context.Context, req ctrl.Request) (ctrl.Result, error) {
	app := &v1beta1.PhApplication{}
	if err := r.Client.Get(ctx, req.NamespacedName, app); err != nil {
		return ctrl.Result{}, client.IgnoreNotFound(err)
	}
	if !app.DeletionTimestamp.IsZero() {
		return ctrl.Result{}, nil // everything it owns goes with it
	}
	tmpl := &v1beta1.PhAppTemplate{}
	if err := r.Client.Get(ctx, client.ObjectKey{Namespace: app.Namespace, Name: app.Spec.Template}, tmpl); err != nil {
		if !apierrors.IsNotFound(err) {
			return ctrl.Result{}, err
		}
		return ctrl.Result{RequeueAfter: refusedRecheck}, r.refused(ctx, app, ReasonTemplateNotFound, fmt.Sprintf("app template %s does not exist", app.Spec.Template))
	}
	in, refusal, err := r.Launcher.Decide(ctx, launch.Request{Kind: launch.App, User: app.Spec.User, Namespace: app.Namespace,
		Group: app.Spec.Group, InstanceType: app.Spec.InstanceType, Env: app.Spec.Env})
	if err != nil {
		return ctrl.Result{}, err
	}
	if refusal != nil {
		return ctrl.Result{RequeueAfter: refusedRecheck}, r.refused(ctx, app, refusal.Reason, refusal.Message)
	}
	d := Plan(app, tmpl, in, r.Platform)
	if err := r.ensure(ctx, app, d); err != nil {
		var taken *takenError
		if errors.As(err, &taken) {
			return ctrl.Result{}, r.setStatus(ctx, app, v1beta1.PhAppError, ReasonNameTaken, taken.Error())
		}
		return ctrl.Result{}, err
	}
	dep := &appsv1.Deployment{}
	if err := r.Client.Get(ctx, client.ObjectKeyFromObject(d.Deployment), dep); err != nil {
		return ctrl.Result{}, client.IgnoreNotFound(err) // the cache is behind; the Deployment's event brings us back
	}
	phase, reason, message := Phase(app, dep)
	return ctrl.Result{}, r.setStatus(ctx, app, phase, reason, message)
}

// ensure makes the application's objects as desired, owned by it, writing only what
// differs. An object of the same name that the application does not control is left alone.
func (r *Reconciler) ensure(ctx context.Context, app *v1beta1.PhApplication, d Desired) error {
	objs := []client.Object{d.Service, d.NetworkPolicy, d.Deployment}
	if d.Volume != nil {
		objs = append([]client.Object{d.Volume}, objs...)
	}
	for _, obj := range objs {
		if err := controllerutil.SetControllerReference(app, obj, r.Client.Scheme()); err != nil {
			return err
		}
	}
	if d.Volume != nil {
		if err := r.ensureClaim(ctx, app, d.Volume); err != nil {
			return err
		}
	}
	if _, err := controller.Ensure(ctx, r.Client, d.Service, func(d, e *corev1.Service) bool {
		return e.Spec.ClusterIP == corev1.ClusterIPNone && equality.Semantic.DeepEqual(d.Spec.Selector, e.Spec.Selector) &&
			equality.Semantic.DeepEqual(d.Spec.Ports, e.Spec.Ports)
	}); err != nil {
		return taken(err, "service", d.Service.Name)
	}
	if _, err := controller.Ensure(ctx, r.Client, d.NetworkPolicy, func(d, e *networkingv1.NetworkPolicy) bool {
		return equality.Semantic.DeepEqual(d.Spec, e.Spec)
	}); err != nil {
		return taken(err, "network policy", d.NetworkPolicy.Name)
	}
	// The spec hash (an annotation, which Ensure compares) stands for the pod template.
	changed, err := controller.Ensure(ctx, r.Client, d.Deployment, func(d, e *appsv1.Deployment) bool {
		return e.Spec.Replicas != nil && *e.Spec.Replicas == *d.Spec.Replicas
	})
	if err != nil {
		return taken(err, "deployment", d.Deployment.Name)
	}
	if changed {
		r.event(app, corev1.EventTypeNormal, "Applied", "deployment %s: %d replica(s)", d.Deployment.Name, *d.Deployment.Spec.Replicas)
	}
	return nil
}

// ensureClaim makes the application's volume claim when it is missing: a claim's spec is
// fixed once bound, so it is made, never changed.
func (r *Reconciler) ensureClaim(ctx context.Context, app *v1beta1.PhApplication, pvc *corev1.PersistentVolumeClaim) error {
	existing := &corev1.PersistentVolumeClaim{}
	err := r.Client.Get(ctx, client.ObjectKeyFromObject(pvc), existing)
	switch {
	case err == nil && !metav1.IsControlledBy(existing, app):
		return &takenError{kind: "volume claim", name: pvc.Name}
	case err == nil:
		return nil
	case !apierrors.IsNotFound(err):
		return err
	}
	if err := r.Client.Create(ctx, pvc); err != nil && !apierrors.IsAlreadyExists(err) {
		return fmt.Errorf("create claim %s: %w", pvc.Name, err)
	}
	return nil
}

// takenError says which of the application's objects another object holds the name of.
type takenError struct{ kind, name string }

func (e *takenError) Error() string {
	return fmt.Sprintf("a %s named %s that is not the application's exists", e.kind, e.name)
}

func taken(err error, kind, name string) error {
	if errors.Is(err, controller.ErrNotControlled) {
		return &takenError{kind: kind, name: name}
	}
	return err
}

// refused scales a running application the launch path no longer lets run to zero, and
// says why.
func (r *Reconciler) refused(ctx context.Context, app *v1beta1.PhApplication, reason, message string) error {
	dep := &appsv1.Deployment{}
	err := r.Client.Get(ctx, client.ObjectKey{Namespace: app.Namespace, Name: ResourceName(app.Name)}, dep)
	if client.IgnoreNotFound(err) != nil {
		return err
	}
	if err == nil && metav1.IsControlledBy(dep, app) && (dep.Spec.Replicas == nil || *dep.Spec.Replicas != 0) {
		patch := client.MergeFrom(dep.DeepCopy())
		dep.Spec.Replicas = new(int32)
		if err := r.Client.Patch(ctx, dep, patch); err != nil {
			return fmt.Errorf("scale %s to zero: %w", dep.Name, err)
		}
	}
	if app.Status.Reason != reason || app.Status.Message != message {
		r.event(app, corev1.EventTypeWarning, reason, "%s", message)
	}
	return r.setStatus(ctx, app, v1beta1.PhAppError, reason, message)
}

// setStatus writes the status only when it changes, so an idle reconcile writes nothing.
func (r *Reconciler) setStatus(ctx context.Context, app *v1beta1.PhApplication, phase v1beta1.PhApplicationPhase, reason, message string) error {
	before := app.DeepCopy()
	app.Status.Phase, app.Status.Reason, app.Status.Message = phase, reason, message
	app.Status.ServiceName = ResourceName(app.Name)
	app.Status.ObservedGeneration = app.Generation
	ready := metav1.ConditionFalse
	if phase == v1beta1.PhAppReady {
		ready = metav1.ConditionTrue
	}
	meta.SetStatusCondition(&app.Status.Conditions, metav1.Condition{Type: "Ready", Status: ready, Reason: reason, Message: message, ObservedGeneration: app.Generation})
	if equality.Semantic.DeepEqual(before.Status, app.Status) {
		return nil
	}
	if err := controller.PatchStatus(ctx, r.Client, app, before); err != nil {
		return err
	}
	if before.Status.Phase != phase && phase != v1beta1.PhAppError {
		r.event(app, corev1.EventTypeNormal, string(phase), "%s", message)
	}
	return nil
}

func (r *Reconciler) event(app *v1beta1.PhApplication, eventType, reason, format string, args ...any) {
	if r.Recorder != nil {
		r.Recorder.Eventf(app, nil, eventType, reason, reason, format, args...)
	}
}

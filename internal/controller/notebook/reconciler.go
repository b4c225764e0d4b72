package notebook

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	corev1 "k8s.io/api/core/v1"
	networkingv1 "k8s.io/api/networking/v1"
	"k8s.io/apimachinery/pkg/api/equality"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	"k8s.io/apimachinery/pkg/api/meta"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/client-go/tools/events"
	ctrl "sigs.k8s.io/controller-runtime"
	"sigs.k8s.io/controller-runtime/pkg/builder"
	"sigs.k8s.io/controller-runtime/pkg/client"
	crcontroller "sigs.k8s.io/controller-runtime/pkg/controller"
	"sigs.k8s.io/controller-runtime/pkg/controller/controllerutil"
	"sigs.k8s.io/controller-runtime/pkg/event"
	"sigs.k8s.io/controller-runtime/pkg/handler"
	"sigs.k8s.io/controller-runtime/pkg/log"
	"sigs.k8s.io/controller-runtime/pkg/predicate"
	"sigs.k8s.io/controller-runtime/pkg/reconcile"

	"github.com/primehub/primehub/api/v1beta1"
	"github.com/primehub/primehub/internal/controller"
	"github.com/primehub/primehub/internal/launch"
	"github.com/primehub/primehub/internal/names"
	"github.com/primehub/primehub/internal/quota"
	"github.com/primehub/primehub/internal/spawn"
)

const (
	// LabelNotebook marks a notebook's pod with the notebook's name.
	LabelNotebook = "primehub.io/notebook"
	// annotationGeneration is the notebook generation a pod was made for; a pod of an
	// older spec is replaced. Changes outside the notebook (grants, settings) reach it at
	// its next start, never by restarting it under its user.
	annotationGeneration = "primehub.io/notebook-generation"
	// ReasonNameTaken fails a notebook whose pod name another pod holds.
	ReasonNameTaken = "NameTaken"
	// Port is where the notebook server listens in its pod.
	Port = 8888
	// AnnotationLastActivity is when the notebook was last used through the proxy
	// (RFC 3339), other than by reads of its API; idle culling counts from it too.
	AnnotationLastActivity = "primehub.io/last-activity"
)

// DefaultWorkers is serve's number of notebooks reconciled at once. A new notebook's
// reconcile waits on two writes in a row (its token Secret, then its pod through the
// admission webhooks), so the workers bound how many pods are in the making: at 16, a
// burst of notebooks waited in the queue for seconds where the same writes made by 50
// clients did not (docs/benchmarks.md, notebooks). A worker is a goroutine.
const DefaultWorkers = 50

// Reconciler runs notebooks.
type Reconciler struct {
	Client client.Client
	// Launcher decides whether a notebook may launch, and what its pod is rendered from.
	Launcher *launch.Launcher
	Recorder events.EventRecorder
	// Tokens makes the notebooks' tokens.
	Tokens *Tokens
	// Proxies may reach notebook servers; each namespace with notebooks gets a NetworkPolicy
	// admitting only them to its notebook pods. Nil makes none.
	Proxies *Proxies
	// CullAfter stops a running notebook left idle this long (cull); zero never does.
	CullAfter time.Duration
	// HTTPClient asks notebook servers for their activity; http.DefaultClient when nil.
	HTTPClient *http.Client
	// Workers is how many notebooks are reconciled at once (serve: DefaultWorkers); 1 when
	// zero.
	Workers int
}

// SetupWithManager registers the controller: it follows notebooks and the pods they
// control, whose changes go ahead in the queue, and the namespaces' notebook network
// policies.
func (r *Reconciler) SetupWithManager(mgr ctrl.Manager) error {
	return ctrl.NewControllerManagedBy(mgr).
		WithOptions(crcontroller.Options{MaxConcurrentReconciles: max(r.Workers, 1)}).
		// Not the controller's own status writes: each comes from a reconcile that acted
		// on what it reports, and one more would race the pod it just made.
		For(&v1beta1.Notebook{}, builder.WithPredicates(predicate.Or(predicate.GenerationChangedPredicate{},
			predicate.AnnotationChangedPredicate{}, predicate.LabelChangedPredicate{}))).
		Watches(&corev1.Pod{}, ahead{handler.EnqueueRequestForOwner(mgr.GetScheme(), mgr.GetRESTMapper(), &v1beta1.Notebook{}, handler.OnlyControllerOwner())}).
		// Not its creation: the reconcile that made it goes on to make the pod, and one
		// more would find the cache without it. A change or deletion is put back.
		Watches(&networkingv1.NetworkPolicy{}, handler.EnqueueRequestsFromMapFunc(r.policyKeeper),
			builder.WithPredicates(notCreated, predicate.NewPredicateFuncs(func(o client.Object) bool { return o.GetName() == PolicyName }))).
		Complete(r)
}

// notCreated passes every event but an object's creation.
var notCreated = predicate.Funcs{CreateFunc: func(event.CreateEvent) bool { return false }}

// policyKeeper names one notebook of the policy's namespace whose reconcile ensures the
// policy: one is enough, as the policy is the namespace's, and one that may run (not
// stopped, not failed at its spec) reaches ensureNetworkPolicy.
func (r *Reconciler) policyKeeper(ctx context.Context, o client.Object) []reconcile.Request {
	list := &v1beta1.NotebookList{}
	if err := r.Client.List(ctx, list, client.InNamespace(o.GetNamespace())); err != nil {
		log.FromContext(ctx).Error(err, "list notebooks for their network policy", "namespace", o.GetNamespace())
		return nil
	}
	for i := range list.Items {
		nb := &list.Items[i]
		failed := nb.Status.Phase == v1beta1.NotebookFailed && nb.Status.ObservedGeneration == nb.Generation
		if nb.DeletionTimestamp.IsZero() && !nb.Spec.Stopped && !failed {
			return []reconcile.Request{{NamespacedName: client.ObjectKeyFromObject(nb)}}
		}
	}
	return nil
}

// ResourceName names a notebook's pod: a DNS label starting with a letter, as it has
// always been (when a Service of that name went with it).
func ResourceName(notebook string) string { return names.Label("notebook-" + notebook) }

// Reconcile brings one notebook's pod in line with its spec.
func (r *Reconciler) Reconcile(ctx context.Context, req ctrl.Request) (ctrl.Result, error) {
	nb := &v1beta1.Notebook{}
	if err := r.Client.Get(ctx, req.NamespacedName, nb); err != nil {
		return ctrl.Result{}, client.IgnoreNotFound(err)
	}
	if !nb.DeletionTimestamp.IsZero() {
		return ctrl.Result{}, nil // the pod and token go with it; the volumes stay
	}
	pod := &corev1.Pod{}
	err := r.Client.Get(ctx, client.ObjectKey{Namespace: nb.Namespace, Name: ResourceName(nb.Name)}, pod)
	taken := err == nil && !metav1.IsControlledBy(pod, nb)
	if apierrors.IsNotFound(err) || taken {
		// A pod with the notebook's name that the notebook does not control is someone
		// else's: it is never adopted, reported, proxied or deleted.
		pod = nil
	} else if err != nil {
		return ctrl.Result{}, err
	}

	if nb.Spec.Stopped {
		return ctrl.Result{}, r.stop(ctx, nb, pod)
	}
	if taken {
		return ctrl.Result{}, r.failed(ctx, nb, nil, ReasonNameTaken,
			fmt.Sprintf("a pod named %s that is not the notebook's exists in namespace %s", ResourceName(nb.Name), nb.Namespace))
	}
	// A failure stands until the spec changes (a stop and start, another instance type).
	if nb.Status.Phase == v1beta1.NotebookFailed && nb.Status.ObservedGeneration == nb.Generation {
		return ctrl.Result{}, r.removeFailed(ctx, nb, pod)
	}

	// A pod made for this spec was allowed when it launched: it runs on whatever happens
	// to membership, grants, quotas or settings since, so there is nothing to plan.
	if pod != nil && pod.Annotations[annotationGeneration] == strconv.FormatInt(nb.Generation, 10) {
		if err := r.ensureNetworkPolicy(ctx, nb.Namespace); err != nil {
			return ctrl.Result{}, err
		}
		return r.follow(ctx, nb, pod)
	}
	desired, in, refusal, err := r.plan(ctx, nb)
	if err != nil {
		return ctrl.Result{}, err
	}
	if refusal != nil {
		return ctrl.Result{}, r.failed(ctx, nb, pod, refusal.Reason, refusal.Message)
	}
	if err := controller.EnsureClaims(ctx, r.Client, nb.Namespace, in); err != nil {
		return ctrl.Result{}, err
	}
	// Before the pod, so its server is never reachable without the policy.
	if err := r.ensureNetworkPolicy(ctx, nb.Namespace); err != nil {
		return ctrl.Result{}, err
	}
	if pod != nil && pod.DeletionTimestamp.IsZero() {
		// Pods cannot change: replace it, and come back when it is gone.
		if err := r.Client.Delete(ctx, pod); client.IgnoreNotFound(err) != nil {
			return ctrl.Result{}, fmt.Errorf("replace pod: %w", err)
		}
		return ctrl.Result{}, r.setStatus(ctx, nb, v1beta1.NotebookPending, "Restarting", "the notebook restarts with its new settings", "")
	}
	if pod == nil {
		// The cached notebook may be behind one that has since stopped, failed, changed or
		// gone: its pod is made all the same, as checking would cost every start a request,
		// and removed once the cache shows why (the stop and the failure above, the
		// replacement of a pod for an older spec; the garbage collector's, through the
		// owner reference, when the notebook is gone).
		if err := r.waiting(ctx, nb); err != nil {
			return ctrl.Result{}, err
		}
		if err := r.ensureToken(ctx, nb); err != nil {
			return ctrl.Result{}, err
		}
		if err := r.Client.Create(ctx, desired); apierrors.IsAlreadyExists(err) {
			// The cache is behind a pod made a moment ago, or another holds the name:
			// either shows soon.
			return ctrl.Result{RequeueAfter: time.Second}, nil
		} else if err != nil {
			return ctrl.Result{}, r.createFailed(ctx, nb, err)
		}
		return ctrl.Result{}, nil
	}
	return r.follow(ctx, nb, pod)
}

// removeFailed deletes the pod of a failed notebook, so it holds no quota and no place in
// the scheduler's queue: when the notebook fails, and later one made by a reconcile whose
// cache had yet to show the failure, which nobody would stop.
func (r *Reconciler) removeFailed(ctx context.Context, nb *v1beta1.Notebook, pod *corev1.Pod) error {
	if pod == nil || !pod.DeletionTimestamp.IsZero() {
		return nil
	}
	if err := r.Client.Delete(ctx, pod); client.IgnoreNotFound(err) != nil {
		return fmt.Errorf("remove the pod of a failed notebook: %w", err)
	}
	log.FromContext(ctx).Info("removed the pod of a failed notebook", "pod", pod.Name)
	return nil
}

// waitingForNode is the message of a notebook whose pod waits for the scheduler.
const waitingForNode = "waiting for a node"

// waiting reports a notebook about to have its pod, or whose pod waits for the scheduler
// with nothing to say. A new notebook's empty phase says so already (GraphQL and the
// console show it Pending), so it is left empty and a start that goes well is written
// once, Running; a notebook that was somewhere else (stopped, failed, restarting) is
// reported Pending.
func (r *Reconciler) waiting(ctx context.Context, nb *v1beta1.Notebook) error {
	if nb.Status.Phase == "" {
		return nil
	}
	return r.setStatus(ctx, nb, v1beta1.NotebookPending, "Scheduling", waitingForNode, "")
}

// plan asks the launch path whether the notebook may launch as it stands and, if so,
// renders its pod. A refusal is reported; an error (the directory or the cache unreadable)
// is retried.
func (r *Reconciler) plan(ctx context.Context, nb *v1beta1.Notebook) (*corev1.Pod, spawn.Input, *launch.Refusal, error) {
	in, refusal, err := r.Launcher.Decide(ctx, launch.Request{Kind: launch.Notebook, User: nb.Spec.User, Namespace: nb.Namespace,
		Group: nb.Spec.Group, InstanceType: nb.Spec.InstanceType, Image: nb.Spec.Image, Env: nb.Spec.Env})
	if err != nil || refusal != nil {
		return nil, in, refusal, err
	}
	pod, err := render(nb, in, r.Tokens.SecretName(nb))
	if err == nil {
		err = controllerutil.SetControllerReference(nb, pod, r.Client.Scheme())
	}
	if err != nil {
		// The launch path refuses whatever rendering does, so this is a bug.
		return nil, in, &launch.Refusal{Reason: launch.ReasonInternalError, Message: err.Error()}, nil
	}
	return pod, in, nil, nil
}

// follow reports the pod's progress, fails fast when no node can take it, and culls a
// notebook left idle.
func (r *Reconciler) follow(ctx context.Context, nb *v1beta1.Notebook, pod *corev1.Pod) (ctrl.Result, error) {
	if !pod.DeletionTimestamp.IsZero() {
		return ctrl.Result{}, r.setStatus(ctx, nb, v1beta1.NotebookPending, "Restarting", "waiting for the previous pod to go", "")
	}
	if pod.Status.Phase == corev1.PodRunning {
		if c := podCondition(pod, corev1.PodReady); c != nil && c.Status == corev1.ConditionTrue {
			if err := r.setStatus(ctx, nb, v1beta1.NotebookRunning, "Running", "the notebook is running", URL(nb)); err != nil {
				return ctrl.Result{}, err
			}
			return r.cull(ctx, nb, pod, c.LastTransitionTime.Time)
		}
	}
	if wait := held(nb, pod, time.Now()); wait > 0 {
		return ctrl.Result{RequeueAfter: wait}, nil
	}
	return ctrl.Result{}, r.progress(ctx, nb, pod)
}

// settleTime is how long a new notebook's pod may take on its node (pulling the image,
// starting the server) before the controller reports it (Starting, ServerStarting). Most
// pods are ready well within it, and a status that lasts less is a write nobody reads; at
// 3 s, a burst of 500 on a busy cluster still wrote it for most notebooks, as its pods
// waited for their nodes' kubelets (docs/benchmarks.md). A person waiting learns nothing
// from Starting in the first seconds that Pending does not say. Before the node, a new
// notebook's empty phase already says it waits (GraphQL shows it Pending); the
// scheduler's reasons for waiting, and failures, are reported at once.
const settleTime = 10 * time.Second

// held tells how much longer a new notebook's steps on its node go unreported: while
// nothing has been reported of it (its phase is empty) and its pod, not ended, was
// scheduled less than settleTime ago.
func held(nb *v1beta1.Notebook, pod *corev1.Pod, now time.Time) time.Duration {
	if nb.Status.Phase != "" || ended(pod) {
		return 0
	}
	c := podCondition(pod, corev1.PodScheduled)
	if c == nil || c.Status != corev1.ConditionTrue {
		return 0 // not on a node yet: waiting and the scheduler's reasons decide
	}
	// At most settleTime, whatever the clocks of this process and the API server say.
	return min(settleTime-now.Sub(c.LastTransitionTime.Time), settleTime)
}

// ended tells whether a pod has run its course.
func ended(pod *corev1.Pod) bool {
	return pod.Status.Phase == corev1.PodSucceeded || pod.Status.Phase == corev1.PodFailed
}

// progress reports a pod that is not running yet, or has ended.
func (r *Reconciler) progress(ctx context.Context, nb *v1beta1.Notebook, pod *corev1.Pod) error {
	switch pod.Status.Phase {
	case corev1.PodPending:
		if c := podCondition(pod, corev1.PodScheduled); c != nil && c.Status == corev1.ConditionFalse && c.Reason == corev1.PodReasonUnschedulable {
			// No node has the cpu, memory or GPUs: waiting would not help. Other reasons
			// (a claim still binding) pass, so the notebook waits and shows why.
			if strings.Contains(c.Message, "Insufficient "+string(quota.GuardResource)) {
				return r.failed(ctx, nb, pod, "NotAdmitted", fmt.Sprintf("the admission webhook did not see the notebook's pod, "+
					"so it may not start; is primehub's webhook server running? (%s)", c.Message))
			}
			if strings.Contains(c.Message, "Insufficient ") {
				return r.failed(ctx, nb, pod, "Unschedulable", c.Message)
			}
			return r.setStatus(ctx, nb, v1beta1.NotebookPending, "Scheduling", c.Message, "")
		}
		if pod.Spec.NodeName == "" {
			return r.waiting(ctx, nb)
		}
		return r.setStatus(ctx, nb, v1beta1.NotebookStarting, "Starting", "starting on node "+pod.Spec.NodeName, "")
	case corev1.PodRunning:
		// Ready comes from the pod's readiness probe: the Jupyter server answers.
		return r.setStatus(ctx, nb, v1beta1.NotebookStarting, "ServerStarting",
			"the pod runs; waiting for its Jupyter server to answer at "+readyPath(nb), "")
	default:
		return r.failed(ctx, nb, pod, "PodFailed", fmt.Sprintf("the notebook's pod ended (%s): %s", pod.Status.Phase, pod.Status.Message))
	}
}

// cull stops a notebook left idle for CullAfter: no kernel busy, and nothing since it
// became ready, neither in the server's own activity (api/status, the kernels) nor in
// proxy traffic that was not a read of the API (an open tab's polling is). Otherwise it
// comes back when the notebook would be due.
func (r *Reconciler) cull(ctx context.Context, nb *v1beta1.Notebook, pod *corev1.Pod, readySince time.Time) (ctrl.Result, error) {
	if r.CullAfter <= 0 {
		return ctrl.Result{}, nil
	}
	last := readySince
	if at, err := time.Parse(time.RFC3339, nb.Annotations[AnnotationLastActivity]); err == nil && at.After(last) {
		last = at
	}
	server, err := r.readActivity(ctx, nb, pod)
	if err != nil {
		// Whether a kernel is busy is unknown: never cull on a guess.
		log.FromContext(ctx).Info("notebook activity unknown; not culled", "error", err.Error())
		return ctrl.Result{RequeueAfter: min(r.CullAfter, cullCheck)}, nil
	}
	if server.last.After(last) {
		last = server.last
	}
	due, later := cullDue(time.Now(), last, server.busy, r.CullAfter)
	if !due {
		return ctrl.Result{RequeueAfter: later}, nil
	}
	patch := client.MergeFrom(nb.DeepCopy())
	nb.Spec.Stopped = true
	if err := r.Client.Patch(ctx, nb, patch); err != nil {
		return ctrl.Result{}, fmt.Errorf("cull: %w", err)
	}
	r.event(nb, corev1.EventTypeNormal, "Culled", "stopped after %s without use (last used %s, no kernel busy)",
		time.Since(last).Round(time.Second), last.UTC().Format(time.RFC3339))
	return ctrl.Result{}, nil
}

// URL is where a running notebook is reached, through the notebook proxy.
func URL(nb *v1beta1.Notebook) string {
	return fmt.Sprintf("/notebook/%s/%s/", nb.Namespace, nb.Name)
}

func (r *Reconciler) stop(ctx context.Context, nb *v1beta1.Notebook, pod *corev1.Pod) error {
	if pod == nil {
		return r.setStatus(ctx, nb, v1beta1.NotebookStopped, "Stopped", "stopped; the files are kept", "")
	}
	if pod.DeletionTimestamp.IsZero() {
		if err := r.Client.Delete(ctx, pod); client.IgnoreNotFound(err) != nil {
			return fmt.Errorf("stop: %w", err)
		}
		r.event(nb, corev1.EventTypeNormal, "Stopping", "deleting pod %s", pod.Name)
	}
	if nb.Status.Phase == v1beta1.NotebookStopped && nb.Status.ObservedGeneration == nb.Generation {
		// A pod made on a cache that had yet to show the stop: the notebook stays Stopped.
		// Stopping and then Stopped again would race the cache, which may not show the
		// first write when the pod is gone, and leave it Stopping.
		return nil
	}
	return r.setStatus(ctx, nb, v1beta1.NotebookStopping, "Stopping", "the notebook is stopping", "")
}

// failed reports why the notebook will not run, a CamelCase reason and a message for its
// user, and removes its pod. The status comes first: a reconcile that read a notebook
// since changed fails there and leaves the pod alone, and one whose delete fails leaves a
// failed notebook, whose pod the next reconcile removes.
func (r *Reconciler) failed(ctx context.Context, nb *v1beta1.Notebook, pod *corev1.Pod, reason, message string) error {
	changed := nb.Status.Phase != v1beta1.NotebookFailed || nb.Status.Message != message
	if err := r.setStatus(ctx, nb, v1beta1.NotebookFailed, reason, message, ""); err != nil {
		return err
	}
	if changed {
		r.event(nb, corev1.EventTypeWarning, reason, "%s", message)
	}
	return r.removeFailed(ctx, nb, pod)
}

// createFailed fails the notebook when admission refused its pod (the quota webhook among
// others) and retries other errors.
func (r *Reconciler) createFailed(ctx context.Context, nb *v1beta1.Notebook, err error) error {
	var status apierrors.APIStatus
	if errors.As(err, &status) {
		s := status.Status()
		if s.Code == http.StatusForbidden || s.Code == http.StatusGone || s.Code == http.StatusUnprocessableEntity {
			reason := "Refused"
			if s.Code == http.StatusGone {
				reason = "OverQuota" // the quota webhook's code, as PrimeHub's
			}
			return r.failed(ctx, nb, nil, reason, s.Message)
		}
	}
	return fmt.Errorf("create pod: %w", err)
}

// setStatus writes the status only when it changes, so an idle reconcile writes nothing,
// with an event when a stop's phase or reason changes. The start path (Pending, Starting,
// Running) records none: its status says where it is, and an event per step would cost
// each notebook more API writes than its pod; what a user must learn from kubectl describe
// (failures, refusals, stops, culls) has its event.
func (r *Reconciler) setStatus(ctx context.Context, nb *v1beta1.Notebook, phase v1beta1.NotebookPhase, reason, message, url string) error {
	before := nb.DeepCopy()
	nb.Status.Phase, nb.Status.Reason, nb.Status.Message, nb.Status.URL = phase, reason, message, url
	nb.Status.ObservedGeneration = nb.Generation
	ready := metav1.ConditionFalse
	if phase == v1beta1.NotebookRunning {
		ready = metav1.ConditionTrue
	}
	meta.SetStatusCondition(&nb.Status.Conditions, metav1.Condition{Type: "Ready", Status: ready, Reason: reason, Message: message, ObservedGeneration: nb.Generation})
	if equality.Semantic.DeepEqual(before.Status, nb.Status) {
		return nil
	}
	if err := controller.PatchStatus(ctx, r.Client, nb, before); err != nil {
		before.DeepCopyInto(nb)
		return err
	}
	switch {
	case phase == v1beta1.NotebookFailed: // failed reports its own event
	case phase == v1beta1.NotebookPending || phase == v1beta1.NotebookStarting || phase == v1beta1.NotebookRunning:
	case before.Status.Phase != phase:
		r.event(nb, corev1.EventTypeNormal, string(phase), "%s", message)
	case before.Status.Reason != reason:
		// Within a phase, a new reason says what it now waits for.
		r.event(nb, corev1.EventTypeNormal, reason, "%s", message)
	}
	return nil
}

func (r *Reconciler) event(nb *v1beta1.Notebook, eventType, reason, format string, args ...any) {
	if r.Recorder != nil {
		r.Recorder.Eventf(nb, nil, eventType, reason, reason, format, args...)
	}
}

func podCondition(pod *corev1.Pod, t corev1.PodConditionType) *corev1.PodCondition {
	for i := range pod.Status.Conditions {
		if pod.Status.Conditions[i].Type == t {
			return &pod.Status.Conditions[i]
		}
	}
	return nil
}

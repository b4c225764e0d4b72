package profile

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"reflect"
	"sync"

	corev1 "k8s.io/api/core/v1"
	rbacv1 "k8s.io/api/rbac/v1"
	"k8s.io/apimachinery/pkg/api/equality"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	"k8s.io/apimachinery/pkg/api/meta"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/types"
	ctrl "sigs.k8s.io/controller-runtime"
	"sigs.k8s.io/controller-runtime/pkg/builder"
	"sigs.k8s.io/controller-runtime/pkg/client"
	crcontroller "sigs.k8s.io/controller-runtime/pkg/controller"
	"sigs.k8s.io/controller-runtime/pkg/controller/controllerutil"
	"sigs.k8s.io/controller-runtime/pkg/event"
	"sigs.k8s.io/controller-runtime/pkg/handler"
	"sigs.k8s.io/controller-runtime/pkg/log"
	"sigs.k8s.io/controller-runtime/pkg/manager"
	"sigs.k8s.io/controller-runtime/pkg/predicate"
	"sigs.k8s.io/controller-runtime/pkg/reconcile"

	"github.com/primehub/primehub/api/v1beta1"
	"github.com/primehub/primehub/internal/controller"
)

// ConditionReady says whether the profile's namespace and everything in it are in place.
const ConditionReady = "Ready"

// Reconciler makes each Profile's namespace and what belongs in it.
type Reconciler struct {
	Client   client.Client
	Defaults *Defaults
	// PodSecurity is the Pod Security level of profile namespaces that set none of their
	// own; baseline when empty.
	PodSecurity v1beta1.PodSecurityLevel
	// Workers is how many profiles are reconciled at once; 1 when zero.
	Workers int
}

// SetupWithManager registers the controller: it follows Profiles, everything they own,
// and the admin's default quota.
func (r *Reconciler) SetupWithManager(mgr ctrl.Manager) error {
	// The controller's own writes need no reconcile of their own: a profile's status and
	// the objects it creates come back as events that would only re-check (and, with the
	// cache behind, re-apply) what was just written. Spec changes, deletion and changes or
	// deletions of owned objects by others do come back.
	profileChanged := builder.WithPredicates(predicate.Funcs{UpdateFunc: func(e event.UpdateEvent) bool {
		return e.ObjectOld.GetGeneration() != e.ObjectNew.GetGeneration() ||
			e.ObjectOld.GetDeletionTimestamp().IsZero() != e.ObjectNew.GetDeletionTimestamp().IsZero()
	}})
	created := predicate.Funcs{CreateFunc: func(event.CreateEvent) bool { return false }}
	notCreated := builder.WithPredicates(created)
	err := mgr.Add(manager.RunnableFunc(func(ctx context.Context) error {
		publishFinalizerPolicy(ctx, r.Client, mgr.GetConfig(), mgr.GetLogger().WithName("profile"))
		return nil
	}))
	if err != nil {
		return err
	}
	return ctrl.NewControllerManagedBy(mgr).
		WithOptions(crcontroller.Options{MaxConcurrentReconciles: max(r.Workers, 1)}).
		For(&v1beta1.Profile{}, profileChanged).
		Owns(&corev1.Namespace{}, notCreated).
		Owns(&corev1.ServiceAccount{}, notCreated).
		Owns(&rbacv1.RoleBinding{}, notCreated).
		Owns(&corev1.ResourceQuota{}, builder.WithPredicates(created, predicate.Funcs{ // one WithPredicates: a second replaces the first
			UpdateFunc: func(e event.UpdateEvent) bool { return !quotaStatusOnly(e.ObjectOld, e.ObjectNew) }})).
		Owns(&corev1.LimitRange{}, notCreated).
		Watches(&corev1.ConfigMap{}, handler.EnqueueRequestsFromMapFunc(r.profilesUsingDefaults),
			builder.WithPredicates(predicate.NewPredicateFuncs(r.Defaults.isDefaultsConfigMap))).
		Complete(r)
}

// quotaStatusOnly is whether a ResourceQuota's update changed nothing but its status. The
// quota controller recounts usage on every pod made or removed in the namespace, and on the
// quota's creation: nothing for the profile to put back. Reconciling on the recount that
// follows a new quota, before the cache has the profile's new status, would also write that
// status a second time (test/bench/profile: 1.04–1.11 status writes a profile under load).
func quotaStatusOnly(oldObj, newObj client.Object) bool {
	o, ok := oldObj.(*corev1.ResourceQuota)
	n, ok2 := newObj.(*corev1.ResourceQuota)
	if !ok || !ok2 {
		return false
	}
	o, n = o.DeepCopy(), n.DeepCopy()
	o.Status, n.Status = corev1.ResourceQuotaStatus{}, corev1.ResourceQuotaStatus{}
	o.ResourceVersion, n.ResourceVersion = "", ""
	o.ManagedFields, n.ManagedFields = nil, nil
	return equality.Semantic.DeepEqual(o, n)
}

// Reconcile brings one profile's namespace in line with its spec.
func (r *Reconciler) Reconcile(ctx context.Context, req ctrl.Request) (ctrl.Result, error) {
	p := &v1beta1.Profile{}
	if err := r.Client.Get(ctx, req.NamespacedName, p); err != nil {
		return ctrl.Result{}, client.IgnoreNotFound(err)
	}
	if !p.DeletionTimestamp.IsZero() {
		return ctrl.Result{}, r.finalize(ctx, p)
	}
	// The admission policy (finalizerPolicy) has mostly added it already.
	if !controllerutil.ContainsFinalizer(p, finalizer) {
		patch := client.MergeFrom(p.DeepCopy())
		controllerutil.AddFinalizer(p, finalizer)
		if err := r.Client.Patch(ctx, p, patch); err != nil {
			return ctrl.Result{}, fmt.Errorf("add finalizer: %w", err)
		}
	}

	ns := &corev1.Namespace{}
	err := r.Client.Get(ctx, types.NamespacedName{Name: p.Name}, ns)
	if err != nil && !apierrors.IsNotFound(err) {
		return ctrl.Result{}, err
	}
	if err == nil && !metav1.IsControlledBy(ns, p) {
		return ctrl.Result{}, r.setReady(ctx, p, metav1.ConditionFalse, "NamespaceTaken",
			fmt.Sprintf("namespace %s already exists and does not belong to this profile", p.Name))
	}
	if err := r.ensureAll(ctx, p); err != nil {
		_ = r.setReady(ctx, p, metav1.ConditionFalse, "ReconcileFailed", err.Error())
		return ctrl.Result{}, err
	}
	return ctrl.Result{}, r.setReady(ctx, p, metav1.ConditionTrue, "Ready", fmt.Sprintf("namespace %s is ready", p.Name))
}

func (r *Reconciler) ensureAll(ctx context.Context, p *v1beta1.Profile) error {
	if err := ensure(ctx, r.Client, p, desiredNamespace(p, r.PodSecurity), nil); err != nil {
		return err
	}
	// What goes in the namespace is independent: made at once, a new profile waits for
	// about one round trip instead of seven, and the API server is kept busy.
	var steps []func() error
	for _, sa := range desiredServiceAccounts(p) {
		steps = append(steps, func() error { return ensure(ctx, r.Client, p, sa, nil) })
	}
	desired := desiredRoleBindings(p)
	for _, rb := range desired {
		steps = append(steps, func() error { return r.ensureRoleBinding(ctx, p, rb) })
	}
	steps = append(steps,
		func() error { return r.removeStaleContributors(ctx, p, desired) },
		func() error { return r.ensureQuota(ctx, p) },
		func() error {
			return ensure(ctx, r.Client, p, desiredLimitRange(p), func(from, to *corev1.LimitRange) { to.Spec = from.Spec })
		})
	errs := make([]error, len(steps))
	var wg sync.WaitGroup
	for i, step := range steps {
		wg.Go(func() { errs[i] = step() })
	}
	wg.Wait()
	return errors.Join(errs...)
}

// ensure creates desired, controlled by p, when it is missing, and updates it only when it
// drifted: desired's labels and p's controller reference are added to whatever others set,
// and put copies the rest of desired over (nil when desired is metadata only). Reading
// comes from the cache, so a reconcile that finds everything in place writes nothing.
//
// Create and Update rather than server-side apply: on this project's two-core benchmark
// machine an apply costs the API server about half again the CPU of a create
// (test/bench/profile), and an Update puts back the whole of what it copies, so a
// resource dropped from the default quota goes too.
func ensure[T client.Object](ctx context.Context, c client.Client, p *v1beta1.Profile, desired T, put func(from, to T)) error {
	obj := reflect.New(reflect.TypeFor[T]().Elem()).Interface().(T)
	obj.SetNamespace(desired.GetNamespace())
	obj.SetName(desired.GetName())
	_, err := controllerutil.CreateOrUpdate(ctx, c, obj, func() error {
		l := obj.GetLabels()
		if l == nil {
			l = map[string]string{}
		}
		maps.Copy(l, desired.GetLabels())
		obj.SetLabels(l)
		if put != nil {
			put(desired, obj)
		}
		return controllerutil.SetControllerReference(p, obj, c.Scheme())
	})
	if err != nil {
		return fmt.Errorf("ensure %T %s: %w", desired, client.ObjectKeyFromObject(desired), err)
	}
	return nil
}

// ensureRoleBinding replaces a binding whose roleRef drifted, since roleRef cannot change.
func (r *Reconciler) ensureRoleBinding(ctx context.Context, p *v1beta1.Profile, rb *rbacv1.RoleBinding) error {
	existing := &rbacv1.RoleBinding{}
	err := r.Client.Get(ctx, client.ObjectKeyFromObject(rb), existing)
	if err == nil && existing.RoleRef != rb.RoleRef {
		if err := r.Client.Delete(ctx, existing); client.IgnoreNotFound(err) != nil {
			return fmt.Errorf("replace role binding %s: %w", rb.Name, err)
		}
	}
	return ensure(ctx, r.Client, p, rb, func(from, to *rbacv1.RoleBinding) {
		to.RoleRef = from.RoleRef
		to.Subjects = from.Subjects
	})
}

// removeStaleContributors deletes the bindings of removed contributors, after stopping the
// notebooks of those who no longer have any: a binding goes only once its user's
// notebooks are stopped, so a failure half-way is finished by the next reconcile.
func (r *Reconciler) removeStaleContributors(ctx context.Context, p *v1beta1.Profile, desired []*rbacv1.RoleBinding) error {
	list := &rbacv1.RoleBindingList{}
	if err := r.Client.List(ctx, list, client.InNamespace(p.Name), client.MatchingLabels{labelContributor: "true", LabelProfile: p.Name}); err != nil {
		return err
	}
	wanted := map[string]bool{}
	for _, rb := range desired {
		wanted[rb.Name] = true
	}
	for i := range list.Items {
		rb := &list.Items[i]
		if wanted[rb.Name] || !metav1.IsControlledBy(rb, p) {
			continue
		}
		for _, user := range removedUsers(rb, desired) {
			if err := r.stopNotebooks(ctx, p.Name, user); err != nil {
				return err
			}
		}
		if err := r.Client.Delete(ctx, rb); client.IgnoreNotFound(err) != nil {
			return fmt.Errorf("remove contributor binding %s: %w", rb.Name, err)
		}
	}
	return nil
}

// stopNotebooks stops user's running notebooks in namespace; stopped ones are left as
// they are, so a second call writes nothing.
func (r *Reconciler) stopNotebooks(ctx context.Context, namespace, user string) error {
	list := &v1beta1.NotebookList{}
	if err := r.Client.List(ctx, list, client.InNamespace(namespace)); err != nil {
		return fmt.Errorf("list notebooks of removed contributor %s: %w", user, err)
	}
	for i := range list.Items {
		nb := &list.Items[i]
		if nb.Spec.User != user || nb.Spec.Stopped {
			continue
		}
		patch := client.MergeFrom(nb.DeepCopy())
		nb.Spec.Stopped = true
		if err := r.Client.Patch(ctx, nb, patch); client.IgnoreNotFound(err) != nil {
			return fmt.Errorf("stop notebook %s/%s of removed contributor %s: %w", namespace, nb.Name, user, err)
		}
		log.FromContext(ctx).Info("stopped the notebook of a removed contributor", "notebook", nb.Name, "user", user)
	}
	return nil
}

func (r *Reconciler) ensureQuota(ctx context.Context, p *v1beta1.Profile) error {
	rq := desiredQuota(p, r.Defaults.Quota(ctx))
	if rq == nil {
		existing := &corev1.ResourceQuota{}
		err := r.Client.Get(ctx, types.NamespacedName{Namespace: p.Name, Name: quotaName}, existing)
		if err == nil && metav1.IsControlledBy(existing, p) {
			return client.IgnoreNotFound(r.Client.Delete(ctx, existing))
		}
		return client.IgnoreNotFound(err)
	}
	return ensure(ctx, r.Client, p, rq, func(from, to *corev1.ResourceQuota) { to.Spec = from.Spec })
}

// finalize deletes the profile's namespace and lets the profile go once it is gone, so a
// profile created again with the same name never meets a namespace still terminating.
func (r *Reconciler) finalize(ctx context.Context, p *v1beta1.Profile) error {
	if !controllerutil.ContainsFinalizer(p, finalizer) {
		return nil
	}
	ns := &corev1.Namespace{}
	err := r.Client.Get(ctx, types.NamespacedName{Name: p.Name}, ns)
	if err != nil && !apierrors.IsNotFound(err) {
		return err
	}
	if err == nil && metav1.IsControlledBy(ns, p) {
		if ns.DeletionTimestamp.IsZero() {
			if err := r.Client.Delete(ctx, ns); client.IgnoreNotFound(err) != nil {
				return fmt.Errorf("delete namespace %s: %w", ns.Name, err)
			}
		}
		// The namespace's delete event brings the profile back here.
		return r.setReady(ctx, p, metav1.ConditionFalse, "Deleting", fmt.Sprintf("namespace %s is being deleted", p.Name))
	}
	patch := client.MergeFrom(p.DeepCopy())
	controllerutil.RemoveFinalizer(p, finalizer)
	return client.IgnoreNotFound(r.Client.Patch(ctx, p, patch))
}

// setReady writes the status only when it changes.
func (r *Reconciler) setReady(ctx context.Context, p *v1beta1.Profile, status metav1.ConditionStatus, reason, message string) error {
	before := p.DeepCopy()
	meta.SetStatusCondition(&p.Status.Conditions, metav1.Condition{
		Type: ConditionReady, Status: status, Reason: reason, Message: message, ObservedGeneration: p.Generation,
	})
	p.Status.ObservedGeneration = p.Generation
	if status == metav1.ConditionTrue {
		p.Status.Namespace = p.Name
	}
	if equality.Semantic.DeepEqual(before.Status, p.Status) {
		return nil
	}
	return controller.PatchStatus(ctx, r.Client, p, before)
}

func (r *Reconciler) profilesUsingDefaults(ctx context.Context, _ client.Object) []reconcile.Request {
	list := &v1beta1.ProfileList{}
	if err := r.Client.List(ctx, list); err != nil {
		return nil
	}
	var reqs []reconcile.Request
	for _, p := range list.Items {
		if p.Spec.ResourceQuota == nil {
			reqs = append(reqs, reconcile.Request{NamespacedName: types.NamespacedName{Name: p.Name}})
		}
	}
	return reqs
}

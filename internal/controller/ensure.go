package controller

import (
	"context"
	"errors"
	"fmt"

	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/runtime"
	"sigs.k8s.io/controller-runtime/pkg/client"
	"sigs.k8s.io/controller-runtime/pkg/client/apiutil"

	"github.com/primehub/primehub/internal/manifest"
)

// ErrNotControlled is why Ensure leaves alone an object that has the desired name but is
// not controlled by the desired object's controller.
var ErrNotControlled = errors.New("not controlled by its expected owner")

// Ensure makes the cluster hold desired with server-side apply, but only when the cached
// object is missing or differs from it: drift is put back, and a reconcile that finds
// everything in place makes no write. same compares what desired sets beyond metadata
// (labels, annotations and owner references are compared here). An existing object that
// desired's controller does not control is someone else's: Ensure never takes it over, and
// answers ErrNotControlled.
func Ensure[T client.Object](ctx context.Context, c client.Client, desired T, same func(desired, existing T) bool) (changed bool, err error) {
	existing := desired.DeepCopyObject().(T)
	err = c.Get(ctx, client.ObjectKeyFromObject(desired), existing)
	switch {
	case apierrors.IsNotFound(err):
	case err != nil:
		return false, fmt.Errorf("get %s: %w", client.ObjectKeyFromObject(desired), err)
	case !sameController(desired, existing):
		return false, fmt.Errorf("%s: %w", client.ObjectKeyFromObject(desired), ErrNotControlled)
	case metadataCovered(desired, existing) && same(desired, existing):
		return false, nil
	}
	return true, apply(ctx, c, desired)
}

// sameController tells whether existing has the controller desired names, if it names one.
func sameController(desired, existing client.Object) bool {
	want := metav1.GetControllerOfNoCopy(desired)
	if want == nil {
		return true
	}
	got := metav1.GetControllerOfNoCopy(existing)
	return got != nil && got.UID == want.UID
}

func apply(ctx context.Context, c client.Client, obj client.Object) error {
	gvk, err := apiutil.GVKForObject(obj, c.Scheme())
	if err != nil {
		return err
	}
	u, err := runtime.DefaultUnstructuredConverter.ToUnstructured(obj)
	if err != nil {
		return err
	}
	// What a typed object always carries but primehub does not mean to own.
	delete(u, "status")
	unstructured.RemoveNestedField(u, "metadata", "creationTimestamp")
	uo := &unstructured.Unstructured{Object: u}
	uo.SetGroupVersionKind(gvk)
	if err := c.Apply(ctx, client.ApplyConfigurationFromUnstructured(uo), client.FieldOwner(manifest.FieldOwner), client.ForceOwnership); err != nil {
		return fmt.Errorf("apply %s %s: %w", gvk.Kind, client.ObjectKeyFromObject(obj), err)
	}
	return nil
}

// metadataCovered tells whether existing carries every label, annotation and owner
// reference desired sets; others may add their own.
func metadataCovered(desired, existing client.Object) bool {
	for k, v := range desired.GetLabels() {
		if got, ok := existing.GetLabels()[k]; !ok || got != v {
			return false
		}
	}
	for k, v := range desired.GetAnnotations() {
		if got, ok := existing.GetAnnotations()[k]; !ok || got != v {
			return false
		}
	}
	for _, want := range desired.GetOwnerReferences() {
		found := false
		for _, got := range existing.GetOwnerReferences() {
			found = found || (got.UID == want.UID && got.Controller != nil && want.Controller != nil && *got.Controller == *want.Controller)
		}
		if !found {
			return false
		}
	}
	return true
}

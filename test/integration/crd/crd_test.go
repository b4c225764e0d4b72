// Package crd_test checks PrimeHub's CRDs against the real API server: what they accept,
// what they default, what they reject and with which field named, and their status
// subresource.
package crd_test

import (
	"context"
	"errors"
	"os"
	"strings"
	"testing"

	apierrors "k8s.io/apimachinery/pkg/api/errors"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/runtime"
	"sigs.k8s.io/controller-runtime/pkg/client"

	"github.com/primehub/primehub/test/framework"
)

func TestMain(m *testing.M) { os.Exit(framework.Run(m)) }

// create creates obj and deletes it when the (sub)test ends: cluster-scoped objects would
// outlive the test's namespace, and an invalid object accepted by mistake must not make the
// next case fail with AlreadyExists.
func create(t *testing.T, obj client.Object) error {
	t.Helper()
	err := framework.Client().Create(context.Background(), obj)
	if err == nil {
		t.Cleanup(func() {
			if err := framework.Client().Delete(context.Background(), obj); err != nil && !apierrors.IsNotFound(err) {
				t.Errorf("delete %s: %v", obj.GetName(), err)
			}
		})
	}
	return err
}

// withField returns obj as an unstructured object with one field set to value, for values
// the typed Go API cannot hold, such as a quantity that does not parse or a JSON number.
func withField(t *testing.T, obj client.Object, value any, fields ...string) *unstructured.Unstructured {
	t.Helper()
	content, err := runtime.DefaultUnstructuredConverter.ToUnstructured(obj)
	if err != nil {
		t.Fatal(err)
	}
	u := &unstructured.Unstructured{Object: content}
	gvk, err := framework.Client().GroupVersionKindFor(obj)
	if err != nil {
		t.Fatal(err)
	}
	u.SetGroupVersionKind(gvk)
	if err := unstructured.SetNestedField(u.Object, value, fields...); err != nil {
		t.Fatal(err)
	}
	return u
}

// expectInvalid fails unless err is the API server's Invalid error with a cause on field
// whose message contains msg, and the error's text names the field.
func expectInvalid(t *testing.T, err error, field, msg string) {
	t.Helper()
	if !apierrors.IsInvalid(err) {
		t.Fatalf("want an Invalid error on %s, got %v", field, err)
	}
	if !strings.Contains(err.Error(), field) {
		t.Errorf("error does not name %s: %v", field, err)
	}
	var status apierrors.APIStatus
	if errors.As(err, &status) && status.Status().Details != nil {
		for _, cause := range status.Status().Details.Causes {
			if cause.Field == field && strings.Contains(cause.Message, msg) {
				return
			}
		}
	}
	t.Errorf("no cause on %s saying %q in: %v", field, msg, err)
}

// Package manifest installs the objects primehub ships in its binary (CRDs, cluster
// roles) with server-side apply, so installing is idempotent and an unchanged object costs
// the API server no write.
package manifest

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"time"

	apiextensionsv1 "k8s.io/apiextensions-apiserver/pkg/apis/apiextensions/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/util/wait"
	"k8s.io/apimachinery/pkg/util/yaml"
	"sigs.k8s.io/controller-runtime/pkg/client"

	"github.com/primehub/primehub/config"
)

// FieldOwner names primehub as the server-side-apply manager of what it installs.
const FieldOwner = "primehub"

// InstallCRDs applies PrimeHub's CRDs and waits until the API server serves them all.
func InstallCRDs(ctx context.Context, c client.Client) error {
	crds, err := Apply(ctx, c, config.Manifests, "crd/bases/*.yaml")
	if err != nil {
		return err
	}
	for _, crd := range crds {
		if err := waitEstablished(ctx, c, crd.GetName()); err != nil {
			return err
		}
	}
	return nil
}

// CheckCRDs checks that every CRD of PrimeHub is installed and served, for a primehub that
// does not install them itself (the Helm chart does).
func CheckCRDs(ctx context.Context, c client.Client) error {
	crds, err := Load(config.Manifests, "crd/bases/*.yaml")
	if err != nil {
		return err
	}
	for _, crd := range crds {
		err := c.Get(ctx, client.ObjectKey{Name: crd.GetName()}, &apiextensionsv1.CustomResourceDefinition{})
		if apierrors.IsNotFound(err) {
			return fmt.Errorf("CRD %s is not installed: the Helm chart installs it, or run serve with --install-manifests", crd.GetName())
		}
		if err != nil {
			return fmt.Errorf("check CRD %s: %w", crd.GetName(), err)
		}
		if err := waitEstablished(ctx, c, crd.GetName()); err != nil {
			return err
		}
	}
	return nil
}

// Apply server-side-applies every object in the YAML files of fsys matching pattern and
// returns them.
func Apply(ctx context.Context, c client.Client, fsys fs.FS, pattern string) ([]*unstructured.Unstructured, error) {
	objs, err := Load(fsys, pattern)
	if err != nil {
		return nil, err
	}
	return objs, ApplyObjects(ctx, c, objs)
}

// ApplyObjects server-side-applies objs in order, such as Load's after the caller has set
// what depends on the installation.
func ApplyObjects(ctx context.Context, c client.Client, objs []*unstructured.Unstructured) error {
	for _, obj := range objs {
		if err := c.Apply(ctx, client.ApplyConfigurationFromUnstructured(obj), client.FieldOwner(FieldOwner), client.ForceOwnership); err != nil {
			return fmt.Errorf("apply %s %s: %w", obj.GetKind(), obj.GetName(), err)
		}
	}
	return nil
}

// Load parses the YAML documents of the files of fsys matching pattern.
func Load(fsys fs.FS, pattern string) ([]*unstructured.Unstructured, error) {
	files, err := fs.Glob(fsys, pattern)
	if err != nil {
		return nil, err
	}
	var objs []*unstructured.Unstructured
	for _, f := range files {
		data, err := fs.ReadFile(fsys, f)
		if err != nil {
			return nil, err
		}
		decoded, err := Decode(f, data)
		if err != nil {
			return nil, err
		}
		objs = append(objs, decoded...)
	}
	return objs, nil
}

// Decode reads the objects of a YAML (or JSON) stream, named name in errors; empty
// documents are skipped.
func Decode(name string, data []byte) ([]*unstructured.Unstructured, error) {
	var objs []*unstructured.Unstructured
	dec := yaml.NewYAMLOrJSONDecoder(bytes.NewReader(data), 4096)
	for {
		obj := &unstructured.Unstructured{}
		err := dec.Decode(&obj.Object)
		if errors.Is(err, io.EOF) {
			return objs, nil
		}
		if err != nil {
			return nil, fmt.Errorf("parse %s: %w", name, err)
		}
		if len(obj.Object) > 0 {
			objs = append(objs, obj)
		}
	}
}

func waitEstablished(ctx context.Context, c client.Client, name string) error {
	err := wait.PollUntilContextTimeout(ctx, 100*time.Millisecond, 30*time.Second, true, func(ctx context.Context) (bool, error) {
		crd := &apiextensionsv1.CustomResourceDefinition{}
		if err := c.Get(ctx, client.ObjectKey{Name: name}, crd); err != nil {
			return false, err
		}
		for _, cond := range crd.Status.Conditions {
			if cond.Type == apiextensionsv1.Established && cond.Status == apiextensionsv1.ConditionTrue {
				return true, nil
			}
		}
		return false, nil
	})
	if err != nil {
		return fmt.Errorf("CRD %s not established: %w", name, err)
	}
	return nil
}

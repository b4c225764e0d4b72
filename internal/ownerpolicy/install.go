package ownerpolicy

import (
	"context"
	"fmt"
	"maps"
	"time"

	"github.com/go-logr/logr"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	corev1ac "k8s.io/client-go/applyconfigurations/core/v1"
	"sigs.k8s.io/controller-runtime/pkg/client"

	"github.com/primehub/primehub/config"
	"github.com/primehub/primehub/internal/directory"
	"github.com/primehub/primehub/internal/manifest"
)

// Install writes the parameters (platformUsers and the directory's administrators) into
// namespace, then applies the policy and its binding to them. The parameters come first:
// the binding denies what it matches while they are missing.
func Install(ctx context.Context, c client.Client, namespace string, platformUsers []string, dir directory.Directory) error {
	data, err := params(ctx, platformUsers, dir)
	if err != nil {
		return err
	}
	if err := writeParams(ctx, c, namespace, data); err != nil {
		return err
	}
	objs, err := manifest.Load(config.Manifests, "admission/*.yaml")
	if err != nil {
		return err
	}
	for _, obj := range objs {
		if obj.GetKind() != "ValidatingAdmissionPolicyBinding" {
			continue
		}
		if err := unstructured.SetNestedField(obj.Object, namespace, "spec", "paramRef", "namespace"); err != nil {
			return fmt.Errorf("binding %s: %w", obj.GetName(), err)
		}
	}
	return manifest.ApplyObjects(ctx, c, objs)
}

// Keep writes the parameters again after each change of a user, until ctx ends, so that a
// user made or unmade administrator is known to the API server within moments. A failed
// write is retried. Call it before Install, so that no change falls between them.
func Keep(ctx context.Context, c client.Client, namespace string, platformUsers []string, dir directory.Directory, log logr.Logger) {
	changed := make(chan struct{}, 1)
	dir.Subscribe(ctx, func(ch directory.Change) {
		if ch.Kind != directory.UserChanged {
			return
		}
		select {
		case changed <- struct{}{}:
		default:
		}
	})
	go func() {
		var last map[string]string
		var retry <-chan time.Time
		for {
			select {
			case <-ctx.Done():
				return
			case <-changed:
			case <-retry:
			}
			retry = nil
			data, err := params(ctx, platformUsers, dir)
			if err == nil && maps.Equal(data, last) {
				continue // most changes of users leave the administrators alone
			}
			if err == nil {
				err = writeParams(ctx, c, namespace, data)
			}
			if err != nil {
				if ctx.Err() == nil {
					log.Error(err, "writing the workload-owner policy's parameters; retrying", "configmap", Name)
					retry = time.After(5 * time.Second)
				}
				continue
			}
			last = data
		}
	}()
}

func params(ctx context.Context, platformUsers []string, dir directory.Directory) (map[string]string, error) {
	users, err := dir.ListUsers(ctx)
	if err != nil {
		return nil, fmt.Errorf("list users: %w", err)
	}
	return Params(platformUsers, users), nil
}

func writeParams(ctx context.Context, c client.Client, namespace string, data map[string]string) error {
	cm := corev1ac.ConfigMap(Name, namespace).WithData(data)
	if err := c.Apply(ctx, cm, client.FieldOwner(manifest.FieldOwner), client.ForceOwnership); err != nil {
		return fmt.Errorf("apply ConfigMap %s/%s: %w", namespace, Name, err)
	}
	return nil
}

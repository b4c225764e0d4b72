package ownerpolicy

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/go-logr/logr"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"sigs.k8s.io/controller-runtime/pkg/client"

	"github.com/primehub/primehub/config"
	"github.com/primehub/primehub/internal/directory"
	"github.com/primehub/primehub/internal/manifest"
)

// Install applies the policy, with who acts for anyone (platformUsers and the directory's
// enabled administrators) written into it, and its binding.
func Install(ctx context.Context, c client.Client, platformUsers []string, dir directory.Directory) error {
	names, err := actors(ctx, platformUsers, dir)
	if err != nil {
		return err
	}
	return apply(ctx, c, names)
}

// Keep writes the policy again after each change of a user, until ctx ends, so that a user
// made or unmade administrator is known to the API server within moments. A failed write
// is retried. Call it before Install, so that no change falls between them.
func Keep(ctx context.Context, c client.Client, platformUsers []string, dir directory.Directory, log logr.Logger) {
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
		var last []string
		var retry <-chan time.Time
		for {
			select {
			case <-ctx.Done():
				return
			case <-changed:
			case <-retry:
			}
			retry = nil
			names, err := actors(ctx, platformUsers, dir)
			if err == nil && last != nil && slices.Equal(names, last) {
				continue // most changes of users leave the administrators alone
			}
			if err == nil {
				err = apply(ctx, c, names)
			}
			if err != nil {
				if ctx.Err() == nil {
					log.Error(err, "writing who acts for anyone into the workload-owner policy; retrying", "policy", Name)
					retry = time.After(5 * time.Second)
				}
				continue
			}
			last = names
		}
	}()
}

func actors(ctx context.Context, platformUsers []string, dir directory.Directory) ([]string, error) {
	users, err := dir.ListUsers(ctx)
	if err != nil {
		return nil, fmt.Errorf("list users: %w", err)
	}
	return ActsForAnyone(platformUsers, users), nil
}

// apply applies the policy, its variable actsForAnyone naming names, and its binding.
func apply(ctx context.Context, c client.Client, names []string) error {
	objs, err := manifest.Load(config.Manifests, "admission/*.yaml")
	if err != nil {
		return err
	}
	for _, obj := range objs {
		if obj.GetKind() != "ValidatingAdmissionPolicy" {
			continue
		}
		if err := setVariable(obj, actsForAnyone, Expression(names)); err != nil {
			return fmt.Errorf("policy %s: %w", obj.GetName(), err)
		}
	}
	return manifest.ApplyObjects(ctx, c, objs)
}

// setVariable sets the expression of the policy's variable name, which must be there.
func setVariable(policy *unstructured.Unstructured, name, expression string) error {
	vars, _, err := unstructured.NestedSlice(policy.Object, "spec", "variables")
	if err != nil {
		return err
	}
	for _, v := range vars {
		if m, ok := v.(map[string]any); ok && m["name"] == name {
			m["expression"] = expression
			return unstructured.SetNestedSlice(policy.Object, vars, "spec", "variables")
		}
	}
	return fmt.Errorf("no variable %s", name)
}

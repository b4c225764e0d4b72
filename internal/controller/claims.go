package controller

import (
	"context"
	"fmt"

	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	"sigs.k8s.io/controller-runtime/pkg/client"

	"github.com/primehub/primehub/internal/spawn"
)

// EnsureClaims makes the home and group volume claims of a launch that are missing. They
// belong to no notebook or job: a user's and a group's files outlive every one of them.
func EnsureClaims(ctx context.Context, c client.Client, namespace string, in spawn.Input) error {
	for _, pvc := range append([]*corev1.PersistentVolumeClaim{spawn.HomeClaim(in, namespace)}, spawn.GroupClaims(in, namespace)...) {
		err := c.Get(ctx, client.ObjectKeyFromObject(pvc), &corev1.PersistentVolumeClaim{})
		if !apierrors.IsNotFound(err) {
			if err != nil {
				return err
			}
			continue
		}
		if err := c.Create(ctx, pvc); err != nil && !apierrors.IsAlreadyExists(err) {
			return fmt.Errorf("create claim %s: %w", pvc.Name, err)
		}
	}
	return nil
}

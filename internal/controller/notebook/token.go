package notebook

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"

	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/labels"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/selection"
	"k8s.io/client-go/rest"
	"sigs.k8s.io/controller-runtime/pkg/cache"
	"sigs.k8s.io/controller-runtime/pkg/client"
	"sigs.k8s.io/controller-runtime/pkg/controller/controllerutil"

	"github.com/primehub/primehub/api/v1beta1"
	"github.com/primehub/primehub/internal/controller"
)

// NewTokenCache is an informer cache of the notebooks' token Secrets only (labelled
// LabelToken), in every namespace: the manager's cache must not hold every Secret of the
// cluster. The controller and the proxy read tokens from it; add it to the manager.
func NewTokenCache(cfg *rest.Config, scheme *runtime.Scheme) (cache.Cache, error) {
	req, err := labels.NewRequirement(LabelToken, selection.Exists, nil)
	if err != nil {
		return nil, err
	}
	c, err := cache.New(cfg, cache.Options{
		Scheme:           scheme,
		DefaultTransform: cache.TransformStripManagedFields(),
		ByObject:         map[client.Object]cache.ByObject{&corev1.Secret{}: {Label: labels.NewSelector().Add(*req)}},
	})
	if err != nil {
		return nil, fmt.Errorf("notebook token cache: %w", err)
	}
	return c, nil
}

// Token is the running notebook's token, from its token Secret, which the notebook must
// control: a Secret that merely has the name is someone else's.
func Token(ctx context.Context, tokens client.Reader, nb *v1beta1.Notebook) (string, error) {
	s := &corev1.Secret{}
	if err := tokens.Get(ctx, client.ObjectKey{Namespace: nb.Namespace, Name: TokenSecretName(nb.Name)}, s); err != nil {
		return "", fmt.Errorf("token of notebook %s/%s: %w", nb.Namespace, nb.Name, err)
	}
	if !metav1.IsControlledBy(s, nb) || len(s.Data[TokenKey]) == 0 {
		return "", fmt.Errorf("token of notebook %s/%s: secret %s is not the notebook's", nb.Namespace, nb.Name, s.Name)
	}
	return string(s.Data[TokenKey]), nil
}

// ensureToken makes the notebook's token Secret if it has none, and tells whether it made
// one. The token is kept while the notebook exists: a running server knows only the token it
// started with, so a new one means a restart. A Secret of that name the notebook does not
// control fails with controller.ErrNotControlled.
func (r *Reconciler) ensureToken(ctx context.Context, nb *v1beta1.Notebook) (made bool, err error) {
	key := client.ObjectKey{Namespace: nb.Namespace, Name: TokenSecretName(nb.Name)}
	existing := &corev1.Secret{}
	err = r.Tokens.Get(ctx, key, existing)
	if err == nil {
		if !metav1.IsControlledBy(existing, nb) {
			return false, controller.ErrNotControlled
		}
		return false, nil
	}
	if !apierrors.IsNotFound(err) {
		return false, err
	}
	raw := make([]byte, 32)
	if _, err := rand.Read(raw); err != nil {
		return false, fmt.Errorf("make token: %w", err)
	}
	s := &corev1.Secret{
		ObjectMeta: metav1.ObjectMeta{Namespace: key.Namespace, Name: key.Name, Labels: map[string]string{LabelToken: nb.Name}},
		Type:       corev1.SecretTypeOpaque,
		Data:       map[string][]byte{TokenKey: []byte(hex.EncodeToString(raw))},
	}
	if err := controllerutil.SetControllerReference(nb, s, r.Client.Scheme()); err != nil {
		return false, err
	}
	err = r.Client.Create(ctx, s)
	if !apierrors.IsAlreadyExists(err) {
		if err != nil {
			return false, fmt.Errorf("create token secret: %w", err)
		}
		return true, nil
	}
	// The cache has not seen it yet, or it is a Secret without the label, out of the cache's
	// sight: only a live read tells.
	if err := r.APIReader.Get(ctx, key, existing); err != nil {
		return false, fmt.Errorf("read token secret: %w", err)
	}
	if !metav1.IsControlledBy(existing, nb) {
		return false, controller.ErrNotControlled
	}
	return false, nil
}

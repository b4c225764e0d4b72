package builtin

import (
	"context"
	"fmt"

	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"sigs.k8s.io/controller-runtime/pkg/client"
	"sigs.k8s.io/controller-runtime/pkg/controller/controllerutil"

	"github.com/primehub/primehub/internal/directory"
)

// GetSettings implements directory.Directory: defaults for whatever is not set.
func (d *Directory) GetSettings(ctx context.Context) (directory.Settings, error) {
	cm := &corev1.ConfigMap{}
	err := d.cache.Get(ctx, client.ObjectKey{Namespace: d.namespace, Name: SettingsName}, cm)
	if apierrors.IsNotFound(err) {
		return directory.DefaultSettings(), nil
	}
	if err != nil {
		return directory.Settings{}, fmt.Errorf("read settings: %w", err)
	}
	return directory.SettingsFromData(cm.Data), nil
}

// UpdateSettings implements directory.Directory.
func (d *Directory) UpdateSettings(ctx context.Context, s directory.Settings) (directory.Settings, error) {
	data, err := directory.SettingsData(s)
	if err != nil {
		return directory.Settings{}, err
	}
	cm := &corev1.ConfigMap{ObjectMeta: metav1.ObjectMeta{Name: SettingsName, Namespace: d.namespace}}
	if _, err := controllerutil.CreateOrUpdate(ctx, d.client, cm, func() error {
		cm.Data = data
		return nil
	}); err != nil {
		return directory.Settings{}, fmt.Errorf("store settings: %w", err)
	}
	if err := d.awaitCache(ctx, cm, false); err != nil {
		return directory.Settings{}, fmt.Errorf("settings stored, not yet seen: %w", err)
	}
	return directory.SettingsFromData(cm.Data), nil
}

// EnsureSettings stores the default settings unless settings exist; it reports whether it did.
func (d *Directory) EnsureSettings(ctx context.Context) (bool, error) {
	data, err := directory.SettingsData(directory.DefaultSettings())
	if err != nil {
		return false, err
	}
	cm := &corev1.ConfigMap{ObjectMeta: metav1.ObjectMeta{Name: SettingsName, Namespace: d.namespace}, Data: data}
	if err := d.client.Create(ctx, cm); err != nil {
		if apierrors.IsAlreadyExists(err) {
			return false, nil
		}
		return false, fmt.Errorf("store default settings: %w", err)
	}
	return true, d.awaitCache(ctx, cm, false)
}

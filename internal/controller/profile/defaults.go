package profile

import (
	"context"
	"fmt"
	"maps"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/types"
	"sigs.k8s.io/controller-runtime/pkg/client"
	"sigs.k8s.io/controller-runtime/pkg/log"

	"github.com/primehub/primehub/internal/controller"
)

const (
	// DefaultsConfigMap holds the admin's default profile quota under QuotaKey, in the
	// platform namespace; editing it changes every profile without a quota of its own,
	// without a restart.
	DefaultsConfigMap = "primehub-profile-defaults"
	// QuotaKey is the ConfigMap key of the default quota, written as ParseQuota reads it.
	QuotaKey = "quota"
)

// Defaults reads the admin's default profile quota from the cache.
type Defaults struct {
	Client    client.Client
	Namespace string
}

// Quota is the default quota; a missing ConfigMap means none, and a bad one is logged and
// treated as none rather than blocking every profile.
func (d *Defaults) Quota(ctx context.Context) corev1.ResourceList {
	cm := &corev1.ConfigMap{}
	if err := d.Client.Get(ctx, types.NamespacedName{Namespace: d.Namespace, Name: DefaultsConfigMap}, cm); err != nil {
		return nil
	}
	q, err := ParseQuota(cm.Data[QuotaKey])
	if err != nil {
		log.FromContext(ctx).Error(err, "ignoring the default profile quota", "configmap", DefaultsConfigMap)
		return nil
	}
	return q
}

func (d *Defaults) isDefaultsConfigMap(o client.Object) bool {
	return o.GetNamespace() == d.Namespace && o.GetName() == DefaultsConfigMap
}

// Set stores the default quota given with --profile-default-quota, checked first.
func (d *Defaults) Set(ctx context.Context, quota string) error {
	if _, err := ParseQuota(quota); err != nil {
		return fmt.Errorf("--profile-default-quota: %w", err)
	}
	cm := &corev1.ConfigMap{
		ObjectMeta: metav1.ObjectMeta{Namespace: d.Namespace, Name: DefaultsConfigMap},
		Data:       map[string]string{QuotaKey: quota},
	}
	_, err := controller.Ensure(ctx, d.Client, cm, func(d, e *corev1.ConfigMap) bool { return maps.Equal(d.Data, e.Data) })
	return err
}

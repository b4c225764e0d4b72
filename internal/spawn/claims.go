package spawn

import (
	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/resource"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/primehub/primehub/internal/names"
	"github.com/primehub/primehub/internal/quota"
)

// HomeClaimName is the claim of a user's home volume.
func HomeClaimName(username string) string { return "claim-" + names.Label(username) }

// GroupClaimName is the claim of a group's shared volume.
func GroupClaimName(group string) string { return "project-" + names.Label(group) }

// VolumeClaimName is the claim behind a pv volume.
func VolumeClaimName(volume string) string { return "dataset-" + volume }

// HomeCapacity sizes a user's home volume: the user's own capacity, else the largest of
// their groups', else the platform default.
func HomeCapacity(in Input) resource.Quantity {
	if c := in.User.VolumeCapacity; c != nil {
		return *c
	}
	var largest *resource.Quantity
	for _, g := range in.UserGroups {
		if c := g.UserVolumeCapacity; c != nil && (largest == nil || c.Cmp(*largest) > 0) {
			largest = c
		}
	}
	if largest != nil {
		return *largest
	}
	return in.Settings.DefaultUserVolumeCapacity
}

// HomeClaim is the user's home volume claim, made when missing and never deleted with a
// notebook.
func HomeClaim(in Input, namespace string) *corev1.PersistentVolumeClaim {
	return claim(namespace, HomeClaimName(in.User.Username), HomeCapacity(in), in.Settings.StorageClassName,
		corev1.ReadWriteOnce, map[string]string{quota.LabelUser: names.Label(in.User.Username)})
}

// GroupClaims are the claims of the group volumes the launch mounts.
func GroupClaims(in Input, namespace string) []*corev1.PersistentVolumeClaim {
	var claims []*corev1.PersistentVolumeClaim
	for _, g := range sharedGroups(in) {
		capacity := in.Settings.DefaultSharedVolumeCapacity
		if c := g.SharedVolume.Capacity; c != nil {
			capacity = *c
		}
		claims = append(claims, claim(namespace, GroupClaimName(g.Name), capacity, in.Settings.StorageClassName,
			corev1.ReadWriteMany, map[string]string{quota.LabelGroup: names.Label(g.Name)}))
	}
	return claims
}

func claim(namespace, name string, capacity resource.Quantity, storageClass string, mode corev1.PersistentVolumeAccessMode, labels map[string]string) *corev1.PersistentVolumeClaim {
	pvc := &corev1.PersistentVolumeClaim{
		ObjectMeta: metav1.ObjectMeta{Namespace: namespace, Name: name, Labels: labels},
		Spec: corev1.PersistentVolumeClaimSpec{
			AccessModes: []corev1.PersistentVolumeAccessMode{mode},
			Resources:   corev1.VolumeResourceRequirements{Requests: corev1.ResourceList{corev1.ResourceStorage: capacity}},
		},
	}
	if storageClass != "" {
		pvc.Spec.StorageClassName = &storageClass
	}
	return pvc
}

package framework

import (
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/primehub/primehub/api/v1beta1"
)

// UserWrapper builds a User for tests.
type UserWrapper struct{ v1beta1.User }

// MakeUser starts a valid user whose username is the object's name.
func MakeUser(name string) *UserWrapper {
	return &UserWrapper{v1beta1.User{
		ObjectMeta: metav1.ObjectMeta{Name: name},
		Spec:       v1beta1.UserSpec{Username: name},
	}}
}

// Obj returns the user built.
func (w *UserWrapper) Obj() *v1beta1.User { return &w.User }

// Username sets the name the user logs in with.
func (w *UserWrapper) Username(username string) *UserWrapper {
	w.Spec.Username = username
	return w
}

// Email sets the email address.
func (w *UserWrapper) Email(email string) *UserWrapper {
	w.Spec.Email = email
	return w
}

// DisplayName sets the name shown to others.
func (w *UserWrapper) DisplayName(name string) *UserWrapper {
	w.Spec.DisplayName = name
	return w
}

// Admin makes the user an administrator.
func (w *UserWrapper) Admin() *UserWrapper {
	w.Spec.Admin = true
	return w
}

// Disabled stops the user from logging in.
func (w *UserWrapper) Disabled() *UserWrapper {
	w.Spec.Disabled = true
	return w
}

// VolumeCapacity sets the size of the user's home volume.
func (w *UserWrapper) VolumeCapacity(capacity string) *UserWrapper {
	w.Spec.VolumeCapacity = quantity(capacity)
	return w
}

// Env adds a predefined environment variable.
func (w *UserWrapper) Env(name, value string) *UserWrapper {
	w.Spec.PredefinedEnv = append(w.Spec.PredefinedEnv, v1beta1.EnvVar{Name: name, Value: value})
	return w
}

// GroupWrapper builds a Group for tests.
type GroupWrapper struct{ v1beta1.Group }

// MakeGroup starts a valid group, without members or quota, whose name (spec.name) is the
// object's name.
func MakeGroup(name string) *GroupWrapper {
	return &GroupWrapper{v1beta1.Group{
		ObjectMeta: metav1.ObjectMeta{Name: name},
		Spec:       v1beta1.GroupSpec{Name: name},
	}}
}

// Obj returns the group built.
func (w *GroupWrapper) Obj() *v1beta1.Group { return &w.Group }

// GroupName sets the group's name as people write it (spec.name).
func (w *GroupWrapper) GroupName(name string) *GroupWrapper {
	w.Spec.Name = name
	return w
}

// DisplayName sets the name shown to users.
func (w *GroupWrapper) DisplayName(name string) *GroupWrapper {
	w.Spec.DisplayName = name
	return w
}

// Members adds members by username.
func (w *GroupWrapper) Members(usernames ...string) *GroupWrapper {
	w.Spec.Members = append(w.Spec.Members, usernames...)
	return w
}

// Admins adds group admins by username.
func (w *GroupWrapper) Admins(usernames ...string) *GroupWrapper {
	w.Spec.Admins = append(w.Spec.Admins, usernames...)
	return w
}

// QuotaCPU caps cpu per member and in all; "" leaves one uncapped.
func (w *GroupWrapper) QuotaCPU(perUser, total string) *GroupWrapper {
	w.Spec.Quota.PerUser.CPU, w.Spec.Quota.Total.CPU = quantity(perUser), quantity(total)
	return w
}

// QuotaMemory caps memory per member and in all; "" leaves one uncapped.
func (w *GroupWrapper) QuotaMemory(perUser, total string) *GroupWrapper {
	w.Spec.Quota.PerUser.Memory, w.Spec.Quota.Total.Memory = quantity(perUser), quantity(total)
	return w
}

// QuotaGPU caps GPUs per member and in all.
func (w *GroupWrapper) QuotaGPU(perUser, total int32) *GroupWrapper {
	w.Spec.Quota.PerUser.GPU, w.Spec.Quota.Total.GPU = &perUser, &total
	return w
}

// UserVolumeCapacity sets the size of members' home volumes.
func (w *GroupWrapper) UserVolumeCapacity(capacity string) *GroupWrapper {
	w.Spec.UserVolumeCapacity = quantity(capacity)
	return w
}

// SharedVolume enables the group's shared volume of the capacity ("" for the default).
func (w *GroupWrapper) SharedVolume(capacity string) *GroupWrapper {
	w.Spec.SharedVolume = &v1beta1.SharedVolume{Enabled: true, Capacity: quantity(capacity)}
	return w
}

// JobDefaults sets the deadline and time-to-live of the group's jobs.
func (w *GroupWrapper) JobDefaults(activeDeadlineSeconds int64, ttlSecondsAfterFinished int32) *GroupWrapper {
	w.Spec.JobDefaults = &v1beta1.JobDefaults{
		ActiveDeadlineSeconds:   &activeDeadlineSeconds,
		TTLSecondsAfterFinished: &ttlSecondsAfterFinished,
	}
	return w
}

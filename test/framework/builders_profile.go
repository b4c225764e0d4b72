package framework

import (
	corev1 "k8s.io/api/core/v1"
	rbacv1 "k8s.io/api/rbac/v1"
	"k8s.io/apimachinery/pkg/api/resource"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/primehub/primehub/api/v1beta1"
)

// ProfileWrapper builds a Profile for tests.
type ProfileWrapper struct{ v1beta1.Profile }

// MakeProfile starts a valid profile owned by user alice.
func MakeProfile(name string) *ProfileWrapper {
	return &ProfileWrapper{v1beta1.Profile{
		ObjectMeta: metav1.ObjectMeta{Name: name},
		Spec:       v1beta1.ProfileSpec{Owner: userSubject("alice")},
	}}
}

// Obj returns the profile built.
func (w *ProfileWrapper) Obj() *v1beta1.Profile { return &w.Profile }

// Owner sets the owning user.
func (w *ProfileWrapper) Owner(user string) *ProfileWrapper {
	w.Spec.Owner = userSubject(user)
	return w
}

// Contributor adds a user with a role.
func (w *ProfileWrapper) Contributor(user string, role v1beta1.ContributorRole) *ProfileWrapper {
	w.Spec.Contributors = append(w.Spec.Contributors, v1beta1.Contributor{Subject: userSubject(user), Role: role})
	return w
}

// Quota caps a resource of the namespace, such as Quota("limits.cpu", "8").
func (w *ProfileWrapper) Quota(name corev1.ResourceName, amount string) *ProfileWrapper {
	if w.Spec.ResourceQuota == nil {
		w.Spec.ResourceQuota = &corev1.ResourceQuotaSpec{Hard: corev1.ResourceList{}}
	}
	w.Spec.ResourceQuota.Hard[name] = resource.MustParse(amount)
	return w
}

// DefaultRequest sets the request of containers that set none; "" leaves one unset.
func (w *ProfileWrapper) DefaultRequest(cpu, memory string) *ProfileWrapper {
	w.limitRange().DefaultRequest = &v1beta1.ComputeResources{CPU: quantity(cpu), Memory: quantity(memory)}
	return w
}

// DefaultLimit sets the limit of containers that set none; "" leaves one unset.
func (w *ProfileWrapper) DefaultLimit(cpu, memory string) *ProfileWrapper {
	w.limitRange().Default = &v1beta1.ComputeResources{CPU: quantity(cpu), Memory: quantity(memory)}
	return w
}

// PodSecurity sets the Pod Security level the namespace enforces.
func (w *ProfileWrapper) PodSecurity(level v1beta1.PodSecurityLevel) *ProfileWrapper {
	w.Spec.PodSecurity = &level
	return w
}

func (w *ProfileWrapper) limitRange() *v1beta1.ContainerDefaults {
	if w.Spec.LimitRange == nil {
		w.Spec.LimitRange = &v1beta1.ContainerDefaults{}
	}
	return w.Spec.LimitRange
}

func userSubject(name string) rbacv1.Subject {
	return rbacv1.Subject{Kind: rbacv1.UserKind, APIGroup: rbacv1.GroupName, Name: name}
}

package builtin

import (
	"crypto/rand"
	"encoding/base64"
	"slices"

	"k8s.io/apimachinery/pkg/api/resource"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/primehub/primehub/api/v1beta1"
	"github.com/primehub/primehub/internal/directory"
	"github.com/primehub/primehub/internal/names"
)

func userFromCR(cr *v1beta1.User) directory.User {
	return directory.User{
		Username:          cr.Spec.Username,
		Email:             cr.Spec.Email,
		DisplayName:       cr.Spec.DisplayName,
		Admin:             cr.Spec.Admin,
		Disabled:          cr.Spec.Disabled,
		VolumeCapacity:    copyQuantity(cr.Spec.VolumeCapacity),
		PredefinedEnv:     slices.Clone(cr.Spec.PredefinedEnv),
		SessionGeneration: cr.Annotations[SessionGenerationAnnotation],
	}
}

// SessionGenerationAnnotation on a User holds its session generation, a random string.
const SessionGenerationAnnotation = "primehub.io/session-generation"

// newSessionGeneration revokes the user's sessions; a new user starts with one, so a user
// made again under a deleted user's name does not take over the old one's tokens.
func newSessionGeneration(cr *v1beta1.User) {
	b := make([]byte, 12)
	_, _ = rand.Read(b) // never fails on supported platforms
	if cr.Annotations == nil {
		cr.Annotations = map[string]string{}
	}
	cr.Annotations[SessionGenerationAnnotation] = base64.RawURLEncoding.EncodeToString(b)
}

// userSpec is the spec of u; the username is set when the object is made and never changes.
func userSpec(u directory.User) v1beta1.UserSpec {
	return v1beta1.UserSpec{
		Username:       u.Username,
		Email:          u.Email,
		DisplayName:    u.DisplayName,
		Admin:          u.Admin,
		Disabled:       u.Disabled,
		VolumeCapacity: u.VolumeCapacity,
		PredefinedEnv:  u.PredefinedEnv,
	}
}

func userCR(u directory.User) *v1beta1.User {
	cr := &v1beta1.User{ObjectMeta: metav1.ObjectMeta{Name: names.Label(u.Username)}, Spec: userSpec(u)}
	newSessionGeneration(cr)
	return cr
}

// groupFromCR copies what it keeps of cr, so cr may be the cache's own object.
func groupFromCR(cr *v1beta1.Group) directory.Group {
	spec := cr.Spec.DeepCopy()
	slices.Sort(spec.Members)
	slices.Sort(spec.Admins)
	return directory.Group{
		Name:               spec.Name,
		DisplayName:        spec.DisplayName,
		Members:            spec.Members,
		Admins:             spec.Admins,
		Quota:              spec.Quota,
		UserVolumeCapacity: spec.UserVolumeCapacity,
		SharedVolume:       spec.SharedVolume,
		Profile:            spec.Profile,
		JobDefaults:        spec.JobDefaults,
		Deployments:        spec.Deployments,
	}
}

func groupSpec(g directory.Group) v1beta1.GroupSpec {
	return v1beta1.GroupSpec{
		Name:               g.Name,
		DisplayName:        g.DisplayName,
		Members:            sorted(g.Members),
		Admins:             sorted(g.Admins),
		Quota:              g.Quota,
		UserVolumeCapacity: g.UserVolumeCapacity,
		SharedVolume:       g.SharedVolume,
		Profile:            g.Profile,
		JobDefaults:        g.JobDefaults,
		Deployments:        g.Deployments,
	}
}

func sorted(s []string) []string {
	out := slices.Clone(s)
	slices.Sort(out)
	return slices.Compact(out)
}

func copyQuantity(q *resource.Quantity) *resource.Quantity {
	if q == nil {
		return nil
	}
	c := q.DeepCopy()
	return &c
}

package framework

import (
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/primehub/primehub/api/v1beta1"
)

// ImageWrapper builds an Image for tests.
type ImageWrapper struct{ v1beta1.Image }

// MakeImage starts a valid image of url jupyter/base-notebook, granted to no one.
func MakeImage(name string) *ImageWrapper {
	return &ImageWrapper{v1beta1.Image{
		ObjectMeta: metav1.ObjectMeta{Name: name},
		Spec:       v1beta1.ImageSpec{URL: "jupyter/base-notebook"},
	}}
}

// Obj returns the image built.
func (w *ImageWrapper) Obj() *v1beta1.Image { return &w.Image }

// Namespace sets the namespace.
func (w *ImageWrapper) Namespace(ns string) *ImageWrapper {
	w.ObjectMeta.Namespace = ns
	return w
}

// DisplayName sets the name shown to users.
func (w *ImageWrapper) DisplayName(name string) *ImageWrapper {
	w.Spec.DisplayName = name
	return w
}

// Type sets which instance types the image suits.
func (w *ImageWrapper) Type(t v1beta1.ImageType) *ImageWrapper {
	w.Spec.Type = t
	return w
}

// URL sets the image reference.
func (w *ImageWrapper) URL(url string) *ImageWrapper {
	w.Spec.URL = url
	return w
}

// URLForGPU sets the image reference used with GPUs.
func (w *ImageWrapper) URLForGPU(url string) *ImageWrapper {
	w.Spec.URLForGPU = url
	return w
}

// PullSecret sets the Secret the image is pulled with.
func (w *ImageWrapper) PullSecret(name string) *ImageWrapper {
	w.Spec.PullSecret = name
	return w
}

// GroupName makes it a group image of the group.
func (w *ImageWrapper) GroupName(group string) *ImageWrapper {
	w.Spec.GroupName = group
	return w
}

// Global grants the image to everyone.
func (w *ImageWrapper) Global() *ImageWrapper {
	w.Spec.Access.Global = true
	return w
}

// Group grants the image to a group.
func (w *ImageWrapper) Group(name string) *ImageWrapper {
	w.Spec.Access.Groups = append(w.Spec.Access.Groups, v1beta1.GroupGrant{Name: name})
	return w
}

package framework

import (
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/primehub/primehub/api/v1beta1"
)

// NotebookWrapper builds a Notebook for tests.
type NotebookWrapper struct{ v1beta1.Notebook }

// MakeNotebook starts a valid notebook of user alice in group team, with instance type
// cpu-1 and image base-notebook.
func MakeNotebook(name string) *NotebookWrapper {
	return &NotebookWrapper{v1beta1.Notebook{
		ObjectMeta: metav1.ObjectMeta{Name: name},
		Spec: v1beta1.NotebookSpec{
			User:         "alice",
			Group:        "team",
			InstanceType: "cpu-1",
			Image:        "base-notebook",
		},
	}}
}

// Obj returns the notebook built.
func (w *NotebookWrapper) Obj() *v1beta1.Notebook { return &w.Notebook }

// Namespace sets the namespace.
func (w *NotebookWrapper) Namespace(ns string) *NotebookWrapper {
	w.ObjectMeta.Namespace = ns
	return w
}

// User sets the owner's username.
func (w *NotebookWrapper) User(username string) *NotebookWrapper {
	w.Spec.User = username
	return w
}

// Group sets the group launched in.
func (w *NotebookWrapper) Group(name string) *NotebookWrapper {
	w.Spec.Group = name
	return w
}

// InstanceType sets the instance type's name.
func (w *NotebookWrapper) InstanceType(name string) *NotebookWrapper {
	w.Spec.InstanceType = name
	return w
}

// Image sets the image's name.
func (w *NotebookWrapper) Image(name string) *NotebookWrapper {
	w.Spec.Image = name
	return w
}

// Env adds an environment variable.
func (w *NotebookWrapper) Env(name, value string) *NotebookWrapper {
	w.Spec.Env = append(w.Spec.Env, v1beta1.EnvVar{Name: name, Value: value})
	return w
}

// Stopped stops the notebook.
func (w *NotebookWrapper) Stopped() *NotebookWrapper {
	w.Spec.Stopped = true
	return w
}

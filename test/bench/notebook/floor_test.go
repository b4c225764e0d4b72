package notebook_test

import (
	"context"
	"fmt"
	"sync"
	"testing"

	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/meta"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/labels"
	"k8s.io/apimachinery/pkg/selection"
	ctrl "sigs.k8s.io/controller-runtime"
	"sigs.k8s.io/controller-runtime/pkg/cache"
	"sigs.k8s.io/controller-runtime/pkg/client"
	"sigs.k8s.io/controller-runtime/pkg/controller/controllerutil"

	"github.com/primehub/primehub/api/v1beta1"
	"github.com/primehub/primehub/internal/controller/notebook"
	"github.com/primehub/primehub/test/framework"
)

// The floor: a notebook's objects made directly by the cheapest client that does the
// design's work, as if another controller owned them. Each item is what the design needs
// of every notebook: the Notebook itself (its user's request), its token Secret (DESIGN:
// a per-notebook token, handed to the pod by a Secret), the pod (the bare pod's spec, its
// token from that Secret) and, once the pod is Ready, one status write saying Running
// (what the user waits for). The controller never sees these notebooks: its cache leaves
// out what carries labelFloor.
const (
	labelFloor  = "bench.primehub.io/floor"
	floorPrefix = "floor-"
)

// withoutFloor keeps the floor's notebooks out of the manager's cache, so the controller
// neither reconciles nor writes for them.
func withoutFloor(o *ctrl.Options) {
	absent, err := labels.NewRequirement(labelFloor, selection.DoesNotExist, nil)
	if err != nil {
		panic(err) // a constant, valid key
	}
	o.Cache.ByObject[&v1beta1.Notebook{}] = cache.ByObject{Label: labels.NewSelector().Add(*absent)}
}

// floorNotebooks is an informer on the floor's notebooks only (the manager's cache has
// none of them), stopped when the test ends.
func floorNotebooks(t *testing.T, ns string) cache.Informer {
	t.Helper()
	present, err := labels.NewRequirement(labelFloor, selection.Exists, nil)
	if err != nil {
		t.Fatal(err)
	}
	c, err := cache.New(framework.Config(), cache.Options{Scheme: framework.Scheme,
		DefaultNamespaces: map[string]cache.Config{ns: {}}, DefaultLabelSelector: labels.NewSelector().Add(*present)})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- c.Start(ctx) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("floor cache: %v", err)
		}
	})
	informer, err := c.GetInformer(ctx, &v1beta1.Notebook{})
	if err != nil {
		t.Fatal(err)
	}
	return informer
}

// floor makes the floor's items and writes their Running status when their pods are Ready.
type floor struct {
	t       *testing.T
	ns      string
	models  []*corev1.Pod // by user, as members
	members []string
	tokens  *notebook.Tokens
	// made holds the notebooks created whose Running is not yet written, by name.
	mu   sync.Mutex
	made map[string]*v1beta1.Notebook
}

func newFloor(t *testing.T, ns string, members []string, models []*corev1.Pod) *floor {
	tokens, err := framework.NotebookTokens(ns)
	if err != nil {
		t.Fatal(err)
	}
	return &floor{t: t, ns: ns, members: members, models: models, tokens: tokens, made: map[string]*v1beta1.Notebook{}}
}

// item prepares floor item i, which is timed as the notebooks are: from its Notebook's
// create to its status Running.
func (f *floor) item(i int) func(context.Context) error {
	name := fmt.Sprintf("%s%d", floorPrefix, i)
	model := f.models[i%users]
	nb := framework.MakeNotebook(name).Namespace(f.ns).User(f.members[i%users]).
		Group("bench").InstanceType("tiny").Image("base").Obj()
	nb.Labels = map[string]string{labelFloor: "true"}
	pod := barePod(model, notebook.ResourceName(name))
	pod.Labels[notebook.LabelNotebook] = name
	pod.Labels[labelFloor] = "true"
	c := framework.Client()
	return func(ctx context.Context) error {
		if err := c.Create(ctx, nb); err != nil {
			return err
		}
		// As the controller makes it (internal/controller/notebook/token.go).
		secret := &corev1.Secret{
			ObjectMeta: metav1.ObjectMeta{Namespace: f.ns, Name: f.tokens.SecretName(nb),
				Labels: map[string]string{notebook.LabelToken: nb.Name, labelFloor: "true"}},
			Type: corev1.SecretTypeOpaque,
			Data: map[string][]byte{notebook.TokenKey: []byte(f.tokens.Token(nb))},
		}
		if err := controllerutil.SetControllerReference(nb, secret, c.Scheme()); err != nil {
			return err
		}
		useToken(pod, secret.Name)
		f.mu.Lock()
		f.made[name] = nb
		f.mu.Unlock()
		if err := c.Create(ctx, secret); err != nil {
			return err
		}
		return c.Create(ctx, pod)
	}
}

// podReady writes the Running status of the floor notebook whose pod is Ready, once: one
// merge patch of the status, the fields the controller writes (its writeStatus).
func (f *floor) podReady(name string) {
	f.mu.Lock()
	nb := f.made[name]
	delete(f.made, name)
	f.mu.Unlock()
	if nb == nil {
		return
	}
	go func() {
		before := nb.DeepCopy()
		nb.Status.Phase, nb.Status.Reason, nb.Status.Message, nb.Status.URL =
			v1beta1.NotebookRunning, "Running", "the notebook is running", notebook.URL(nb)
		nb.Status.ObservedGeneration = nb.Generation
		meta.SetStatusCondition(&nb.Status.Conditions, metav1.Condition{Type: "Ready", Status: metav1.ConditionTrue,
			Reason: "Running", Message: "the notebook is running", ObservedGeneration: nb.Generation})
		if err := framework.Client().Status().Patch(context.Background(), nb, client.MergeFrom(before)); err != nil {
			f.t.Errorf("floor notebook %s: status: %v", name, err)
		}
	}()
}

// useToken points the pod's token at secret, as the controller's pod for its notebook.
func useToken(p *corev1.Pod, secret string) {
	for i := range p.Spec.Containers {
		for j := range p.Spec.Containers[i].Env {
			if e := &p.Spec.Containers[i].Env[j]; e.Name == notebook.EnvToken && e.ValueFrom != nil && e.ValueFrom.SecretKeyRef != nil {
				e.ValueFrom.SecretKeyRef.Name = secret
			}
		}
	}
}

// checkFloor fails the test unless the floor phase's requests were the floor's own, one of
// each a notebook, and the controller wrote nothing: it must not see the floor.
func checkFloor(t *testing.T, n int, f figures, controllerWrites int) {
	t.Helper()
	if controllerWrites != 0 {
		t.Errorf("floor: the controller wrote %d times; it must not see the floor's notebooks", controllerWrites)
	}
	for _, key := range []string{"POST notebooks 201", "POST secrets 201", "POST pods 201", "PATCH notebooks/status 200"} {
		if got := f.byRequest[key]; got != float64(n) {
			t.Errorf("floor: %s: %g requests, want %d, one a notebook", key, got, n)
		}
	}
}

package notebook_test

import (
	"context"
	"fmt"
	"sync"
	"testing"

	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/meta"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	ctrl "sigs.k8s.io/controller-runtime"
	"sigs.k8s.io/controller-runtime/pkg/cache"
	"sigs.k8s.io/controller-runtime/pkg/client"
	"sigs.k8s.io/controller-runtime/pkg/controller/controllerutil"

	"github.com/primehub/primehub/api/v1beta1"
	"github.com/primehub/primehub/internal/controller/notebook"
	"github.com/primehub/primehub/test/framework"
)

// The floor: a notebook's objects made by the cheapest controller that does the design's
// work, as if another controller owned them. Its users create the Notebooks as the
// notebooks phase's do (one create each, inFlight at once), and a controller with no logic
// but the writes, as many workers as the notebook controller's, makes for each what the
// design needs of every notebook: its token Secret (DESIGN: a per-notebook token, handed
// to the pod by a Secret), then the pod (the bare pod's spec, its token from that Secret);
// once the pod is Ready, one status write saying Running (what the user waits for). The
// arrivals are the notebooks': a floor whose users also made the Secret and the pod would
// start fewer clocks at once and report a lower median than any controller could. The
// notebook controller never sees these notebooks: its cache leaves out what carries
// framework.LabelFloor. Their names start with floorPrefix.
const floorPrefix = "floor-"

// withoutFloor keeps the floor's notebooks out of the manager's cache, so the controller
// neither reconciles nor writes for them.
func withoutFloor(o *ctrl.Options) {
	o.Cache.ByObject[&v1beta1.Notebook{}] = cache.ByObject{Label: framework.FloorSelector(false)}
}

// floorNotebooks is an informer on the floor's notebooks only (the manager's cache has
// none of them), stopped when the test ends.
func floorNotebooks(t *testing.T, ns string) cache.Informer {
	t.Helper()
	c, err := cache.New(framework.Config(), cache.Options{Scheme: framework.Scheme,
		DefaultNamespaces: map[string]cache.Config{ns: {}}, DefaultLabelSelector: framework.FloorSelector(true)})
	if err != nil {
		t.Fatal(err)
	}
	framework.RunUntilCleanup(t, "floor cache", c.Start)
	informer, err := c.GetInformer(context.Background(), &v1beta1.Notebook{})
	if err != nil {
		t.Fatal(err)
	}
	return informer
}

// floor is the floor's controller: it makes each new floor notebook's Secret and pod, and
// writes its Running status when its pod is Ready.
type floor struct {
	t       *testing.T
	ns      string
	members []string
	models  map[string]*corev1.Pod // by user
	tokens  *notebook.Tokens
	work    chan *v1beta1.Notebook
	// launched holds the notebooks queued for their Secret and pod.
	launched framework.FirstSeen
	mu       sync.Mutex
	// made holds the notebooks whose Running is not yet written, by name.
	made map[string]*v1beta1.Notebook
}

func newFloor(t *testing.T, ns string, members []string, models []*corev1.Pod) *floor {
	tokens, err := framework.NotebookTokens(ns)
	if err != nil {
		t.Fatal(err)
	}
	f := &floor{t: t, ns: ns, members: members, models: map[string]*corev1.Pod{}, tokens: tokens,
		work: make(chan *v1beta1.Notebook, 4096), made: map[string]*v1beta1.Notebook{}}
	for i, m := range members {
		f.models[m] = models[i]
	}
	var workers sync.WaitGroup
	for range notebook.DefaultWorkers {
		workers.Go(func() {
			for nb := range f.work {
				if err := f.launch(nb); err != nil {
					t.Errorf("floor notebook %s: %v", nb.Name, err)
				}
			}
		})
	}
	t.Cleanup(func() {
		close(f.work)
		workers.Wait()
	})
	return f
}

// item is floor item i as its user makes it: the Notebook's create, as in the notebooks
// phase. It is timed from there to its status Running.
func (f *floor) item(i int) func(context.Context) error {
	nb := framework.MakeNotebook(fmt.Sprintf("%s%d", floorPrefix, i)).Namespace(f.ns).User(f.members[i%users]).
		Group("bench").InstanceType("tiny").Image("base").Obj()
	nb.Labels = map[string]string{framework.LabelFloor: "true"}
	c := framework.Client()
	return func(ctx context.Context) error { return c.Create(ctx, nb) }
}

// added queues a floor notebook the informer saw created, once.
func (f *floor) added(o any) {
	nb, ok := o.(*v1beta1.Notebook)
	if !ok || nb.Namespace != f.ns {
		return
	}
	if f.launched.First(nb.Name) {
		f.work <- nb
	}
}

// launch makes a floor notebook's token Secret, then its pod: the writes, and nothing else,
// of the notebook controller's reconcile of a new notebook.
func (f *floor) launch(nb *v1beta1.Notebook) error {
	c := framework.Client()
	// As the controller makes it (internal/controller/notebook/token.go).
	secret := &corev1.Secret{
		ObjectMeta: metav1.ObjectMeta{Namespace: f.ns, Name: f.tokens.SecretName(nb),
			Labels: map[string]string{notebook.LabelToken: nb.Name, framework.LabelFloor: "true"}},
		Type: corev1.SecretTypeOpaque,
		Data: map[string][]byte{notebook.TokenKey: []byte(f.tokens.Token(nb))},
	}
	if err := controllerutil.SetControllerReference(nb, secret, c.Scheme()); err != nil {
		return err
	}
	pod := barePod(f.models[nb.Spec.User], notebook.ResourceName(nb.Name))
	pod.Labels[notebook.LabelNotebook] = nb.Name
	pod.Labels[framework.LabelFloor] = "true"
	useToken(pod, secret.Name)
	f.mu.Lock()
	f.made[nb.Name] = nb.DeepCopy()
	f.mu.Unlock()
	ctx := context.Background()
	if err := c.Create(ctx, secret); err != nil {
		return err
	}
	return c.Create(ctx, pod)
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

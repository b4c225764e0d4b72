package profile_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"

	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/meta"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	toolscache "k8s.io/client-go/tools/cache"
	"sigs.k8s.io/controller-runtime/pkg/cache"
	"sigs.k8s.io/controller-runtime/pkg/client"
	"sigs.k8s.io/controller-runtime/pkg/client/interceptor"
	"sigs.k8s.io/controller-runtime/pkg/controller/controllerutil"

	"github.com/primehub/primehub/api/v1beta1"
	"github.com/primehub/primehub/internal/controller/profile"
	"github.com/primehub/primehub/test/framework"
)

// The floor: a profile's objects made by the cheapest controller that does the design's
// work. Its users create the Profiles as the controller rounds' do (one create each, the
// same spec, inFlight at once; the finalizer's admission policy applies to them as to any
// Profile), and a controller with no logic but the writes, as many workers as the profile
// controller's, makes for each what the profile controller makes of a new profile
// (profile.Desired): its namespace, then the seven objects in it at once, then one status
// patch saying Ready, the fields the controller writes. It is timed as the controller
// rounds are, from the first create until an informer has seen every profile Ready. What
// it leaves out is the profile controller's own: its watches of everything it makes, its
// cache reads, its predicates and queue. The profile controller never sees these profiles:
// its cache leaves out what carries framework.LabelFloor (withoutFloor), and its manager
// runs in its own rounds.

// withoutFloor keeps the floor's profiles out of the manager's cache, so the controller
// neither reconciles nor writes for them.
func withoutFloor(o *cache.Options) {
	o.ByObject[&v1beta1.Profile{}] = cache.ByObject{Label: framework.FloorSelector(false)}
}

// floor is the floor's controller for one round: it makes the objects of each new floor
// profile named prefix…, and its informer tells ready when they are Ready.
type floor struct {
	t      *testing.T
	prefix string
	quota  corev1.ResourceList
	ready  *readiness
	client client.Client
	work   chan *v1beta1.Profile
	queued framework.FirstSeen
	mu     sync.Mutex
	// writes counts the floor controller's own writes by verb and kind, as it sends them:
	// the API server's counts of service accounts include the default one the cluster adds
	// to every namespace.
	writes map[string]int
}

// startFloor runs the floor's controller until t ends: an informer on the floor's profiles
// only (the manager's cache has none of them) and inFlight workers.
func startFloor(ctx context.Context, t *testing.T, prefix string, quota corev1.ResourceList) *floor {
	t.Helper()
	f := &floor{t: t, prefix: prefix, quota: quota, ready: &readiness{},
		work: make(chan *v1beta1.Profile, 4096), writes: map[string]int{}}
	count := func(verb string, c client.Client, o client.Object) {
		gvk, err := c.GroupVersionKindFor(o)
		if err != nil {
			t.Error(err)
		}
		f.mu.Lock()
		f.writes[verb+" "+gvk.Kind]++
		f.mu.Unlock()
	}
	// Its own client, as the controller's manager has.
	own, err := client.NewWithWatch(framework.Config(), client.Options{Scheme: framework.Scheme})
	if err != nil {
		t.Fatal(err)
	}
	f.client = interceptor.NewClient(own, interceptor.Funcs{
		Create: func(ctx context.Context, c client.WithWatch, o client.Object, opts ...client.CreateOption) error {
			count("create", c, o)
			return c.Create(ctx, o, opts...)
		},
		SubResourcePatch: func(ctx context.Context, c client.Client, sub string, o client.Object, patch client.Patch, opts ...client.SubResourcePatchOption) error {
			count("patch "+sub, c, o)
			return c.SubResource(sub).Patch(ctx, o, patch, opts...)
		},
	})
	c, err := cache.New(framework.Config(), cache.Options{Scheme: framework.Scheme,
		DefaultLabelSelector: framework.FloorSelector(true), DefaultTransform: cache.TransformStripManagedFields()})
	if err != nil {
		t.Fatal(err)
	}
	var workers sync.WaitGroup
	for range inFlight {
		workers.Go(func() {
			for p := range f.work {
				if err := f.make(ctx, p); err != nil {
					t.Errorf("floor profile %s: %v", p.Name, err)
				}
			}
		})
	}
	t.Cleanup(func() {
		close(f.work)
		workers.Wait()
	})
	// Registered after the workers' cleanup, so stopped before it: no profile is queued
	// once the work channel is closed.
	framework.RunUntilCleanup(t, "floor cache", c.Start)
	informer, err := c.GetInformer(ctx, &v1beta1.Profile{})
	if err != nil {
		t.Fatal(err)
	}
	_, err = informer.AddEventHandler(toolscache.ResourceEventHandlerFuncs{AddFunc: f.added, UpdateFunc: func(_, o any) { f.ready.seen(o) }})
	if err != nil {
		t.Fatal(err)
	}
	if !c.WaitForCacheSync(ctx) {
		t.Fatal("floor cache: not synced")
	}
	return f
}

// floorProfile is floor profile name as its user makes it: the controller rounds' Profile,
// labelled.
func floorProfile(name string) *v1beta1.Profile {
	p := framework.MakeProfile(name).Owner("user-" + name).Obj()
	p.Labels = map[string]string{framework.LabelFloor: "true"}
	return p
}

// added queues a floor profile of this round the informer saw created, once.
func (f *floor) added(o any) {
	p, ok := o.(*v1beta1.Profile)
	if !ok || !strings.HasPrefix(p.Name, f.prefix) {
		return
	}
	if f.queued.First(p.Name) {
		f.work <- p.DeepCopy()
	}
	f.ready.seen(o)
}

// make writes what the profile controller writes for a new profile, and nothing else: the
// namespace, the objects in it at once (as the controller's ensureAll), each controlled by
// the profile, then its status Ready in one merge patch (the controller's setReady).
func (f *floor) make(ctx context.Context, p *v1beta1.Profile) error {
	c := f.client
	ns, objs := profile.Desired(p, "", f.quota)
	create := func(o client.Object) error {
		if err := controllerutil.SetControllerReference(p, o, c.Scheme()); err != nil {
			return err
		}
		return c.Create(ctx, o)
	}
	if err := create(ns); err != nil {
		return err
	}
	errs := make([]error, len(objs))
	var wg sync.WaitGroup
	for i, o := range objs {
		wg.Go(func() { errs[i] = create(o) })
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return err
	}
	before := p.DeepCopy()
	meta.SetStatusCondition(&p.Status.Conditions, metav1.Condition{Type: profile.ConditionReady, Status: metav1.ConditionTrue,
		Reason: "Ready", Message: fmt.Sprintf("namespace %s is ready", p.Name), ObservedGeneration: p.Generation})
	p.Status.ObservedGeneration = p.Generation
	p.Status.Namespace = p.Name
	return c.Status().Patch(ctx, p, client.MergeFrom(before))
}

// floorWrites are the writes the floor's controller must make per profile, by verb and
// kind: the namespace, the seven objects in it, one status patch.
var floorWrites = map[string]int{
	"create Namespace": 1, "create ServiceAccount": 2, "create RoleBinding": 3, "create ResourceQuota": 1,
	"create LimitRange": 1, "patch status Profile": 1,
}

// floorRequests are the writes a floor round must make per profile as the API server counts
// them, by verb, resource and code: the user's create, and those of the floor's controller
// that nobody else makes (the cluster adds a default service account to each namespace).
var floorRequests = map[string]float64{
	"POST profiles 201": 1, "POST namespaces 201": 1, "POST rolebindings 201": 3,
	"POST resourcequotas 201": 1, "POST limitranges 201": 1, "PATCH profiles/status 200": 1,
}

// check fails the test unless the floor round made exactly the writes above for each
// of its n profiles, and nothing else wrote to Profiles.
func (f *floor) check(t *testing.T, n int, before, after framework.Usage) {
	t.Helper()
	f.mu.Lock()
	defer f.mu.Unlock()
	for key, want := range floorWrites {
		if got := f.writes[key]; got != want*n {
			t.Errorf("floor: %s: %d writes, want %d (%d a profile)", key, got, want*n, want)
		}
	}
	for key := range f.writes {
		if _, ok := floorWrites[key]; !ok {
			t.Errorf("floor: %s: %d writes, want none", key, f.writes[key])
		}
	}
	for key, want := range floorRequests {
		if got := after.Requests[key] - before.Requests[key]; got != want*float64(n) {
			t.Errorf("floor: %s: %g requests, want %g (%g a profile)", key, got, want*float64(n), want)
		}
	}
	for key, v := range after.Requests {
		if _, checked := floorRequests[key]; checked || v == before.Requests[key] {
			continue
		}
		if f := strings.Fields(key); len(f) == 3 && f[0] != "GET" && f[0] != "LIST" && f[0] != "WATCH" &&
			strings.HasPrefix(f[1], "profiles") {
			t.Errorf("floor: %s: %g requests, want none", key, v-before.Requests[key])
		}
	}
}

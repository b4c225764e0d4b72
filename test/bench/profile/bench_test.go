// Package profile_test measures the profile controller: 1,000 profiles created at once
// until all are Ready, timed beside the API server creating the same objects directly
// (namespace, service accounts, role bindings, quota, limit range) from the same client in
// the same run, and beside the floor of the design: the same Profiles made Ready by a
// controller with no logic but the writes (floor_test.go). `make bench` runs it; `make
// test` does not. The three are timed in rounds in ABCCBA order (direct, floor, controller,
// controller, floor, direct), each after the machine has gone quiet, so that load which
// drifts during the run falls on all alike. Beside the times it
// logs, per profile and phase, the CPU time of each control-plane process and of this one
// (the client and the controller), and the API requests by verb, resource and code:
// figures that move much less than times when other work shares the machine.
package profile_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/go-logr/logr"
	corev1 "k8s.io/api/core/v1"
	rbacv1 "k8s.io/api/rbac/v1"
	"k8s.io/apimachinery/pkg/api/meta"
	"k8s.io/apimachinery/pkg/api/resource"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	toolscache "k8s.io/client-go/tools/cache"
	"k8s.io/utils/ptr"
	ctrl "sigs.k8s.io/controller-runtime"
	"sigs.k8s.io/controller-runtime/pkg/client"
	crconfig "sigs.k8s.io/controller-runtime/pkg/config"
	"sigs.k8s.io/controller-runtime/pkg/metrics"
	metricsserver "sigs.k8s.io/controller-runtime/pkg/metrics/server"

	"github.com/primehub/primehub/api/v1beta1"
	"github.com/primehub/primehub/config"
	"github.com/primehub/primehub/internal/controller/profile"
	"github.com/primehub/primehub/internal/manifest"
	"github.com/primehub/primehub/internal/serve"
	"github.com/primehub/primehub/test/bench/summary"
	"github.com/primehub/primehub/test/framework"
)

func TestMain(m *testing.M) { os.Exit(framework.Run(m)) }

const (
	defaultProfiles = 1000
	inFlight        = 50
	targetRatio     = 1.5
	// floorRatio is the profile controller's target against the floor's controller.
	floorRatio = 1.3
	// quietWait is the longest each phase waits for the machine to go quiet.
	quietWait = 30 * time.Second
	// defaultQuota is the admin's default profile quota, which direct creation copies.
	defaultQuota = "cpu=8,memory=32Gi"
)

// rounds is the order of the timed phases: mirrored, it cancels load that rises or falls
// steadily through the run, and the cluster's own growth (each phase adds its objects).
var rounds = []string{"direct", "floor", "controller", "controller", "floor", "direct"}

func TestProfilesToReady(t *testing.T) {
	if os.Getenv("PRIMEHUB_BENCH") == "" {
		t.Skip("a load test: run it with `make bench` (sets PRIMEHUB_BENCH=1)")
	}
	profiles := defaultProfiles
	if v := os.Getenv("PRIMEHUB_BENCH_PROFILES"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			t.Fatalf("PRIMEHUB_BENCH_PROFILES=%q: want a number of profiles, at least 1", v)
		}
		profiles = n
	}
	t.Logf("load average at start: %s", framework.LoadAverage())
	ctrl.SetLogger(logr.Discard())
	ctx := context.Background()
	c := framework.Client()
	if _, err := manifest.Apply(ctx, c, config.Manifests, "rbac/*.yaml"); err != nil {
		t.Fatal(err)
	}
	platform := framework.NewNamespace(t)
	if err := (&profile.Defaults{Client: c, Namespace: platform}).Set(ctx, defaultQuota); err != nil {
		t.Fatal(err)
	}
	quota, err := profile.ParseQuota(defaultQuota)
	if err != nil {
		t.Fatal(err)
	}

	took := map[string]time.Duration{}
	// CPU of all the cluster's processes and this one, and of the API server alone, by kind
	// of phase: the floor of the ratio of times when both phases keep the cores busy.
	cpu, apiserver := map[string]float64{}, map[string]float64{}
	for i, kind := range rounds {
		phase := fmt.Sprintf("round %d, %s", i+1, kind)
		prefix := fmt.Sprintf("%s-%d-", kind, i+1)
		// Each round is a subtest: the controller's manager runs in its own rounds only,
		// since its informers (every namespace, service account, binding… of the cluster)
		// are part of what the controller costs; with them running, direct creation took
		// twice as long (6.3 against 12.1 s for 1,000, the API server's CPU 8.2 against
		// 9.6 ms a profile).
		t.Run(phase, func(t *testing.T) {
			var ready *readiness
			var fl *floor
			switch kind {
			case "controller":
				ready = startController(ctx, t, platform)
			case "floor":
				fl = startFloor(ctx, t, prefix, quota)
				ready = fl.ready
			}
			framework.WaitQuiet(t, quietWait)
			before, reconciledBefore := framework.MeasureUsage(t), reconciles(t)
			var d time.Duration
			switch kind {
			case "direct":
				d = timeParallel(profiles, func(i int) error { return createDirectly(ctx, c, prefix+strconv.Itoa(i)) })
				t.Logf("%s: %d namespaces with their objects created in %s", phase, profiles, d.Round(time.Millisecond))
			case "controller":
				d = toReady(ctx, t, phase, ready, prefix, profiles, func(name string) *v1beta1.Profile {
					return framework.MakeProfile(name).Owner("user-" + name).Obj()
				})
			case "floor":
				d = toReady(ctx, t, phase, ready, prefix, profiles, floorProfile)
			}
			after := framework.MeasureUsage(t)
			framework.ReportUsage(t, phase, "profile", profiles, before, after)
			t.Logf("%s: %.2f reconciles per profile", phase, (reconciles(t)-reconciledBefore)/float64(profiles))
			if fl != nil {
				fl.check(t, profiles, before, after)
			}
			took[kind] += d
			for name, v := range after.CPU {
				cpu[kind] += v - before.CPU[name]
			}
			apiserver[kind] += after.CPU["kube-apiserver"] - before.CPU["kube-apiserver"]
		})
		if t.Failed() {
			return
		}
	}
	perProfile := func(m map[string]float64, kind string) float64 { return 1000 * m[kind] / float64(2*profiles) }
	for _, kind := range []string{"controller", "floor"} {
		t.Logf("CPU per profile, all the cluster's processes and this one: %s %.1f ms against %.1f ms direct, %.2f×; the API server's: %.1f against %.1f ms, %.2f×",
			kind, perProfile(cpu, kind), perProfile(cpu, "direct"), cpu[kind]/cpu["direct"],
			perProfile(apiserver, kind), perProfile(apiserver, "direct"), apiserver[kind]/apiserver["direct"])
	}
	t.Logf("CPU per profile, controller against floor: %.2f× (all), %.2f× (the API server's)",
		cpu["controller"]/cpu["floor"], apiserver["controller"]/apiserver["floor"])
	t.Logf("load average at the end: %s", framework.LoadAverage())
	mean := func(kind string) float64 { return took[kind].Seconds() / 2 }
	const cheapest = "their objects made by the cheapest controller"
	figure := fmt.Sprintf("%d profiles to Ready (mean of 2, ABCCBA)", profiles)
	summary.Record(t, summary.Row{Benchmark: "profiles", Figure: figure,
		Value: mean("controller"), Anchor: "their objects created directly", AnchorValue: mean("direct"),
		Unit: "s", Kind: summary.Ratio, Target: targetRatio, Floor: mean("floor") / mean("direct"), FloorAnchor: cheapest})
	summary.Record(t, summary.Row{Benchmark: "profiles", Figure: figure,
		Value: mean("controller"), Anchor: cheapest, AnchorValue: mean("floor"), Unit: "s", Kind: summary.Ratio, Target: floorRatio})
}

// toReady creates n profiles named prefix… with inFlight at a time and returns how long
// until ready has seen all of them Ready.
func toReady(ctx context.Context, t *testing.T, phase string, ready *readiness, prefix string, n int, newProfile func(name string) *v1beta1.Profile) time.Duration {
	t.Helper()
	done := ready.expect(prefix, n)
	start := time.Now()
	timeParallel(n, func(i int) error { return framework.Client().Create(ctx, newProfile(prefix+strconv.Itoa(i))) })
	select {
	case <-done:
	case <-time.After(15 * time.Minute):
		t.Fatalf("%s: only %d of %d profiles Ready after 15 minutes", phase, ready.count(), n)
	}
	d := time.Since(start)
	t.Logf("%s: %d profiles Ready in %s", phase, n, d.Round(time.Millisecond))
	return d
}

// startController runs the profile controller with inFlight workers until t ends, waits
// until the API server gives new profiles their finalizer (the controller installs the
// admission policy: time the steady state), and returns what tells when profiles are Ready.
func startController(ctx context.Context, t *testing.T, platform string) *readiness {
	// The caches as serve configures them: ConfigMaps, for the default quota, are watched
	// in the platform namespace only, not the CA bundle of every new namespace.
	// The floor's profiles are left out: the controller must not see them.
	caches := serve.CacheOptions(platform)
	withoutFloor(&caches)
	mgr, err := ctrl.NewManager(framework.Config(), ctrl.Options{
		Scheme:                 framework.Scheme,
		Cache:                  caches,
		Metrics:                metricsserver.Options{BindAddress: "0"},
		HealthProbeBindAddress: "0",
		Controller:             crconfig.Controller{SkipNameValidation: ptr.To(true)}, // one manager per round
	})
	if err != nil {
		t.Fatal(err)
	}
	err = (&profile.Reconciler{Client: mgr.GetClient(), Defaults: &profile.Defaults{Client: mgr.GetClient(), Namespace: platform},
		Workers: inFlight}).SetupWithManager(mgr)
	if err != nil {
		t.Fatal(err)
	}
	framework.RunUntilCleanup(t, "manager", mgr.Start)
	ready := &readiness{}
	informer, err := mgr.GetCache().GetInformer(ctx, &v1beta1.Profile{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := informer.AddEventHandler(toolscache.ResourceEventHandlerFuncs{AddFunc: ready.seen, UpdateFunc: func(_, o any) { ready.seen(o) }}); err != nil {
		t.Fatal(err)
	}
	// The floor's profiles of earlier rounds are in the cluster: the controller must not see them.
	if !mgr.GetCache().WaitForCacheSync(ctx) {
		t.Fatal("the controller's cache: not synced")
	}
	cached := &v1beta1.ProfileList{}
	if err := mgr.GetCache().List(ctx, cached); err != nil {
		t.Fatal(err)
	}
	for _, p := range cached.Items {
		if p.Labels[framework.LabelFloor] != "" {
			t.Fatalf("the controller's cache holds the floor's profile %s", p.Name)
		}
	}
	framework.Eventually(t, time.Minute, func(ctx context.Context) error {
		p := framework.MakeProfile("probe").Obj()
		if err := framework.Client().Create(ctx, p, client.DryRunAll); err != nil {
			return err
		}
		if len(p.Finalizers) == 0 {
			return errors.New("no finalizer on admission yet")
		}
		return nil
	})
	return ready
}

// reconciles is how many reconciles the profile controller has made so far, by result
// (success, error, requeue), from controller-runtime's metrics.
func reconciles(t *testing.T) float64 {
	t.Helper()
	families, err := metrics.Registry.Gather()
	if err != nil {
		t.Fatal(err)
	}
	var n float64
	for _, f := range families {
		if f.GetName() != "controller_runtime_reconcile_total" {
			continue
		}
		for _, m := range f.GetMetric() {
			for _, l := range m.GetLabel() {
				if l.GetName() == "controller" && l.GetValue() == "profile" {
					n += m.GetCounter().GetValue()
				}
			}
		}
	}
	return n
}

// readiness counts the profiles of one controller round an informer has seen Ready.
type readiness struct {
	mu     sync.Mutex
	prefix string
	want   int
	ready  map[string]bool
	done   chan struct{}
}

// expect starts a round: the returned channel closes once n profiles named prefix… are Ready.
func (r *readiness) expect(prefix string, n int) <-chan struct{} {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.prefix, r.want, r.ready, r.done = prefix, n, map[string]bool{}, make(chan struct{})
	return r.done
}

func (r *readiness) count() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return len(r.ready)
}

func (r *readiness) seen(obj any) {
	p, ok := obj.(*v1beta1.Profile)
	if !ok || !meta.IsStatusConditionTrue(p.Status.Conditions, profile.ConditionReady) {
		return
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.ready == nil || !strings.HasPrefix(p.Name, r.prefix) || r.ready[p.Name] {
		return
	}
	r.ready[p.Name] = true
	if len(r.ready) == r.want {
		close(r.done)
	}
}

// timeParallel runs fn for 0..n-1 with inFlight at a time and returns how long all took.
func timeParallel(n int, fn func(i int) error) time.Duration {
	start := time.Now()
	var wg sync.WaitGroup
	sem := make(chan struct{}, inFlight)
	for i := range n {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			if err := fn(i); err != nil {
				panic(err)
			}
		}()
	}
	wg.Wait()
	return time.Since(start)
}

// createDirectly makes what the controller makes for a profile owned by one user with
// the default quota: a namespace, two service accounts, three role bindings, a quota and
// a limit range.
func createDirectly(ctx context.Context, c client.Client, name string) error {
	q := func(s string) resource.Quantity { return resource.MustParse(s) }
	rb := func(n, role string, s rbacv1.Subject) *rbacv1.RoleBinding {
		return &rbacv1.RoleBinding{ObjectMeta: metav1.ObjectMeta{Namespace: name, Name: n},
			RoleRef:  rbacv1.RoleRef{APIGroup: rbacv1.GroupName, Kind: "ClusterRole", Name: role},
			Subjects: []rbacv1.Subject{s}}
	}
	objs := []client.Object{
		&corev1.Namespace{ObjectMeta: metav1.ObjectMeta{Name: name}},
		&corev1.ServiceAccount{ObjectMeta: metav1.ObjectMeta{Namespace: name, Name: "default-editor"}},
		&corev1.ServiceAccount{ObjectMeta: metav1.ObjectMeta{Namespace: name, Name: "default-viewer"}},
		rb("owner", "primehub-profile-admin", rbacv1.Subject{APIGroup: rbacv1.GroupName, Kind: rbacv1.UserKind, Name: name}),
		rb("default-editor", "primehub-profile-edit", rbacv1.Subject{Kind: rbacv1.ServiceAccountKind, Namespace: name, Name: "default-editor"}),
		rb("default-viewer", "primehub-profile-view", rbacv1.Subject{Kind: rbacv1.ServiceAccountKind, Namespace: name, Name: "default-viewer"}),
		&corev1.ResourceQuota{ObjectMeta: metav1.ObjectMeta{Namespace: name, Name: "quota"},
			Spec: corev1.ResourceQuotaSpec{Hard: corev1.ResourceList{"limits.cpu": q("8"), "limits.memory": q("32Gi")}}},
		&corev1.LimitRange{ObjectMeta: metav1.ObjectMeta{Namespace: name, Name: "limits"},
			Spec: corev1.LimitRangeSpec{Limits: []corev1.LimitRangeItem{{Type: corev1.LimitTypeContainer,
				Default:        corev1.ResourceList{corev1.ResourceCPU: q("1"), corev1.ResourceMemory: q("1Gi")},
				DefaultRequest: corev1.ResourceList{corev1.ResourceCPU: q("100m"), corev1.ResourceMemory: q("128Mi")}}}}},
	}
	for _, o := range objs {
		if err := c.Create(ctx, o); err != nil {
			return err
		}
	}
	return nil
}

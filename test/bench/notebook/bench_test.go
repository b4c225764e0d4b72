// Package notebook_test measures the notebook controller: 500 notebooks created at once on
// the real control plane with kwok nodes, until all are Running. It reports create-to-
// Running latency (p50, p99), API writes per notebook, the process's memory, and the CPU each
// process of the cluster spent per notebook.
// `make bench` runs it; `make test` does not.
package notebook_test

import (
	"context"
	"fmt"
	"os"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/go-logr/logr"
	corev1 "k8s.io/api/core/v1"
	toolscache "k8s.io/client-go/tools/cache"
	ctrl "sigs.k8s.io/controller-runtime"
	"sigs.k8s.io/controller-runtime/pkg/client"

	"github.com/primehub/primehub/api/v1beta1"
	"github.com/primehub/primehub/internal/controller/notebook"
	"github.com/primehub/primehub/internal/directory"
	"github.com/primehub/primehub/test/framework"
)

// 500 pods need more room than the default nodes' 3 × 110 pods.
func TestMain(m *testing.M) { os.Exit(framework.RunWithCluster(m, "--cpu-nodes=6")) }

const (
	notebooks = 500
	users     = 50
	workers   = 16
	targetP50 = time.Second
	maxRSSMiB = 200
)

func TestNotebooksToRunning(t *testing.T) {
	if os.Getenv("PRIMEHUB_BENCH") == "" {
		t.Skip("a load test: run it with `make bench` (sets PRIMEHUB_BENCH=1)")
	}
	ctrl.SetLogger(logr.Discard())
	ctx := context.Background()
	ns := framework.NewNamespace(t)
	dir := framework.StartBuiltinDirectory(t, ns, logr.Discard())
	var members []string
	for i := range users {
		u := fmt.Sprintf("user-%d", i)
		if _, err := dir.CreateUser(ctx, directory.User{Username: u}); err != nil {
			t.Fatal(err)
		}
		members = append(members, u)
	}
	if _, err := dir.CreateGroup(ctx, directory.Group{Name: "bench", Members: members}); err != nil {
		t.Fatal(err)
	}
	c := framework.Client()
	for _, o := range []client.Object{
		framework.MakeImage("base").Namespace(ns).Global().Obj(),
		framework.MakeInstanceType("tiny").Namespace(ns).CPU("10m", "10m").Memory("16Mi", "16Mi").Global().Obj(),
	} {
		if err := c.Create(ctx, o); err != nil {
			t.Fatal(err)
		}
	}
	writes := &framework.Writes{}
	mgr := framework.StartManager(t, func(mgr ctrl.Manager) error {
		counted, err := writes.Client(mgr)
		if err != nil {
			return err
		}
		tokens, err := framework.NotebookTokens(ns)
		if err != nil {
			return err
		}
		r := &notebook.Reconciler{Client: counted, APIReader: mgr.GetAPIReader(), Launcher: framework.Launcher(mgr, dir, ns), Tokens: tokens, Workers: workers}
		if err := r.SetupWithManager(mgr); err != nil {
			return err
		}
		// Notebook pods carry the admission guard: only the webhook lets them start.
		return framework.SetupWebhooks(t, mgr, ns)
	})
	framework.WaitWebhooks(t, ns)

	// Note when each notebook is first seen Running, through an informer, which unlike a
	// bare watch survives the API server dropping a slow watcher.
	created := make([]time.Time, notebooks)
	running := make([]time.Time, notebooks)
	var mu sync.Mutex
	left := notebooks
	done := make(chan struct{})
	seen := func(obj any) {
		nb, ok := obj.(*v1beta1.Notebook)
		if !ok || nb.Namespace != ns || nb.Status.Phase != v1beta1.NotebookRunning {
			return
		}
		i, _ := strconv.Atoi(strings.TrimPrefix(nb.Name, "nb-"))
		mu.Lock()
		defer mu.Unlock()
		if running[i].IsZero() {
			running[i] = time.Now()
			if left--; left == 0 {
				close(done)
			}
		}
	}
	informer, err := mgr.GetCache().GetInformer(ctx, &v1beta1.Notebook{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := informer.AddEventHandler(toolscache.ResourceEventHandlerFuncs{
		AddFunc:    seen,
		UpdateFunc: func(_, obj any) { seen(obj) },
	}); err != nil {
		t.Fatal(err)
	}

	before := framework.MeasureUsage(t)
	start := time.Now()
	var wg sync.WaitGroup
	sem := make(chan struct{}, 50)
	for i := range notebooks {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			nb := framework.MakeNotebook(fmt.Sprintf("nb-%d", i)).Namespace(ns).User(members[i%users]).
				Group("bench").InstanceType("tiny").Image("base").Obj()
			mu.Lock()
			created[i] = time.Now()
			mu.Unlock()
			if err := c.Create(ctx, nb); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	select {
	case <-done:
	case <-time.After(10 * time.Minute):
		t.Fatal("not all notebooks Running after 10 minutes")
	}
	total := time.Since(start)
	framework.ReportUsage(t, "to Running", "notebook", notebooks, before, framework.MeasureUsage(t))

	latencies := make([]time.Duration, notebooks)
	for i := range notebooks {
		latencies[i] = running[i].Sub(created[i])
	}
	slices.Sort(latencies)
	p50, p99 := latencies[notebooks/2], latencies[notebooks*99/100]
	writes.Settle(t, ns)
	perNotebook := float64(writes.For(ns)) / notebooks
	var ms runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&ms)
	rss := readRSSMiB()

	t.Logf("%d notebooks Running in %s: create-to-Running p50 %s, p99 %s, max %s",
		notebooks, total.Round(time.Millisecond), p50.Round(time.Millisecond), p99.Round(time.Millisecond), latencies[notebooks-1].Round(time.Millisecond))
	t.Logf("API writes per notebook: %.2f (controller, after settling); process RSS %d MiB, Go heap in use %d MiB",
		perNotebook, rss, ms.HeapInuse>>20)
	stageTimes(t, ns)
	// Missed targets fail, as the other benchmarks' do, after every figure is logged.
	if p50 > targetP50 {
		t.Errorf("p50 %s is above the %s target", p50, targetP50)
	}
	if rss > maxRSSMiB {
		t.Errorf("RSS %d MiB is above the %d MiB target", rss, maxRSSMiB)
	}
	if perNotebook > 10 {
		t.Errorf("%.1f writes per notebook: writes are not bounded", perNotebook)
	}
}

// readRSSMiB is this process's resident memory: the controller, its caches and the
// benchmark's own client together.
func readRSSMiB() int {
	data, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return -1
	}
	for _, line := range strings.Split(string(data), "\n") {
		if f := strings.Fields(line); len(f) >= 2 && f[0] == "VmRSS:" {
			kb, _ := strconv.Atoi(f[1])
			return kb >> 10
		}
	}
	return -1
}

// stageTimes logs, at the API server's one-second resolution, how long notebooks took to
// get a pod, the pod to be scheduled and to run: where the time goes.
func stageTimes(t *testing.T, ns string) {
	var nbs v1beta1.NotebookList
	var pods corev1.PodList
	c := framework.Client()
	if err := c.List(context.Background(), &nbs, client.InNamespace(ns)); err != nil {
		t.Fatal(err)
	}
	if err := c.List(context.Background(), &pods, client.InNamespace(ns)); err != nil {
		t.Fatal(err)
	}
	nbCreated := map[string]time.Time{}
	for _, nb := range nbs.Items {
		nbCreated[notebook.ResourceName(nb.Name)] = nb.CreationTimestamp.Time
	}
	var toPod, toScheduled, toReady []time.Duration
	for _, p := range pods.Items {
		var scheduled, ready time.Time
		for _, c := range p.Status.Conditions {
			switch c.Type {
			case corev1.PodScheduled:
				scheduled = c.LastTransitionTime.Time
			case corev1.PodReady:
				ready = c.LastTransitionTime.Time
			}
		}
		toPod = append(toPod, p.CreationTimestamp.Sub(nbCreated[p.Name]))
		toScheduled = append(toScheduled, scheduled.Sub(p.CreationTimestamp.Time))
		toReady = append(toReady, ready.Sub(scheduled))
	}
	med := func(d []time.Duration) time.Duration { slices.Sort(d); return d[len(d)/2] }
	t.Logf("medians: notebook to pod %s, pod to scheduled %s, scheduled to ready %s", med(toPod), med(toScheduled), med(toReady))
}

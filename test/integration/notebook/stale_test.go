package notebook_test

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"sync/atomic"
	"testing"
	"time"

	apierrors "k8s.io/apimachinery/pkg/api/errors"
	"k8s.io/utils/ptr"
	"sigs.k8s.io/controller-runtime/pkg/client"
	"sigs.k8s.io/controller-runtime/pkg/client/interceptor"
	"sigs.k8s.io/controller-runtime/pkg/controller/controllerutil"

	"github.com/primehub/primehub/api/v1beta1"
	"github.com/primehub/primehub/internal/controller/notebook"
	"github.com/primehub/primehub/test/framework"
)

// A new notebook's start, when nothing goes wrong, is not reported step by step: its phase
// stays empty while its pod waits for a node (GraphQL shows it Pending), and the controller
// checks nothing before making the pod, so the first status it writes is where the pod
// got to.
func TestANewNotebookIsNotReportedPendingWhileItsPodWaits(t *testing.T) {
	e := setup(t)
	// Alice's first notebook makes her home claim: the scheduler's wait for it binding
	// is a Pending worth reporting, and not what this test is about.
	waitPhase(t, e.launch(t, "first", e.user(), "cpu-1"), v1beta1.NotebookRunning, time.Minute)

	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	wc, err := client.NewWithWatch(framework.Config(), client.Options{Scheme: framework.Client().Scheme()})
	if err != nil {
		t.Fatal(err)
	}
	w, err := wc.Watch(ctx, &v1beta1.NotebookList{}, client.InNamespace(e.ns), client.MatchingFields{"metadata.name": "second"})
	if err != nil {
		t.Fatal(err)
	}
	defer w.Stop()
	e.launch(t, "second", e.user(), "cpu-1")
	var seen []string
	for ev := range w.ResultChan() {
		nb, ok := ev.Object.(*v1beta1.Notebook)
		if !ok {
			t.Fatalf("watch: %v", ev.Object)
		}
		if phase := string(nb.Status.Phase); len(seen) == 0 || seen[len(seen)-1] != phase {
			seen = append(seen, phase)
		}
		if nb.Status.Phase == v1beta1.NotebookRunning {
			break
		}
	}
	t.Logf("phases: %q", seen)
	if seen[len(seen)-1] != string(v1beta1.NotebookRunning) {
		t.Fatalf("not Running within a minute: phases %q", seen)
	}
	if slices.Contains(seen, string(v1beta1.NotebookPending)) {
		t.Errorf("a notebook whose pod just waited for a node was reported Pending: phases %q", seen)
	}
}

// The controller makes a notebook's pod from its cache, without reading the notebook
// afresh: a reconcile whose cache is behind may make a pod for a notebook that has since
// failed, stopped or gone. Each such pod is removed once the cache catches up (or, for a
// notebook that is gone, by the garbage collector), so none runs with nobody to stop it.
// The pod is made here as the controller makes one, by the administrator.
func TestAPodMadeOnAStaleCacheIsRemoved(t *testing.T) {
	e := setup(t)
	ctx := context.Background()
	c := framework.Client()

	t.Run("failed", func(t *testing.T) {
		nb := waitPhase(t, e.launch(t, "failed", e.user(), "cpu-99"), v1beta1.NotebookFailed, 30*time.Second)
		stalePod(t, nb)
		waitPodGone(t, nb)
		got := &v1beta1.Notebook{}
		if err := c.Get(ctx, client.ObjectKeyFromObject(nb), got); err != nil {
			t.Fatal(err)
		}
		if got.Status.Phase != v1beta1.NotebookFailed || got.Status.Reason != nb.Status.Reason {
			t.Errorf("the failed notebook is now %s (%s), want still Failed (%s)", got.Status.Phase, got.Status.Reason, nb.Status.Reason)
		}
	})

	t.Run("stopped", func(t *testing.T) {
		nb := framework.MakeNotebook("stopped").Namespace(e.ns).User(e.user()).Group(e.group()).InstanceType("cpu-1").Image("base").Stopped().Obj()
		if err := c.Create(ctx, nb); err != nil {
			t.Fatal(err)
		}
		nb = waitPhase(t, nb, v1beta1.NotebookStopped, 30*time.Second)
		stalePod(t, nb)
		waitPodGone(t, nb)
		waitPhase(t, nb, v1beta1.NotebookStopped, 30*time.Second)
	})

	t.Run("deleted", func(t *testing.T) {
		// Stopped, so the controller makes no pod of its own before it goes.
		nb := framework.MakeNotebook("deleted").Namespace(e.ns).User(e.user()).Group(e.group()).InstanceType("cpu-1").Image("base").Stopped().Obj()
		if err := c.Create(ctx, nb); err != nil {
			t.Fatal(err)
		}
		nb = waitPhase(t, nb, v1beta1.NotebookStopped, 30*time.Second)
		if err := c.Delete(ctx, nb); err != nil {
			t.Fatal(err)
		}
		framework.Eventually(t, 30*time.Second, func(ctx context.Context) error {
			if err := c.Get(ctx, client.ObjectKeyFromObject(nb), &v1beta1.Notebook{}); !apierrors.IsNotFound(err) {
				return fmt.Errorf("the notebook is still there: %v", err)
			}
			return nil
		})
		stalePod(t, nb)
		waitPodGone(t, nb)
	})
}

// stalePod makes the pod the controller would make for the notebook as it is now, as a
// reconcile on a cache that has yet to show its failure, stop or deletion would.
func stalePod(t *testing.T, nb *v1beta1.Notebook) {
	t.Helper()
	c := framework.Client()
	pod := framework.MakePod(notebook.ResourceName(nb.Name), nb.Namespace).User(nb.Spec.User).Group(nb.Spec.Group).
		Label(notebook.LabelNotebook, nb.Name).Annotate("primehub.io/notebook-generation", strconv.FormatInt(nb.Generation, 10)).
		Limits("1", "1Gi", 0).Obj()
	// No server runs in it (the devcluster runs only a notebook's): its deletion need not
	// wait the default 30 s for one to stop.
	pod.Spec.TerminationGracePeriodSeconds = ptr.To[int64](1)
	if err := controllerutil.SetControllerReference(nb, pod, c.Scheme()); err != nil {
		t.Fatal(err)
	}
	if err := c.Create(context.Background(), pod); err != nil {
		t.Fatal(err)
	}
}

// waitPodGone waits for the notebook's pod to be deleted.
func waitPodGone(t *testing.T, nb *v1beta1.Notebook) {
	t.Helper()
	framework.Eventually(t, time.Minute, func(context.Context) error {
		pod, err := podOf(nb)
		if apierrors.IsNotFound(err) || err == nil && !pod.DeletionTimestamp.IsZero() {
			return nil
		}
		if err != nil {
			return err
		}
		return fmt.Errorf("the pod made for notebook %s is still there (%s, on %q)", nb.Name, pod.Status.Phase, pod.Spec.NodeName)
	})
}

// A reconcile on a cache that is behind derives a status from a notebook that has since
// changed: its write must fail rather than overwrite part of the newer status. A merge
// patch writes only the fields that differ from what the reconcile read, so an unlocked
// one mixed the two: Failed and NotAdmitted, from the newer status, with "waiting for a
// node", from the stale reconcile.
func TestAStatusFromAStaleNotebookDoesNotMixWithANewerOne(t *testing.T) {
	var (
		frozen atomic.Pointer[v1beta1.Notebook]
		reads  atomic.Int32
	)
	e := setup(t, func(r *notebook.Reconciler) {
		// The controller's reads of the frozen notebook show it as it was when frozen.
		r.Client = interceptor.NewClient(r.Client.(client.WithWatch), interceptor.Funcs{
			Get: func(ctx context.Context, c client.WithWatch, key client.ObjectKey, o client.Object, opts ...client.GetOption) error {
				if nb, ok := o.(*v1beta1.Notebook); ok {
					if old := frozen.Load(); old != nil && key == client.ObjectKeyFromObject(old) {
						reads.Add(1)
						old.DeepCopyInto(nb)
						return nil
					}
				}
				return c.Get(ctx, key, o, opts...)
			},
		})
	})
	ctx := context.Background()
	c := framework.Client()
	nb := waitPhase(t, e.launch(t, "behind", e.user(), "cpu-1"), v1beta1.NotebookRunning, time.Minute)
	pod, err := podOf(nb)
	if err != nil {
		t.Fatal(err)
	}

	// What a reconcile wrote when the scheduler made the pod wait, and the cache shows.
	setStatus(t, nb, v1beta1.NotebookPending, "Scheduling", "waiting for its claim")
	frozen.Store(nb.DeepCopy())
	// What a later reconcile, whose cache was current, wrote when it failed the
	// notebook and removed its pod.
	setStatus(t, nb, v1beta1.NotebookFailed, "NotAdmitted", "the newer verdict")
	if err := c.Delete(ctx, pod); err != nil {
		t.Fatal(err)
	}
	// The pod's deletion brings reconciles that read the frozen notebook; sequential, so
	// by the third read the first two have written what they would.
	framework.Eventually(t, 30*time.Second, func(context.Context) error {
		if n := reads.Load(); n < 3 {
			return fmt.Errorf("%d reconciles read the stale notebook", n)
		}
		return nil
	})
	got := &v1beta1.Notebook{}
	if err := c.Get(ctx, client.ObjectKeyFromObject(nb), got); err != nil {
		t.Fatal(err)
	}
	if s := got.Status; s.Phase != v1beta1.NotebookFailed || s.Reason != "NotAdmitted" || s.Message != "the newer verdict" {
		t.Errorf("status %s (%s: %s), want the newer status whole: Failed (NotAdmitted: the newer verdict)", s.Phase, s.Reason, s.Message)
	}
	frozen.Store(nil)
}

// setStatus writes the notebook's status as a reconcile would have.
func setStatus(t *testing.T, nb *v1beta1.Notebook, phase v1beta1.NotebookPhase, reason, message string) {
	t.Helper()
	before := nb.DeepCopy()
	nb.Status.Phase, nb.Status.Reason, nb.Status.Message, nb.Status.URL = phase, reason, message, ""
	if err := framework.Client().Status().Patch(context.Background(), nb, client.MergeFrom(before)); err != nil {
		t.Fatal(err)
	}
}

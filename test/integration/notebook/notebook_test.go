// Package notebook_test launches notebooks on the real control plane with kwok nodes: the
// controller renders the pod with internal/spawn, and the notebook follows it.
package notebook_test

import (
	"context"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/go-logr/logr"
	corev1 "k8s.io/api/core/v1"
	networkingv1 "k8s.io/api/networking/v1"
	rbacv1 "k8s.io/api/rbac/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	"k8s.io/apimachinery/pkg/api/resource"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/labels"
	"k8s.io/utils/ptr"
	ctrl "sigs.k8s.io/controller-runtime"
	"sigs.k8s.io/controller-runtime/pkg/client"

	"github.com/primehub/primehub/api/v1beta1"
	"github.com/primehub/primehub/internal/controller/notebook"
	"github.com/primehub/primehub/internal/directory"
	"github.com/primehub/primehub/internal/names"
	"github.com/primehub/primehub/internal/quota"
	"github.com/primehub/primehub/internal/spawn"
	"github.com/primehub/primehub/test/framework"
)

// Notebook pods run Debian's Jupyter server (devcluster up --run-notebooks), so a notebook
// is Running only once a real server answers, and the proxy reaches a real one.
func TestMain(m *testing.M) { os.Exit(framework.RunWithCluster(m, "--run-notebooks")) }

// env is one test's platform: its namespace, directory and running controller.
type env struct {
	ns     string
	dir    directory.Directory
	writes *framework.Writes
	// tokens makes the notebooks' tokens, as the controller and the proxy do.
	tokens *notebook.Tokens
}

// setup starts a platform in a namespace of its own with user alice, member of group
// ml_team (per-user quota: 4 cpu, 1 GPU), a global image and instance types cpu-1
// (global), cpu-3 (global), cpu-8 (ml_team), gpu-1 (ml_team) and gpu-5 (global, more GPUs
// than any node).
func setup(t *testing.T, configure ...func(*notebook.Reconciler)) *env {
	t.Helper()
	ctx := context.Background()
	e := &env{ns: framework.NewNamespace(t), writes: &framework.Writes{}}
	e.dir = framework.StartBuiltinDirectory(t, e.ns, logr.Discard())
	suffix := e.ns[len("test-"):]
	if _, err := e.dir.CreateUser(ctx, directory.User{Username: "alice-" + suffix}); err != nil {
		t.Fatal(err)
	}
	if _, err := e.dir.CreateUser(ctx, directory.User{Username: "bob-" + suffix}); err != nil {
		t.Fatal(err)
	}
	if _, err := e.dir.CreateGroup(ctx, directory.Group{
		Name:    "ml_team_" + suffix,
		Members: []string{"alice-" + suffix},
		Quota:   v1beta1.GroupQuota{PerUser: v1beta1.QuotaResources{CPU: ptr.To(resource.MustParse("4")), GPU: ptr.To[int32](1)}},
	}); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_ = e.dir.DeleteUser(ctx, "alice-"+suffix)
		_ = e.dir.DeleteUser(ctx, "bob-"+suffix)
		_ = e.dir.DeleteGroup(ctx, "ml_team_"+suffix)
	})
	c := framework.Client()
	for _, o := range []client.Object{
		framework.MakeImage("base").Namespace(e.ns).Global().Obj(),
		framework.MakeInstanceType("cpu-1").Namespace(e.ns).CPU("1", "1").Memory("1Gi", "1Gi").Global().Obj(),
		framework.MakeInstanceType("cpu-3").Namespace(e.ns).CPU("3", "3").Memory("1Gi", "1Gi").Global().Obj(),
		framework.MakeInstanceType("cpu-8").Namespace(e.ns).CPU("8", "8").Memory("1Gi", "1Gi").Group(e.group()).Obj(),
		framework.MakeInstanceType("gpu-1").Namespace(e.ns).CPU("1", "1").Memory("1Gi", "1Gi").GPU(1).Group(e.group()).Obj(),
		framework.MakeInstanceType("gpu-5").Namespace(e.ns).CPU("1", "1").Memory("1Gi", "1Gi").GPU(5).Global().Obj(),
	} {
		if err := c.Create(ctx, o); err != nil {
			t.Fatal(err)
		}
	}
	framework.StartManager(t, func(mgr ctrl.Manager) error {
		counted, err := e.writes.Client(mgr)
		if err != nil {
			return err
		}
		tokens, err := framework.NotebookTokens(e.ns)
		if err != nil {
			return err
		}
		e.tokens = tokens
		r := &notebook.Reconciler{
			Client:   counted,
			Launcher: framework.Launcher(mgr, e.dir, e.ns),
			Recorder: mgr.GetEventRecorder("notebook"),
			Tokens:   tokens,
			Proxies:  &notebook.Proxies{Namespace: "primehub", Pods: metav1.LabelSelector{MatchLabels: map[string]string{"app.kubernetes.io/name": "primehub"}}},
		}
		for _, c := range configure {
			c(r)
		}
		if err := r.SetupWithManager(mgr); err != nil {
			return err
		}
		// Notebook pods carry the admission guard: only the webhook lets them start.
		return framework.SetupWebhooks(t, mgr, e.ns)
	})
	framework.WaitWebhooks(t, e.ns)
	return e
}

func (e *env) user() string  { return "alice-" + e.ns[len("test-"):] }
func (e *env) group() string { return "ml_team_" + e.ns[len("test-"):] }

func (e *env) launch(t *testing.T, name, user, instanceType string) *v1beta1.Notebook {
	t.Helper()
	nb := framework.MakeNotebook(name).Namespace(e.ns).User(user).Group(e.group()).InstanceType(instanceType).Image("base").Obj()
	if err := framework.Client().Create(context.Background(), nb); err != nil {
		t.Fatal(err)
	}
	return nb
}

// waitPhase waits for the notebook's phase and returns it as it then is.
func waitPhase(t *testing.T, nb *v1beta1.Notebook, phase v1beta1.NotebookPhase, timeout time.Duration) *v1beta1.Notebook {
	t.Helper()
	got := &v1beta1.Notebook{}
	framework.Eventually(t, timeout, func(ctx context.Context) error {
		if err := framework.Client().Get(ctx, client.ObjectKeyFromObject(nb), got); err != nil {
			return err
		}
		if got.Status.Phase != phase || got.Status.ObservedGeneration != got.Generation {
			return fmt.Errorf("phase %s (%s: %s), want %s", got.Status.Phase, got.Status.Reason, got.Status.Message, phase)
		}
		return nil
	})
	return got
}

func podOf(nb *v1beta1.Notebook) (*corev1.Pod, error) {
	pod := &corev1.Pod{}
	err := framework.Client().Get(context.Background(), client.ObjectKey{Namespace: nb.Namespace, Name: notebook.ResourceName(nb.Name)}, pod)
	return pod, err
}

func TestNotebookRunsWithItsStorageAndPolicy(t *testing.T) {
	e := setup(t)
	nb := waitPhase(t, e.launch(t, "first", e.user(), "cpu-1"), v1beta1.NotebookRunning, 30*time.Second)
	if nb.Status.URL != fmt.Sprintf("/notebook/%s/first/", e.ns) {
		t.Errorf("url = %q", nb.Status.URL)
	}
	if _, err := podOf(nb); err != nil {
		t.Fatal(err)
	}
	c := framework.Client()
	ctx := context.Background()
	if err := c.Get(ctx, client.ObjectKey{Namespace: e.ns, Name: spawn.HomeClaimName(e.user())}, &corev1.PersistentVolumeClaim{}); err != nil {
		t.Errorf("home claim: %v", err)
	}
	// No Service: the proxy goes to the pod's IP, and nothing else reaches a notebook.
	if err := c.Get(ctx, client.ObjectKey{Namespace: e.ns, Name: notebook.ResourceName("first")}, &corev1.Service{}); !apierrors.IsNotFound(err) {
		t.Errorf("a notebook Service: %v, want none", err)
	}
	// Its token: in a Secret the notebook controls, given to the server from it, never
	// written into the pod.
	secret := &corev1.Secret{}
	if err := c.Get(ctx, client.ObjectKey{Namespace: e.ns, Name: e.tokens.SecretName(nb)}, secret); err != nil {
		t.Fatalf("token secret: %v", err)
	}
	if !metav1.IsControlledBy(secret, nb) || string(secret.Data[notebook.TokenKey]) != e.tokens.Token(nb) || secret.Labels[notebook.LabelToken] != "first" {
		t.Errorf("token secret owners %v, labels %v, token of %d bytes", secret.OwnerReferences, secret.Labels, len(secret.Data[notebook.TokenKey]))
	}
	pod, _ := podOf(nb)
	for _, v := range pod.Spec.Containers[0].Env {
		if v.Name == notebook.EnvToken && (v.Value != "" || v.ValueFrom == nil || v.ValueFrom.SecretKeyRef == nil || v.ValueFrom.SecretKeyRef.Name != secret.Name) {
			t.Errorf("the pod's %s is not from the token secret: %+v", notebook.EnvToken, v)
		}
	}
	// The namespace's notebook NetworkPolicy applies to its pod and lets only primehub's
	// pods reach its server; the notebook has none of its own.
	assertPolicy(t, e.ns, pod)
	if err := c.Get(ctx, client.ObjectKey{Namespace: e.ns, Name: notebook.ResourceName("first")}, &networkingv1.NetworkPolicy{}); !apierrors.IsNotFound(err) {
		t.Errorf("a per-notebook network policy: %v, want none", err)
	}
	// Its start recorded no event: the status says where it is (Starting, Running).
	events := &corev1.EventList{}
	if err := c.List(ctx, events, client.InNamespace(e.ns)); err != nil {
		t.Fatal(err)
	}
	for _, ev := range events.Items {
		if ev.InvolvedObject.Kind == "Notebook" {
			t.Errorf("a notebook's start recorded event %s: %s", ev.Reason, ev.Message)
		}
	}
}

// assertPolicy checks that the namespace's notebook NetworkPolicy applies to the pod and
// admits only primehub's pods, to the server's port.
func assertPolicy(t *testing.T, ns string, pod *corev1.Pod) {
	t.Helper()
	np := &networkingv1.NetworkPolicy{}
	if err := framework.Client().Get(context.Background(), client.ObjectKey{Namespace: ns, Name: notebook.PolicyName}, np); err != nil {
		t.Fatalf("network policy: %v", err)
	}
	sel, err := metav1.LabelSelectorAsSelector(&np.Spec.PodSelector)
	if err != nil {
		t.Fatal(err)
	}
	if !sel.Matches(labels.Set(pod.Labels)) {
		t.Errorf("network policy %v does not select the notebook's pod %v", np.Spec.PodSelector, pod.Labels)
	}
	if len(np.Spec.PolicyTypes) != 1 || np.Spec.PolicyTypes[0] != networkingv1.PolicyTypeIngress || len(np.Spec.Ingress) != 1 ||
		len(np.Spec.Ingress[0].From) != 1 || np.Spec.Ingress[0].From[0].PodSelector.MatchLabels["app.kubernetes.io/name"] != "primehub" ||
		np.Spec.Ingress[0].From[0].NamespaceSelector.MatchLabels[corev1.LabelMetadataName] != "primehub" ||
		len(np.Spec.Ingress[0].Ports) != 1 || np.Spec.Ingress[0].Ports[0].Port.IntValue() != notebook.Port {
		t.Errorf("network policy %+v", np.Spec)
	}
}

// One NetworkPolicy serves every notebook of a namespace: a second notebook adds none, and
// the policy is put back when deleted or changed.
func TestOnePolicyServesTheNamespace(t *testing.T) {
	e := setup(t)
	c := framework.Client()
	ctx := context.Background()
	first := waitPhase(t, e.launch(t, "one", e.user(), "cpu-1"), v1beta1.NotebookRunning, 30*time.Second)
	second := waitPhase(t, e.launch(t, "two", e.user(), "cpu-1"), v1beta1.NotebookRunning, 30*time.Second)
	for _, nb := range []*v1beta1.Notebook{first, second} {
		pod, err := podOf(nb)
		if err != nil {
			t.Fatal(err)
		}
		assertPolicy(t, e.ns, pod)
	}
	list := &networkingv1.NetworkPolicyList{}
	if err := c.List(ctx, list, client.InNamespace(e.ns)); err != nil {
		t.Fatal(err)
	}
	if len(list.Items) != 1 {
		t.Errorf("%d network policies for two notebooks, want 1", len(list.Items))
	}

	np := &networkingv1.NetworkPolicy{ObjectMeta: metav1.ObjectMeta{Namespace: e.ns, Name: notebook.PolicyName}}
	if err := c.Delete(ctx, np); err != nil {
		t.Fatal(err)
	}
	framework.Eventually(t, 30*time.Second, func(ctx context.Context) error {
		return c.Get(ctx, client.ObjectKeyFromObject(np), np)
	})
	// Opened to everyone: put back.
	np.Spec.Ingress = []networkingv1.NetworkPolicyIngressRule{{}}
	if err := c.Update(ctx, np); err != nil {
		t.Fatal(err)
	}
	framework.Eventually(t, 30*time.Second, func(ctx context.Context) error {
		if err := c.Get(ctx, client.ObjectKeyFromObject(np), np); err != nil {
			return err
		}
		if len(np.Spec.Ingress) != 1 || len(np.Spec.Ingress[0].From) != 1 {
			return fmt.Errorf("policy admits %+v", np.Spec.Ingress)
		}
		return nil
	})
	pod, err := podOf(first)
	if err != nil {
		t.Fatal(err)
	}
	assertPolicy(t, e.ns, pod)
}

func TestGPUNotebookLandsOnTheGPUNode(t *testing.T) {
	e := setup(t)
	nb := waitPhase(t, e.launch(t, "gpu", e.user(), "gpu-1"), v1beta1.NotebookRunning, 30*time.Second)
	pod, err := podOf(nb)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(pod.Spec.NodeName, "kwok-gpu-") {
		t.Errorf("GPU notebook on %q, want the GPU node", pod.Spec.NodeName)
	}
}

func TestNotebookNoNodeCanTakeFailsFast(t *testing.T) {
	e := setup(t)
	// Raise alice's GPU quota out of the way, so the scheduler is what refuses.
	g, err := e.dir.GetGroup(context.Background(), e.group())
	if err != nil {
		t.Fatal(err)
	}
	g.Quota.PerUser.GPU = nil
	if _, err := e.dir.UpdateGroup(context.Background(), g); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	nb := waitPhase(t, e.launch(t, "huge", e.user(), "gpu-5"), v1beta1.NotebookFailed, 30*time.Second)
	if nb.Status.Reason != "Unschedulable" || !strings.Contains(nb.Status.Message, "Insufficient nvidia.com/gpu") {
		t.Errorf("failed with %s: %s", nb.Status.Reason, nb.Status.Message)
	}
	if _, err := podOf(nb); !apierrors.IsNotFound(err) {
		framework.Eventually(t, 10*time.Second, func(context.Context) error {
			if _, err := podOf(nb); !apierrors.IsNotFound(err) {
				return fmt.Errorf("the unschedulable pod is still there")
			}
			return nil
		})
	}
	t.Logf("failed %s after creation", time.Since(start).Round(time.Millisecond))
}

func TestNotebooksRefusedBeforeAnyPod(t *testing.T) {
	e := setup(t)
	tests := []struct {
		name, user, instanceType string
		reason, message          string
	}{
		{"stranger", "bob-" + e.ns[len("test-"):], "cpu-1", "NotMember", "is not a member of group " + e.group()},
		{"unknown-type", e.user(), "cpu-99", "InstanceTypeNotFound", "instance type cpu-99 does not exist"},
		{"over-quota", e.user(), "cpu-8", "OverQuota", "USER " + e.user() + " exceeded cpu quota: 4, requesting 8"},
		{"nobody", "nobody", "cpu-1", "UserNotFound", "user nobody does not exist"},
	}
	// An instance type granted to another group only.
	other := framework.MakeInstanceType("ops-only").Namespace(e.ns).CPU("1", "1").Memory("1Gi", "1Gi").Group("ops").Obj()
	if err := framework.Client().Create(context.Background(), other); err != nil {
		t.Fatal(err)
	}
	tests = append(tests, struct{ name, user, instanceType, reason, message string }{
		"not-granted", e.user(), "ops-only", "InstanceTypeNotGranted", "instance type ops-only is not granted to group " + e.group()})

	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			nb := waitPhase(t, e.launch(t, tt.name, tt.user, tt.instanceType), v1beta1.NotebookFailed, 20*time.Second)
			if nb.Status.Reason != tt.reason || !strings.Contains(nb.Status.Message, tt.message) {
				t.Errorf("failed with %s: %q, want %s: %q", nb.Status.Reason, nb.Status.Message, tt.reason, tt.message)
			}
			if _, err := podOf(nb); !apierrors.IsNotFound(err) {
				t.Errorf("a pod exists for a refused notebook (err %v)", err)
			}
		})
	}
}

func TestStopAndStartKeepTheFiles(t *testing.T) {
	e := setup(t)
	nb := waitPhase(t, e.launch(t, "pausable", e.user(), "cpu-1"), v1beta1.NotebookRunning, 30*time.Second)
	c := framework.Client()
	ctx := context.Background()
	claim := &corev1.PersistentVolumeClaim{}
	if err := c.Get(ctx, client.ObjectKey{Namespace: e.ns, Name: spawn.HomeClaimName(e.user())}, claim); err != nil {
		t.Fatal(err)
	}

	nb.Spec.Stopped = true
	if err := c.Update(ctx, nb); err != nil {
		t.Fatal(err)
	}
	nb = waitPhase(t, nb, v1beta1.NotebookStopped, 30*time.Second)
	if _, err := podOf(nb); !apierrors.IsNotFound(err) {
		t.Errorf("pod of a stopped notebook: %v", err)
	}

	nb.Spec.Stopped = false
	if err := c.Update(ctx, nb); err != nil {
		t.Fatal(err)
	}
	waitPhase(t, nb, v1beta1.NotebookRunning, 30*time.Second)
	again := &corev1.PersistentVolumeClaim{}
	if err := c.Get(ctx, client.ObjectKeyFromObject(claim), again); err != nil {
		t.Fatal(err)
	}
	if again.UID != claim.UID {
		t.Error("the home claim was replaced: the user's files are gone")
	}

	// Deleting the notebook keeps the claim too.
	if err := c.Delete(ctx, nb); err != nil {
		t.Fatal(err)
	}
	framework.Eventually(t, 30*time.Second, func(ctx context.Context) error {
		if _, err := podOf(nb); !apierrors.IsNotFound(err) {
			return fmt.Errorf("pod still there")
		}
		return nil
	})
	if err := c.Get(ctx, client.ObjectKeyFromObject(claim), again); err != nil {
		t.Errorf("home claim after the notebook was deleted: %v", err)
	}
}

func TestIdleReconcileMakesNoWrites(t *testing.T) {
	e := setup(t)
	nb := waitPhase(t, e.launch(t, "steady", e.user(), "cpu-1"), v1beta1.NotebookRunning, 30*time.Second)
	e.writes.Settle(t, e.ns)
	before := e.writes.For(e.ns)
	// An annotation change makes the controller reconcile a notebook with nothing to do.
	nb.Annotations = map[string]string{"touched": "yes"}
	if err := framework.Client().Update(context.Background(), nb); err != nil {
		t.Fatal(err)
	}
	time.Sleep(2 * time.Second)
	if n := e.writes.For(e.ns) - before; n != 0 {
		t.Errorf("an idle reconcile made %d API writes, want 0", n)
	}
}

func TestMembershipIsCheckedAtLaunch(t *testing.T) {
	e := setup(t)
	c := framework.Client()
	ctx := context.Background()
	nb := waitPhase(t, e.launch(t, "member", e.user(), "cpu-1"), v1beta1.NotebookRunning, 30*time.Second)
	if err := e.dir.RemoveMember(ctx, e.group(), e.user()); err != nil {
		t.Fatal(err)
	}
	// A reconcile after the user left the group leaves the running notebook alone.
	nb.Annotations = map[string]string{"touched": "yes"}
	if err := c.Update(ctx, nb); err != nil {
		t.Fatal(err)
	}
	time.Sleep(2 * time.Second)
	if err := c.Get(ctx, client.ObjectKeyFromObject(nb), nb); err != nil {
		t.Fatal(err)
	}
	if _, err := podOf(nb); err != nil || nb.Status.Phase != v1beta1.NotebookRunning {
		t.Fatalf("a running notebook was stopped when its user left the group: %s (pod: %v)", nb.Status.Phase, err)
	}
	// Starting it again is a launch, and is refused.
	nb.Spec.Stopped = true
	if err := c.Update(ctx, nb); err != nil {
		t.Fatal(err)
	}
	nb = waitPhase(t, nb, v1beta1.NotebookStopped, 30*time.Second)
	nb.Spec.Stopped = false
	if err := c.Update(ctx, nb); err != nil {
		t.Fatal(err)
	}
	nb = waitPhase(t, nb, v1beta1.NotebookFailed, 30*time.Second)
	if nb.Status.Reason != "NotMember" {
		t.Errorf("restart after leaving the group failed with %s: %s", nb.Status.Reason, nb.Status.Message)
	}
}

func TestQuotaWebhookRefusalFailsTheNotebook(t *testing.T) {
	e := setup(t)
	waitPhase(t, e.launch(t, "first", e.user(), "cpu-3"), v1beta1.NotebookRunning, 30*time.Second)
	// Alone, 3 cpu fits alice's 4; beside the first notebook it does not, which only the
	// quota webhook, counting what runs, can tell.
	nb := waitPhase(t, e.launch(t, "second", e.user(), "cpu-3"), v1beta1.NotebookFailed, 30*time.Second)
	want := "USER " + e.user() + " exceeded cpu quota: 4, requesting 6"
	if nb.Status.Reason != "OverQuota" || !strings.Contains(nb.Status.Message, want) {
		t.Errorf("failed with %s: %q, want OverQuota: %q", nb.Status.Reason, nb.Status.Message, want)
	}
}

func TestNotebooksInProfileNamespaces(t *testing.T) {
	e := setup(t)
	c := framework.Client()
	ctx := context.Background()
	// Two profile namespaces as the profile controller leaves them (labelled for the quota
	// webhook): alice owns one, bob the other.
	for _, owner := range []string{e.user(), "bob-" + e.ns[len("test-"):]} {
		name := names.Label("prof-" + owner)
		ns := &corev1.Namespace{ObjectMeta: metav1.ObjectMeta{Name: name, Labels: map[string]string{quota.NamespaceLabelQuota: "enabled"}}}
		if err := c.Create(ctx, ns); err != nil {
			t.Fatal(err)
		}
		p := framework.MakeProfile(name).Owner(owner).Obj()
		if err := c.Create(ctx, p); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() {
			_ = c.Delete(context.Background(), p)
			_ = c.Delete(context.Background(), ns)
		})
	}
	launchIn := func(ns, name string) *v1beta1.Notebook {
		nb := framework.MakeNotebook(name).Namespace(ns).User(e.user()).Group(e.group()).InstanceType("cpu-1").Image("base").Obj()
		if err := c.Create(ctx, nb); err != nil {
			t.Fatal(err)
		}
		return nb
	}
	waitPhase(t, launchIn(names.Label("prof-"+e.user()), "mine"), v1beta1.NotebookRunning, 30*time.Second)
	theirs := names.Label("prof-bob-" + e.ns[len("test-"):])
	nb := waitPhase(t, launchIn(theirs, "theirs"), v1beta1.NotebookFailed, 30*time.Second)
	if nb.Status.Reason != "NamespaceNotAllowed" {
		t.Errorf("notebook in another's profile: %s: %s", nb.Status.Reason, nb.Status.Message)
	}

	// Bob makes alice's group an edit contributor: she launches there now, as GraphQL
	// already told her she could (both ask the one launch path).
	p := &v1beta1.Profile{}
	if err := c.Get(ctx, client.ObjectKey{Name: theirs}, p); err != nil {
		t.Fatal(err)
	}
	p.Spec.Contributors = []v1beta1.Contributor{{Subject: rbacv1.Subject{Kind: rbacv1.GroupKind, APIGroup: rbacv1.GroupName, Name: e.group()},
		Role: v1beta1.ContributorEdit}}
	if err := c.Update(ctx, p); err != nil {
		t.Fatal(err)
	}
	waitPhase(t, launchIn(theirs, "shared"), v1beta1.NotebookRunning, 30*time.Second)
}

func TestNotebookThePodOfWhichBypassedTheWebhookFails(t *testing.T) {
	e := setup(t)
	c := framework.Client()
	ctx := context.Background()
	// A namespace the quota webhook does not watch: its pods keep the admission guard.
	ns := &corev1.Namespace{ObjectMeta: metav1.ObjectMeta{Name: names.Label("unwatched-" + e.user())}}
	if err := c.Create(ctx, ns); err != nil {
		t.Fatal(err)
	}
	p := framework.MakeProfile(ns.Name).Owner(e.user()).Obj()
	if err := c.Create(ctx, p); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_ = c.Delete(context.Background(), p)
		_ = c.Delete(context.Background(), ns)
	})
	nb := framework.MakeNotebook("guarded").Namespace(ns.Name).User(e.user()).Group(e.group()).InstanceType("cpu-1").Image("base").Obj()
	if err := c.Create(ctx, nb); err != nil {
		t.Fatal(err)
	}
	nb = waitPhase(t, nb, v1beta1.NotebookFailed, 30*time.Second)
	if nb.Status.Reason != "NotAdmitted" || !strings.Contains(nb.Status.Message, "admission webhook did not see") {
		t.Errorf("failed with %s: %s", nb.Status.Reason, nb.Status.Message)
	}
}

func TestChangingTheInstanceTypeRestartsTheNotebook(t *testing.T) {
	e := setup(t)
	c := framework.Client()
	ctx := context.Background()
	nb := waitPhase(t, e.launch(t, "resized", e.user(), "cpu-1"), v1beta1.NotebookRunning, 30*time.Second)
	before, err := podOf(nb)
	if err != nil {
		t.Fatal(err)
	}
	nb.Spec.InstanceType = "cpu-3"
	if err := c.Update(ctx, nb); err != nil {
		t.Fatal(err)
	}
	framework.Eventually(t, 30*time.Second, func(ctx context.Context) error {
		pod, err := podOf(nb)
		if err != nil {
			return err
		}
		cpu := pod.Spec.Containers[0].Resources.Limits[corev1.ResourceCPU]
		if pod.UID == before.UID || cpu.String() != "3" || pod.Status.Phase != corev1.PodRunning {
			return fmt.Errorf("pod %s with %s cpu, %s", pod.UID, cpu.String(), pod.Status.Phase)
		}
		return nil
	})
	waitPhase(t, nb, v1beta1.NotebookRunning, 30*time.Second)
}

// Package cluster_test checks that the devcluster behaves as a real cluster does for what
// PrimeHub relies on: scheduling onto kwok nodes, pod IPs on loopback, scheduler events,
// RBAC, admission plugins, namespace deletion and garbage collection.
package cluster_test

import (
	"context"
	"fmt"
	"net"
	"os"
	"strings"
	"testing"
	"time"

	corev1 "k8s.io/api/core/v1"
	rbacv1 "k8s.io/api/rbac/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	"k8s.io/apimachinery/pkg/api/resource"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/client-go/rest"
	"sigs.k8s.io/controller-runtime/pkg/client"

	"github.com/primehub/primehub/test/framework"
)

func TestMain(m *testing.M) { os.Exit(framework.Run(m)) }

func pod(ns, name string, limits corev1.ResourceList) *corev1.Pod {
	return &corev1.Pod{
		ObjectMeta: metav1.ObjectMeta{Namespace: ns, Name: name},
		Spec: corev1.PodSpec{Containers: []corev1.Container{{
			Name: "main", Image: "busybox",
			Resources: corev1.ResourceRequirements{Limits: limits, Requests: limits},
		}}},
	}
}

// waitRunning waits until p is Running and leaves it as it then is.
func waitRunning(t *testing.T, p *corev1.Pod) {
	t.Helper()
	framework.Eventually(t, 30*time.Second, func(ctx context.Context) error {
		if err := framework.Client().Get(ctx, client.ObjectKeyFromObject(p), p); err != nil {
			return err
		}
		if p.Status.Phase != corev1.PodRunning {
			return fmt.Errorf("phase %s", p.Status.Phase)
		}
		return nil
	})
}

func TestNodesAreReadyWithTheirCapacity(t *testing.T) {
	nodes := &corev1.NodeList{}
	if err := framework.Client().List(context.Background(), nodes); err != nil {
		t.Fatal(err)
	}
	gpus := map[string]int64{}
	for _, n := range nodes.Items {
		ready := false
		for _, c := range n.Status.Conditions {
			ready = ready || (c.Type == corev1.NodeReady && c.Status == corev1.ConditionTrue)
		}
		if !ready {
			t.Errorf("node %s is not Ready", n.Name)
		}
		q := n.Status.Allocatable["nvidia.com/gpu"]
		gpus[n.Labels["primehub.io/node-type"]] += q.Value()
	}
	if len(nodes.Items) != 3 {
		t.Errorf("want 3 nodes (2 cpu, 1 gpu), got %d", len(nodes.Items))
	}
	if gpus["gpu"] != 4 || gpus["cpu"] != 0 {
		t.Errorf("GPUs by node type = %v, want 4 on the gpu node only", gpus)
	}
}

func TestPodThatFitsRunsWithALoopbackIP(t *testing.T) {
	ns := framework.NewNamespace(t)
	c := framework.Client()
	p := pod(ns, "fits", corev1.ResourceList{corev1.ResourceCPU: resource.MustParse("1"), corev1.ResourceMemory: resource.MustParse("1Gi")})
	if err := c.Create(context.Background(), p); err != nil {
		t.Fatal(err)
	}
	waitRunning(t, p)
	ip := net.ParseIP(p.Status.PodIP)
	if ip == nil || !ip.IsLoopback() {
		t.Errorf("pod IP %q is not inside 127.0.0.0/8", p.Status.PodIP)
	}
}

func TestGPUPodLandsOnTheGPUNode(t *testing.T) {
	ns := framework.NewNamespace(t)
	c := framework.Client()
	p := pod(ns, "gpu", corev1.ResourceList{"nvidia.com/gpu": resource.MustParse("2")})
	if err := c.Create(context.Background(), p); err != nil {
		t.Fatal(err)
	}
	waitRunning(t, p)
	if !strings.HasPrefix(p.Spec.NodeName, "kwok-gpu-") {
		t.Errorf("GPU pod scheduled on %q, want the GPU node", p.Spec.NodeName)
	}
}

func TestPodThatFitsNowhereGetsFailedScheduling(t *testing.T) {
	ns := framework.NewNamespace(t)
	c := framework.Client()
	p := pod(ns, "too-many-gpus", corev1.ResourceList{"nvidia.com/gpu": resource.MustParse("5")})
	if err := c.Create(context.Background(), p); err != nil {
		t.Fatal(err)
	}
	framework.Eventually(t, 30*time.Second, func(ctx context.Context) error {
		events := &corev1.EventList{}
		if err := c.List(ctx, events, client.InNamespace(ns)); err != nil {
			return err
		}
		for _, e := range events.Items {
			if e.InvolvedObject.Name == p.Name && e.Reason == "FailedScheduling" {
				if !strings.Contains(e.Message, "Insufficient nvidia.com/gpu") {
					return fmt.Errorf("FailedScheduling message %q does not name the GPU shortage", e.Message)
				}
				return nil
			}
		}
		return fmt.Errorf("no FailedScheduling event yet")
	})
	if err := c.Get(context.Background(), client.ObjectKeyFromObject(p), p); err != nil {
		t.Fatal(err)
	}
	if p.Status.Phase != corev1.PodPending || p.Spec.NodeName != "" {
		t.Errorf("pod phase %s on node %q, want Pending and unscheduled", p.Status.Phase, p.Spec.NodeName)
	}
}

func TestRBACDeniesAUserWithoutRoles(t *testing.T) {
	ns := framework.NewNamespace(t)
	cfg := framework.Config()
	cfg.Impersonate = rest.ImpersonationConfig{UserName: "alice"}
	alice, err := client.New(cfg, client.Options{Scheme: framework.Scheme})
	if err != nil {
		t.Fatal(err)
	}
	err = alice.List(context.Background(), &corev1.PodList{}, client.InNamespace(ns))
	if !apierrors.IsForbidden(err) {
		t.Fatalf("listing pods without a role: got %v, want Forbidden", err)
	}

	// Granted a role, alice can read.
	c := framework.Client()
	rb := &rbacv1.RoleBinding{
		ObjectMeta: metav1.ObjectMeta{Namespace: ns, Name: "alice-view"},
		RoleRef:    rbacv1.RoleRef{APIGroup: "rbac.authorization.k8s.io", Kind: "ClusterRole", Name: "view"},
		Subjects:   []rbacv1.Subject{{APIGroup: "rbac.authorization.k8s.io", Kind: "User", Name: "alice"}},
	}
	if err := c.Create(context.Background(), rb); err != nil {
		t.Fatal(err)
	}
	framework.Eventually(t, 10*time.Second, func(ctx context.Context) error {
		return alice.List(ctx, &corev1.PodList{}, client.InNamespace(ns))
	})
}

func TestResourceQuotaAndLimitRangeAdmission(t *testing.T) {
	ns := framework.NewNamespace(t)
	c := framework.Client()
	ctx := context.Background()
	lr := &corev1.LimitRange{
		ObjectMeta: metav1.ObjectMeta{Namespace: ns, Name: "defaults"},
		Spec: corev1.LimitRangeSpec{Limits: []corev1.LimitRangeItem{{
			Type:           corev1.LimitTypeContainer,
			Default:        corev1.ResourceList{corev1.ResourceCPU: resource.MustParse("500m")},
			DefaultRequest: corev1.ResourceList{corev1.ResourceCPU: resource.MustParse("250m")},
		}}},
	}
	rq := &corev1.ResourceQuota{
		ObjectMeta: metav1.ObjectMeta{Namespace: ns, Name: "quota"},
		Spec:       corev1.ResourceQuotaSpec{Hard: corev1.ResourceList{corev1.ResourceLimitsCPU: resource.MustParse("1")}},
	}
	for _, o := range []client.Object{lr, rq} {
		if err := c.Create(ctx, o); err != nil {
			t.Fatal(err)
		}
	}
	// The quota controller must have computed usage before admission enforces it.
	framework.Eventually(t, 30*time.Second, func(ctx context.Context) error {
		if err := c.Get(ctx, client.ObjectKeyFromObject(rq), rq); err != nil {
			return err
		}
		if rq.Status.Hard == nil {
			return fmt.Errorf("quota status not computed yet")
		}
		return nil
	})

	first := pod(ns, "first", nil)
	if err := c.Create(ctx, first); err != nil {
		t.Fatalf("first pod within quota: %v", err)
	}
	got := first.Spec.Containers[0].Resources.Limits[corev1.ResourceCPU]
	if got.String() != "500m" {
		t.Errorf("LimitRanger default cpu limit = %s, want 500m", got.String())
	}
	if err := c.Create(ctx, pod(ns, "second", nil)); err != nil {
		t.Fatalf("second pod within quota: %v", err)
	}
	// Quota admission reads quotas through an informer; one that has not yet seen the
	// quota's usage (rarely, under load) may still admit a pod, so the check waits for it.
	framework.Eventually(t, 30*time.Second, func(ctx context.Context) error {
		if err := c.Get(ctx, client.ObjectKeyFromObject(rq), rq); err != nil {
			return err
		}
		if used := rq.Status.Used[corev1.ResourceLimitsCPU]; used.Cmp(resource.MustParse("1")) != 0 {
			return fmt.Errorf("quota usage %s, want 1", used.String())
		}
		return nil
	})
	err := c.Create(ctx, pod(ns, "third", nil))
	if !apierrors.IsForbidden(err) || !strings.Contains(err.Error(), "exceeded quota") {
		t.Fatalf("third pod over the 1-cpu quota: got %v, want Forbidden exceeded quota", err)
	}
}

func TestGarbageCollectionRemovesDependents(t *testing.T) {
	ns := framework.NewNamespace(t)
	c := framework.Client()
	ctx := context.Background()
	owner := &corev1.ConfigMap{ObjectMeta: metav1.ObjectMeta{Namespace: ns, Name: "owner"}}
	if err := c.Create(ctx, owner); err != nil {
		t.Fatal(err)
	}
	dependent := &corev1.ConfigMap{ObjectMeta: metav1.ObjectMeta{
		Namespace: ns, Name: "dependent",
		OwnerReferences: []metav1.OwnerReference{{APIVersion: "v1", Kind: "ConfigMap", Name: owner.Name, UID: owner.UID}},
	}}
	if err := c.Create(ctx, dependent); err != nil {
		t.Fatal(err)
	}
	if err := c.Delete(ctx, owner); err != nil {
		t.Fatal(err)
	}
	framework.Eventually(t, 60*time.Second, func(ctx context.Context) error {
		err := c.Get(ctx, client.ObjectKeyFromObject(dependent), dependent)
		if apierrors.IsNotFound(err) {
			return nil
		}
		return fmt.Errorf("dependent still there (err %v)", err)
	})
}

func TestNamespaceDeletionFinishes(t *testing.T) {
	c := framework.Client()
	ctx := context.Background()
	ns := &corev1.Namespace{ObjectMeta: metav1.ObjectMeta{GenerateName: "doomed-"}}
	if err := c.Create(ctx, ns); err != nil {
		t.Fatal(err)
	}
	p := pod(ns.Name, "running", nil)
	if err := c.Create(ctx, p); err != nil {
		t.Fatal(err)
	}
	waitRunning(t, p)
	if err := c.Delete(ctx, ns); err != nil {
		t.Fatal(err)
	}
	framework.Eventually(t, 90*time.Second, func(ctx context.Context) error {
		err := c.Get(ctx, client.ObjectKeyFromObject(ns), ns)
		if apierrors.IsNotFound(err) {
			return nil
		}
		return fmt.Errorf("namespace %s still %s (err %v)", ns.Name, ns.Status.Phase, err)
	})
}

func TestClaimsOfTheDefaultStorageClassBindAndPodsUsingThemRun(t *testing.T) {
	ns := framework.NewNamespace(t)
	c := framework.Client()
	ctx := context.Background()
	pvc := &corev1.PersistentVolumeClaim{
		ObjectMeta: metav1.ObjectMeta{Namespace: ns, Name: "home"},
		Spec: corev1.PersistentVolumeClaimSpec{
			AccessModes: []corev1.PersistentVolumeAccessMode{corev1.ReadWriteOnce},
			Resources:   corev1.VolumeResourceRequirements{Requests: corev1.ResourceList{corev1.ResourceStorage: resource.MustParse("1Gi")}},
		},
	}
	if err := c.Create(ctx, pvc); err != nil {
		t.Fatal(err)
	}
	framework.Eventually(t, 30*time.Second, func(ctx context.Context) error {
		if err := c.Get(ctx, client.ObjectKeyFromObject(pvc), pvc); err != nil {
			return err
		}
		if pvc.Status.Phase != corev1.ClaimBound {
			return fmt.Errorf("claim %s", pvc.Status.Phase)
		}
		return nil
	})
	p := pod(ns, "with-claim", nil)
	p.Spec.Volumes = []corev1.Volume{{Name: "home", VolumeSource: corev1.VolumeSource{
		PersistentVolumeClaim: &corev1.PersistentVolumeClaimVolumeSource{ClaimName: "home"}}}}
	if err := c.Create(ctx, p); err != nil {
		t.Fatal(err)
	}
	waitRunning(t, p)

	// The volume goes with its claim.
	volume := pvc.Spec.VolumeName
	if err := c.Delete(ctx, p); err != nil {
		t.Fatal(err)
	}
	if err := c.Delete(ctx, pvc); err != nil {
		t.Fatal(err)
	}
	framework.Eventually(t, 60*time.Second, func(ctx context.Context) error {
		err := c.Get(ctx, client.ObjectKey{Name: volume}, &corev1.PersistentVolume{})
		if apierrors.IsNotFound(err) {
			return nil
		}
		return fmt.Errorf("volume %s still there (err %v)", volume, err)
	})
}

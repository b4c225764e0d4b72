package webhook_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	corev1 "k8s.io/api/core/v1"
	"sigs.k8s.io/controller-runtime/pkg/client"

	"github.com/primehub/primehub/internal/names"
	"github.com/primehub/primehub/internal/quota"
	"github.com/primehub/primehub/test/framework"
)

func createGroup(t *testing.T, g *framework.GroupWrapper) {
	t.Helper()
	obj := g.Obj()
	if err := framework.Client().Create(context.Background(), obj); err != nil {
		t.Fatalf("create group: %v", err)
	}
	t.Cleanup(func() { _ = framework.Client().Delete(context.Background(), obj) })
}

var groupSeq atomic.Int64

// uniqueGroup names a group for one test, so tests never share usage. The name has an
// underscore, as PrimeHub's group names often do, so pods carry names.Label of it.
func uniqueGroup(prefix string) *framework.GroupWrapper {
	name := fmt.Sprintf("%s_%d_%d", prefix, time.Now().UnixNano()%1e6, groupSeq.Add(1))
	return framework.MakeGroup(names.Label(name)).GroupName(name)
}

func TestQuotaAdmitsWithinAndDeniesBeyondEachQuota(t *testing.T) {
	platform(t)
	tests := []struct {
		name  string
		group func(*framework.GroupWrapper) *framework.GroupWrapper
		// pod sets the limits of the n-th pod.
		pod      func(*framework.PodWrapper) *framework.PodWrapper
		creators []string
		want     string
	}{
		{"user cpu", func(g *framework.GroupWrapper) *framework.GroupWrapper { return g.QuotaCPU("2", "10") },
			func(p *framework.PodWrapper) *framework.PodWrapper { return p.Limits("1", "", 0) },
			[]string{"alice", "alice", "alice"}, "USER alice exceeded cpu quota: 2, requesting 3"},
		{"user memory", func(g *framework.GroupWrapper) *framework.GroupWrapper { return g.QuotaMemory("2Gi", "") },
			func(p *framework.PodWrapper) *framework.PodWrapper { return p.Limits("", "1Gi", 0) },
			[]string{"alice", "alice", "alice"}, "USER alice exceeded memory quota: 2Gi, requesting 3Gi"},
		{"user gpu", func(g *framework.GroupWrapper) *framework.GroupWrapper { return g.QuotaGPU(1, 4) },
			func(p *framework.PodWrapper) *framework.PodWrapper { return p.Limits("", "", 1) },
			[]string{"alice", "alice"}, "USER alice exceeded gpu quota: 1, requesting 2"},
		{"group cpu", func(g *framework.GroupWrapper) *framework.GroupWrapper { return g.QuotaCPU("", "2") },
			func(p *framework.PodWrapper) *framework.PodWrapper { return p.Limits("1", "", 0) },
			[]string{"alice", "bob", "carol"}, "GROUP %s exceeded cpu quota: 2, requesting 3"},
		{"group memory", func(g *framework.GroupWrapper) *framework.GroupWrapper { return g.QuotaMemory("", "1536Mi") },
			func(p *framework.PodWrapper) *framework.PodWrapper { return p.Limits("", "512Mi", 0) },
			[]string{"alice", "bob", "alice", "bob"}, "GROUP %s exceeded memory quota: 1536Mi, requesting 2Gi"},
		{"group gpu", func(g *framework.GroupWrapper) *framework.GroupWrapper { return g.QuotaGPU(2, 2) },
			func(p *framework.PodWrapper) *framework.PodWrapper { return p.Limits("", "", 1) },
			[]string{"alice", "bob", "carol"}, "GROUP %s exceeded gpu quota: 2, requesting 3"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ns := namespace(t, quota.NamespaceLabelQuota)
			g := uniqueGroup("team").Members("alice", "bob", "carol")
			createGroup(t, tt.group(g))
			clients := map[string]client.Client{}
			for i, user := range tt.creators {
				if clients[user] == nil {
					clients[user] = clientAs(t, user, ns)
				}
				pod := tt.pod(framework.MakePod(fmt.Sprintf("p%d", i), ns).Group(g.Spec.Name)).Obj()
				code, msg := denial(t, clients[user].Create(context.Background(), pod))
				last := i == len(tt.creators)-1
				if !last && code != 0 {
					t.Fatalf("pod %d of %s, within quota: denied %d %q", i, user, code, msg)
				}
				if last {
					want := tt.want
					if strings.Contains(want, "%s") {
						want = fmt.Sprintf(want, g.Spec.Name)
					}
					if code != http.StatusGone || !strings.HasSuffix(msg, want) {
						t.Fatalf("pod %d of %s, beyond quota: got %d %q, want 410 ending %q", i, user, code, msg, want)
					}
				}
			}
		})
	}
}

func TestQuotaCountsInitContainersAsKubernetes(t *testing.T) {
	platform(t)
	ns := namespace(t, quota.NamespaceLabelQuota)
	g := uniqueGroup("init")
	createGroup(t, g.QuotaCPU("", "4"))
	c := framework.Client()
	// An init container of 3 cpu outweighs containers of 2: the pod counts 3.
	first := framework.MakePod("first", ns).Group(g.Spec.Name).Limits("1", "", 0).Container("side", "busybox", "1", "").
		InitContainer("setup", "busybox", "3", "").Obj()
	if code, msg := denial(t, c.Create(context.Background(), first)); code != 0 {
		t.Fatalf("3 cpu of 4: denied %d %q", code, msg)
	}
	second := framework.MakePod("second", ns).Group(g.Spec.Name).Limits("1500m", "", 0).Obj()
	code, msg := denial(t, c.Create(context.Background(), second))
	if want := fmt.Sprintf("GROUP %s exceeded cpu quota: 4, requesting 4500m", g.Spec.Name); code != http.StatusGone || !strings.HasSuffix(msg, want) {
		t.Fatalf("got %d %q, want 410 %q", code, msg, want)
	}
}

func TestQuotaIsExactUnderConcurrentCreations(t *testing.T) {
	platform(t)
	ns := namespace(t, quota.NamespaceLabelQuota)
	g := uniqueGroup("rush")
	createGroup(t, g.QuotaCPU("", "10"))
	var wg sync.WaitGroup
	var mu sync.Mutex
	admitted, quotaDenied := 0, 0
	var other []string
	for i := range 50 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			pod := framework.MakePod(fmt.Sprintf("p%02d", i), ns).Group(g.Spec.Name).Limits("1", "", 0).Obj()
			code, msg := denial(t, framework.Client().Create(context.Background(), pod))
			mu.Lock()
			defer mu.Unlock()
			switch code {
			case 0:
				admitted++
			case http.StatusGone:
				quotaDenied++
			default:
				other = append(other, fmt.Sprintf("%d %s", code, msg))
			}
		}()
	}
	wg.Wait()
	if admitted != 10 || quotaDenied != 40 || len(other) > 0 {
		t.Fatalf("50 concurrent pods of 1 cpu against 10: %d admitted, %d denied for quota, other errors %v; want 10 and 40", admitted, quotaDenied, other)
	}
	pods := &corev1.PodList{}
	if err := framework.Client().List(context.Background(), pods, client.InNamespace(ns)); err != nil {
		t.Fatal(err)
	}
	if len(pods.Items) != 10 {
		t.Fatalf("%d pods exist, want 10", len(pods.Items))
	}
}

func TestQuotaSpendsOnlyTheCreatorsOwnQuota(t *testing.T) {
	platform(t)
	ns := namespace(t, quota.NamespaceLabelQuota)
	g := uniqueGroup("spoof").Members("alice")
	createGroup(t, g.QuotaCPU("1", "10"))
	alice := clientAs(t, "alice", ns)
	ctx := context.Background()

	spoofed := framework.MakePod("spoofed", ns).Group(g.Spec.Name).User("bob").Limits("1", "", 0).Obj()
	code, msg := denial(t, alice.Create(ctx, spoofed))
	if code != http.StatusForbidden || !strings.Contains(msg, "primehub.io/user=bob names another user") {
		t.Fatalf("alice creating a pod labelled for bob: got %d %q, want 403 naming the label", code, msg)
	}

	// Without a user label, the pod is charged to its creator.
	unlabelled := framework.MakePod("unlabelled", ns).Group(g.Spec.Name).Limits("1", "", 0).Obj()
	if err := alice.Create(ctx, unlabelled); err != nil {
		t.Fatalf("alice's unlabelled pod: %v", err)
	}
	if got := unlabelled.Labels["primehub.io/user"]; got != "alice" {
		t.Fatalf("user label of alice's unlabelled pod = %q, want alice", got)
	}
	code, msg = denial(t, alice.Create(ctx, framework.MakePod("more", ns).Group(g.Spec.Name).User("alice").Limits("1", "", 0).Obj()))
	if want := "USER alice exceeded cpu quota: 1, requesting 2"; code != http.StatusGone || !strings.HasSuffix(msg, want) {
		t.Fatalf("alice over her quota: got %d %q, want 410 %q", code, msg, want)
	}

	// The platform launches for users: its pods keep the user label they carry.
	forBob := framework.MakePod("for-bob", ns).Group(g.Spec.Name).User("bob").Limits("1", "", 0).Obj()
	if err := framework.Client().Create(ctx, forBob); err != nil {
		t.Fatalf("platform creating bob's pod: %v", err)
	}
	if got := forBob.Labels["primehub.io/user"]; got != "bob" {
		t.Fatalf("user label of the platform's pod for bob = %q, want bob", got)
	}
}

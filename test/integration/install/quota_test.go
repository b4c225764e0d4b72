package install_test

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	admissionregistrationv1 "k8s.io/api/admissionregistration/v1"
	corev1 "k8s.io/api/core/v1"
	"sigs.k8s.io/controller-runtime/pkg/client"

	"github.com/primehub/primehub/api/v1beta1"
	"github.com/primehub/primehub/internal/quota"
	"github.com/primehub/primehub/test/framework"
)

const (
	burstGroup = "burst"
	burstSize  = 50
	// bob may use 10 CPUs in the group; each notebook takes one.
	burstQuota = 10
)

// quotaAcrossReplicas: 50 notebooks launched at once, half through each replica, against a
// quota of 10 CPUs, make exactly 10 pods; also when the leader is killed in the middle.
func quotaAcrossReplicas(t *testing.T, r1, r2 *replica) {
	admin := gql(r1.base, "shared-secret-0123")
	admin.MustDo(t, `mutation { createUser(data: {username: "bob", password: "bob-password-0123"}) { id } }`, nil)
	admin.MustDo(t, `mutation($q: Float) { createGroup(data: {name: "burst", quotaCpu: $q, users: {connect: [{id: "bob"}]},
		instanceTypes: {set: ["cpu-1"]}, images: {set: ["base"]}}) { id } }`, map[string]any{"q": burstQuota})
	// An API token, which every replica takes (an id_token names one replica's issuer here).
	var created struct {
		CreateAPIToken struct{ Token string } `json:"createApiToken"`
	}
	bobLogin := gql(r1.base, login(t, r1.base, "bob", "bob-password-0123"))
	if err := bobLogin.MustDo(t, `mutation { createApiToken(name: "burst") { token } }`, nil).Decode(&created); err != nil {
		t.Fatal(err)
	}
	bob := []*framework.GraphQLClient{gql(r1.base, created.CreateAPIToken.Token), gql(r2.base, created.CreateAPIToken.Token)}

	t.Run("two replicas", func(t *testing.T) {
		peak := burst(t, bob, "a", nil)
		settle(t, peak)
	})
	t.Run("leader killed mid-burst", func(t *testing.T) {
		deleteBurst(t)
		leader, other := r1, r2
		if !strings.HasPrefix(webhookURL(t), r1.webhookURL) {
			leader, other = r2, r1
		}
		peak := burst(t, bob, "b", func() { leader.kill() })
		// The survivor leads once the Lease runs out, and launches the rest.
		framework.Eventually(t, 60*time.Second, func(context.Context) error {
			if url := webhookURL(t); !strings.HasPrefix(url, other.webhookURL) {
				return fmt.Errorf("webhooks still at %s", url)
			}
			return nil
		})
		settle(t, peak)
	})
}

// burst launches burstSize notebooks at once, alternating between the clients, and calls
// midway (if set) once half the quota's pods are made; it watches the group's pods
// meanwhile and answers the most it saw.
func burst(t *testing.T, clients []*framework.GraphQLClient, prefix string, midway func()) *atomic.Int64 {
	peak := &atomic.Int64{}
	stop := make(chan struct{})
	go watchPods(stop, peak, midway)
	t.Cleanup(func() { close(stop) })
	var wg sync.WaitGroup
	var launched atomic.Int64
	start := make(chan struct{})
	for i := range burstSize {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			c := clients[i%len(clients)]
			resp, err := c.Do(context.Background(), `mutation($name: String) { createNotebook(data: {name: $name, groupName: "burst", instanceType: "cpu-1", image: "base"}) { id } }`,
				map[string]any{"name": fmt.Sprintf("burst-%s-%d", prefix, i)})
			if err == nil && len(resp.Errors) == 0 {
				launched.Add(1)
			}
		}()
	}
	close(start)
	wg.Wait()
	t.Logf("%d of %d notebooks accepted, %d pods", launched.Load(), burstSize, countPods())
	if launched.Load() < burstQuota {
		t.Fatalf("only %d notebooks launched: the burst does not test the quota", launched.Load())
	}
	return peak
}

// settle waits until the pods of the burst stop changing, and checks that exactly the
// quota's worth run and no more ever did.
func settle(t *testing.T, peak *atomic.Int64) {
	var last, stable int
	framework.Eventually(t, 90*time.Second, func(context.Context) error {
		n := countPods()
		if n == last && n > 0 {
			stable++
		} else {
			last, stable = n, 0
		}
		if stable < 5 {
			return fmt.Errorf("%d pods of the burst, still changing", n)
		}
		return nil
	})
	if last != burstQuota || peak.Load() > burstQuota {
		t.Errorf("%d pods hold the group's quota (at most %d at once), want exactly %d", last, peak.Load(), burstQuota)
	}
}

func countPods() int {
	pods := &corev1.PodList{}
	if err := framework.Client().List(context.Background(), pods, client.InNamespace(namespace),
		client.MatchingLabels{quota.LabelGroup: burstGroup}); err != nil {
		return -1
	}
	n := 0
	for _, p := range pods.Items {
		if p.DeletionTimestamp == nil && (p.Status.Phase == corev1.PodPending || p.Status.Phase == corev1.PodRunning) {
			n++
		}
	}
	return n
}

func watchPods(stop chan struct{}, peak *atomic.Int64, midway func()) {
	for {
		select {
		case <-stop:
			return
		case <-time.After(20 * time.Millisecond):
		}
		n := int64(countPods())
		if n > peak.Load() {
			peak.Store(n)
		}
		if midway != nil && n >= burstQuota/2 {
			midway()
			midway = nil
		}
	}
}

func deleteBurst(t *testing.T) {
	ctx := context.Background()
	c := framework.Client()
	list := &v1beta1.NotebookList{}
	if err := c.List(ctx, list, client.InNamespace(namespace)); err != nil {
		t.Fatal(err)
	}
	for i := range list.Items {
		if nb := &list.Items[i]; nb.Spec.Group == burstGroup {
			if err := c.Delete(ctx, nb); client.IgnoreNotFound(err) != nil {
				t.Fatal(err)
			}
		}
	}
	framework.Eventually(t, 60*time.Second, func(context.Context) error {
		if n := countPods(); n != 0 {
			return fmt.Errorf("%d pods of the burst left", n)
		}
		return nil
	})
}

func webhookURL(t *testing.T) string {
	t.Helper()
	m := &admissionregistrationv1.MutatingWebhookConfiguration{}
	if err := framework.Client().Get(context.Background(), client.ObjectKey{Name: "primehub"}, m); err != nil {
		t.Fatal(err)
	}
	return *m.Webhooks[0].ClientConfig.URL
}

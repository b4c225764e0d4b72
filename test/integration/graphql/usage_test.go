package graphql_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	corev1 "k8s.io/api/core/v1"
	"sigs.k8s.io/controller-runtime/pkg/client"

	"github.com/primehub/primehub/test/framework"
)

// A group's members see what its pods use now, counted as the quota counts it: pending and
// running pods of the group, not guarded ones (never admitted), not other groups'.
func TestGroupResourceStatus(t *testing.T) {
	w := newWorld(t)
	sfx := unique()
	pods := []*corev1.Pod{
		framework.MakePod("use-a-"+sfx, w.ns).Group(w.group).User(w.users[member]).Limits("500m", "1Gi", 0).Obj(),
		framework.MakePod("use-b-"+sfx, w.ns).Group(w.group).User(w.users[groupAdmin]).Limits("1500m", "3Gi", 0).Obj(),
		framework.MakePod("guarded-"+sfx, w.ns).Group(w.group).User(w.users[member]).Limits("4", "8Gi", 0).Guarded().Obj(),
		framework.MakePod("other-"+sfx, w.ns).Group(w.other).User(w.outsider).Limits("4", "8Gi", 0).Obj(),
	}
	for _, p := range pods {
		if err := framework.Client().Create(context.Background(), p); err != nil {
			t.Fatal(err)
		}
	}
	// The pod cache starts on the first question: ask until it has all four.
	query := fmt.Sprintf(`{ group(where: {id: "%s"}) { resourceStatus { groupId cpuUsage memUsage gpuUsage } } }`, w.group)
	want := fmt.Sprintf(`"resourceStatus":{"groupId":"%s","cpuUsage":"2","memUsage":"4","gpuUsage":"0"}`, w.group)
	framework.Eventually(t, 30*time.Second, func(ctx context.Context) error {
		list := &corev1.PodList{}
		if err := w.g.Manager.GetCache().List(ctx, list, client.InNamespace(w.ns)); err != nil || len(list.Items) < len(pods) {
			return fmt.Errorf("pod cache has %d pods (%v)", len(list.Items), err)
		}
		resp := w.client(member).MustDo(t, query, nil)
		if !strings.Contains(resp.Body, want) {
			return fmt.Errorf("answered %s, want %s", resp.Body, want)
		}
		return nil
	})
	if resp := w.client(plainUser).MustDo(t, query, nil); !hasCode(resp, "FORBIDDEN") {
		t.Errorf("a user outside the group: %s, want FORBIDDEN", resp.Body)
	}
}

package webhook_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	admissionregistrationv1 "k8s.io/api/admissionregistration/v1"
	corev1 "k8s.io/api/core/v1"
	"sigs.k8s.io/controller-runtime/pkg/client"

	"github.com/primehub/primehub/internal/quota"
	"github.com/primehub/primehub/test/framework"
)

func running(ctx context.Context, key client.ObjectKey) error {
	pod := &corev1.Pod{}
	if err := framework.Client().Get(ctx, key, pod); err != nil {
		return err
	}
	if pod.Status.Phase != corev1.PodRunning {
		return fmt.Errorf("pod %s is %s", key, pod.Status.Phase)
	}
	return nil
}

func TestAdmittedPodLosesTheGuardAndRuns(t *testing.T) {
	platform(t)
	ns := namespace(t, quota.NamespaceLabelQuota)
	g := uniqueGroup("guard")
	createGroup(t, g.QuotaCPU("2", "4"))
	pod := framework.MakePod("notebook", ns).Group(g.Spec.Name).User("alice").Limits("1", "1Gi", 0).
		InitContainer("setup", "busybox", "100m", "").Guarded().Obj()
	if err := framework.Client().Create(context.Background(), pod); err != nil {
		t.Fatal(err)
	}
	if hasGuard(pod) || len(pod.Spec.InitContainers) != 1 || pod.Spec.InitContainers[0].Name != "setup" {
		t.Fatalf("init containers after admission: %v, want only setup", pod.Spec.InitContainers)
	}
	framework.Eventually(t, 30*time.Second, func(ctx context.Context) error { return running(ctx, client.ObjectKeyFromObject(pod)) })
}

// The webhook's failurePolicy is Ignore, so a pod created while primehub is down is
// admitted unchecked; its guard must keep it from ever running. When primehub is back,
// with a new CA (its certificate directory lost), it publishes the new CA bundle and
// admits again.
func TestPodCreatedWhileTheWebhookIsDownNeverRuns(t *testing.T) {
	platform(t)
	ns := namespace(t, quota.NamespaceLabelQuota)
	g := uniqueGroup("outage")
	createGroup(t, g.QuotaCPU("1", "1"))
	ctx := context.Background()
	before := caBundle(t)

	stopPlatform(t)
	bypassed := framework.MakePod("bypassed", ns).Group(g.Spec.Name).User("alice").Limits("1", "", 0).Guarded().Obj()
	if err := framework.Client().Create(ctx, bypassed); err != nil {
		t.Fatalf("create while the webhook is down (failurePolicy Ignore): %v", err)
	}
	if !hasGuard(bypassed) {
		t.Fatal("the pod created while the webhook is down lost its guard")
	}
	key := client.ObjectKeyFromObject(bypassed)
	framework.Eventually(t, 30*time.Second, func(ctx context.Context) error {
		pod := &corev1.Pod{}
		if err := framework.Client().Get(ctx, key, pod); err != nil {
			return err
		}
		for _, c := range pod.Status.Conditions {
			if c.Type == corev1.PodScheduled && c.Status == corev1.ConditionFalse && strings.Contains(c.Message, string(quota.GuardResource)) {
				return nil
			}
		}
		return fmt.Errorf("pod not reported unschedulable for its guard: %+v", pod.Status.Conditions)
	})

	if err := os.RemoveAll(hub.certDir); err != nil {
		t.Fatal(err)
	}
	platform(t)
	if after := caBundle(t); string(after) == string(before) {
		t.Fatal("CA bundle unchanged after the CA was replaced")
	}
	// The bypassed pod holds no quota: it can never run.
	admitted := framework.MakePod("admitted", ns).Group(g.Spec.Name).User("alice").Limits("1", "", 0).Guarded().Obj()
	if err := framework.Client().Create(ctx, admitted); err != nil {
		t.Fatalf("create after restart: %v", err)
	}
	framework.Eventually(t, 30*time.Second, func(ctx context.Context) error { return running(ctx, client.ObjectKeyFromObject(admitted)) })
	if err := running(ctx, key); err == nil {
		t.Fatal("the pod created while the webhook was down is running")
	}
}

func caBundle(t *testing.T) []byte {
	t.Helper()
	cfg := &admissionregistrationv1.MutatingWebhookConfiguration{}
	if err := framework.Client().Get(context.Background(), client.ObjectKey{Name: "primehub"}, cfg); err != nil {
		t.Fatal(err)
	}
	if len(cfg.Webhooks) == 0 {
		t.Fatal(errors.New("webhook configuration has no webhooks"))
	}
	return cfg.Webhooks[0].ClientConfig.CABundle
}

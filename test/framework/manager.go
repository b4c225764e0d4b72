package framework

import (
	"context"
	"testing"

	corev1 "k8s.io/api/core/v1"
	"k8s.io/utils/ptr"
	ctrl "sigs.k8s.io/controller-runtime"
	"sigs.k8s.io/controller-runtime/pkg/cache"
	"sigs.k8s.io/controller-runtime/pkg/client"
	"sigs.k8s.io/controller-runtime/pkg/config"
	metricsserver "sigs.k8s.io/controller-runtime/pkg/metrics/server"

	"github.com/primehub/primehub/internal/podcache"
)

// StartManager runs a controller manager against the test cluster with what setup
// registers, and stops it when the test ends; options, if any, change its settings first.
func StartManager(t testing.TB, setup func(ctrl.Manager) error, options ...func(*ctrl.Options)) ctrl.Manager {
	t.Helper()
	opts := ctrl.Options{
		Scheme: Scheme,
		// As serve does (internal/serve/cache.go): managed fields stripped, pods trimmed
		// to what primehub reads of them.
		Cache: cache.Options{DefaultTransform: cache.TransformStripManagedFields(),
			ByObject: map[client.Object]cache.ByObject{&corev1.Pod{}: {Transform: podcache.Trim}}},
		Metrics:                metricsserver.Options{BindAddress: "0"},
		HealthProbeBindAddress: "0",
		// Tests start the same controllers once per test.
		Controller: config.Controller{SkipNameValidation: ptr.To(true)},
	}
	for _, o := range options {
		o(&opts)
	}
	mgr, err := ctrl.NewManager(Config(), opts)
	if err != nil {
		t.Fatalf("manager: %v", err)
	}
	if err := setup(mgr); err != nil {
		t.Fatalf("manager setup: %v", err)
	}
	RunUntilCleanup(t, "manager", mgr.Start)
	return mgr
}

// RunUntilCleanup runs start (a manager's, a cache's) in the background until the test
// ends, then stops it and reports its error under name.
func RunUntilCleanup(t testing.TB, name string, start func(context.Context) error) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- start(ctx) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("%s: %v", name, err)
		}
	})
}

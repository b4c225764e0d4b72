package install_test

import (
	"context"
	"testing"
	"time"

	"helm.sh/helm/v4/pkg/action"
	"helm.sh/helm/v4/pkg/kube"
	releasev1 "helm.sh/helm/v4/pkg/release/v1"
	"k8s.io/cli-runtime/pkg/genericclioptions"

	"github.com/primehub/primehub/deploy/helm"
	"github.com/primehub/primehub/test/framework"
)

// helmConfig is Helm's action configuration for the test cluster, as the admin.
func helmConfig(t *testing.T, namespace string) *action.Configuration {
	t.Helper()
	kubeconfig := framework.Kubeconfig()
	flags := genericclioptions.NewConfigFlags(false)
	flags.KubeConfig, flags.Namespace = &kubeconfig, &namespace
	cfg := action.NewConfiguration()
	if err := cfg.Init(flags, namespace, "secret"); err != nil {
		t.Fatal(err)
	}
	return cfg
}

// helmInstall installs the chart as `helm install` does. The test cluster's CRDs were
// installed before (the framework does it for every test package), so Helm takes them
// over, as it would with --take-ownership.
func helmInstall(t *testing.T, release, namespace string, values map[string]any) *releasev1.Release {
	t.Helper()
	c, err := helm.Load()
	if err != nil {
		t.Fatal(err)
	}
	install := action.NewInstall(helmConfig(t, namespace))
	install.ReleaseName, install.Namespace = release, namespace
	install.TakeOwnership = true
	// kwok's pods run no container: waiting for them proves nothing.
	install.WaitStrategy = kube.HookOnlyStrategy
	install.Timeout = 2 * time.Minute
	rel, err := install.RunWithContext(context.Background(), c, values)
	if err != nil {
		t.Fatalf("helm install: %v", err)
	}
	return rel.(*releasev1.Release)
}

// helmUpgrade upgrades the release with values, as `helm upgrade` does.
func helmUpgrade(t *testing.T, release, namespace string, values map[string]any) *releasev1.Release {
	t.Helper()
	c, err := helm.Load()
	if err != nil {
		t.Fatal(err)
	}
	upgrade := action.NewUpgrade(helmConfig(t, namespace))
	upgrade.Namespace = namespace
	upgrade.WaitStrategy = kube.HookOnlyStrategy
	upgrade.Timeout = 2 * time.Minute
	rel, err := upgrade.RunWithContext(context.Background(), release, c, values)
	if err != nil {
		t.Fatalf("helm upgrade: %v", err)
	}
	return rel.(*releasev1.Release)
}

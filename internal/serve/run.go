package serve

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"sync/atomic"
	"time"

	"github.com/go-logr/logr"
	corev1 "k8s.io/api/core/v1"
	apiextensionsv1 "k8s.io/apiextensions-apiserver/pkg/apis/apiextensions/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	clientgoscheme "k8s.io/client-go/kubernetes/scheme"
	"k8s.io/client-go/rest"
	"k8s.io/client-go/tools/clientcmd"
	"k8s.io/utils/ptr"
	ctrl "sigs.k8s.io/controller-runtime"
	"sigs.k8s.io/controller-runtime/pkg/cache"
	"sigs.k8s.io/controller-runtime/pkg/client"
	ctrlconfig "sigs.k8s.io/controller-runtime/pkg/config"
	"sigs.k8s.io/controller-runtime/pkg/log/zap"
	metricsserver "sigs.k8s.io/controller-runtime/pkg/metrics/server"

	"github.com/primehub/primehub/api/v1beta1"
	"github.com/primehub/primehub/config"
	"github.com/primehub/primehub/internal/manifest"
	"github.com/primehub/primehub/internal/ownerpolicy"
	"github.com/primehub/primehub/internal/server"
	"github.com/primehub/primehub/internal/version"
)

// Run starts the platform and blocks until ctx ends or a part fails.
func Run(ctx context.Context, o Options) error {
	log, err := newLogger(o.LogFormat)
	if err != nil {
		return err
	}
	ctrl.SetLogger(log)
	if err := SetGCPercent(o.GCPercent); err != nil {
		return err
	}
	log.Info("starting", "version", version.String(), "namespace", o.Namespace)

	restCfg, err := restConfig(o.Kubeconfig)
	if err != nil {
		return err
	}
	scheme := runtime.NewScheme()
	for _, add := range []func(*runtime.Scheme) error{clientgoscheme.AddToScheme, apiextensionsv1.AddToScheme, v1beta1.AddToScheme} {
		if err := add(scheme); err != nil {
			return err
		}
	}
	// Take the port first, so a taken one is reported before anything touches the cluster.
	readiness := &cacheReadiness{}
	srv, err := server.New(o.HTTPAddr, log.WithName("http"), readiness.check)
	if err != nil {
		return err
	}
	defer srv.Close()
	srv.SetTimeouts(o.HTTPTimeouts)
	if err := setupTLS(ctx, o, srv, log); err != nil {
		return err
	}

	// Set-up the platform needs before anything serves: CRDs and the platform namespace.
	setupCtx, cancel := context.WithTimeout(ctx, 2*time.Minute)
	defer cancel()
	direct, err := client.New(restCfg, client.Options{Scheme: scheme})
	if err != nil {
		return fmt.Errorf("kubernetes client: %w", err)
	}
	if err := installManifests(setupCtx, direct, o.Manifests); err != nil {
		return err
	}
	log.Info("CRDs and cluster roles in place", "manifests", o.Manifests)
	if err := ensureNamespace(setupCtx, direct, o.Namespace); err != nil {
		return err
	}
	identity, err := setupIdentity(ctx, setupCtx, o, restCfg, scheme, direct, srv, log)
	if err != nil {
		return fmt.Errorf("identity: %w", err)
	}
	if o.Webhook.PlatformUsers, err = platformUsers(setupCtx, restCfg, o.Webhook.PlatformUsers); err != nil {
		return err
	}
	// Nobody acts as another user: the API server's policy, with who may act for anyone.
	ownerpolicy.Keep(ctx, direct, o.Webhook.PlatformUsers, identity.Directory, log.WithName("owner-policy"))
	if err := ownerpolicy.Install(setupCtx, direct, o.Webhook.PlatformUsers, identity.Directory); err != nil {
		return fmt.Errorf("install the workload-owner admission policy: %w", err)
	}

	mgr, err := ctrl.NewManager(restCfg, ctrl.Options{
		Scheme:                 scheme,
		Cache:                  CacheOptions(o.Namespace),
		Metrics:                metricsserver.Options{BindAddress: o.MetricsAddr},
		HealthProbeBindAddress: "0",
		LeaderElection:         o.LeaderElect,
		LeaderElectionID:       "primehub",
		// The platform namespace exists by now; a replica stopping hands over at once.
		LeaderElectionNamespace:       o.Namespace,
		LeaderElectionReleaseOnCancel: true,
		// Controller names are checked process-wide; Run may run again in one process (its
		// tests restart it), each time with a manager of its own.
		Controller: ctrlconfig.Controller{SkipNameValidation: ptr.To(true)},
	})
	if err != nil {
		return fmt.Errorf("controller manager: %w", err)
	}
	readiness.cache = mgr.GetCache()
	if err := setupWebhooks(ctx, mgr, o, identity, log); err != nil {
		return err
	}
	if err := mgr.Add(srv); err != nil {
		return err
	}
	if err := setupControllers(setupCtx, mgr, direct, o, identity); err != nil {
		return err
	}
	if err := identity.setupControllers(mgr, o.Namespace); err != nil {
		return err
	}
	launcher, err := newLauncher(mgr, o, identity)
	if err != nil {
		return err
	}
	w, err := loadWorkloads(setupCtx, direct, o)
	if err != nil {
		return err
	}
	notebooks, err := setupNotebooks(mgr, o, identity, launcher, srv, w)
	if err != nil {
		return err
	}
	if err := setupJobs(mgr, o, identity, launcher, srv); err != nil {
		return err
	}
	apps, err := setupApps(mgr, o, identity, launcher, srv, w)
	if err != nil {
		return err
	}
	if err := setupDeployments(mgr, o, identity, launcher, srv, w); err != nil {
		return err
	}
	if err := setupGraphQL(mgr, o, identity, launcher, srv); err != nil {
		return err
	}
	if err := setupConsole(o, srv, identity, notebooks, apps, log); err != nil {
		return err
	}
	if err := mgr.Start(ctx); err != nil {
		return fmt.Errorf("run: %w", err)
	}
	log.Info("stopped")
	return nil
}

// cacheReadiness makes /readyz wait until the informer caches have synced once. It stays
// ready afterwards: an informer a controller adds later must not take the replica out of
// its Service. Its cache is set before the server starts serving.
type cacheReadiness struct {
	cache  cache.Cache
	synced atomic.Bool
}

func (c *cacheReadiness) check(r *http.Request) error {
	if c.synced.Load() {
		return nil
	}
	ctx, cancel := context.WithTimeout(r.Context(), 100*time.Millisecond)
	defer cancel()
	if !c.cache.WaitForCacheSync(ctx) {
		return errors.New("informer caches not synced")
	}
	c.synced.Store(true)
	return nil
}

// installManifests applies the CRDs and cluster roles, or, when the chart installed them,
// checks that the CRDs are served.
func installManifests(ctx context.Context, c client.Client, mode string) error {
	switch mode {
	case "", "install":
	case "check":
		return manifest.CheckCRDs(ctx, c)
	default:
		return fmt.Errorf("--manifests must be install or check, not %q", mode)
	}
	if err := manifest.InstallCRDs(ctx, c); err != nil {
		return fmt.Errorf("install CRDs: %w", err)
	}
	if _, err := manifest.Apply(ctx, c, config.Manifests, "rbac/*.yaml"); err != nil {
		return fmt.Errorf("install cluster roles: %w", err)
	}
	return nil
}

func ensureNamespace(ctx context.Context, c client.Client, name string) error {
	ns := &corev1.Namespace{ObjectMeta: metav1.ObjectMeta{Name: name}}
	if err := c.Create(ctx, ns); err != nil && !apierrors.IsAlreadyExists(err) {
		return fmt.Errorf("create platform namespace %s: %w", name, err)
	}
	return nil
}

// restConfig loads the cluster's config with a client rate fit for a platform that starts
// hundreds of notebooks at once, not client-go's 5 requests/s.
func restConfig(kubeconfig string) (*rest.Config, error) {
	var cfg *rest.Config
	var err error
	if kubeconfig == "" {
		if cfg, err = ctrl.GetConfig(); err != nil {
			return nil, fmt.Errorf("no cluster: pass --kubeconfig or set KUBECONFIG: %w", err)
		}
	} else if cfg, err = clientcmd.BuildConfigFromFlags("", kubeconfig); err != nil {
		return nil, fmt.Errorf("load --kubeconfig %s: %w", kubeconfig, err)
	}
	cfg.QPS, cfg.Burst = 200, 400
	return cfg, nil
}

func newLogger(format string) (logr.Logger, error) {
	switch format {
	case "json":
		return zap.New(zap.UseDevMode(false)), nil
	case "console":
		return zap.New(zap.UseDevMode(true)), nil
	default:
		return logr.Logger{}, fmt.Errorf("--log-format must be json or console, not %q", format)
	}
}

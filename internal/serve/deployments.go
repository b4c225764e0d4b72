package serve

import (
	"fmt"

	"github.com/spf13/pflag"
	ctrl "sigs.k8s.io/controller-runtime"

	"github.com/primehub/primehub/internal/controller/deployment"
	"github.com/primehub/primehub/internal/endpoint"
	"github.com/primehub/primehub/internal/launch"
	"github.com/primehub/primehub/internal/server"
)

// DeploymentOptions are the flags of model deployments.
type DeploymentOptions struct {
	InitializerImage string
}

func addDeploymentFlags(f *pflag.FlagSet, o *DeploymentOptions) {
	f.StringVar(&o.InitializerImage, "model-initializer-image", "kserve/storage-initializer:v0.14.0",
		"image of the init container that fetches a deployment's model from s3://, gs:// or http(s):// (run with the URI and the directory)")
}

// setupDeployments runs the model deployment controller and serves the endpoints.
func setupDeployments(mgr ctrl.Manager, o Options, id *Identity, launcher *launch.Launcher, srv *server.Server, w workloads) error {
	// primehub's pods alone reach model servers, as they alone reach notebook servers.
	r := &deployment.Reconciler{
		Proxies:  w.proxies,
		Client:   mgr.GetClient(),
		Launcher: launcher,
		Recorder: mgr.GetEventRecorder("phdeployment"),
		Options:  deployment.Options{InitializerImage: o.Deployment.InitializerImage},
	}
	if err := r.SetupWithManager(mgr); err != nil {
		return fmt.Errorf("phdeployment controller: %w", err)
	}
	srv.HandleStreaming(endpoint.Prefix, &endpoint.Proxy{
		Reader:    mgr.GetClient(),
		Groups:    id.Directory,
		Namespace: o.Namespace,
		Log:       mgr.GetLogger().WithName("endpoint"),
	})
	return nil
}

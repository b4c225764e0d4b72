// Package serve is `primehub serve`: it wires the platform's parts into one process.
package serve

import (
	"fmt"
	"os"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/primehub/primehub/api/v1beta1"
	"github.com/primehub/primehub/internal/server"
)

// Options are the flags of `primehub serve`; each may also come from PRIMEHUB_<FLAG_NAME>.
type Options struct {
	Kubeconfig string
	Namespace  string
	HTTPAddr   string
	// TLSCertDir, when set, serves HTTPAddr over TLS with certificates kept there (tls.go).
	TLSCertDir  string
	MetricsAddr string
	LogFormat   string
	// LeaderElect runs controllers and quota admission in one replica at a time.
	LeaderElect bool
	// Manifests is "install" (or empty) to apply the CRDs and the platform's cluster roles
	// at start, "check" to only check the CRDs are there (the Helm chart installs both).
	Manifests string

	// Identity configures the directory, the embedded issuer and authentication (identity.go).
	Identity IdentityOptions

	// Webhook configures the admission webhooks (webhooks.go).
	Webhook WebhookOptions

	// Notebook configures notebooks and the notebook proxy (notebooks.go).
	Notebook NotebookOptions
	App      AppOptions
	// Deployment configures model deployments (deployments.go).
	Deployment DeploymentOptions

	// ProfileDefaultQuota is the quota of profile namespaces that set none of their own.
	ProfileDefaultQuota string
	// ProfilePodSecurity is the Pod Security level of profile namespaces that set none of
	// their own: privileged, baseline or restricted.
	ProfilePodSecurity string

	// GCPercent is the garbage collector's target, as GOGC (gc.go).
	GCPercent int

	// HTTPTimeouts bound slow and idle clients (zero: server.DefaultTimeouts).
	HTTPTimeouts server.Timeouts
}

// Command builds the serve command.
func Command() *cobra.Command {
	o := Options{}
	cmd := &cobra.Command{
		Use:   "serve",
		Short: "Run the platform: install CRDs, serve HTTP, run controllers",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := flagsFromEnv(cmd.Flags()); err != nil {
				return err
			}
			return Run(cmd.Context(), o)
		},
	}
	f := cmd.Flags()
	f.StringVar(&o.Kubeconfig, "kubeconfig", "", "kubeconfig of the cluster (default: $KUBECONFIG, else in-cluster)")
	f.StringVar(&o.Namespace, "namespace", "primehub", "platform namespace holding shared resources and group workloads")
	f.StringVar(&o.HTTPAddr, "http-addr", ":8080", "address of the console, API, OIDC issuer, notebook proxy and health endpoints")
	f.StringVar(&o.TLSCertDir, "tls-cert-dir", "", "serve --http-addr over HTTPS with a certificate for --external-url's host, made with a CA of its own "+
		"and kept in this directory (clients trust its ca.crt); --external-url must then be https (empty: plain HTTP)")
	f.StringVar(&o.MetricsAddr, "metrics-addr", ":8081", "address of the Prometheus /metrics endpoint (0 turns it off)")
	f.StringVar(&o.LogFormat, "log-format", "json", "log format: json or console")
	f.BoolVar(&o.LeaderElect, "leader-elect", true, "elect one replica to run the controllers and decide quota admission (a Lease in the platform namespace)")
	f.StringVar(&o.Manifests, "manifests", "install", "install: apply the CRDs and the profile cluster roles at start, which takes cluster-admin; "+
		"check: only check that the CRDs are installed (the Helm chart installs both)")
	f.DurationVar(&o.HTTPTimeouts.Read, "http-read-timeout", server.DefaultTimeouts.Read, "how long a client may take to send a request, body included (streams excepted)")
	f.DurationVar(&o.HTTPTimeouts.Write, "http-write-timeout", server.DefaultTimeouts.Write, "how long an answer may take to be written (streams excepted: followed logs, notebooks)")
	f.DurationVar(&o.HTTPTimeouts.Idle, "http-idle-timeout", server.DefaultTimeouts.Idle, "how long a kept-alive connection may wait for its next request")
	addIdentityFlags(f, &o.Identity)
	addWebhookFlags(f, &o.Webhook)
	addNotebookFlags(f, &o.Notebook)
	addAppFlags(f, &o.App)
	addDeploymentFlags(f, &o.Deployment)
	f.StringVar(&o.ProfileDefaultQuota, "profile-default-quota", "",
		"quota of profile namespaces without their own, e.g. cpu=8,memory=32Gi,nvidia.com/gpu=2; stored in the "+
			"primehub-profile-defaults ConfigMap, which can be edited without a restart (empty keeps what is stored)")
	f.StringVar(&o.ProfilePodSecurity, "profile-pod-security", string(v1beta1.PodSecurityBaseline),
		"Pod Security Standard enforced in profile namespaces whose profile sets none (an administrator sets a profile's "+
			"spec.podSecurity): privileged, baseline or restricted")
	f.IntVar(&o.GCPercent, "gc-percent", DefaultGCPercent,
		"garbage collection target as GOGC: how far the heap grows over the live heap before a collection, in percent "+
			"(higher: less CPU and shorter latency tails, more memory; the GOGC environment variable wins)")
	return cmd
}

// flagsFromEnv fills every flag not given on the command line from PRIMEHUB_<NAME>, where
// NAME is the flag's name in upper case with dashes as underscores.
func flagsFromEnv(fs *pflag.FlagSet) error {
	var err error
	fs.VisitAll(func(f *pflag.Flag) {
		if f.Changed || err != nil {
			return
		}
		env := "PRIMEHUB_" + strings.ToUpper(strings.ReplaceAll(f.Name, "-", "_"))
		if v, ok := os.LookupEnv(env); ok {
			if setErr := f.Value.Set(v); setErr != nil {
				err = fmt.Errorf("invalid %s: %w", env, setErr)
			}
		}
	})
	return err
}

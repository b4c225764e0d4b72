package notebook

import (
	"path"
	"strconv"
	"strings"

	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/util/intstr"

	"github.com/primehub/primehub/api/v1beta1"
)

// The Jupyter server in a notebook's pod: how it starts, where it answers, its token.
const (
	// EnvToken carries the notebook's token into its pod (from its token Secret); Jupyter
	// reads it as its token.
	EnvToken = "JUPYTER_TOKEN"
	// EnvPrefix is the notebook's base URL without its final slash, as Kubeflow sets it.
	EnvPrefix = "NB_PREFIX"
	// TokenKey is the key of the token in the token Secret.
	TokenKey = "token"
	// LabelToken marks a notebook's token Secret with the notebook's name.
	LabelToken = "primehub.io/notebook-token"
	// defaultURL is the page a notebook opens on: Notebook 7 and the classic notebook serve
	// it, and JupyterLab's images have Notebook 7 too.
	defaultURL = "/tree"
)

// defaultCommand starts the server in any image with jupyter on PATH.
var defaultCommand = []string{"jupyter", "server"}

// Prefix is the notebook's base URL, where its server answers: /notebook/<ns>/<name>/.
func Prefix(nb *v1beta1.Notebook) string { return URL(nb) }

// StatusPath is where the server reports its activity (token required).
func StatusPath(nb *v1beta1.Notebook) string { return path.Join(Prefix(nb), "api/status") }

// KernelsPath lists the server's kernels and their execution state (token required).
func KernelsPath(nb *v1beta1.Notebook) string { return path.Join(Prefix(nb), "api/kernels") }

// readyPath answers once the server is up. Not api/status: that needs the token, and a
// probe's headers cannot come from a Secret without writing the token into the pod spec.
func readyPath(nb *v1beta1.Notebook) string { return path.Join(Prefix(nb), "api") }

// withServer makes the main container start the Jupyter server under the notebook's base
// URL with its token, and report ready once the server answers.
func withServer(c *corev1.Container, nb *v1beta1.Notebook, img *v1beta1.ImageNotebook, tokenSecret string) {
	command, entrypoint, url := defaultCommand, false, defaultURL
	if img != nil {
		if len(img.Command) > 0 {
			command = img.Command
		}
		entrypoint = img.ReplaceEntrypoint
		if img.DefaultURL != "" {
			url = img.DefaultURL
		}
	}
	argv := append(append([]string{}, command...),
		"--ServerApp.base_url="+Prefix(nb),
		"--ServerApp.ip=0.0.0.0",
		"--ServerApp.port="+strconv.Itoa(Port),
		"--ServerApp.default_url="+url,
		"--ServerApp.open_browser=False",
	)
	if entrypoint {
		c.Command, c.Args = argv, nil
	} else {
		c.Command, c.Args = nil, argv
	}
	// The platform's variables come last and replace any of the same name the user set.
	setEnv(c, corev1.EnvVar{Name: EnvPrefix, Value: strings.TrimSuffix(Prefix(nb), "/")})
	setEnv(c, corev1.EnvVar{Name: EnvToken, ValueFrom: &corev1.EnvVarSource{SecretKeyRef: &corev1.SecretKeySelector{
		LocalObjectReference: corev1.LocalObjectReference{Name: tokenSecret}, Key: TokenKey}}})
	c.Ports = []corev1.ContainerPort{{Name: "notebook", ContainerPort: Port}}
	c.ReadinessProbe = &corev1.Probe{
		ProbeHandler:     corev1.ProbeHandler{HTTPGet: &corev1.HTTPGetAction{Path: readyPath(nb), Port: intstr.FromInt32(Port)}},
		PeriodSeconds:    2,
		TimeoutSeconds:   2,
		FailureThreshold: 3,
	}
}

func setEnv(c *corev1.Container, v corev1.EnvVar) {
	kept := c.Env[:0]
	for _, e := range c.Env {
		if e.Name != v.Name {
			kept = append(kept, e)
		}
	}
	c.Env = append(kept, v)
}

package notebook

import (
	"slices"
	"testing"
	"time"

	corev1 "k8s.io/api/core/v1"
	networkingv1 "k8s.io/api/networking/v1"
	"k8s.io/apimachinery/pkg/api/equality"
	"k8s.io/apimachinery/pkg/api/resource"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/labels"

	"github.com/primehub/primehub/api/v1beta1"
	"github.com/primehub/primehub/internal/directory"
	"github.com/primehub/primehub/internal/quota"
	"github.com/primehub/primehub/internal/spawn"
)

// What launches are allowed is the launch path's, tested there; this is the notebook's pod.
func TestRender(t *testing.T) {
	nb := &v1beta1.Notebook{
		ObjectMeta: metav1.ObjectMeta{Namespace: "primehub", Name: "mine", Generation: 3},
		Spec:       v1beta1.NotebookSpec{User: "alice", Group: "ml", InstanceType: "small", Image: "base"},
	}
	in := spawn.Input{
		User: directory.User{Username: "alice"}, Group: directory.Group{Name: "ml"},
		InstanceType: v1beta1.InstanceType{ObjectMeta: metav1.ObjectMeta{Name: "small"}, Spec: v1beta1.InstanceTypeSpec{
			CPU: v1beta1.ResourceRange{Limit: resource.MustParse("1")}, Memory: v1beta1.ResourceRange{Limit: resource.MustParse("1Gi")}}},
		Image: v1beta1.Image{ObjectMeta: metav1.ObjectMeta{Name: "base"}, Spec: v1beta1.ImageSpec{Type: v1beta1.ImageTypeBoth, URL: "x"}},
	}
	pod, err := render(nb, in, "notebook-mine-token-0123456789")
	if err != nil {
		t.Fatal(err)
	}
	if pod.Name != "notebook-mine" || pod.Namespace != "primehub" || pod.Labels[LabelNotebook] != "mine" || pod.Labels[quota.LabelUser] != "alice" {
		t.Errorf("pod %s/%s labelled %v", pod.Namespace, pod.Name, pod.Labels)
	}
	if pod.Annotations[annotationGeneration] != "3" || pod.Spec.RestartPolicy != corev1.RestartPolicyAlways {
		t.Errorf("annotations %v, restart policy %s", pod.Annotations, pod.Spec.RestartPolicy)
	}
	main := pod.Spec.Containers[0]
	if len(main.Ports) != 1 || main.Ports[0].ContainerPort != Port || main.Command != nil || len(main.Args) == 0 || main.Args[0] != "jupyter" {
		t.Errorf("main container ports %v, command %v, args %v", main.Ports, main.Command, main.Args)
	}
}

func TestWithServer(t *testing.T) {
	nb := &v1beta1.Notebook{ObjectMeta: metav1.ObjectMeta{Namespace: "team", Name: "mine"}}
	options := []string{"--ServerApp.base_url=/notebook/team/mine/", "--ServerApp.ip=0.0.0.0", "--ServerApp.port=8888"}
	tests := []struct {
		name          string
		image         *v1beta1.ImageNotebook
		command, args []string
	}{
		{"default: jupyter server as the entrypoint's arguments", nil, nil,
			append([]string{"jupyter", "server"}, append(options, "--ServerApp.default_url=/tree", "--ServerApp.open_browser=False")...)},
		{"Docker Stacks' start script, JupyterLab", &v1beta1.ImageNotebook{Command: []string{"start-notebook.py"}, DefaultURL: "/lab"}, nil,
			append([]string{"start-notebook.py"}, append(options, "--ServerApp.default_url=/lab", "--ServerApp.open_browser=False")...)},
		{"Kubeflow: instead of the entrypoint", &v1beta1.ImageNotebook{ReplaceEntrypoint: true},
			append([]string{"jupyter", "server"}, append(options, "--ServerApp.default_url=/tree", "--ServerApp.open_browser=False")...), nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := corev1.Container{Env: []corev1.EnvVar{{Name: "A", Value: "1"}, {Name: EnvToken, Value: "chosen by the user"}, {Name: EnvPrefix, Value: "/elsewhere"}}}
			withServer(&c, nb, tt.image, "notebook-mine-token-0123456789")
			if !slices.Equal(c.Command, tt.command) || !slices.Equal(c.Args, tt.args) {
				t.Errorf("command %q args %q, want %q %q", c.Command, c.Args, tt.command, tt.args)
			}
			want := []corev1.EnvVar{{Name: "A", Value: "1"}, {Name: EnvPrefix, Value: "/notebook/team/mine"},
				{Name: EnvToken, ValueFrom: &corev1.EnvVarSource{SecretKeyRef: &corev1.SecretKeySelector{
					LocalObjectReference: corev1.LocalObjectReference{Name: "notebook-mine-token-0123456789"}, Key: TokenKey}}}}
			if !equality.Semantic.DeepEqual(c.Env, want) {
				t.Errorf("env %v, want %v", c.Env, want)
			}
			if p := c.ReadinessProbe; p == nil || p.HTTPGet == nil || p.HTTPGet.Path != "/notebook/team/mine/api" || p.HTTPGet.Port.IntValue() != Port {
				t.Errorf("readiness probe %+v", p)
			}
		})
	}
}

func TestNetworkPolicy(t *testing.T) {
	np := networkPolicy("team", Proxies{Namespace: "primehub", Pods: metav1.LabelSelector{MatchLabels: map[string]string{"app.kubernetes.io/name": "primehub"}}})
	if np.Name != PolicyName || np.Namespace != "team" || len(np.OwnerReferences) != 0 {
		t.Errorf("policy %s/%s owned by %v, want the namespace's %s", np.Namespace, np.Name, np.OwnerReferences, PolicyName)
	}
	// It applies to every notebook's pod (by the label render gives each), and to no other.
	sel, err := metav1.LabelSelectorAsSelector(&np.Spec.PodSelector)
	if err != nil {
		t.Fatal(err)
	}
	for pod, want := range map[string]bool{"mine": true, "theirs": true} {
		if got := sel.Matches(labels.Set{LabelNotebook: pod, "primehub.io/user": "alice"}); got != want {
			t.Errorf("policy selects notebook %s's pod: %v", pod, got)
		}
	}
	if sel.Matches(labels.Set{"primehub.io/user": "alice", "app.kubernetes.io/name": "primehub"}) {
		t.Error("policy selects a pod that is no notebook's")
	}
	if len(np.Spec.PolicyTypes) != 1 || np.Spec.PolicyTypes[0] != networkingv1.PolicyTypeIngress || len(np.Spec.Ingress) != 1 {
		t.Fatalf("policy types %v, ingress %v", np.Spec.PolicyTypes, np.Spec.Ingress)
	}
	rule := np.Spec.Ingress[0]
	if len(rule.From) != 1 || rule.From[0].NamespaceSelector.MatchLabels[corev1.LabelMetadataName] != "primehub" ||
		rule.From[0].PodSelector.MatchLabels["app.kubernetes.io/name"] != "primehub" {
		t.Errorf("from %+v", rule.From)
	}
	if len(rule.Ports) != 1 || rule.Ports[0].Port.IntValue() != Port {
		t.Errorf("ports %+v", rule.Ports)
	}
}

func TestCullDue(t *testing.T) {
	now := time.Date(2026, 1, 1, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		name  string
		last  time.Time
		busy  bool
		after time.Duration
		due   bool
		later time.Duration
	}{
		{"idle long enough", now.Add(-time.Hour), false, time.Hour, true, 0},
		{"idle, not yet", now.Add(-40 * time.Minute), false, time.Hour, false, 20 * time.Minute},
		{"busy for hours: never", now.Add(-5 * time.Hour), true, time.Hour, false, cullCheck},
		{"busy, short cull time: asked again that soon", now.Add(-time.Hour), true, 10 * time.Second, false, 10 * time.Second},
	}
	for _, tt := range tests {
		due, later := cullDue(now, tt.last, tt.busy, tt.after)
		if due != tt.due || later != tt.later {
			t.Errorf("%s: cullDue = %v, %s; want %v, %s", tt.name, due, later, tt.due, tt.later)
		}
	}
}

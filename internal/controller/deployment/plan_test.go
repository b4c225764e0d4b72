package deployment

import (
	"strings"
	"testing"
	"time"

	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/resource"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/utils/ptr"

	"github.com/primehub/primehub/api/v1beta1"
	"github.com/primehub/primehub/internal/access"
	"github.com/primehub/primehub/internal/controller/notebook"
	"github.com/primehub/primehub/internal/directory"
	"github.com/primehub/primehub/internal/quota"
	"github.com/primehub/primehub/internal/spawn"
)

func input() spawn.Input {
	ml := directory.Group{Name: "ml", SharedVolume: &v1beta1.SharedVolume{Enabled: true}}
	other := directory.Group{Name: "other", SharedVolume: &v1beta1.SharedVolume{Enabled: true, LaunchGroupOnly: ptr.To(false)}}
	pv := func(name string, grant string) access.GrantedVolume {
		return access.GrantedVolume{Volume: v1beta1.Volume{ObjectMeta: metav1.ObjectMeta{Name: name}, Spec: v1beta1.VolumeSpec{
			Type: v1beta1.VolumeTypePV, Access: v1beta1.Access{Groups: []v1beta1.GroupGrant{{Name: grant}}}}}}
	}
	return spawn.Input{
		User:       directory.User{Username: "alice", PredefinedEnv: []v1beta1.EnvVar{{Name: "ALICE_SECRET", Value: "s"}}},
		Group:      ml,
		UserGroups: []directory.Group{{Name: directory.Everyone}, ml, other},
		InstanceType: v1beta1.InstanceType{ObjectMeta: metav1.ObjectMeta{Name: "small"}, Spec: v1beta1.InstanceTypeSpec{
			CPU: v1beta1.ResourceRange{Limit: resource.MustParse("1")}, Memory: v1beta1.ResourceRange{Limit: resource.MustParse("1Gi")}}},
		Image:   v1beta1.Image{Spec: v1beta1.ImageSpec{Type: v1beta1.ImageTypeBoth, URL: "model/server:1"}},
		Volumes: []access.GrantedVolume{pv("models", "ml"), pv("others-data", "other")},
		Env:     []v1beta1.EnvVar{{Name: "A", Value: "1"}},
	}
}

func phd(uri string) *v1beta1.PhDeployment {
	return &v1beta1.PhDeployment{ObjectMeta: metav1.ObjectMeta{Name: "iris", Namespace: "primehub"}, Spec: v1beta1.PhDeploymentSpec{
		User: "alice", Group: "ml", PhDeploymentModel: v1beta1.PhDeploymentModel{ModelImage: "model/server:1", ModelURI: uri, InstanceType: "small", Replicas: 2}}}
}

func TestRender(t *testing.T) {
	dep, err := render(phd(""), input(), Options{}, 2)
	if err != nil {
		t.Fatal(err)
	}
	if dep.Name != "deploy-iris" || *dep.Spec.Replicas != 2 || dep.Spec.Selector.MatchLabels[LabelDeployment] != "iris" {
		t.Errorf("deployment %s, replicas %d, selector %v", dep.Name, *dep.Spec.Replicas, dep.Spec.Selector.MatchLabels)
	}
	tpl := dep.Spec.Template
	if tpl.Labels[quota.LabelUser] != "alice" || tpl.Labels[quota.LabelGroup] != "ml" || tpl.Labels[LabelDeployment] != "iris" {
		t.Errorf("pod labels %v: the quota counts them by user and group", tpl.Labels)
	}
	if !quota.Guarded(&tpl.Spec) {
		t.Error("pods carry no admission guard")
	}
	if len(tpl.Spec.Volumes) != 0 {
		t.Errorf("volumes %v: no home, group or dataset volume without a model URI", tpl.Spec.Volumes)
	}
	main := tpl.Spec.Containers[0]
	if main.Image != "model/server:1" || main.Ports[0].ContainerPort != Port {
		t.Errorf("image %s, ports %v", main.Image, main.Ports)
	}
	for _, e := range main.Env {
		if e.Name == "ALICE_SECRET" {
			t.Error("the creator's predefined variables reach a group's model server")
		}
	}
	if ptr.Deref(tpl.Spec.AutomountServiceAccountToken, true) || tpl.Spec.RestartPolicy != corev1.RestartPolicyAlways {
		t.Errorf("service account token %v, restart %s", tpl.Spec.AutomountServiceAccountToken, tpl.Spec.RestartPolicy)
	}
	again, _ := render(phd(""), input(), Options{}, 0)
	if again.Annotations[annotationTemplate] != dep.Annotations[annotationTemplate] {
		t.Error("the template hash depends on the replicas: stop and start would roll out")
	}
}

func TestRenderModelURI(t *testing.T) {
	tests := []struct {
		uri, initializer string
		wantClaim        string
		wantSubPath      string
		wantInit         bool
		wantErr          string
	}{
		{uri: "pvc://models/iris/v1", wantClaim: "dataset-models", wantSubPath: "iris/v1"},
		{uri: "pvc://models/../../etc", wantClaim: "dataset-models", wantSubPath: "etc"},
		{uri: "pvc://project-ml/m", wantClaim: "project-ml", wantSubPath: "m"},
		{uri: "pvc://others-data/m", wantErr: "others-data is neither a volume granted to group ml nor its group volume project-ml"},
		{uri: "pvc://project-other/m", wantErr: "project-other is neither"},
		{uri: "pvc://claim-alice/m", wantErr: "claim-alice is neither"},
		{uri: "gs://seldon-models/sklearn/iris", initializer: "kserve/storage-initializer:v0.14.0", wantInit: true},
		{uri: "s3://bucket/m", wantErr: "no model initializer image"},
		{uri: "ftp://x/m", wantErr: "scheme ftp is not one of"},
	}
	for _, tt := range tests {
		t.Run(tt.uri, func(t *testing.T) {
			dep, err := render(phd(tt.uri), input(), Options{InitializerImage: tt.initializer}, 1)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err %v, want %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			spec := dep.Spec.Template.Spec
			if len(spec.Volumes) != 1 || spec.Volumes[0].Name != modelVolume {
				t.Fatalf("volumes %+v, want the model's only", spec.Volumes)
			}
			mount := spec.Containers[0].VolumeMounts[0]
			if mount.MountPath != ModelDir || !mount.ReadOnly || mount.SubPath != tt.wantSubPath {
				t.Errorf("mount %+v", mount)
			}
			if tt.wantClaim != "" && (spec.Volumes[0].PersistentVolumeClaim == nil || spec.Volumes[0].PersistentVolumeClaim.ClaimName != tt.wantClaim) {
				t.Errorf("volume %+v, want claim %s", spec.Volumes[0], tt.wantClaim)
			}
			last := spec.InitContainers[len(spec.InitContainers)-1]
			if tt.wantInit != (last.Name == initializerName) || (tt.wantInit && (last.Args[0] != tt.uri || last.Image != tt.initializer)) {
				t.Errorf("init containers %+v", spec.InitContainers)
			}
			if spec.InitContainers[0].Name != quota.GuardName {
				t.Error("the guard is not the first init container")
			}
		})
	}
}

func TestNextHistory(t *testing.T) {
	t0, t1 := metav1.NewTime(time.Unix(100, 0)), metav1.NewTime(time.Unix(200, 0))
	m1 := v1beta1.PhDeploymentModel{ModelImage: "a", InstanceType: "small", Replicas: 1}
	m2 := m1
	m2.ModelImage = "b"
	h := nextHistory(nil, m1, "alice", t0)
	if len(h) != 1 || h[0].User != "alice" || h[0].Time != t0 {
		t.Fatalf("history %+v", h)
	}
	if got := nextHistory(h, m1, "bob", t1); len(got) != 1 {
		t.Errorf("the same model made a revision: %+v", got)
	}
	h = nextHistory(h, m2, "bob", t1)
	if len(h) != 2 || h[1].User != "bob" || h[1].Model.ModelImage != "b" {
		t.Errorf("history %+v", h)
	}
	for i := range historyLimit + 5 {
		m := m1
		m.Replicas = int32(i + 2)
		h = nextHistory(h, m, "alice", t1)
	}
	if len(h) != historyLimit || h[len(h)-1].Model.Replicas != historyLimit+6 {
		t.Errorf("%d revisions kept, last %+v", len(h), h[len(h)-1])
	}
}

func TestProgress(t *testing.T) {
	dep := func(replicas, updated, available, ready int32, failure string) *appsv1.Deployment {
		d := &appsv1.Deployment{ObjectMeta: metav1.ObjectMeta{Generation: 2}, Spec: appsv1.DeploymentSpec{Replicas: ptr.To(replicas)},
			Status: appsv1.DeploymentStatus{ObservedGeneration: 2, Replicas: ready, UpdatedReplicas: updated, AvailableReplicas: available}}
		if failure != "" {
			d.Status.Conditions = []appsv1.DeploymentCondition{{Type: appsv1.DeploymentReplicaFailure, Status: corev1.ConditionTrue, Message: failure}}
		}
		return d
	}
	running, stopped := phd(""), phd("")
	stopped.Spec.Stop = true
	tests := []struct {
		name      string
		d         *v1beta1.PhDeployment
		dep       *appsv1.Deployment
		wantPhase v1beta1.PhDeploymentPhase
		wantMsg   string
	}{
		{"not made yet", running, nil, v1beta1.PhDeploymentDeploying, "creating"},
		{"all available", running, dep(2, 2, 2, 2, ""), v1beta1.PhDeploymentDeployed, "2 of 2 replicas available"},
		{"rolling out", running, dep(2, 1, 2, 3, ""), v1beta1.PhDeploymentDeploying, "1 of 2 replicas updated, 2 available"},
		{"pods refused", running, dep(2, 0, 0, 0, `pods "x" is forbidden: USER alice exceeded cpu quota: 1, requesting 2`), v1beta1.PhDeploymentFailed, "exceeded cpu quota"},
		{"stopping", stopped, dep(0, 0, 0, 1, ""), v1beta1.PhDeploymentStopping, "1 pods left"},
		{"stopped", stopped, dep(0, 0, 0, 0, ""), v1beta1.PhDeploymentStopped, "no pod runs"},
		{"stopped before it was made", stopped, nil, v1beta1.PhDeploymentStopped, "no pod runs"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := progress(tt.d, tt.dep)
			if o.phase != tt.wantPhase || !strings.Contains(o.message, tt.wantMsg) {
				t.Errorf("got %s %q, want %s %q", o.phase, o.message, tt.wantPhase, tt.wantMsg)
			}
		})
	}
}

func TestClientAllowed(t *testing.T) {
	secret, hash := NewClientSecret()
	other, _ := NewClientSecret()
	d := phd("")
	d.Spec.Endpoint.Clients = []v1beta1.PhDeploymentClient{{Name: "app", SecretHash: hash}}
	tests := []struct {
		name, secret string
		want         bool
	}{
		{"app", secret, true},
		{"app", other, false},
		{"app", "", false},
		{"ios", secret, false},
		{"app", hash, false},
	}
	for _, tt := range tests {
		if got := ClientAllowed(d, tt.name, tt.secret); got != tt.want {
			t.Errorf("ClientAllowed(%s, %q) = %v", tt.name, tt.secret, got)
		}
	}
}

func TestNetworkPolicy(t *testing.T) {
	from := notebook.Proxies{Namespace: "primehub", Pods: metav1.LabelSelector{MatchLabels: map[string]string{"app.kubernetes.io/name": "primehub"}}}
	np := networkPolicy(phd(""), from)
	in := np.Spec.Ingress
	if np.Spec.PodSelector.MatchLabels[LabelDeployment] != "iris" || len(in) != 1 || len(in[0].From) != 1 || len(in[0].Ports) != 1 ||
		in[0].From[0].PodSelector.MatchLabels["app.kubernetes.io/name"] != "primehub" ||
		in[0].From[0].NamespaceSelector.MatchLabels[corev1.LabelMetadataName] != "primehub" || in[0].Ports[0].Port.IntValue() != Port {
		t.Errorf("network policy %+v: want only primehub's pods let in, to the model port", np.Spec)
	}
}

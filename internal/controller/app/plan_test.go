package app

import (
	"slices"
	"testing"

	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/resource"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/utils/ptr"

	"github.com/primehub/primehub/api/v1beta1"
	"github.com/primehub/primehub/internal/directory"
	"github.com/primehub/primehub/internal/names"
	"github.com/primehub/primehub/internal/quota"
	"github.com/primehub/primehub/internal/spawn"
)

func fixtures() (*v1beta1.PhApplication, *v1beta1.PhAppTemplate, spawn.Input) {
	app := &v1beta1.PhApplication{ObjectMeta: metav1.ObjectMeta{Namespace: "primehub", Name: "mlflow-x1"},
		Spec: v1beta1.PhApplicationSpec{User: "Alice", Group: "ML_Team", Template: "mlflow", InstanceType: "small", Scope: v1beta1.PhAppScopeGroup,
			Env: []v1beta1.EnvVar{{Name: "STORE", Value: "mine"}, {Name: "EXTRA", Value: "1"}, {Name: "PRIMEHUB_APP_ROOT", Value: "/etc"}}}}
	tmpl := &v1beta1.PhAppTemplate{ObjectMeta: metav1.ObjectMeta{Name: "mlflow"}, Spec: v1beta1.PhAppTemplateSpec{
		Image: "mlflow:2", Args: []string{"--root", "$(PRIMEHUB_APP_ROOT)"},
		Ports:       []v1beta1.AppPort{{Name: "http", Port: 5000}},
		DefaultEnvs: []v1beta1.AppEnv{{Name: "STORE", DefaultValue: "$(PRIMEHUB_APP_ROOT)/db"}, {Name: "ART", DefaultValue: "a"}},
		HTTP:        &v1beta1.AppHTTP{Port: 5000},
	}}
	in := spawn.Input{User: directory.User{Username: "Alice"}, Group: directory.Group{Name: "ML_Team"},
		InstanceType: v1beta1.InstanceType{Spec: v1beta1.InstanceTypeSpec{
			CPU: v1beta1.ResourceRange{Limit: resource.MustParse("1")}, Memory: v1beta1.ResourceRange{Limit: resource.MustParse("1Gi")},
			NodeSelector: map[string]string{"pool": "apps"}}}}
	return app, tmpl, in
}

func TestPlan(t *testing.T) {
	app, tmpl, in := fixtures()
	d := Plan(app, tmpl, in, Platform{URL: "https://hub", ProxyNamespace: "primehub"})
	dep := d.Deployment
	if dep.Name != "app-mlflow-x1" || *dep.Spec.Replicas != 1 || dep.Spec.Strategy.Type != appsv1.RecreateDeploymentStrategyType {
		t.Errorf("deployment %s, %d replicas, strategy %s", dep.Name, *dep.Spec.Replicas, dep.Spec.Strategy.Type)
	}
	pod := dep.Spec.Template
	for k, v := range map[string]string{LabelApp: "mlflow-x1", quota.LabelUser: names.Label("Alice"), quota.LabelGroup: names.Label("ML_Team")} {
		if pod.Labels[k] != v {
			t.Errorf("pod label %s=%q, want %q", k, pod.Labels[k], v)
		}
	}
	if len(pod.Spec.InitContainers) != 1 || pod.Spec.InitContainers[0].Name != quota.GuardName {
		t.Errorf("init containers %v, want the admission guard", pod.Spec.InitContainers)
	}
	if !ptr.Equal(pod.Spec.AutomountServiceAccountToken, ptr.To(false)) || pod.Spec.NodeSelector["pool"] != "apps" {
		t.Errorf("pod spec %+v", pod.Spec)
	}
	c := pod.Spec.Containers[0]
	if c.Image != "mlflow:2" || !c.Resources.Limits.Cpu().Equal(resource.MustParse("1")) || c.VolumeMounts[0].MountPath != "/phapplications/mlflow-x1" {
		t.Errorf("container %+v", c)
	}
	var env []string
	for _, e := range c.Env {
		env = append(env, e.Name+"="+e.Value)
	}
	want := []string{"PRIMEHUB_APP_ID=mlflow-x1", "PRIMEHUB_APP_ROOT=/phapplications/mlflow-x1", "PRIMEHUB_APP_BASE_URL=/app/mlflow-x1",
		"PRIMEHUB_URL=https://hub", "PRIMEHUB_GROUP=ML_Team", "STORE=mine", "ART=a", "EXTRA=1"}
	if !slices.Equal(env, want) {
		t.Errorf("env\n%v, want\n%v", env, want)
	}
	if d.Volume != nil || pod.Spec.Volumes[0].EmptyDir == nil {
		t.Errorf("no volume asked: want an emptyDir and no claim, got %+v", pod.Spec.Volumes)
	}
	if d.Service.Spec.ClusterIP != corev1.ClusterIPNone || d.Service.Spec.Ports[0].Port != 5000 || d.Service.Spec.Selector[LabelApp] != "mlflow-x1" {
		t.Errorf("service %+v", d.Service.Spec)
	}
	from := d.NetworkPolicy.Spec.Ingress[0].From
	if len(from) != 2 || from[0].PodSelector.MatchLabels[quota.LabelGroup] != names.Label("ML_Team") {
		t.Errorf("network policy admits %+v, want the group's pods and primehub's", from)
	}
}

func TestPlanVariants(t *testing.T) {
	tests := []struct {
		name  string
		edit  func(*v1beta1.PhApplication, *v1beta1.PhAppTemplate)
		check func(t *testing.T, d Desired)
	}{
		{"stopped scales to zero", func(a *v1beta1.PhApplication, _ *v1beta1.PhAppTemplate) { a.Spec.Stop = true },
			func(t *testing.T, d Desired) {
				if *d.Deployment.Spec.Replicas != 0 {
					t.Errorf("replicas %d", *d.Deployment.Spec.Replicas)
				}
			}},
		{"a volume of its own", func(_ *v1beta1.PhApplication, tm *v1beta1.PhAppTemplate) {
			tm.Spec.Volume = &v1beta1.AppVolume{MountPath: "/data", Capacity: resource.MustParse("2Gi")}
		}, func(t *testing.T, d Desired) {
			c := d.Deployment.Spec.Template.Spec
			if d.Volume == nil || d.Volume.Name != "app-mlflow-x1" || c.Volumes[0].PersistentVolumeClaim.ClaimName != "app-mlflow-x1" ||
				c.Containers[0].VolumeMounts[0].MountPath != "/data" || c.Containers[0].Env[1].Value != "/data" {
				t.Errorf("volume %+v, pod %+v", d.Volume, c)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			app, tmpl, in := fixtures()
			tt.edit(app, tmpl)
			tt.check(t, Plan(app, tmpl, in, Platform{}))
		})
	}
}

func TestPlanStable(t *testing.T) {
	app, tmpl, in := fixtures()
	a, b := Plan(app, tmpl, in, Platform{}), Plan(app, tmpl, in, Platform{})
	if a.Deployment.Annotations[annotationSpec] != b.Deployment.Annotations[annotationSpec] {
		t.Fatal("the same application renders two hashes")
	}
	app.Spec.Stop = true
	if Plan(app, tmpl, in, Platform{}).Deployment.Annotations[annotationSpec] != a.Deployment.Annotations[annotationSpec] {
		t.Error("stopping changes the pod template's hash: starting again would roll out")
	}
	app.Spec.InstanceType, in.InstanceType.Spec.CPU.Limit = "big", resource.MustParse("2")
	if Plan(app, tmpl, in, Platform{}).Deployment.Annotations[annotationSpec] == a.Deployment.Annotations[annotationSpec] {
		t.Error("an update keeps the hash: it would not roll out")
	}
}

func TestPhase(t *testing.T) {
	dep := func(gen, observed int64, replicas, ready, updated int32) *appsv1.Deployment {
		return &appsv1.Deployment{ObjectMeta: metav1.ObjectMeta{Generation: gen},
			Status: appsv1.DeploymentStatus{ObservedGeneration: observed, Replicas: replicas, ReadyReplicas: ready, UpdatedReplicas: updated}}
	}
	refused := dep(1, 1, 0, 0, 0)
	refused.Status.Conditions = []appsv1.DeploymentCondition{{Type: appsv1.DeploymentReplicaFailure, Status: corev1.ConditionTrue,
		Reason: "FailedCreate", Message: "GROUP ml exceeded cpu quota"}}
	tests := []struct {
		name string
		stop bool
		dep  *appsv1.Deployment
		want v1beta1.PhApplicationPhase
	}{
		{"starting", false, dep(1, 1, 1, 0, 1), v1beta1.PhAppStarting},
		{"ready", false, dep(1, 1, 1, 1, 1), v1beta1.PhAppReady},
		{"the deployment not observed yet", false, dep(2, 1, 1, 1, 1), v1beta1.PhAppUpdating},
		{"stopping", true, dep(2, 2, 1, 1, 1), v1beta1.PhAppStopping},
		{"stopped", true, dep(2, 2, 0, 0, 0), v1beta1.PhAppStopped},
		{"stopped, the deployment not observed yet", true, dep(2, 1, 0, 0, 0), v1beta1.PhAppStopping},
		{"its pod refused", false, refused, v1beta1.PhAppError},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got, _, _ := Phase(&v1beta1.PhApplication{Spec: v1beta1.PhApplicationSpec{Stop: tt.stop}}, tt.dep); got != tt.want {
				t.Errorf("phase %s, want %s", got, tt.want)
			}
		})
	}
}

func TestCheckEnv(t *testing.T) {
	if err := CheckEnv([]v1beta1.EnvVar{{Name: "A"}}); err != nil {
		t.Error(err)
	}
	if err := CheckEnv([]v1beta1.EnvVar{{Name: "PRIMEHUB_APP_ROOT"}}); err == nil {
		t.Error("PRIMEHUB_APP_ROOT accepted")
	}
}

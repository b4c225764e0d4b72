// Package app is the PhApplication controller: an application a group member installed
// from an admin's PhAppTemplate becomes a Deployment, a Service, a NetworkPolicy and (if
// the template asks) a volume, all owned by the PhApplication, so uninstalling it leaves
// nothing behind. The launch path (internal/launch) decides it as it decides notebooks.
package app

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strings"

	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	networkingv1 "k8s.io/api/networking/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/util/intstr"
	"k8s.io/utils/ptr"

	"github.com/primehub/primehub/api/v1beta1"
	"github.com/primehub/primehub/internal/names"
	"github.com/primehub/primehub/internal/quota"
	"github.com/primehub/primehub/internal/spawn"
)

const (
	// LabelApp marks an application's objects and pods with its id.
	LabelApp = "primehub.io/phapplication"
	// annotationSpec is the hash of what the Deployment was rendered from: a reconcile that
	// renders the same writes nothing.
	annotationSpec = "primehub.io/app-spec"
	// Prefix is where applications are reached through primehub.
	Prefix = "/app/"
	// appRoot is PRIMEHUB_APP_ROOT's parent when the template asks no volume (PrimeHub's).
	appRoot = "/phapplications/"
)

// ResourceName names an application's Deployment, Service, NetworkPolicy and volume.
func ResourceName(app string) string { return "app-" + app }

// BasePath is where an application's web UI is reached, and PRIMEHUB_APP_BASE_URL.
func BasePath(app string) string { return Prefix + app }

// Platform is what the platform tells every application about itself.
type Platform struct {
	// URL is where primehub is reached (PRIMEHUB_URL).
	URL string
	// Proxies are primehub's pods, which alone besides the group's pods reach the app.
	ProxyNamespace string
	ProxyPods      metav1.LabelSelector
}

// Desired are the objects an application is made of; Volume is nil when its template
// asks none.
type Desired struct {
	Deployment    *appsv1.Deployment
	Service       *corev1.Service
	NetworkPolicy *networkingv1.NetworkPolicy
	Volume        *corev1.PersistentVolumeClaim
}

// Plan renders an application the launch path let launch (in) from its template. It is
// pure: owner references are the caller's.
func Plan(app *v1beta1.PhApplication, tmpl *v1beta1.PhAppTemplate, in spawn.Input, p Platform) Desired {
	name := ResourceName(app.Name)
	labels := map[string]string{LabelApp: app.Name}
	t := tmpl.Spec
	root := appRoot + app.Name
	var volume corev1.Volume
	var claim *corev1.PersistentVolumeClaim
	if t.Volume != nil {
		root = t.Volume.MountPath
		volume = corev1.Volume{Name: "data", VolumeSource: corev1.VolumeSource{
			PersistentVolumeClaim: &corev1.PersistentVolumeClaimVolumeSource{ClaimName: name}}}
		claim = &corev1.PersistentVolumeClaim{
			ObjectMeta: metav1.ObjectMeta{Namespace: app.Namespace, Name: name, Labels: labels},
			Spec: corev1.PersistentVolumeClaimSpec{
				AccessModes: []corev1.PersistentVolumeAccessMode{corev1.ReadWriteOnce},
				Resources:   corev1.VolumeResourceRequirements{Requests: corev1.ResourceList{corev1.ResourceStorage: t.Volume.Capacity}},
			},
		}
		if sc := in.Settings.StorageClassName; sc != "" {
			claim.Spec.StorageClassName = ptr.To(sc)
		}
	} else {
		volume = corev1.Volume{Name: "data", VolumeSource: corev1.VolumeSource{EmptyDir: &corev1.EmptyDirVolumeSource{}}}
	}

	var ports []corev1.ContainerPort
	var svcPorts []corev1.ServicePort
	for _, port := range t.Ports {
		ports = append(ports, corev1.ContainerPort{Name: port.Name, ContainerPort: port.Port, Protocol: corev1.ProtocolTCP})
		svcPorts = append(svcPorts, corev1.ServicePort{Name: port.Name, Port: port.Port, TargetPort: intstr.FromInt32(port.Port), Protocol: corev1.ProtocolTCP})
	}
	main := corev1.Container{
		Name:         spawn.MainContainer,
		Image:        t.Image,
		Command:      t.Command,
		Args:         t.Args,
		Ports:        ports,
		Env:          env(app, t, root, in, p),
		Resources:    spawn.Resources(in.InstanceType),
		VolumeMounts: []corev1.VolumeMount{{Name: "data", MountPath: root}},
	}
	pod := corev1.PodTemplateSpec{
		ObjectMeta: metav1.ObjectMeta{Labels: map[string]string{
			LabelApp: app.Name,
			// Quota counts app pods as anyone's, charged to the installer in the group.
			quota.LabelUser:  names.Label(in.User.Username),
			quota.LabelGroup: names.Label(in.Group.Name),
		}},
		Spec: corev1.PodSpec{
			// The admission webhook takes the guard out when it admits each pod.
			InitContainers:               []corev1.Container{quota.GuardContainer()},
			Containers:                   []corev1.Container{main},
			Volumes:                      []corev1.Volume{volume},
			NodeSelector:                 in.InstanceType.Spec.NodeSelector,
			Tolerations:                  in.InstanceType.Spec.Tolerations,
			AutomountServiceAccountToken: ptr.To(false),
			EnableServiceLinks:           ptr.To(false),
		},
	}
	replicas := int32(1)
	if app.Spec.Stop {
		replicas = 0
	}
	dep := &appsv1.Deployment{
		ObjectMeta: metav1.ObjectMeta{Namespace: app.Namespace, Name: name, Labels: labels},
		Spec: appsv1.DeploymentSpec{
			Replicas: ptr.To(replicas),
			Selector: &metav1.LabelSelector{MatchLabels: labels},
			// One pod at a time: an update never runs two, so it never counts twice
			// against the quota, and a volume is never mounted by two pods.
			Strategy: appsv1.DeploymentStrategy{Type: appsv1.RecreateDeploymentStrategyType},
			Template: pod,
		},
	}
	dep.Annotations = map[string]string{annotationSpec: hash(dep.Spec.Template)}

	svc := &corev1.Service{
		ObjectMeta: metav1.ObjectMeta{Namespace: app.Namespace, Name: name, Labels: labels},
		Spec: corev1.ServiceSpec{
			// Headless: primehub's proxy goes to the pod IP; the group's pods reach the
			// app by name.
			ClusterIP: corev1.ClusterIPNone,
			Selector:  labels,
			Ports:     svcPorts,
		},
	}
	return Desired{Deployment: dep, Service: svc, Volume: claim, NetworkPolicy: networkPolicy(app, in.Group.Name, labels, p)}
}

// env sets the platform's variables first, so the template's and the installer's may use
// them as $(NAME), then the template's defaults with the installer's values, then the
// installer's own. The platform's cannot be overridden: they say where the app is.
func env(app *v1beta1.PhApplication, t v1beta1.PhAppTemplateSpec, root string, in spawn.Input, p Platform) []corev1.EnvVar {
	vars := []corev1.EnvVar{
		{Name: "PRIMEHUB_APP_ID", Value: app.Name},
		{Name: "PRIMEHUB_APP_ROOT", Value: root},
		{Name: "PRIMEHUB_APP_BASE_URL", Value: BasePath(app.Name)},
		{Name: "PRIMEHUB_URL", Value: p.URL},
		{Name: "PRIMEHUB_GROUP", Value: in.Group.Name},
	}
	platform := len(vars)
	own := map[string]string{}
	for _, e := range app.Spec.Env {
		own[e.Name] = e.Value
	}
	set := func(name, value string) {
		for _, v := range vars[:platform] {
			if v.Name == name {
				return
			}
		}
		vars = append(vars, corev1.EnvVar{Name: name, Value: value})
	}
	for _, d := range t.DefaultEnvs {
		value, ok := own[d.Name]
		if !ok {
			value = d.DefaultValue
		}
		delete(own, d.Name)
		set(d.Name, value)
	}
	for _, e := range app.Spec.Env {
		if _, ok := own[e.Name]; ok {
			set(e.Name, e.Value)
		}
	}
	return vars
}

// networkPolicy admits the group's pods (in the app's namespace) and primehub's proxies,
// on the app's ports; other workloads in the cluster do not reach a group's app.
func networkPolicy(app *v1beta1.PhApplication, group string, labels map[string]string, p Platform) *networkingv1.NetworkPolicy {
	return &networkingv1.NetworkPolicy{
		ObjectMeta: metav1.ObjectMeta{Namespace: app.Namespace, Name: ResourceName(app.Name), Labels: labels},
		Spec: networkingv1.NetworkPolicySpec{
			PodSelector: metav1.LabelSelector{MatchLabels: labels},
			PolicyTypes: []networkingv1.PolicyType{networkingv1.PolicyTypeIngress},
			Ingress: []networkingv1.NetworkPolicyIngressRule{{From: []networkingv1.NetworkPolicyPeer{
				{PodSelector: &metav1.LabelSelector{MatchLabels: map[string]string{quota.LabelGroup: names.Label(group)}}},
				{
					NamespaceSelector: &metav1.LabelSelector{MatchLabels: map[string]string{corev1.LabelMetadataName: p.ProxyNamespace}},
					PodSelector:       p.ProxyPods.DeepCopy(),
				},
			}}},
		},
	}
}

// hash identifies a rendering; the JSON of a typed object is deterministic.
func hash(v any) string {
	b, _ := json.Marshal(v)
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:12])
}

// Phase is the application's phase from its Deployment's status, as PrimeHub tells it:
// starting until a pod is ready, updating while an old pod still serves, stopping until
// its pods are gone; in error while its pod cannot be made (the quota webhook refused it),
// until it can. reason is a CamelCase word.
func Phase(app *v1beta1.PhApplication, dep *appsv1.Deployment) (phase v1beta1.PhApplicationPhase, reason, message string) {
	s := dep.Status
	current := s.ObservedGeneration >= dep.Generation
	switch {
	case app.Spec.Stop && current && s.Replicas == 0:
		return v1beta1.PhAppStopped, "Stopped", "stopped; its volume is kept"
	case app.Spec.Stop:
		return v1beta1.PhAppStopping, "Stopping", "stopping"
	case current && s.ReadyReplicas > 0 && s.UpdatedReplicas == s.Replicas && s.Replicas == 1:
		return v1beta1.PhAppReady, "Ready", "ready"
	case s.ReadyReplicas > 0:
		return v1beta1.PhAppUpdating, "Updating", "updating: the previous version serves until the new one is ready"
	}
	for _, c := range s.Conditions {
		if c.Type == appsv1.DeploymentReplicaFailure && c.Status == corev1.ConditionTrue {
			return v1beta1.PhAppError, c.Reason, c.Message
		}
	}
	return v1beta1.PhAppStarting, "Starting", "starting"
}

// CheckEnv tells what is wrong with an installer's variables, if anything: the platform's
// are not theirs to set.
func CheckEnv(env []v1beta1.EnvVar) error {
	for _, e := range env {
		if strings.HasPrefix(e.Name, "PRIMEHUB_") {
			return fmt.Errorf("variable %s is the platform's: PRIMEHUB_* variables cannot be set", e.Name)
		}
	}
	return nil
}

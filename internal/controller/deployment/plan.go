// Package deployment is the PhDeployment controller: a model deployment the launch path
// (internal/launch) lets run becomes a Kubernetes Deployment of pods rendered by
// internal/spawn, which serve the model on Port, and a headless Service; an update rolls
// out, stop scales to zero, and the status follows the Deployment with a history of the
// revisions. The endpoint is served by internal/deployproxy.
package deployment

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"path"
	"slices"
	"strings"

	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	networkingv1 "k8s.io/api/networking/v1"
	"k8s.io/apimachinery/pkg/api/equality"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/util/intstr"
	"k8s.io/utils/ptr"

	"github.com/primehub/primehub/api/v1beta1"
	"github.com/primehub/primehub/internal/access"
	"github.com/primehub/primehub/internal/controller/notebook"
	"github.com/primehub/primehub/internal/directory"
	"github.com/primehub/primehub/internal/spawn"
)

const (
	// LabelDeployment marks a deployment's Deployment, Service and pods with its name.
	LabelDeployment = "primehub.io/phdeployment"
	// AnnotationUpdatedBy names who made a change of a deployment, for its history;
	// GraphQL sets it, and the workload-owner policy keeps others from forging it.
	AnnotationUpdatedBy = "primehub.io/updated-by"
	// annotationTemplate is the hash of the pod template primehub rendered, so a reconcile
	// compares that rather than the template the API server filled in with defaults.
	annotationTemplate = "primehub.io/template-hash"
	// annotationGeneration is the generation of the PhDeployment the launch path last let
	// run: a Deployment made for it runs on, whatever happens to grants and settings since.
	annotationGeneration = "primehub.io/phdeployment-generation"
	// Port is where the model server listens in its pods.
	Port = 9000
	// ModelDir is where the model (spec.modelURI) is mounted, read-only.
	ModelDir = "/mnt/models"
	// modelVolume names the volume holding the model.
	modelVolume = "model"
	// initializerName names the init container that fetches a model from object storage.
	initializerName = "model-initializer"
	// historyLimit is how many revisions the status keeps.
	historyLimit = 32
)

// ResourceName names a deployment's Deployment and Service; its pods' names start with it,
// as PrimeHub's do.
func ResourceName(deployment string) string { return "deploy-" + deployment }

// Endpoint is the path where a deployment's model is called through primehub.
func Endpoint(deployment string) string { return "/deployment/" + deployment + "/" }

// Options are the platform's settings for model deployments.
type Options struct {
	// InitializerImage fetches a model from s3://, gs:// or http(s):// into ModelDir: it
	// is run with the URI and the directory as its arguments (KServe's storage initializer
	// takes them so).
	InitializerImage string
}

// render renders the Deployment of a deployment the launch path let run, with replicas
// pods. Its pods carry only what the group's deployment needs: no home volume, no
// predefined variables of the user who made it, and no volumes of the user's other groups,
// since every member of the group may change the model server's image and read its
// environment through it.
func render(d *v1beta1.PhDeployment, in spawn.Input, o Options, replicas int32) (*appsv1.Deployment, error) {
	in.User.PredefinedEnv = nil
	in.UserGroups = []directory.Group{in.Group}
	in.Volumes = slices.DeleteFunc(slices.Clone(in.Volumes), func(gv access.GrantedVolume) bool {
		return !access.Granted(gv.Volume.Spec.Access, in.Group.Name)
	})
	pod, err := spawn.Pod(in)
	if err != nil {
		return nil, err
	}
	mounted := pod.Spec.Volumes
	spec := &pod.Spec
	main := &spec.Containers[0]
	spec.Volumes, main.VolumeMounts = nil, nil
	if err := withModel(spec, d.Spec.ModelURI, in, mounted, o); err != nil {
		return nil, err
	}
	main.Ports = []corev1.ContainerPort{{Name: "http", ContainerPort: Port, Protocol: corev1.ProtocolTCP}}
	main.ReadinessProbe = &corev1.Probe{ProbeHandler: corev1.ProbeHandler{TCPSocket: &corev1.TCPSocketAction{Port: intstr.FromInt32(Port)}}}
	if d.Spec.ImagePullSecret != "" {
		spec.ImagePullSecrets = []corev1.LocalObjectReference{{Name: d.Spec.ImagePullSecret}}
	}
	spec.RestartPolicy = corev1.RestartPolicyAlways
	selector := map[string]string{LabelDeployment: d.Name}
	pod.Labels[LabelDeployment] = d.Name
	template := corev1.PodTemplateSpec{ObjectMeta: metav1.ObjectMeta{Labels: pod.Labels}, Spec: pod.Spec}
	hash, err := templateHash(template)
	if err != nil {
		return nil, err
	}
	return &appsv1.Deployment{
		ObjectMeta: metav1.ObjectMeta{
			Name: ResourceName(d.Name), Namespace: d.Namespace,
			Labels:      map[string]string{LabelDeployment: d.Name},
			Annotations: map[string]string{annotationTemplate: hash},
		},
		Spec: appsv1.DeploymentSpec{
			Replicas:             ptr.To(replicas),
			Selector:             &metav1.LabelSelector{MatchLabels: selector},
			Template:             template,
			RevisionHistoryLimit: ptr.To[int32](2),
		},
	}, nil
}

// withModel mounts the model of uri at ModelDir in the pod's main container: pvc://<name>/<path>
// from a volume granted to the group (<name> is the volume's name) or from the group's own
// volume (project-<group>); s3://, gs:// and http(s):// fetched by an init container into
// a volume of the pod. mounted are the volumes spawn rendered for the launch, by which a
// granted volume is found.
func withModel(spec *corev1.PodSpec, uri string, in spawn.Input, mounted []corev1.Volume, o Options) error {
	if uri == "" {
		return nil
	}
	main := &spec.Containers[0]
	scheme, rest, ok := strings.Cut(uri, "://")
	if !ok {
		return fmt.Errorf("model URI %q has no scheme (pvc://, s3://, gs://, http:// or https://)", uri)
	}
	switch scheme {
	case "pvc":
		name, sub, _ := strings.Cut(rest, "/")
		vol, ok := grantedVolume(name, in, mounted)
		if !ok {
			return fmt.Errorf("model URI %s: %s is neither a volume granted to group %s nor its group volume %s", uri, name, in.Group.Name, spawn.GroupClaimName(in.Group.Name))
		}
		sub = path.Clean("/" + sub)[1:]
		vol.Name = modelVolume
		spec.Volumes = append(spec.Volumes, vol)
		main.VolumeMounts = append(main.VolumeMounts, corev1.VolumeMount{Name: modelVolume, MountPath: ModelDir, SubPath: sub, ReadOnly: true})
	case "s3", "gs", "http", "https":
		if o.InitializerImage == "" {
			return fmt.Errorf("model URI %s: no model initializer image is set to fetch it (--model-initializer-image)", uri)
		}
		spec.Volumes = append(spec.Volumes, corev1.Volume{Name: modelVolume, VolumeSource: corev1.VolumeSource{EmptyDir: &corev1.EmptyDirVolumeSource{}}})
		spec.InitContainers = append(spec.InitContainers, corev1.Container{
			Name:         initializerName,
			Image:        o.InitializerImage,
			Args:         []string{uri, ModelDir},
			Resources:    main.Resources,
			VolumeMounts: []corev1.VolumeMount{{Name: modelVolume, MountPath: ModelDir}},
		})
		main.VolumeMounts = append(main.VolumeMounts, corev1.VolumeMount{Name: modelVolume, MountPath: ModelDir, ReadOnly: true})
	default:
		return fmt.Errorf("model URI %s: scheme %s is not one of pvc, s3, gs, http, https", uri, scheme)
	}
	main.Env = append(main.Env, corev1.EnvVar{Name: "MODEL_URI", Value: ModelDir})
	return nil
}

// grantedVolume finds the volume name of pvc://<name>/ among those the launch mounts for
// the group: a volume granted to the group, or the group's own volume.
func grantedVolume(name string, in spawn.Input, mounted []corev1.Volume) (corev1.Volume, bool) {
	want := ""
	switch {
	case name == spawn.GroupClaimName(in.Group.Name) && in.Group.SharedVolume != nil && in.Group.SharedVolume.Enabled:
		want = name
	case slices.ContainsFunc(in.Volumes, func(gv access.GrantedVolume) bool { return gv.Volume.Name == name }):
		want = "volume-" + name
	default:
		return corev1.Volume{}, false
	}
	i := slices.IndexFunc(mounted, func(v corev1.Volume) bool { return v.Name == want })
	if i < 0 {
		return corev1.Volume{}, false // a volume that mounts nothing (env)
	}
	return *mounted[i].DeepCopy(), true
}

// templateHash is a digest of a rendered pod template.
func templateHash(t corev1.PodTemplateSpec) (string, error) {
	b, err := json.Marshal(t)
	if err != nil {
		return "", fmt.Errorf("hash the pod template: %w", err)
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:8]), nil
}

// sameDeployment tells whether existing already runs desired: replicas and selector; the
// template is compared by its hash, an annotation Ensure compares.
func sameDeployment(desired, existing *appsv1.Deployment) bool {
	return ptr.Deref(existing.Spec.Replicas, 1) == ptr.Deref(desired.Spec.Replicas, 1) &&
		equality.Semantic.DeepEqual(existing.Spec.Selector, desired.Spec.Selector)
}

// service renders the headless Service of a deployment: its name resolves to the pods in
// the cluster; primehub's proxy goes to the pods' IPs.
func service(d *v1beta1.PhDeployment) *corev1.Service {
	return &corev1.Service{
		ObjectMeta: metav1.ObjectMeta{Namespace: d.Namespace, Name: ResourceName(d.Name), Labels: map[string]string{LabelDeployment: d.Name}},
		Spec: corev1.ServiceSpec{
			ClusterIP: corev1.ClusterIPNone,
			Selector:  map[string]string{LabelDeployment: d.Name},
			Ports:     []corev1.ServicePort{{Name: "http", Port: Port, TargetPort: intstr.FromInt32(Port)}},
		},
	}
}

// networkPolicy admits only primehub's pods (from) to the model server's port: a private
// endpoint's credential is checked by primehub's proxy, so nothing else may reach the pods.
func networkPolicy(d *v1beta1.PhDeployment, from notebook.Proxies) *networkingv1.NetworkPolicy {
	return &networkingv1.NetworkPolicy{
		ObjectMeta: metav1.ObjectMeta{Namespace: d.Namespace, Name: ResourceName(d.Name), Labels: map[string]string{LabelDeployment: d.Name}},
		Spec: networkingv1.NetworkPolicySpec{
			PodSelector: metav1.LabelSelector{MatchLabels: map[string]string{LabelDeployment: d.Name}},
			PolicyTypes: []networkingv1.PolicyType{networkingv1.PolicyTypeIngress},
			Ingress:     from.OnlyTo(Port),
		},
	}
}

func sameService(d, e *corev1.Service) bool {
	return e.Spec.ClusterIP == corev1.ClusterIPNone && equality.Semantic.DeepEqual(d.Spec.Selector, e.Spec.Selector) && len(e.Spec.Ports) == 1 &&
		e.Spec.Ports[0].Port == Port && e.Spec.Ports[0].TargetPort == d.Spec.Ports[0].TargetPort
}

// nextHistory adds the deployment's model to its history when it is a new revision, made
// by who at now, keeping the last historyLimit.
func nextHistory(history []v1beta1.PhDeploymentRevision, model v1beta1.PhDeploymentModel, who string, now metav1.Time) []v1beta1.PhDeploymentRevision {
	if n := len(history); n > 0 && equality.Semantic.DeepEqual(history[n-1].Model, model) {
		return history
	}
	history = append(slices.Clone(history), v1beta1.PhDeploymentRevision{Time: now, User: who, Model: *model.DeepCopy()})
	if len(history) > historyLimit {
		history = history[len(history)-historyLimit:]
	}
	return history
}

// author is who made the deployment's current spec: the annotation GraphQL sets, else its
// user.
func author(d *v1beta1.PhDeployment) string {
	if who := d.Annotations[AnnotationUpdatedBy]; who != "" {
		return who
	}
	return d.Spec.User
}

// observed is what the status reports of a deployment and its Deployment (nil: none).
type observed struct {
	phase               v1beta1.PhDeploymentPhase
	reason, message     string
	replicas, available int32
}

// progress tells where a deployment is from its Deployment's status.
func progress(d *v1beta1.PhDeployment, dep *appsv1.Deployment) observed {
	if dep == nil {
		if d.Spec.Stop {
			return observed{phase: v1beta1.PhDeploymentStopped, reason: "Stopped", message: "stopped: no pod runs"}
		}
		return observed{phase: v1beta1.PhDeploymentDeploying, reason: "Creating", message: "creating its pods"}
	}
	s := dep.Status
	o := observed{replicas: s.Replicas, available: s.AvailableReplicas}
	if d.Spec.Stop {
		if s.Replicas > 0 {
			o.phase, o.reason, o.message = v1beta1.PhDeploymentStopping, "Stopping", fmt.Sprintf("stopping: %d pods left", s.Replicas)
		} else {
			o.phase, o.reason, o.message = v1beta1.PhDeploymentStopped, "Stopped", "stopped: no pod runs"
		}
		return o
	}
	for _, c := range s.Conditions {
		if c.Type == appsv1.DeploymentReplicaFailure && c.Status == corev1.ConditionTrue {
			// The quota webhook (or another admission check) refuses its pods; the
			// ReplicaSet controller keeps trying, and the status recovers when one fits.
			o.phase, o.reason, o.message = v1beta1.PhDeploymentFailed, "PodsRefused", c.Message
			return o
		}
	}
	want := ptr.Deref(dep.Spec.Replicas, 1)
	if s.ObservedGeneration >= dep.Generation && s.UpdatedReplicas == want && s.AvailableReplicas == want && s.Replicas == want {
		o.phase, o.reason, o.message = v1beta1.PhDeploymentDeployed, "Deployed", fmt.Sprintf("%d of %d replicas available", s.AvailableReplicas, want)
		return o
	}
	o.phase, o.reason, o.message = v1beta1.PhDeploymentDeploying, "RollingOut",
		fmt.Sprintf("%d of %d replicas updated, %d available", s.UpdatedReplicas, want, s.AvailableReplicas)
	return o
}

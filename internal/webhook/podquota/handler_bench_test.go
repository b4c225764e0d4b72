package podquota

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"syscall"
	"testing"
	"time"

	"github.com/go-logr/logr"
	admissionv1 "k8s.io/api/admission/v1"
	authenticationv1 "k8s.io/api/authentication/v1"
	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/resource"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/util/intstr"
	"k8s.io/utils/ptr"
	"sigs.k8s.io/controller-runtime/pkg/webhook/admission"

	"github.com/primehub/primehub/api/v1beta1"
	"github.com/primehub/primehub/internal/quota"
)

// staticGroups answers one group, as the Group cache would, without the cache.
type staticGroups struct{ group Group }

func (s staticGroups) Group(context.Context, string) (Group, bool, error) { return s.group, true, nil }

// benchPod is a notebook's pod as the API server sends it to the webhook: the spawner's
// spec (guard, env, home volume) with the API server's defaults (token volume,
// tolerations, termination message paths).
func benchPod() *corev1.Pod {
	q := resource.MustParse
	env := make([]corev1.EnvVar, 12)
	for i := range env {
		env[i] = corev1.EnvVar{Name: "PRIMEHUB_VAR_" + string(rune('A'+i)), Value: "some-value-of-the-environment"}
	}
	guard := quota.GuardContainer()
	guard.TerminationMessagePath, guard.ImagePullPolicy = "/dev/termination-log", corev1.PullIfNotPresent
	return &corev1.Pod{
		ObjectMeta: metav1.ObjectMeta{GenerateName: "notebook-", Namespace: "alice",
			Labels:      map[string]string{quota.LabelGroup: "research", quota.LabelUser: "alice", "primehub.io/notebook": "alice-nb"},
			Annotations: map[string]string{"primehub.io/generation": "1"},
			OwnerReferences: []metav1.OwnerReference{{APIVersion: "primehub.io/v1beta1", Kind: "Notebook", Name: "alice-nb",
				UID: "0d6e1c9a-6f4c-4c53-9a8e-4b1f2f7c9d10", Controller: ptr.To(true), BlockOwnerDeletion: ptr.To(true)}}},
		Spec: corev1.PodSpec{
			InitContainers: []corev1.Container{guard},
			Containers: []corev1.Container{{
				Name: "main", Image: "jupyter/base-notebook:latest", Command: []string{"start-notebook.sh"},
				Args: []string{"--ServerApp.base_url=/notebook/alice/alice-nb/", "--ServerApp.token="},
				Env:  env, Ports: []corev1.ContainerPort{{Name: "notebook", ContainerPort: 8888, Protocol: corev1.ProtocolTCP}},
				Resources: corev1.ResourceRequirements{
					Limits:   corev1.ResourceList{corev1.ResourceCPU: q("1"), corev1.ResourceMemory: q("2Gi")},
					Requests: corev1.ResourceList{corev1.ResourceCPU: q("1"), corev1.ResourceMemory: q("2Gi")},
				},
				VolumeMounts: []corev1.VolumeMount{{Name: "home", MountPath: "/home/jovyan"}, {Name: "kube-api-access", MountPath: "/var/run/secrets/kubernetes.io/serviceaccount", ReadOnly: true}},
				ReadinessProbe: &corev1.Probe{ProbeHandler: corev1.ProbeHandler{HTTPGet: &corev1.HTTPGetAction{Path: "/notebook/alice/alice-nb/api/status", Port: intstr.FromInt32(8888)}},
					PeriodSeconds: 2, TimeoutSeconds: 1, SuccessThreshold: 1, FailureThreshold: 3},
				TerminationMessagePath: "/dev/termination-log", TerminationMessagePolicy: corev1.TerminationMessageReadFile, ImagePullPolicy: corev1.PullAlways,
			}},
			Volumes: []corev1.Volume{
				{Name: "home", VolumeSource: corev1.VolumeSource{PersistentVolumeClaim: &corev1.PersistentVolumeClaimVolumeSource{ClaimName: "home-alice"}}},
				{Name: "kube-api-access", VolumeSource: corev1.VolumeSource{Projected: &corev1.ProjectedVolumeSource{Sources: []corev1.VolumeProjection{
					{ServiceAccountToken: &corev1.ServiceAccountTokenProjection{Path: "token", ExpirationSeconds: ptr.To[int64](3607)}},
					{ConfigMap: &corev1.ConfigMapProjection{LocalObjectReference: corev1.LocalObjectReference{Name: "kube-root-ca.crt"}, Items: []corev1.KeyToPath{{Key: "ca.crt", Path: "ca.crt"}}}},
				}}}},
			},
			RestartPolicy: corev1.RestartPolicyAlways, DNSPolicy: corev1.DNSClusterFirst, SchedulerName: "default-scheduler",
			ServiceAccountName: "default", SecurityContext: &corev1.PodSecurityContext{FSGroup: ptr.To[int64](100)},
			Tolerations: []corev1.Toleration{
				{Key: "node.kubernetes.io/not-ready", Operator: corev1.TolerationOpExists, Effect: corev1.TaintEffectNoExecute, TolerationSeconds: ptr.To[int64](300)},
				{Key: "node.kubernetes.io/unreachable", Operator: corev1.TolerationOpExists, Effect: corev1.TaintEffectNoExecute, TolerationSeconds: ptr.To[int64](300)},
			},
		},
	}
}

func benchHandler() *Handler {
	cpu, mem := resource.MustParse("1000"), resource.MustParse("10Ti")
	return &Handler{
		Groups: staticGroups{Group{Name: "research", Members: []string{"alice"},
			Quota: v1beta1.GroupQuota{Total: v1beta1.QuotaResources{CPU: &cpu, Memory: &mem}}}},
		// Reservations end at once, so the ledger stays the same size however long the loop.
		Ledger: quota.NewLedger(time.Nanosecond),
		Ready:  func(context.Context) error { return nil },
		Log:    logr.Discard(),
	}
}

// smallPod is a pod as test/bench/webhook sends: one container, labels and limits.
func smallPod() *corev1.Pod {
	return &corev1.Pod{
		ObjectMeta: metav1.ObjectMeta{GenerateName: "notebook-", Namespace: "alice",
			Labels: map[string]string{quota.LabelGroup: "research", quota.LabelUser: "alice"}},
		Spec: corev1.PodSpec{Containers: []corev1.Container{{Name: "main", Image: "jupyter/base-notebook",
			Resources: corev1.ResourceRequirements{Limits: corev1.ResourceList{
				corev1.ResourceCPU: resource.MustParse("100m"), corev1.ResourceMemory: resource.MustParse("128Mi")}}}}},
	}
}

func benchReview(b *testing.B, pod *corev1.Pod) []byte {
	raw, err := json.Marshal(pod)
	if err != nil {
		b.Fatal(err)
	}
	body, err := json.Marshal(admissionv1.AdmissionReview{
		TypeMeta: metav1.TypeMeta{APIVersion: "admission.k8s.io/v1", Kind: "AdmissionReview"},
		Request: &admissionv1.AdmissionRequest{UID: "bench", Kind: metav1.GroupVersionKind{Version: "v1", Kind: "Pod"},
			Resource: metav1.GroupVersionResource{Version: "v1", Resource: "pods"}, Namespace: "alice", Operation: admissionv1.Create,
			UserInfo: authenticationv1.UserInfo{Username: "alice", Groups: []string{"system:authenticated"}},
			Object:   runtime.RawExtension{Raw: raw}},
	})
	if err != nil {
		b.Fatal(err)
	}
	return body
}

// BenchmarkReview is what a review costs the webhook server, through controller-runtime's
// admission.Webhook as it serves it, for the quota handler and for a handler that does
// nothing (the anchor of test/bench/webhook), of a notebook's pod and of the small pod
// test/bench/webhook sends. The differences are what the quota handler adds: allocations
// (the garbage collector's work) and CPU time (cpu-ns/op, from getrusage: unlike ns/op it
// does not count time waiting for the cores of a busy machine).
func BenchmarkReview(b *testing.B) {
	for _, bc := range []struct {
		name    string
		pod     *corev1.Pod
		handler admission.Handler
	}{
		{"noop", benchPod(), admission.HandlerFunc(func(context.Context, admission.Request) admission.Response { return admission.Allowed("") })},
		{"quota", benchPod(), benchHandler()},
		{"noop-small", smallPod(), admission.HandlerFunc(func(context.Context, admission.Request) admission.Response { return admission.Allowed("") })},
		{"quota-small", smallPod(), benchHandler()},
	} {
		body := benchReview(b, bc.pod)
		b.Run(bc.name, func(b *testing.B) {
			wh := &admission.Webhook{Handler: bc.handler}
			b.ReportAllocs()
			start := cpuTime(b)
			for b.Loop() {
				r := httptest.NewRequest(http.MethodPost, "/", bytes.NewReader(body))
				r.Header.Set("Content-Type", "application/json")
				w := httptest.NewRecorder()
				wh.ServeHTTP(w, r)
				if w.Code != http.StatusOK || !bytes.Contains(w.Body.Bytes(), []byte(`"allowed":true`)) {
					b.Fatalf("answer %d %s", w.Code, w.Body)
				}
			}
			b.ReportMetric(float64(cpuTime(b)-start)/float64(b.N), "cpu-ns/op")
		})
	}
}

// cpuTime is the process's CPU time so far (user and system), in nanoseconds.
func cpuTime(b *testing.B) int64 {
	var u syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &u); err != nil {
		b.Fatal(err)
	}
	return u.Utime.Nano() + u.Stime.Nano()
}

// BenchmarkHandle is the quota handler alone on a decoded review.
func BenchmarkHandle(b *testing.B) {
	review := admissionv1.AdmissionReview{}
	if err := json.Unmarshal(benchReview(b, benchPod()), &review); err != nil {
		b.Fatal(err)
	}
	req := admission.Request{AdmissionRequest: *review.Request}
	h := benchHandler()
	b.ReportAllocs()
	for b.Loop() {
		if resp := h.Handle(context.Background(), req); !resp.Allowed {
			b.Fatalf("denied: %+v", resp.Result)
		}
	}
}

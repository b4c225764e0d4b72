package podcache

import (
	"reflect"
	"testing"

	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/resource"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/utils/ptr"

	"github.com/primehub/primehub/internal/quota"
)

// runningPod is a job's pod as the API server shows it once it ran: the spawner's spec
// with the API server's defaults, and a kubelet's status.
func runningPod() *corev1.Pod {
	q := resource.MustParse
	now := metav1.Now()
	main := corev1.Container{
		Name: "main", Image: "jupyter/base-notebook", Command: []string{"/bin/sh", "-c", "train.py"},
		Env:          []corev1.EnvVar{{Name: "PRIMEHUB_USER", Value: "alice"}},
		VolumeMounts: []corev1.VolumeMount{{Name: "home", MountPath: "/home/jovyan"}},
		Resources: corev1.ResourceRequirements{
			Limits: corev1.ResourceList{corev1.ResourceCPU: q("1"), corev1.ResourceMemory: q("2Gi"), "nvidia.com/gpu": q("1")},
			// The cpu request is not counted (its limit is); the AMD GPUs are.
			Requests: corev1.ResourceList{corev1.ResourceCPU: q("500m"), "amd.com/gpu": q("2")},
		},
	}
	sidecar := corev1.Container{Name: "logs", Image: "busybox", RestartPolicy: ptr.To(corev1.ContainerRestartPolicyAlways),
		Resources: corev1.ResourceRequirements{Limits: corev1.ResourceList{corev1.ResourceCPU: q("100m")}}}
	return &corev1.Pod{
		TypeMeta: metav1.TypeMeta{APIVersion: "v1", Kind: "Pod"},
		ObjectMeta: metav1.ObjectMeta{Name: "job-1", Namespace: "alice", UID: "u1", ResourceVersion: "42",
			Labels:            map[string]string{quota.LabelGroup: "research", quota.LabelUser: "alice", "primehub.io/phjob": "job-1"},
			Annotations:       map[string]string{quota.AnnotationAdmissionID: "a1", "primehub.io/generation": "3"},
			OwnerReferences:   []metav1.OwnerReference{{APIVersion: "primehub.io/v1beta1", Kind: "PhJob", Name: "job-1", UID: "j1", Controller: ptr.To(true)}},
			DeletionTimestamp: &now,
			ManagedFields:     []metav1.ManagedFieldsEntry{{Manager: "primehub", Operation: metav1.ManagedFieldsOperationUpdate}},
		},
		Spec: corev1.PodSpec{
			InitContainers:        []corev1.Container{quota.GuardContainer(), sidecar},
			Containers:            []corev1.Container{main},
			NodeName:              "node-1",
			ActiveDeadlineSeconds: ptr.To[int64](600),
			Volumes:               []corev1.Volume{{Name: "home"}},
			Tolerations:           []corev1.Toleration{{Key: "node.kubernetes.io/not-ready", Operator: corev1.TolerationOpExists}},
			ServiceAccountName:    "default",
		},
		Status: corev1.PodStatus{
			Phase: corev1.PodFailed, Reason: "DeadlineExceeded", Message: "ran too long", PodIP: "10.0.0.7", StartTime: &now,
			HostIP: "192.168.0.1", QOSClass: corev1.PodQOSBurstable,
			Conditions: []corev1.PodCondition{
				{Type: corev1.PodReady, Status: corev1.ConditionFalse, LastTransitionTime: now},
				{Type: corev1.PodScheduled, Status: corev1.ConditionTrue, Reason: "Scheduled", Message: "on node-1"},
				{Type: corev1.DisruptionTarget, Status: corev1.ConditionTrue},
			},
			ContainerStatuses: []corev1.ContainerStatus{{Name: "main", Image: "jupyter/base-notebook", ImageID: "sha256:x", ContainerID: "containerd://x",
				RestartCount: 1, State: corev1.ContainerState{Terminated: &corev1.ContainerStateTerminated{ExitCode: 3}}}},
		},
	}
}

// TestTrimKeepsWhatReadersRead checks, reader by reader, that what they read of a cached
// pod is what the API server showed.
func TestTrimKeepsWhatReadersRead(t *testing.T) {
	pod := runningPod()
	obj, err := Trim(pod.DeepCopy())
	if err != nil {
		t.Fatal(err)
	}
	trimmed := obj.(*corev1.Pod)
	wantMeta := pod.ObjectMeta
	wantMeta.ManagedFields = nil
	checks := []struct {
		reader    string
		got, want any
	}{
		{"metadata but managed fields (every reader)", trimmed.ObjectMeta, wantMeta},
		{"type", trimmed.TypeMeta, pod.TypeMeta},
		{"quota ledgers and group usage (quota.LedgerPod)", quota.LedgerPod(trimmed), quota.LedgerPod(pod)},
		{"admission guard", quota.Guarded(&trimmed.Spec), true},
		{"controllers: node", trimmed.Spec.NodeName, pod.Spec.NodeName},
		{"job controller: deadline", trimmed.Spec.ActiveDeadlineSeconds, pod.Spec.ActiveDeadlineSeconds},
		{"controllers and proxies: phase", trimmed.Status.Phase, pod.Status.Phase},
		{"controllers and proxies: conditions", trimmed.Status.Conditions, pod.Status.Conditions},
		{"job controller: reason and message", [2]string{trimmed.Status.Reason, trimmed.Status.Message}, [2]string{pod.Status.Reason, pod.Status.Message}},
		{"proxies: pod IP", trimmed.Status.PodIP, pod.Status.PodIP},
		{"job controller: start time", trimmed.Status.StartTime, pod.Status.StartTime},
		{"job controller: exit code", trimmed.Status.ContainerStatuses[0].State, pod.Status.ContainerStatuses[0].State},
	}
	if got := quota.LedgerPod(trimmed).Request; got != (quota.Usage{MilliCPU: 1100, Memory: 2 << 30, GPU: 3}) {
		t.Errorf("trimmed pod counts %+v, want 1.1 cpu (with the sidecar), 2Gi and 3 GPUs", got)
	}
	for _, c := range checks {
		if !reflect.DeepEqual(c.got, c.want) {
			t.Errorf("%s: got %+v, want %+v", c.reader, c.got, c.want)
		}
	}
	if len(trimmed.Spec.Volumes) > 0 || len(trimmed.Spec.Tolerations) > 0 || trimmed.Spec.Containers[0].Env != nil ||
		trimmed.Spec.Containers[0].Image != "" || trimmed.Status.ContainerStatuses[0].ImageID != "" || trimmed.Status.HostIP != "" {
		t.Errorf("trimmed pod keeps what nobody reads: %+v", trimmed)
	}
	again, _ := Trim(trimmed.DeepCopy())
	if !reflect.DeepEqual(again, trimmed) {
		t.Errorf("not idempotent: %+v, then %+v", trimmed, again)
	}
}

func TestTrimPassesOtherObjects(t *testing.T) {
	for _, obj := range []any{&corev1.Service{}, "tombstone", nil} {
		got, err := Trim(obj)
		if err != nil || !reflect.DeepEqual(got, obj) {
			t.Errorf("Trim(%#v) = %#v, %v; want it unchanged", obj, got, err)
		}
	}
}

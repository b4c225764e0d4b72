package quota

import (
	"testing"

	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/resource"

	"github.com/primehub/primehub/api/v1beta1"
)

func limits(kv ...string) corev1.ResourceRequirements {
	r := corev1.ResourceRequirements{Limits: corev1.ResourceList{}}
	for i := 0; i < len(kv); i += 2 {
		r.Limits[corev1.ResourceName(kv[i])] = resource.MustParse(kv[i+1])
	}
	return r
}

func ctr(kv ...string) corev1.Container { return corev1.Container{Name: "c", Resources: limits(kv...)} }

func sidecar(kv ...string) corev1.Container {
	c := ctr(kv...)
	always := corev1.ContainerRestartPolicyAlways
	c.RestartPolicy = &always
	return c
}

func TestPodRequest(t *testing.T) {
	const gi = 1 << 30
	tests := []struct {
		name string
		spec corev1.PodSpec
		want Usage
	}{
		{"no resources", corev1.PodSpec{Containers: []corev1.Container{{Name: "c"}}}, Usage{}},
		{"containers add up",
			corev1.PodSpec{Containers: []corev1.Container{ctr("cpu", "1", "memory", "1Gi"), ctr("cpu", "500m", "memory", "512Mi")}},
			Usage{MilliCPU: 1500, Memory: gi + gi/2}},
		{"GPUs of any vendor add up",
			corev1.PodSpec{Containers: []corev1.Container{ctr("nvidia.com/gpu", "2"), ctr("amd.com/gpu", "1")}},
			Usage{GPU: 3}},
		{"other extended resources are not GPUs",
			corev1.PodSpec{Containers: []corev1.Container{ctr("example.com/fpga", "2", "ephemeral-storage", "1Gi")}},
			Usage{}},
		{"a request counts where no limit is set",
			corev1.PodSpec{Containers: []corev1.Container{{Name: "c", Resources: corev1.ResourceRequirements{
				Requests: corev1.ResourceList{"cpu": resource.MustParse("2"), "nvidia.com/gpu": resource.MustParse("1")},
				Limits:   corev1.ResourceList{"memory": resource.MustParse("1Gi")},
			}}}},
			Usage{MilliCPU: 2000, Memory: gi, GPU: 1}},
		{"the limit wins over the request",
			corev1.PodSpec{Containers: []corev1.Container{{Name: "c", Resources: corev1.ResourceRequirements{
				Requests: corev1.ResourceList{"cpu": resource.MustParse("1")},
				Limits:   corev1.ResourceList{"cpu": resource.MustParse("3")},
			}}}},
			Usage{MilliCPU: 3000}},
		{"a larger init container counts instead of the containers, per resource",
			corev1.PodSpec{
				InitContainers: []corev1.Container{ctr("cpu", "4", "memory", "1Gi"), ctr("cpu", "1", "nvidia.com/gpu", "1")},
				Containers:     []corev1.Container{ctr("cpu", "1", "memory", "2Gi"), ctr("cpu", "1")},
			},
			Usage{MilliCPU: 4000, Memory: 2 * gi, GPU: 1}},
		{"smaller init containers do not count",
			corev1.PodSpec{
				InitContainers: []corev1.Container{ctr("cpu", "1")},
				Containers:     []corev1.Container{ctr("cpu", "1"), ctr("cpu", "1")},
			},
			Usage{MilliCPU: 2000}},
		{"sidecars run beside the containers and the init containers after them",
			corev1.PodSpec{
				InitContainers: []corev1.Container{sidecar("cpu", "1"), ctr("cpu", "4"), sidecar("cpu", "2")},
				Containers:     []corev1.Container{ctr("cpu", "1")},
			},
			// init peak: 1 (sidecar) + 4 = 5; steady state: 1 + 1 + 2 = 4.
			Usage{MilliCPU: 5000}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := PodRequest(&tt.spec); got != tt.want {
				t.Errorf("PodRequest = %+v, want %+v", got, tt.want)
			}
		})
	}
}

func q(s string) *resource.Quantity {
	v := resource.MustParse(s)
	return &v
}

func n(v int64) *int64 { return &v }

func TestCheck(t *testing.T) {
	const gi = 1 << 30
	user := func(l Limits, used Usage) Account {
		return Account{Scope: ScopeUser, Name: "alice", Limits: l, Used: used}
	}
	group := func(l Limits, used Usage) Account {
		return Account{Scope: ScopeGroup, Name: "data_science", Limits: l, Used: used}
	}
	tests := []struct {
		name     string
		request  Usage
		accounts []Account
		want     string
	}{
		{"unlimited", Usage{MilliCPU: 64000, Memory: 512 * gi, GPU: 8},
			[]Account{user(Limits{}, Usage{}), group(Limits{}, Usage{})}, ""},
		{"fits exactly", Usage{MilliCPU: 1000},
			[]Account{user(Limits{CPU: q("2")}, Usage{MilliCPU: 1000})}, ""},
		{"user cpu", Usage{MilliCPU: 1500},
			[]Account{user(Limits{CPU: q("2")}, Usage{MilliCPU: 1000})},
			"USER alice exceeded cpu quota: 2, requesting 2500m"},
		{"user gpu", Usage{GPU: 1},
			[]Account{user(Limits{GPU: n(1)}, Usage{GPU: 1})},
			"USER alice exceeded gpu quota: 1, requesting 2"},
		{"user memory", Usage{Memory: 3 * gi},
			[]Account{user(Limits{Memory: q("4Gi")}, Usage{Memory: 2 * gi})},
			"USER alice exceeded memory quota: 4Gi, requesting 5Gi"},
		{"decimal memory quota reads back in its own format", Usage{Memory: 3e9},
			[]Account{user(Limits{Memory: q("4G")}, Usage{Memory: 2e9})},
			"USER alice exceeded memory quota: 4G, requesting 5G"},
		{"group after the user fits", Usage{MilliCPU: 1000},
			[]Account{user(Limits{CPU: q("2")}, Usage{}), group(Limits{CPU: q("4")}, Usage{MilliCPU: 3500})},
			"GROUP data_science exceeded cpu quota: 4, requesting 4500m"},
		{"the user is reported before the group", Usage{GPU: 2},
			[]Account{user(Limits{GPU: n(1)}, Usage{}), group(Limits{GPU: n(1)}, Usage{})},
			"USER alice exceeded gpu quota: 1, requesting 2"},
		{"cpu before gpu before memory", Usage{MilliCPU: 3000, Memory: 8 * gi, GPU: 3},
			[]Account{group(Limits{CPU: q("2"), Memory: q("1Gi"), GPU: n(1)}, Usage{})},
			"GROUP data_science exceeded cpu quota: 2, requesting 3"},
		{"a zero quota denies any request of it", Usage{GPU: 1},
			[]Account{group(Limits{GPU: n(0)}, Usage{})},
			"GROUP data_science exceeded gpu quota: 0, requesting 1"},
		{"a resource the pod does not request is not checked, even over quota", Usage{MilliCPU: 100},
			[]Account{group(Limits{CPU: q("4"), GPU: n(0)}, Usage{GPU: 2})}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := ""
			if e := Check(tt.request, tt.accounts...); e != nil {
				got = e.Error()
			}
			if got != tt.want {
				t.Errorf("Check = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestLimitsFrom(t *testing.T) {
	gpu := int32(2)
	l := LimitsFrom(v1beta1.QuotaResources{CPU: q("8"), GPU: &gpu})
	if l.CPU.String() != "8" || l.Memory != nil || l.GPU == nil || *l.GPU != 2 {
		t.Errorf("LimitsFrom = %+v", l)
	}
}

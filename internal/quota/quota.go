// Package quota is PrimeHub's group quota arithmetic: what a pod requests, what a user and
// a group already use, and whether a new pod fits. It does no I/O; the admission webhook
// feeds it from informer caches.
package quota

import (
	"fmt"
	"strings"

	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/resource"

	"github.com/primehub/primehub/api/v1beta1"
)

// Usage is an amount of the three resources quotas cap, in integers so summing thousands
// of pods per review stays cheap: cpu in millicores, memory in bytes, GPUs as a count.
type Usage struct {
	MilliCPU int64
	Memory   int64
	GPU      int64
}

// Add returns u + o.
func (u Usage) Add(o Usage) Usage {
	return Usage{MilliCPU: u.MilliCPU + o.MilliCPU, Memory: u.Memory + o.Memory, GPU: u.GPU + o.GPU}
}

func (u Usage) sub(o Usage) Usage {
	return Usage{MilliCPU: u.MilliCPU - o.MilliCPU, Memory: u.Memory - o.Memory, GPU: u.GPU - o.GPU}
}

func (u Usage) max(o Usage) Usage {
	return Usage{MilliCPU: max(u.MilliCPU, o.MilliCPU), Memory: max(u.Memory, o.Memory), GPU: max(u.GPU, o.GPU)}
}

// IsZero reports whether u counts nothing.
func (u Usage) IsZero() bool { return u == Usage{} }

// IsGPU reports whether a resource name counts as a GPU. Group quotas cap GPUs "of any
// resource name" (nvidia.com/gpu, amd.com/gpu, ...), and vendors name them <domain>/gpu.
func IsGPU(name corev1.ResourceName) bool {
	return strings.HasSuffix(string(name), "/gpu")
}

// containerUsage is what one container counts: its limit, or its request where it sets
// no limit, so a container cannot escape the quota by leaving the limit out.
func containerUsage(c *corev1.Container) Usage {
	amount := func(name corev1.ResourceName) (resource.Quantity, bool) {
		if q, ok := c.Resources.Limits[name]; ok {
			return q, true
		}
		q, ok := c.Resources.Requests[name]
		return q, ok
	}
	var u Usage
	if q, ok := amount(corev1.ResourceCPU); ok {
		u.MilliCPU = q.MilliValue()
	}
	if q, ok := amount(corev1.ResourceMemory); ok {
		u.Memory = q.Value()
	}
	seen := map[corev1.ResourceName]bool{}
	for _, list := range []corev1.ResourceList{c.Resources.Limits, c.Resources.Requests} {
		for name := range list {
			if IsGPU(name) && !seen[name] {
				seen[name] = true
				q, _ := amount(name)
				u.GPU += q.Value()
			}
		}
	}
	return u
}

// PodRequest is what a pod counts against quotas: the sum of its containers' limits, with
// init containers counted as the scheduler counts them. Init containers run one after
// another, so only the largest matters; sidecars (init containers that restart always)
// keep running beside everything started after them, so they add up.
func PodRequest(spec *corev1.PodSpec) Usage {
	var sidecars, initPeak Usage
	for i := range spec.InitContainers {
		c := &spec.InitContainers[i]
		u := containerUsage(c)
		if c.RestartPolicy != nil && *c.RestartPolicy == corev1.ContainerRestartPolicyAlways {
			sidecars = sidecars.Add(u)
			initPeak = initPeak.max(sidecars)
			continue
		}
		initPeak = initPeak.max(sidecars.Add(u))
	}
	var containers Usage
	for i := range spec.Containers {
		containers = containers.Add(containerUsage(&spec.Containers[i]))
	}
	return initPeak.max(containers.Add(sidecars))
}

// Limits caps each resource; nil leaves a resource uncapped.
type Limits struct {
	CPU    *resource.Quantity
	Memory *resource.Quantity
	GPU    *int64
}

// LimitsFrom converts a Group's quota resources.
func LimitsFrom(q v1beta1.QuotaResources) Limits {
	l := Limits{CPU: q.CPU, Memory: q.Memory}
	if q.GPU != nil {
		gpu := int64(*q.GPU)
		l.GPU = &gpu
	}
	return l
}

// Scope names who a quota belongs to, in PrimeHub's deny messages.
type Scope string

// The scopes checked, in this order.
const (
	ScopeUser  Scope = "USER"
	ScopeGroup Scope = "GROUP"
)

// Account is one quota to check: whose it is, its limits and what is already used of it.
type Account struct {
	Scope  Scope
	Name   string
	Limits Limits
	Used   Usage
}

// Exceeded says which quota a pod would overshoot. Its message is PrimeHub's, so clients
// that match on it keep working: `USER alice exceeded cpu quota: 2, requesting 3`, where
// requesting is what the account would use with the pod.
type Exceeded struct {
	Scope      Scope
	Name       string
	Resource   string
	Quota      string
	Requesting string
}

func (e *Exceeded) Error() string {
	return fmt.Sprintf("%s %s exceeded %s quota: %s, requesting %s", e.Scope, e.Name, e.Resource, e.Quota, e.Requesting)
}

// Check returns an *Exceeded for the first account, and within it the first of cpu, gpu
// and memory, that request would overshoot, or nil when the pod fits every account.
func Check(request Usage, accounts ...Account) *Exceeded {
	for _, a := range accounts {
		want := a.Used.Add(request)
		exceeded := func(resourceName, quota, requesting string) *Exceeded {
			return &Exceeded{Scope: a.Scope, Name: a.Name, Resource: resourceName, Quota: quota, Requesting: requesting}
		}
		if l := a.Limits.CPU; l != nil && request.MilliCPU > 0 && want.MilliCPU > l.MilliValue() {
			return exceeded("cpu", l.String(), resource.NewMilliQuantity(want.MilliCPU, resource.DecimalSI).String())
		}
		if l := a.Limits.GPU; l != nil && request.GPU > 0 && want.GPU > *l {
			return exceeded("gpu", fmt.Sprint(*l), fmt.Sprint(want.GPU))
		}
		if l := a.Limits.Memory; l != nil && request.Memory > 0 && want.Memory > l.Value() {
			return exceeded("memory", l.String(), resource.NewQuantity(want.Memory, l.Format).String())
		}
	}
	return nil
}

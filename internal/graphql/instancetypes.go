package graphql

import (
	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/resource"

	"github.com/primehub/primehub/api/v1beta1"
	"github.com/primehub/primehub/internal/graphql/model"
)

// instanceTypeUpdateOf: creating sets what updating may, and the name.
func instanceTypeUpdateOf(in model.InstanceTypeCreateInput) model.InstanceTypeUpdateInput {
	out := model.InstanceTypeUpdateInput{
		DisplayName: in.DisplayName, Description: in.Description, CPULimit: in.CPULimit, MemoryLimit: in.MemoryLimit,
		GpuLimit: in.GpuLimit, GpuResourceName: in.GpuResourceName, CPURequest: in.CPURequest, MemoryRequest: in.MemoryRequest,
		Global: in.Global, Tolerations: in.Tolerations, NodeSelector: in.NodeSelector,
	}
	if in.Groups != nil {
		out.Groups = &model.GroupUpdateManyInput{Connect: in.Groups.Connect}
	}
	return out
}

// applyInstanceTypeInput sets on spec the fields given (groups apart).
func applyInstanceTypeInput(spec *v1beta1.InstanceTypeSpec, in model.InstanceTypeUpdateInput) error {
	if in.DisplayName != nil {
		spec.DisplayName = *in.DisplayName
	}
	if in.Description != nil {
		spec.Description = *in.Description
	}
	quantity := func(field string, v *float64, parse func(string, float64) (resource.Quantity, error), to *resource.Quantity) error {
		if v == nil {
			return nil
		}
		q, err := parse(field, *v)
		if err != nil {
			return badInput("%v", err)
		}
		*to = q
		return nil
	}
	optional := func(field string, v *float64, parse func(string, float64) (resource.Quantity, error), to **resource.Quantity) error {
		if v == nil {
			return nil
		}
		q := resource.Quantity{}
		if err := quantity(field, v, parse, &q); err != nil {
			return err
		}
		*to = &q
		return nil
	}
	for _, err := range []error{
		quantity("cpuLimit", in.CPULimit, model.CoresQuantity, &spec.CPU.Limit),
		quantity("memoryLimit", in.MemoryLimit, model.GiBQuantity, &spec.Memory.Limit),
		optional("cpuRequest", in.CPURequest, model.CoresQuantity, &spec.CPU.Request),
		optional("memoryRequest", in.MemoryRequest, model.GiBQuantity, &spec.Memory.Request),
	} {
		if err != nil {
			return err
		}
	}
	if spec.CPU.Limit.IsZero() {
		return badInput("cpuLimit is required and must be more than 0")
	}
	if spec.Memory.Limit.IsZero() {
		return badInput("memoryLimit is required and must be more than 0")
	}
	if in.GpuLimit != nil {
		if *in.GpuLimit < 0 {
			return badInput("gpuLimit must be 0 or more, not %d", *in.GpuLimit)
		}
		spec.GPU.Count = int32(*in.GpuLimit)
	}
	if in.GpuResourceName != nil {
		spec.GPU.ResourceName = *in.GpuResourceName
	}
	if in.Global != nil {
		spec.Access.Global = *in.Global
	}
	if in.Tolerations != nil {
		spec.Tolerations = nil
		for _, t := range in.Tolerations.Set {
			spec.Tolerations = append(spec.Tolerations, corev1.Toleration{Operator: corev1.TolerationOperator(t.Operator),
				Key: deref(t.Key), Value: deref(t.Value), Effect: corev1.TaintEffect(deref(t.Effect))})
		}
	}
	if in.NodeSelector != nil {
		sel, err := stringMap("nodeSelector", in.NodeSelector)
		if err != nil {
			return err
		}
		spec.NodeSelector = sel
	}
	return nil
}

// stringMap reads a JSON object of strings, such as node selectors or env variables.
func stringMap(field string, v any) (map[string]string, error) {
	m, ok := v.(map[string]any)
	if !ok {
		return nil, badInput("%s must be an object of strings, such as {\"key\": \"value\"}", field)
	}
	out := make(map[string]string, len(m))
	for k, val := range m {
		s, ok := val.(string)
		if !ok {
			return nil, badInput("%s.%s must be a string, not %v", field, k, val)
		}
		out[k] = s
	}
	if len(out) == 0 {
		return nil, nil
	}
	return out, nil
}

func instanceTypeMatches(it *v1beta1.InstanceType, where *model.InstanceTypeWhereInput) bool {
	return where == nil || (where.ID == nil || *where.ID == it.Name) &&
		contains(it.Name, where.NameContains) && contains(it.Spec.DisplayName, where.DisplayNameContains) &&
		search(where.Search, it.Name, it.Spec.DisplayName, it.Spec.Description)
}

var instanceTypeOrder = map[string]func(a, b *model.InstanceType) int{
	"name":        byString(func(i *model.InstanceType) string { return i.Source.Name }),
	"displayName": byString(func(i *model.InstanceType) string { return i.Source.Spec.DisplayName }),
	"description": byString(func(i *model.InstanceType) string { return i.Source.Spec.Description }),
	"cpuLimit":    byNumber((*model.InstanceType).CPULimit),
	"memoryLimit": byNumber((*model.InstanceType).MemoryLimit),
	"gpuLimit": byNumber(func(i *model.InstanceType) *float64 {
		f := float64(i.Source.Spec.GPU.Count)
		return &f
	}),
}

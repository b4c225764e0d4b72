package ownerpolicy

import (
	"testing"

	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"

	"github.com/primehub/primehub/config"
	"github.com/primehub/primehub/internal/manifest"
)

// The policy and its binding agree on their names, and the policy has the variable serve
// writes, which lets nobody act for anyone until serve has written it.
func TestManifest(t *testing.T) {
	objs, err := manifest.Load(config.Manifests, "admission/*.yaml")
	if err != nil {
		t.Fatal(err)
	}
	kinds := map[string]*unstructured.Unstructured{}
	for _, o := range objs {
		kinds[o.GetKind()] = o
	}
	policy, binding := kinds["ValidatingAdmissionPolicy"], kinds["ValidatingAdmissionPolicyBinding"]
	if policy == nil || binding == nil || len(objs) != 2 {
		t.Fatalf("config/admission holds %d objects, want the policy and its binding", len(objs))
	}
	for what, got := range map[string]string{
		"policy name":          policy.GetName(),
		"binding name":         binding.GetName(),
		"binding's policyName": str(t, binding, "spec", "policyName"),
	} {
		if got != Name {
			t.Errorf("%s = %q, want %q", what, got, Name)
		}
	}
	vars, _, _ := unstructured.NestedSlice(policy.Object, "spec", "variables")
	var expr any
	for _, v := range vars {
		if m := v.(map[string]any); m["name"] == actsForAnyone {
			expr = m["expression"]
		}
	}
	if expr != "false" {
		t.Errorf("variable %s = %v, want false until serve writes it", actsForAnyone, expr)
	}
	if err := setVariable(policy, actsForAnyone, Expression([]string{"root"})); err != nil {
		t.Fatal(err)
	}
	if err := setVariable(policy, "nope", "true"); err == nil {
		t.Error("setVariable made up a variable the policy does not have")
	}
}

func str(t *testing.T, o *unstructured.Unstructured, path ...string) string {
	t.Helper()
	s, _, err := unstructured.NestedString(o.Object, path...)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

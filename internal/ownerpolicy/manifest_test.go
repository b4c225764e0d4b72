package ownerpolicy

import (
	"testing"

	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"

	"github.com/primehub/primehub/config"
	"github.com/primehub/primehub/internal/manifest"
)

// The policy, its binding and the parameters serve writes agree on their names.
func TestManifestNames(t *testing.T) {
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
		"binding's paramRef":   str(t, binding, "spec", "paramRef", "name"),
	} {
		if got != Name {
			t.Errorf("%s = %q, want %q", what, got, Name)
		}
	}
	if got := str(t, policy, "spec", "paramKind", "kind"); got != "ConfigMap" {
		t.Errorf("paramKind = %q, want ConfigMap", got)
	}
	if got := str(t, binding, "spec", "paramRef", "parameterNotFoundAction"); got != "Deny" {
		t.Errorf("parameterNotFoundAction = %q, want Deny: without its parameters the policy must not let everyone through", got)
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

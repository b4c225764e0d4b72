package profile

import (
	"bytes"
	"context"
	"fmt"
	"time"

	"github.com/go-logr/logr"
	admissionregistrationv1 "k8s.io/api/admissionregistration/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/util/wait"
	admissionregistrationv1ac "k8s.io/client-go/applyconfigurations/admissionregistration/v1"
	"k8s.io/client-go/discovery"
	"k8s.io/client-go/rest"
	"sigs.k8s.io/controller-runtime/pkg/client"

	"github.com/primehub/primehub/api/v1beta1"
	"github.com/primehub/primehub/internal/manifest"
)

// finalizerPolicyName names the MutatingAdmissionPolicy and its binding.
const finalizerPolicyName = "primehub-profile-finalizer"

// finalizerPolicy adds the profile finalizer as the API server admits a new Profile. It
// runs inside the API server (CEL, no webhook call), and spares the controller a write
// per profile: without it a new profile is patched twice, for the finalizer and for its
// status, and a write to a Profile costs the API server more than creating one of the
// objects it stands for (test/bench/profile). Its failurePolicy is Ignore because the
// controller still adds the finalizer itself when it is missing (a profile made before
// the policy, or on a cluster without MutatingAdmissionPolicy, before Kubernetes 1.36).
func finalizerPolicy() (*admissionregistrationv1ac.MutatingAdmissionPolicyApplyConfiguration, *admissionregistrationv1ac.MutatingAdmissionPolicyBindingApplyConfiguration) {
	add := fmt.Sprintf(`!has(object.metadata.finalizers) ?
  [JSONPatch{op: "add", path: "/metadata/finalizers", value: [%[1]q]}] :
  %[1]q in object.metadata.finalizers ? [] :
  [JSONPatch{op: "add", path: "/metadata/finalizers/-", value: %[1]q}]`, finalizer)
	l := map[string]string{"app.kubernetes.io/managed-by": "primehub"}
	policy := admissionregistrationv1ac.MutatingAdmissionPolicy(finalizerPolicyName).WithLabels(l).
		WithSpec(admissionregistrationv1ac.MutatingAdmissionPolicySpec().
			WithMatchConstraints(admissionregistrationv1ac.MatchResources().WithResourceRules(
				admissionregistrationv1ac.NamedRuleWithOperations().
					WithOperations(admissionregistrationv1.Create).
					WithAPIGroups(v1beta1.GroupVersion.Group).WithAPIVersions(v1beta1.GroupVersion.Version).
					WithResources("profiles"))).
			WithMutations(admissionregistrationv1ac.Mutation().
				WithPatchType(admissionregistrationv1.PatchTypeJSONPatch).
				WithJSONPatch(admissionregistrationv1ac.JSONPatch().WithExpression(add))).
			WithFailurePolicy(admissionregistrationv1.Ignore).
			WithReinvocationPolicy(admissionregistrationv1.NeverReinvocationPolicy))
	binding := admissionregistrationv1ac.MutatingAdmissionPolicyBinding(finalizerPolicyName).WithLabels(l).
		WithSpec(admissionregistrationv1ac.MutatingAdmissionPolicyBindingSpec().WithPolicyName(finalizerPolicyName))
	return policy, binding
}

// admissionSchemaRefresh is how often the API server's admission policies re-read the
// OpenAPI schemas they patch objects with (k8s.io/apiserver's typeConverterManager: 5 s).
const admissionSchemaRefresh = 6 * time.Second

// publishFinalizerPolicy applies the policy and its binding, once the API server can apply
// it: until its admission plugin knows the Profile schema, a policy that matches Profiles
// makes every Profile creation fail with 503, failurePolicy notwithstanding. Failing is
// logged, not fatal: the controller works without the policy, only with a write more per
// new profile.
func publishFinalizerPolicy(ctx context.Context, c client.Client, cfg *rest.Config, log logr.Logger) {
	if err := waitForProfileSchema(ctx, cfg); err != nil {
		log.Error(err, "the profile finalizer is added by the controller instead of on admission")
		return
	}
	select {
	case <-ctx.Done():
		return
	case <-time.After(admissionSchemaRefresh):
	}
	policy, binding := finalizerPolicy()
	for _, ac := range []runtime.ApplyConfiguration{policy, binding} {
		if err := c.Apply(ctx, ac, client.FieldOwner(manifest.FieldOwner), client.ForceOwnership); err != nil {
			log.Error(err, "the profile finalizer is added by the controller instead of on admission")
			return
		}
	}
}

// waitForProfileSchema waits until the API server's OpenAPI v3 document of Profile's group
// and version describes Profile: a CRD just made is described a moment after it is served.
func waitForProfileSchema(ctx context.Context, cfg *rest.Config) error {
	dc, err := discovery.NewDiscoveryClientForConfig(cfg)
	if err != nil {
		return fmt.Errorf("discovery client: %w", err)
	}
	path := "apis/" + v1beta1.GroupVersion.String()
	name := "io.primehub." + v1beta1.GroupVersion.Version + ".Profile"
	return wait.PollUntilContextTimeout(ctx, time.Second, 5*time.Minute, true, func(context.Context) (bool, error) {
		paths, err := dc.OpenAPIV3().Paths()
		if err != nil {
			return false, nil
		}
		gv, ok := paths[path]
		if !ok {
			return false, nil
		}
		doc, err := gv.Schema("application/json")
		if err != nil {
			return false, nil
		}
		return bytes.Contains(doc, []byte(`"`+name+`"`)), nil
	})
}

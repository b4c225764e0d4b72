package webhook

import (
	"context"
	"fmt"
	"strings"

	"github.com/primehub/primehub/internal/quota"
	admissionregistrationv1 "k8s.io/api/admissionregistration/v1"
	admissionregistrationv1ac "k8s.io/client-go/applyconfigurations/admissionregistration/v1"
	corev1ac "k8s.io/client-go/applyconfigurations/core/v1"
	metav1ac "k8s.io/client-go/applyconfigurations/meta/v1"
	"sigs.k8s.io/controller-runtime/pkg/client"

	"github.com/primehub/primehub/internal/webhook/podquota"
)

// The webhooks' paths on the server.
const (
	PathQuota       = "/mutate-pod-quota"
	PathPVCCheck    = "/mutate-pod-pvc-check"
	PathImagePrefix = "/mutate-pod-image-prefix"
	PathProfile     = "/validate-profile"
	PathPodLabels   = "/validate-pod-labels"
)

// fieldOwner is the server-side-apply manager of what the webhooks apply.
const fieldOwner = "primehub-webhook"

// configuration is the MutatingWebhookConfiguration of the pod webhooks, calling the
// server at its URL or Service and trusting caBundle.
//
// Every webhook's failurePolicy is Ignore: an outage of primehub must not stop every pod
// in the labelled namespaces. The quota webhook is still never bypassed for notebooks and
// jobs: the spawner gives their pods the admission guard, which only this webhook removes.
func (c *Config) configuration(caBundle []byte) *admissionregistrationv1ac.MutatingWebhookConfigurationApplyConfiguration {
	pods := admissionregistrationv1ac.RuleWithOperations().
		WithOperations(admissionregistrationv1.Create).
		WithAPIGroups("").WithAPIVersions("v1").WithResources("pods").
		WithScope(admissionregistrationv1.NamespacedScope)
	hook := func(name, path, namespaceLabel string, sideEffects admissionregistrationv1.SideEffectClass) *admissionregistrationv1ac.MutatingWebhookApplyConfiguration {
		return admissionregistrationv1ac.MutatingWebhook().
			WithName(name).
			WithAdmissionReviewVersions("v1").
			WithClientConfig(c.clientConfig(path, caBundle)).
			WithRules(pods).
			WithNamespaceSelector(metav1ac.LabelSelector().WithMatchLabels(map[string]string{namespaceLabel: quota.NamespaceEnabled})).
			WithFailurePolicy(admissionregistrationv1.Ignore).
			WithSideEffects(sideEffects).
			WithTimeoutSeconds(10).
			WithReinvocationPolicy(admissionregistrationv1.NeverReinvocationPolicy)
	}
	hooks := []*admissionregistrationv1ac.MutatingWebhookApplyConfiguration{
		// The quota ledger is the webhook's one side effect, and dry runs skip it.
		hook("resources-validation.primehub.io", PathQuota, quota.NamespaceLabelQuota, admissionregistrationv1.SideEffectClassNoneOnDryRun),
		hook("pvc-check.primehub.io", PathPVCCheck, quota.NamespaceLabelQuota, admissionregistrationv1.SideEffectClassNone),
	}
	if c.ImagePrefix != "" {
		hooks = append(hooks, hook("image-mutation.primehub.io", PathImagePrefix, quota.NamespaceLabelImage, admissionregistrationv1.SideEffectClassNone))
	}
	return admissionregistrationv1ac.MutatingWebhookConfiguration(c.ConfigurationName).
		WithLabels(map[string]string{"app.kubernetes.io/managed-by": "primehub"}).
		WithWebhooks(hooks...)
}

// validatingConfiguration is the ValidatingWebhookConfiguration of the Profile check (on
// create, update and delete) and of the pods' quota labels. Both fail closed
// (failurePolicy Fail): a profile for someone else, someone else's deleted, or a pod
// relabelled to free its quota, must not slip through an outage.
func (c *Config) validatingConfiguration(caBundle []byte) *admissionregistrationv1ac.ValidatingWebhookConfigurationApplyConfiguration {
	profiles := admissionregistrationv1ac.RuleWithOperations().
		WithOperations(admissionregistrationv1.Create, admissionregistrationv1.Update, admissionregistrationv1.Delete).
		WithAPIGroups("primehub.io").WithAPIVersions("v1beta1").WithResources("profiles").
		WithScope(admissionregistrationv1.ClusterScope)
	// pods/status too: its updates may change labels (the status strategy keeps only the spec).
	podUpdates := admissionregistrationv1ac.RuleWithOperations().
		WithOperations(admissionregistrationv1.Update).
		WithAPIGroups("").WithAPIVersions("v1").WithResources("pods", "pods/status").
		WithScope(admissionregistrationv1.NamespacedScope)
	return admissionregistrationv1ac.ValidatingWebhookConfiguration(c.ConfigurationName).
		WithLabels(map[string]string{"app.kubernetes.io/managed-by": "primehub"}).
		WithWebhooks(admissionregistrationv1ac.ValidatingWebhook().
			WithName("profiles.primehub.io").
			WithAdmissionReviewVersions("v1").
			WithClientConfig(c.clientConfig(PathProfile, caBundle)).
			WithRules(profiles).
			WithFailurePolicy(admissionregistrationv1.Fail).
			WithSideEffects(admissionregistrationv1.SideEffectClassNone).
			WithTimeoutSeconds(10),
			// The API server calls it only for an update that touches a quota label, which
			// nobody may make: every other pod update (status, the leader's own label
			// during a failover, when no replica answers) costs no call and cannot fail.
			admissionregistrationv1ac.ValidatingWebhook().
				WithName("pod-labels.primehub.io").
				WithAdmissionReviewVersions("v1").
				WithClientConfig(c.clientConfig(PathPodLabels, caBundle)).
				WithRules(podUpdates).
				WithNamespaceSelector(metav1ac.LabelSelector().WithMatchLabels(map[string]string{quota.NamespaceLabelQuota: quota.NamespaceEnabled})).
				WithMatchConditions(admissionregistrationv1ac.MatchCondition().
					WithName("quota-labels-changed").
					WithExpression(quotaLabelsChanged())).
				WithFailurePolicy(admissionregistrationv1.Fail).
				WithSideEffects(admissionregistrationv1.SideEffectClassNone).
				WithTimeoutSeconds(10))
}

// quotaLabelsChanged is a CEL condition that holds when an update adds, changes or
// removes one of podquota.QuotaLabels (an absent label is optional.none()).
func quotaLabelsChanged() string {
	var changed []string
	for _, key := range podquota.QuotaLabels {
		changed = append(changed, fmt.Sprintf("object.metadata.?labels[?%[1]q] != oldObject.metadata.?labels[?%[1]q]", key))
	}
	return strings.Join(changed, " || ")
}

func (c *Config) clientConfig(path string, caBundle []byte) *admissionregistrationv1ac.WebhookClientConfigApplyConfiguration {
	cc := admissionregistrationv1ac.WebhookClientConfig().WithCABundle(caBundle...)
	if c.URL != "" {
		return cc.WithURL(c.URL + path)
	}
	return cc.WithService(admissionregistrationv1ac.ServiceReference().
		WithNamespace(c.Namespace).WithName(c.Service).WithPath(path).WithPort(443))
}

// publish applies the webhook configuration with caBundle, and labels the platform
// namespace so group workloads there are checked. Server-side apply makes an unchanged
// configuration cost no write, so it can be called on every check.
func (c *Config) publish(ctx context.Context, k client.Client, caBundle []byte) error {
	if err := k.Apply(ctx, c.configuration(caBundle), client.FieldOwner(fieldOwner), client.ForceOwnership); err != nil {
		return fmt.Errorf("apply MutatingWebhookConfiguration %s: %w", c.ConfigurationName, err)
	}
	if err := k.Apply(ctx, c.validatingConfiguration(caBundle), client.FieldOwner(fieldOwner), client.ForceOwnership); err != nil {
		return fmt.Errorf("apply ValidatingWebhookConfiguration %s: %w", c.ConfigurationName, err)
	}
	ns := corev1ac.Namespace(c.Namespace).WithLabels(map[string]string{quota.NamespaceLabelQuota: quota.NamespaceEnabled, quota.NamespaceLabelImage: quota.NamespaceEnabled})
	if err := k.Apply(ctx, ns, client.FieldOwner(fieldOwner), client.ForceOwnership); err != nil {
		return fmt.Errorf("label platform namespace %s: %w", c.Namespace, err)
	}
	return nil
}

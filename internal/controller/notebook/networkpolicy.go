package notebook

import (
	"context"

	corev1 "k8s.io/api/core/v1"
	networkingv1 "k8s.io/api/networking/v1"
	"k8s.io/apimachinery/pkg/api/equality"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/util/intstr"
	"k8s.io/utils/ptr"

	"github.com/primehub/primehub/internal/controller"
)

// PolicyName is the NetworkPolicy that keeps everyone but primehub from the notebook
// servers of a namespace.
const PolicyName = "primehub-notebooks"

// Proxies are the pods that may reach notebook servers: primehub's, whose proxy and culler
// talk to them. Everything else is kept out by one NetworkPolicy in each namespace that
// runs notebooks (where the cluster's network enforces them); the token stops anyone who
// gets around it.
type Proxies struct {
	// Namespace primehub runs in.
	Namespace string
	// Pods selects primehub's pods in it.
	Pods metav1.LabelSelector
}

// OnlyTo is the ingress of a policy that lets primehub's pods, and nothing else, reach
// port over TCP.
func (p Proxies) OnlyTo(port int32) []networkingv1.NetworkPolicyIngressRule {
	return []networkingv1.NetworkPolicyIngressRule{{
		From: []networkingv1.NetworkPolicyPeer{{
			NamespaceSelector: &metav1.LabelSelector{MatchLabels: map[string]string{corev1.LabelMetadataName: p.Namespace}},
			PodSelector:       p.Pods.DeepCopy(),
		}},
		Ports: []networkingv1.NetworkPolicyPort{{Protocol: ptr.To(corev1.ProtocolTCP), Port: ptr.To(intstr.FromInt32(port))}},
	}}
}

// networkPolicy admits only the proxies to the notebook server's port of every notebook
// pod in the namespace. One policy serves them all: it selects the pods by the label each
// notebook's pod carries, so a notebook costs no object of its own.
func networkPolicy(namespace string, from Proxies) *networkingv1.NetworkPolicy {
	return &networkingv1.NetworkPolicy{
		ObjectMeta: metav1.ObjectMeta{Namespace: namespace, Name: PolicyName, Labels: map[string]string{"app.kubernetes.io/managed-by": "primehub"}},
		Spec: networkingv1.NetworkPolicySpec{
			PodSelector: metav1.LabelSelector{MatchExpressions: []metav1.LabelSelectorRequirement{{Key: LabelNotebook, Operator: metav1.LabelSelectorOpExists}}},
			PolicyTypes: []networkingv1.PolicyType{networkingv1.PolicyTypeIngress},
			Ingress:     from.OnlyTo(Port),
		},
	}
}

// ensureNetworkPolicy keeps the namespace's notebook NetworkPolicy as networkPolicy
// renders it: made when missing, put back when changed, and no write when right. It
// belongs to no notebook, since every notebook of the namespace needs it; one left in a
// namespace without notebooks selects no pod.
func (r *Reconciler) ensureNetworkPolicy(ctx context.Context, namespace string) error {
	if r.Proxies == nil {
		return nil
	}
	_, err := controller.Ensure(ctx, r.Client, networkPolicy(namespace, *r.Proxies), func(d, e *networkingv1.NetworkPolicy) bool {
		return equality.Semantic.DeepEqual(d.Spec, e.Spec)
	})
	return err
}

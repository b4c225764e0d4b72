package notebook

import (
	"context"

	corev1 "k8s.io/api/core/v1"
	networkingv1 "k8s.io/api/networking/v1"
	"k8s.io/apimachinery/pkg/api/equality"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/util/intstr"
	"k8s.io/utils/ptr"
	"sigs.k8s.io/controller-runtime/pkg/controller/controllerutil"

	"github.com/primehub/primehub/api/v1beta1"
	"github.com/primehub/primehub/internal/controller"
)

// Proxies are the pods that may reach notebook servers: primehub's, whose proxy and culler
// talk to them. Everything else is kept out by a NetworkPolicy per notebook (where the
// cluster's network enforces them); the token stops anyone who gets around it.
type Proxies struct {
	// Namespace primehub runs in.
	Namespace string
	// Pods selects primehub's pods in it.
	Pods metav1.LabelSelector
}

// networkPolicy admits only the proxies to the notebook server's port.
func networkPolicy(nb *v1beta1.Notebook, from Proxies) *networkingv1.NetworkPolicy {
	return &networkingv1.NetworkPolicy{
		ObjectMeta: metav1.ObjectMeta{Namespace: nb.Namespace, Name: ResourceName(nb.Name), Labels: map[string]string{LabelNotebook: nb.Name}},
		Spec: networkingv1.NetworkPolicySpec{
			PodSelector: metav1.LabelSelector{MatchLabels: map[string]string{LabelNotebook: nb.Name}},
			PolicyTypes: []networkingv1.PolicyType{networkingv1.PolicyTypeIngress},
			Ingress: []networkingv1.NetworkPolicyIngressRule{{
				From: []networkingv1.NetworkPolicyPeer{{
					NamespaceSelector: &metav1.LabelSelector{MatchLabels: map[string]string{corev1.LabelMetadataName: from.Namespace}},
					PodSelector:       from.Pods.DeepCopy(),
				}},
				Ports: []networkingv1.NetworkPolicyPort{{Protocol: ptr.To(corev1.ProtocolTCP), Port: ptr.To(intstr.FromInt32(Port))}},
			}},
		},
	}
}

// ensureNetworkPolicy keeps the notebook's NetworkPolicy as networkPolicy renders it.
func (r *Reconciler) ensureNetworkPolicy(ctx context.Context, nb *v1beta1.Notebook) error {
	if r.Proxies == nil {
		return nil
	}
	np := networkPolicy(nb, *r.Proxies)
	if err := controllerutil.SetControllerReference(nb, np, r.Client.Scheme()); err != nil {
		return err
	}
	_, err := controller.Ensure(ctx, r.Client, np, func(d, e *networkingv1.NetworkPolicy) bool {
		return equality.Semantic.DeepEqual(d.Spec, e.Spec)
	})
	return err
}

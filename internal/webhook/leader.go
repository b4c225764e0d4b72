package webhook

import (
	"context"
	"fmt"
	"time"

	"github.com/go-logr/logr"
	corev1 "k8s.io/api/core/v1"
	"sigs.k8s.io/controller-runtime/pkg/client"
)

// LabelLeader marks the pod of the elected replica. The webhook Service selects it, so the
// API server sends every review to the one replica whose ledger sees every admission.
const LabelLeader = "primehub.io/webhook-leader"

// leaderLabel, on the leader, labels its own pod and takes the label off any other pod (a
// former leader keeps its labels across a restart of its container).
type leaderLabel struct {
	k         client.Client
	namespace string
	pod       string
	log       logr.Logger
}

func (l *leaderLabel) NeedLeaderElection() bool { return true }

// Start labels until it succeeds, then returns: leadership lasts as long as the process.
func (l *leaderLabel) Start(ctx context.Context) error {
	for {
		err := l.label(ctx)
		if err == nil {
			l.log.Info("webhook Service routed to this replica", "pod", l.pod)
			return nil
		}
		l.log.Error(err, "label the leader's pod")
		select {
		case <-ctx.Done():
			return nil
		case <-time.After(5 * time.Second):
		}
	}
}

func (l *leaderLabel) label(ctx context.Context) error {
	// Own pod first, so the Service always has an endpoint.
	self := &corev1.Pod{}
	if err := l.k.Get(ctx, client.ObjectKey{Namespace: l.namespace, Name: l.pod}, self); err != nil {
		return fmt.Errorf("get own pod %s/%s: %w", l.namespace, l.pod, err)
	}
	if self.Labels[LabelLeader] != "true" {
		patch := client.MergeFrom(self.DeepCopy())
		if self.Labels == nil {
			self.Labels = map[string]string{}
		}
		self.Labels[LabelLeader] = "true"
		if err := l.k.Patch(ctx, self, patch); err != nil {
			return fmt.Errorf("label own pod %s: %w", l.pod, err)
		}
	}
	others := &corev1.PodList{}
	if err := l.k.List(ctx, others, client.InNamespace(l.namespace), client.MatchingLabels{LabelLeader: "true"}); err != nil {
		return fmt.Errorf("list pods labelled %s: %w", LabelLeader, err)
	}
	for i := range others.Items {
		p := &others.Items[i]
		if p.Name == l.pod {
			continue
		}
		patch := client.MergeFrom(p.DeepCopy())
		delete(p.Labels, LabelLeader)
		if err := l.k.Patch(ctx, p, patch); client.IgnoreNotFound(err) != nil {
			return fmt.Errorf("unlabel former leader %s: %w", p.Name, err)
		}
	}
	return nil
}

package notebook

import (
	"context"

	corev1 "k8s.io/api/core/v1"
	"k8s.io/client-go/util/workqueue"
	"k8s.io/utils/ptr"
	"sigs.k8s.io/controller-runtime/pkg/controller/priorityqueue"
	"sigs.k8s.io/controller-runtime/pkg/event"
	"sigs.k8s.io/controller-runtime/pkg/handler"
	"sigs.k8s.io/controller-runtime/pkg/reconcile"
)

// podPriority puts a notebook whose pod became ready, ended or went ahead of the rest of
// the queue: one queue holds both, and in a burst of new notebooks each one's Running
// report would otherwise wait behind every launch still to come. Other pod changes keep
// their place, so its pod's brief steps on the way (made, scheduled) are not each
// reported: by the time their turn comes the pod is mostly ready, and a new notebook goes
// from no phase straight to Running.
const podPriority = 1

// ahead enqueues what its handler enqueues for a pod's last changes at podPriority, unless
// the handler sets a priority itself (the initial list's and resyncs' low one).
type ahead struct{ handler.EventHandler }

func (h ahead) Create(ctx context.Context, e event.CreateEvent, q workqueue.TypedRateLimitingInterface[reconcile.Request]) {
	h.EventHandler.Create(ctx, e, q)
}

func (h ahead) Update(ctx context.Context, e event.UpdateEvent, q workqueue.TypedRateLimitingInterface[reconcile.Request]) {
	if pod, ok := e.ObjectNew.(*corev1.Pod); ok && settled(pod) {
		q = raised(q)
	}
	h.EventHandler.Update(ctx, e, q)
}

func (h ahead) Delete(ctx context.Context, e event.DeleteEvent, q workqueue.TypedRateLimitingInterface[reconcile.Request]) {
	h.EventHandler.Delete(ctx, e, raised(q))
}

func (h ahead) Generic(ctx context.Context, e event.GenericEvent, q workqueue.TypedRateLimitingInterface[reconcile.Request]) {
	h.EventHandler.Generic(ctx, e, q)
}

// settled tells whether a pod is where its notebook's user waits for it to be: ready,
// ended or going.
func settled(pod *corev1.Pod) bool {
	if !pod.DeletionTimestamp.IsZero() || ended(pod) {
		return true
	}
	c := podCondition(pod, corev1.PodReady)
	return c != nil && c.Status == corev1.ConditionTrue
}

func raised(q workqueue.TypedRateLimitingInterface[reconcile.Request]) workqueue.TypedRateLimitingInterface[reconcile.Request] {
	if pq, ok := q.(priorityqueue.PriorityQueue[reconcile.Request]); ok {
		return prioritized{pq}
	}
	return q
}

type prioritized struct {
	priorityqueue.PriorityQueue[reconcile.Request]
}

func (p prioritized) Add(r reconcile.Request) { p.AddWithOpts(priorityqueue.AddOpts{}, r) }

func (p prioritized) AddWithOpts(o priorityqueue.AddOpts, rs ...reconcile.Request) {
	if o.Priority == nil {
		o.Priority = ptr.To(podPriority)
	}
	p.PriorityQueue.AddWithOpts(o, rs...)
}

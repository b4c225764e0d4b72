package graphql

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/meta"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"sigs.k8s.io/controller-runtime/pkg/client"

	"github.com/primehub/primehub/api/v1beta1"
	"github.com/primehub/primehub/internal/controller/notebook"
	"github.com/primehub/primehub/internal/directory"
	"github.com/primehub/primehub/internal/graphql/model"
	"github.com/primehub/primehub/internal/launch"
	"github.com/primehub/primehub/internal/names"
)

func notebookModel(nb *v1beta1.Notebook) *model.Notebook {
	out := &model.Notebook{
		ID: nb.Namespace + "/" + nb.Name, Name: nb.Name, Namespace: nb.Namespace, User: nb.Spec.User,
		GroupName: nb.Spec.Group, InstanceType: nb.Spec.InstanceType, Image: nb.Spec.Image, Stopped: nb.Spec.Stopped,
		Phase: model.Optional(notebookPhase(nb)), Reason: model.Optional(nb.Status.Reason), Message: model.Optional(nb.Status.Message),
		URL: model.Optional(nb.Status.URL), CreatedAt: nb.CreationTimestamp.UTC().Format(time.RFC3339),
	}
	if c := meta.FindStatusCondition(nb.Status.Conditions, "Ready"); c != nil && c.Status == metav1.ConditionTrue {
		out.RunningSince = timeString(&c.LastTransitionTime)
	}
	for _, e := range nb.Spec.Env {
		out.Env = append(out.Env, &model.EnvVar{Name: &e.Name, Value: &e.Value})
	}
	return out
}

// notebookPhase is the notebook's phase as its user sees it. A new notebook has none until
// its pod is scheduled or has something to say (its controller writes nothing while the
// pod waits its turn): it is Pending, as PrimeHub shows a job not yet scheduled.
func notebookPhase(nb *v1beta1.Notebook) string {
	if nb.Status.Phase == "" {
		return string(v1beta1.NotebookPending)
	}
	return string(nb.Status.Phase)
}

// notebookKey reads a notebook id, namespace/name.
func notebookKey(id string) (client.ObjectKey, error) {
	ns, name, ok := strings.Cut(id, "/")
	if !ok || ns == "" || name == "" {
		return client.ObjectKey{}, badInput("notebook id must be namespace/name, not %q", id)
	}
	return client.ObjectKey{Namespace: ns, Name: name}, nil
}

// ownNotebook reads a notebook the caller owns (or any, for administrators).
func (r *Resolver) ownNotebook(ctx context.Context, id string) (*v1beta1.Notebook, error) {
	who, err := caller(ctx)
	if err != nil {
		return nil, err
	}
	key, err := notebookKey(id)
	if err != nil {
		return nil, err
	}
	nb := &v1beta1.Notebook{}
	if err := r.Reader.Get(ctx, key, nb); err != nil {
		return nil, err
	}
	if !who.Admin && nb.Spec.User != who.Username {
		return nil, forbidden("notebook %s belongs to another user", id)
	}
	return nb, nil
}

// checkLaunch tells, before anything is made, why req may not launch: the launch path the
// controllers take again before they make a pod, so the API refuses at once what would
// fail later. Quota is checked for the instance type alone; what others use is counted at
// admission and by the job scheduler.
func (r *Resolver) checkLaunch(ctx context.Context, req launch.Request) error {
	_, refusal, err := r.Launcher.Decide(ctx, req)
	switch {
	case err != nil:
		return err
	case refusal == nil:
		return nil
	case refusal.Reason == launch.ReasonNamespaceNotAllowed,
		refusal.Reason == launch.ReasonNotMember && req.Group != directory.Everyone:
		return forbidden("%s", refusal.Message)
	default:
		return badInput("%s", refusal.Message)
	}
}

// defaultNotebookName is a user's notebook when they name none.
func defaultNotebookName(username string) string {
	return names.Label("jupyter-" + username)
}

// setStopped stops or starts a notebook the caller owns; storage stays either way.
func (r *Resolver) setStopped(ctx context.Context, id string, stopped bool) (*model.Notebook, error) {
	cached, err := r.ownNotebook(ctx, id)
	if err != nil {
		return nil, err
	}
	nb := cached.DeepCopy()
	if err := r.update(ctx, nb, func() error { nb.Spec.Stopped = stopped; return nil }); err != nil {
		return nil, err
	}
	r.awaitCached(ctx, nb, false)
	return notebookModel(nb), nil
}

// maxNotebookEvents bounds what a notebook shows of its history.
const maxNotebookEvents = 20

// notebookEvents lists the Events of a notebook and of its pod, oldest first. They are read
// from the API server, not a cache: a cache would hold every Event of the cluster, and only
// someone looking at their notebook asks.
func (r *Resolver) notebookEvents(ctx context.Context, namespace, name string) ([]*model.NotebookEvent, error) {
	var events []corev1.Event
	for _, involved := range []struct{ kind, name string }{{"Notebook", name}, {"Pod", notebook.ResourceName(name)}} {
		list := &corev1.EventList{}
		if err := r.APIReader.List(ctx, list, client.InNamespace(namespace), client.MatchingFields{"involvedObject.name": involved.name}); err != nil {
			return nil, fmt.Errorf("events of notebook %s/%s: %w", namespace, name, err)
		}
		for _, e := range list.Items {
			if e.InvolvedObject.Kind == involved.kind {
				events = append(events, e)
			}
		}
	}
	slices.SortStableFunc(events, func(a, b corev1.Event) int { return eventTime(a).Compare(eventTime(b)) })
	events = events[max(0, len(events)-maxNotebookEvents):]
	out := make([]*model.NotebookEvent, 0, len(events))
	for _, e := range events {
		last := metav1.NewTime(eventTime(e))
		out = append(out, &model.NotebookEvent{Type: e.Type, Reason: e.Reason, Message: e.Message, Object: e.InvolvedObject.Kind,
			Count: int(max(e.Count, 1)), LastTime: timeString(&last)})
	}
	return out, nil
}

// eventTime is when an Event last happened, whichever way its reporter recorded it.
func eventTime(e corev1.Event) time.Time {
	switch {
	case !e.LastTimestamp.IsZero():
		return e.LastTimestamp.Time
	case !e.EventTime.IsZero():
		return e.EventTime.Time
	}
	return e.CreationTimestamp.Time
}

package graphql_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/primehub/primehub/internal/controller/notebook"
	"github.com/primehub/primehub/test/framework"
)

// A notebook's owner follows its launch through the Events of the notebook and of its pod,
// oldest first; others see none of them.
func TestNotebookEvents(t *testing.T) {
	w := newWorld(t)
	nb := w.notebookObj("events-"+unique(), false)
	w.create(t, nb)
	w.cached(t, nb)
	start := time.Now().Add(-time.Minute)
	event := func(name, kind, object, reason, message string, at time.Time) *corev1.Event {
		return &corev1.Event{
			ObjectMeta:     metav1.ObjectMeta{Namespace: w.ns, Name: name},
			InvolvedObject: corev1.ObjectReference{Kind: kind, Namespace: w.ns, Name: object},
			Type:           corev1.EventTypeWarning, Reason: reason, Message: message, Count: 1,
			FirstTimestamp: metav1.NewTime(at), LastTimestamp: metav1.NewTime(at),
		}
	}
	pod := notebook.ResourceName(nb.Name)
	c := framework.Client()
	for _, e := range []*corev1.Event{
		event(nb.Name+".b", "Pod", pod, "FailedScheduling", "0/3 nodes are available: 3 Insufficient cpu.", start.Add(2*time.Second)),
		event(nb.Name+".a", "Notebook", nb.Name, "Pending", "waiting for its pod", start),
		// Same name, another kind: not this notebook's.
		event(nb.Name+".c", "Service", nb.Name, "Other", "not about the notebook", start.Add(time.Second)),
	} {
		if err := c.Create(context.Background(), e); err != nil {
			t.Fatal(err)
		}
	}
	query := fmt.Sprintf(`{ notebook(where: {id: "%s/%s"}) { events { type reason message object count } } }`, w.ns, nb.Name)

	resp := w.client(member).MustDo(t, query, nil)
	want := `"events":[{"type":"Warning","reason":"Pending","message":"waiting for its pod","object":"Notebook","count":1},` +
		`{"type":"Warning","reason":"FailedScheduling","message":"0/3 nodes are available: 3 Insufficient cpu.","object":"Pod","count":1}]`
	if err := errorsOf(resp); err != nil || !strings.Contains(resp.Body, want) {
		t.Errorf("owner's events: %s (%v); want %s", resp.Body, err, want)
	}
	for _, r := range []role{plainUser, groupAdmin} {
		resp := w.client(r).MustDo(t, query, nil)
		if strings.Contains(resp.Body, "FailedScheduling") || !hasCode(resp, "FORBIDDEN") {
			t.Errorf("as %s: %s; want FORBIDDEN and no events", r, resp.Body)
		}
	}
}

package proxy

import (
	"context"
	"sync"
	"time"

	"github.com/go-logr/logr"
	"sigs.k8s.io/controller-runtime/pkg/client"

	"github.com/primehub/primehub/api/v1beta1"
	"github.com/primehub/primehub/internal/controller/notebook"
)

// Activity remembers when each notebook was last used through the proxy. The record is in
// memory; a Flusher writes it to the notebooks (notebook.AnnotationLastActivity) at most
// once per interval, so culling survives restarts and works across replicas without a
// write per request.
type Activity struct {
	mu   sync.Mutex
	last map[client.ObjectKey]time.Time
	now  func() time.Time
}

// NewActivity makes an empty record.
func NewActivity() *Activity {
	return &Activity{last: map[client.ObjectKey]time.Time{}, now: time.Now}
}

// Touch records a request to a notebook now.
func (a *Activity) Touch(ns, name string) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.last[client.ObjectKey{Namespace: ns, Name: name}] = a.now()
}

// take hands over what was recorded since the last call.
func (a *Activity) take() map[client.ObjectKey]time.Time {
	a.mu.Lock()
	defer a.mu.Unlock()
	taken := a.last
	a.last = map[client.ObjectKey]time.Time{}
	return taken
}

// Flusher writes recorded activity to the notebooks every Interval.
type Flusher struct {
	Client   client.Client
	Activity *Activity
	Interval time.Duration
	Log      logr.Logger
}

// Start flushes until ctx ends, then once more.
func (f *Flusher) Start(ctx context.Context) error {
	tick := time.NewTicker(f.Interval)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			f.flush(context.Background())
			return nil
		case <-tick.C:
			f.flush(ctx)
		}
	}
}

// NeedLeaderElection: every replica proxies, so every replica flushes what it saw.
func (f *Flusher) NeedLeaderElection() bool { return false }

func (f *Flusher) flush(ctx context.Context) {
	for key, at := range f.Activity.take() {
		nb := &v1beta1.Notebook{}
		nb.Namespace, nb.Name = key.Namespace, key.Name
		patch := client.RawPatch("application/merge-patch+json", []byte(
			`{"metadata":{"annotations":{"`+notebook.AnnotationLastActivity+`":"`+at.UTC().Format(time.RFC3339)+`"}}}`))
		if err := f.Client.Patch(ctx, nb, patch); client.IgnoreNotFound(err) != nil {
			f.Log.Error(err, "record notebook activity", "notebook", key.String())
		}
	}
}

package framework

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"k8s.io/apimachinery/pkg/runtime"
	ctrl "sigs.k8s.io/controller-runtime"
	"sigs.k8s.io/controller-runtime/pkg/client"
	"sigs.k8s.io/controller-runtime/pkg/client/interceptor"
)

// Writes counts the API writes a controller makes, filed by the object's namespace, or by
// its name when it is cluster-scoped, so a test can watch the writes about one thing.
type Writes struct {
	mu    sync.Mutex
	byKey map[string]int
}

type named interface {
	GetNamespace() string
	GetName() string
}

func (w *Writes) count(o named) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.byKey == nil {
		w.byKey = map[string]int{}
	}
	key := o.GetNamespace()
	if key == "" {
		key = o.GetName()
	}
	w.byKey[key]++
}

// For is how many writes concerned key (a namespace, or a cluster-scoped object's name).
func (w *Writes) For(key string) int {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.byKey[key]
}

// Client is a client reading from mgr's cache, as mgr.GetClient() does, that counts every
// write it makes.
func (w *Writes) Client(mgr ctrl.Manager) (client.Client, error) {
	direct, err := client.NewWithWatch(mgr.GetConfig(), client.Options{Scheme: mgr.GetScheme(), Cache: &client.CacheOptions{Reader: mgr.GetCache()}})
	if err != nil {
		return nil, err
	}
	return interceptor.NewClient(direct, interceptor.Funcs{
		Create: func(ctx context.Context, c client.WithWatch, o client.Object, opts ...client.CreateOption) error {
			w.count(o)
			return c.Create(ctx, o, opts...)
		},
		Update: func(ctx context.Context, c client.WithWatch, o client.Object, opts ...client.UpdateOption) error {
			w.count(o)
			return c.Update(ctx, o, opts...)
		},
		Patch: func(ctx context.Context, c client.WithWatch, o client.Object, p client.Patch, opts ...client.PatchOption) error {
			w.count(o)
			return c.Patch(ctx, o, p, opts...)
		},
		Apply: func(ctx context.Context, c client.WithWatch, o runtime.ApplyConfiguration, opts ...client.ApplyOption) error {
			// Objects applied from unstructured know their names; typed apply
			// configurations do too.
			if n, ok := o.(named); ok {
				w.count(n)
			}
			return c.Apply(ctx, o, opts...)
		},
		Delete: func(ctx context.Context, c client.WithWatch, o client.Object, opts ...client.DeleteOption) error {
			w.count(o)
			return c.Delete(ctx, o, opts...)
		},
		SubResourcePatch: func(ctx context.Context, c client.Client, sub string, o client.Object, p client.Patch, opts ...client.SubResourcePatchOption) error {
			w.count(o)
			return c.SubResource(sub).Patch(ctx, o, p, opts...)
		},
		SubResourceUpdate: func(ctx context.Context, c client.Client, sub string, o client.Object, opts ...client.SubResourceUpdateOption) error {
			w.count(o)
			return c.SubResource(sub).Update(ctx, o, opts...)
		},
	}), nil
}

// Settle waits until no write about key has been made for two seconds: reconciles that
// ran on a cache not yet showing a controller's own writes may repeat one.
func (w *Writes) Settle(t testing.TB, key string) {
	t.Helper()
	Eventually(t, 30*time.Second, func(context.Context) error {
		n := w.For(key)
		time.Sleep(2 * time.Second)
		if w.For(key) != n {
			return fmt.Errorf("still writing")
		}
		return nil
	})
}

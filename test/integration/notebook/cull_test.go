package notebook_test

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/go-logr/logr"
	"sigs.k8s.io/controller-runtime/pkg/client"

	"github.com/primehub/primehub/api/v1beta1"
	"github.com/primehub/primehub/internal/controller/notebook"
	"github.com/primehub/primehub/internal/proxy"
	"github.com/primehub/primehub/test/framework"
)

// Culling reads the Jupyter server's own activity, with the proxy's traffic: a notebook
// whose kernel is busy (its tab closed) is never culled, nor one whose pages are in use;
// one left idle with its tab open, polling the server's API, is.
func TestCullingReadsTheServersOwnActivity(t *testing.T) {
	const cullAfter = 8 * time.Second
	e := setup(t, func(r *notebook.Reconciler) { r.CullAfter = cullAfter })
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	u := e.users(t)
	owner := u.token[e.user()]
	// The proxy records use, and its flusher writes it down, as serve runs them.
	activity := proxy.NewActivity()
	srv := e.serveProxy(t, u, false, activity)
	flushed := make(chan error, 1)
	go func() {
		flushed <- (&proxy.Flusher{Client: framework.Client(), Activity: activity, Interval: 500 * time.Millisecond, Log: logr.Discard()}).Start(ctx)
	}()
	defer func() { cancel(); <-flushed }()
	busy, idle, used := e.launch(t, "busy", e.user(), "cpu-1"), e.launch(t, "idle", e.user(), "cpu-1"), e.launch(t, "used", e.user(), "cpu-1")
	for _, nb := range []*v1beta1.Notebook{busy, idle, used} {
		*nb = *waitPhase(t, nb, v1beta1.NotebookRunning, time.Minute)
	}

	// busy: a kernel sleeping for minutes, its tab closed.
	ws, err := kernelSocket(srv, busy, startKernel(t, srv, busy, owner), owner)
	if err != nil {
		t.Fatal(err)
	}
	execute(t, ws, "import time; time.sleep(600)")
	busySince := time.Now()
	ws.Close()

	// idle: its kernel ran something once, and its tab stays open: the WebSocket, and the
	// API polled every second, as the notebook's pages do.
	ws, err = kernelSocket(srv, idle, startKernel(t, srv, idle, owner), owner)
	if err != nil {
		t.Fatal(err)
	}
	defer ws.Close()
	if out := output(t, ws, execute(t, ws, "print(1)"), 30*time.Second); out != "1\n" {
		t.Fatalf("print(1) printed %q", out)
	}
	every := func(f func()) {
		go func() {
			for {
				select {
				case <-ctx.Done():
					return
				case <-time.After(time.Second):
					f()
				}
			}
		}()
	}
	every(func() {
		for _, path := range []string{"api/kernels", "api/sessions", "api/contents", "api/terminals"} {
			get(srv.URL+idle.Status.URL+path, owner)
		}
	})
	// used: its pages are opened again and again.
	every(func() { get(srv.URL+used.Status.URL+"tree", owner) })

	idle = waitPhase(t, idle, v1beta1.NotebookStopped, time.Minute)
	if !idle.Spec.Stopped || !hasEvent(t, e.ns, "idle", "Culled") {
		t.Errorf("the idle notebook was not culled: stopped %t", idle.Spec.Stopped)
	}
	// Well past the cull time since the busy kernel was last heard from.
	if wait := 2*cullAfter - time.Since(busySince); wait > 0 {
		time.Sleep(wait)
	}
	for _, nb := range []*v1beta1.Notebook{busy, used} {
		if err := framework.Client().Get(ctx, client.ObjectKeyFromObject(nb), nb); err != nil {
			t.Fatal(err)
		}
		if nb.Spec.Stopped || nb.Status.Phase != v1beta1.NotebookRunning {
			t.Errorf("notebook %s in use was culled: %s", nb.Name, nb.Status.Phase)
		}
	}
}

// get requests url as the user with token, whatever comes of it (from goroutines of the
// test, which must not fail it).
func get(url, token string) {
	req, err := http.NewRequest(http.MethodGet, url, nil)
	if err != nil {
		return
	}
	req.Header.Set("Authorization", "Bearer "+token)
	if resp, err := (&http.Client{Timeout: 10 * time.Second}).Do(req); err == nil {
		resp.Body.Close()
	}
}

package notebook_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/go-logr/logr"
	"golang.org/x/net/websocket"
	"sigs.k8s.io/controller-runtime/pkg/client"

	"github.com/primehub/primehub/api/v1beta1"
	"github.com/primehub/primehub/internal/controller/notebook"
	"github.com/primehub/primehub/internal/proxy"
	"github.com/primehub/primehub/test/framework"
)

// Culling reads the Jupyter server's own activity, with the proxy's traffic: a notebook
// whose kernel is busy (its tab closed) is never culled, nor one whose pages are in use;
// one left idle with its tab open, polling the server's API, is, even with a kernel it
// started but never connected to.
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
	// every calls f every second until stop (which waits for f to return) or the test's end.
	every := func(f func()) (stop func()) {
		ctx, cancel := context.WithCancel(ctx)
		done := make(chan struct{})
		go func() {
			defer close(done)
			for {
				select {
				case <-ctx.Done():
					return
				case <-time.After(time.Second):
					f()
				}
			}
		}()
		return func() { cancel(); <-done }
	}
	busy, idle, used := e.launch(t, "busy", e.user(), "cpu-1"), e.launch(t, "idle", e.user(), "cpu-1"), e.launch(t, "used", e.user(), "cpu-1")
	// Each is in use, its pages opened again and again, from its start until the test leaves
	// it as its case wants: a notebook's cull clock runs from its last use, and setting up
	// the others (starting kernels) takes as long as the machine makes it.
	inUse := func(nb *v1beta1.Notebook) (stop func()) {
		return every(func() { get(srv.URL+notebook.URL(nb)+"tree", owner) })
	}
	stopBusy, stopIdle := inUse(busy), inUse(idle)
	inUse(used) // used: its pages are opened again and again, to the end.
	defer func() {
		if t.Failed() {
			describe(t, srv.URL, owner, busy, idle, used)
		}
	}()
	for _, nb := range []*v1beta1.Notebook{busy, idle, used} {
		*nb = *waitPhase(t, nb, v1beta1.NotebookRunning, time.Minute)
	}

	// busy: a kernel sleeping for minutes, its tab closed once the kernel runs it (a
	// request on a socket closed before the server reads it is lost).
	// The server records a kernel's state from what it hears on the kernel's IOPub, over a
	// subscription of its own. On a loaded machine, Debian's jupyter-server 1.23 sometimes
	// never hears a kernel it has just started: it reports it "starting" for ever, with a
	// client connected (seen in CI). The request goes once the server has heard the kernel
	// (idle, answering the socket's kernel_info), as a person's would; a kernel it does
	// not hear is shut down and another started. The tab closes once the server says busy.
	var kernel string
	var ws *websocket.Conn
	framework.Eventually(t, 2*time.Minute, func(context.Context) error {
		kernel = startKernel(t, srv, busy, owner)
		var err error
		if ws, err = kernelSocket(srv, busy, kernel, owner); err != nil {
			return err
		}
		if err := kernelStateWithin(srv, busy, kernel, owner, "idle", 15*time.Second); err != nil {
			ws.Close()
			call(t, http.MethodDelete, srv.URL+busy.Status.URL+"api/kernels/"+kernel, srv.URL, owner, nil)
			return err
		}
		return nil
	})
	running(t, ws, execute(t, ws, "import time; time.sleep(600)"), 30*time.Second)
	kernelState(t, srv, busy, kernel, owner, "busy")
	ws.Close()
	stopBusy()
	busySince := time.Now()

	// idle: a kernel it never connected to (a tab closed while it loaded: the server never
	// hears from it, so it stays "starting"), and one that ran something once, its tab open:
	// the WebSocket, and the API polled every second, as the notebook's pages do.
	startKernel(t, srv, idle, owner)
	ws, err := kernelSocket(srv, idle, startKernel(t, srv, idle, owner), owner)
	if err != nil {
		t.Fatal(err)
	}
	defer ws.Close()
	if out := output(t, ws, execute(t, ws, "print(1)"), 30*time.Second); out != "1\n" {
		t.Fatalf("print(1) printed %q", out)
	}
	every(func() {
		for _, path := range []string{"api/kernels", "api/sessions", "api/contents", "api/terminals"} {
			get(srv.URL+idle.Status.URL+path, owner)
		}
	})
	stopIdle()

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

// kernelState waits until the notebook's server says its kernel is in state, as the
// culler reads it (api/kernels, a read that is not use).
func kernelState(t *testing.T, srv *httptest.Server, nb *v1beta1.Notebook, kernel, token, state string) {
	t.Helper()
	if err := kernelStateWithin(srv, nb, kernel, token, state, 30*time.Second); err != nil {
		t.Fatal(err)
	}
}

// kernelStateWithin is kernelState, answering an error after timeout.
func kernelStateWithin(srv *httptest.Server, nb *v1beta1.Notebook, kernel, token, state string, timeout time.Duration) error {
	deadline := time.Now().Add(timeout)
	for {
		got := get(srv.URL+nb.Status.URL+"api/kernels/"+kernel, token)
		if strings.Contains(got, `"execution_state": "`+state+`"`) {
			return nil
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("kernel %s of %s, not %s after %s: %s", kernel, nb.Name, state, timeout, got)
		}
		time.Sleep(200 * time.Millisecond)
	}
}

// running reads the kernel's messages until it says it is busy with the request id.
func running(t *testing.T, ws *websocket.Conn, id string, timeout time.Duration) {
	t.Helper()
	_ = ws.SetDeadline(time.Now().Add(timeout))
	for {
		var m message
		if err := websocket.JSON.Receive(ws, &m); err != nil {
			t.Fatalf("wait for the kernel to run %s: %v", id, err)
		}
		if m.Channel == "iopub" && m.ParentHeader["msg_id"] == id && m.Header["msg_type"] == "status" && m.Content["execution_state"] == "busy" {
			return
		}
	}
}

// describe logs what the notebooks are and what their servers say of their activity
// (through the proxy, reads that do not count as use), for a failed test.
func describe(t *testing.T, base, token string, notebooks ...*v1beta1.Notebook) {
	t.Helper()
	for _, nb := range notebooks {
		got := &v1beta1.Notebook{}
		if err := framework.Client().Get(context.Background(), client.ObjectKeyFromObject(nb), got); err != nil {
			t.Logf("notebook %s: %v", nb.Name, err)
			continue
		}
		t.Logf("notebook %s: stopped %t, %s (%s: %s), last activity %q", got.Name, got.Spec.Stopped, got.Status.Phase, got.Status.Reason,
			got.Status.Message, got.Annotations[notebook.AnnotationLastActivity])
		for _, path := range []string{"api/status", "api/kernels"} {
			t.Logf("  %s: %s", path, get(base+notebook.URL(got)+path, token))
		}
	}
}

// get requests url as the user with token, whatever comes of it (from goroutines of the
// test, which must not fail it), and tells what came.
func get(url, token string) string {
	req, err := http.NewRequest(http.MethodGet, url, nil)
	if err != nil {
		return err.Error()
	}
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := (&http.Client{Timeout: 10 * time.Second}).Do(req)
	if err != nil {
		return err.Error()
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(io.LimitReader(resp.Body, 4096))
	return fmt.Sprintf("%s %s", resp.Status, body)
}

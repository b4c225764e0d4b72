package notebook_test

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	corev1 "k8s.io/api/core/v1"
	"sigs.k8s.io/controller-runtime/pkg/client"

	"github.com/primehub/primehub/api/v1beta1"
	"github.com/primehub/primehub/internal/controller/notebook"
	"github.com/primehub/primehub/internal/proxy"
	"github.com/primehub/primehub/test/framework"
)

// Through the proxy, the owner uses the notebook's real Jupyter server: its page loads, a
// kernel starts and runs code over the WebSocket. Nobody else gets through, and the server
// itself refuses anyone without the notebook's token, which only the proxy has.
func TestProxyServesTheRealNotebookOnlyToItsOwner(t *testing.T) {
	e := setup(t)
	ctx := context.Background()
	nb := waitPhase(t, e.launch(t, "proxied", e.user(), "cpu-1"), v1beta1.NotebookRunning, time.Minute)
	u := e.users(t)
	srv := e.serveProxy(t, u, false, proxy.NewActivity())
	owner := u.token[e.user()]

	// The UI page loads: the classic notebook's file list, under the notebook's base URL.
	code, body := call(t, http.MethodGet, srv.URL+nb.Status.URL+"tree", "", owner, nil)
	if code != http.StatusOK || !strings.Contains(string(body), nb.Status.URL+"static/") || !strings.Contains(string(body), "notebook_list") {
		t.Fatalf("owner's notebook page: %d %.300s", code, body)
	}
	// The base URL opens on the default page.
	if code, body := call(t, http.MethodGet, srv.URL+nb.Status.URL, "", owner, nil); code != http.StatusFound {
		t.Errorf("base URL: %d %.200s, want a redirect to %stree", code, body, nb.Status.URL)
	}

	// A kernel starts over REST and runs code over the WebSocket, as the browser does
	// (same Origin, which Jupyter checks).
	kernel := startKernel(t, srv, nb, owner)
	ws, err := kernelSocket(srv, nb, kernel, owner)
	if err != nil {
		t.Fatalf("kernel websocket through the proxy: %v", err)
	}
	defer ws.Close()
	if out := output(t, ws, execute(t, ws, "print(6*7)"), 30*time.Second); out != "42\n" {
		t.Errorf("print(6*7) printed %q", out)
	}

	// Another site's page cannot drive the notebook with its owner's browser: Jupyter skips
	// its own origin and XSRF checks for requests with its token, which the proxy adds.
	const evil = "http://evil.example"
	if _, err := kernelSocketFrom(srv, nb, kernel, owner, evil); err == nil {
		t.Error("a page of another origin opened the kernel's websocket")
	}
	if code, body := call(t, http.MethodPost, srv.URL+nb.Status.URL+"api/kernels", evil, owner, map[string]string{"name": "python3"}); code != http.StatusForbidden {
		t.Errorf("a page of another origin starting a kernel: %d %.200s, want 403", code, body)
	}

	// Nobody else: another user, an admin (unless allowed), nobody logged in.
	for _, path := range []string{"tree", "api/kernels"} {
		if code, body := call(t, http.MethodGet, srv.URL+nb.Status.URL+path, "", u.token[e.bob()], nil); code != http.StatusForbidden {
			t.Errorf("another user, %s: %d %.200s, want 403", path, code, body)
		}
	}
	if code, body := call(t, http.MethodPost, srv.URL+nb.Status.URL+"api/kernels", srv.URL, u.token[e.bob()], map[string]string{"name": "python3"}); code != http.StatusForbidden {
		t.Errorf("another user starting a kernel: %d %.200s, want 403", code, body)
	}
	if _, err := kernelSocket(srv, nb, kernel, u.token[e.bob()]); err == nil {
		t.Error("another user opened the kernel's websocket")
	}
	if code, _ := call(t, http.MethodGet, srv.URL+nb.Status.URL+"tree", "", u.token[u.admin], nil); code != http.StatusForbidden {
		t.Errorf("an admin without --admin-notebook-access: %d, want 403", code)
	}
	if code, _ := call(t, http.MethodGet, e.serveProxy(t, u, true, nil).URL+nb.Status.URL+"tree", "", u.token[u.admin], nil); code != http.StatusOK {
		t.Errorf("an admin with --admin-notebook-access: %d, want 200", code)
	}
	if code, _ := call(t, http.MethodGet, srv.URL+nb.Status.URL+"tree", "", "", nil); code != http.StatusUnauthorized {
		t.Errorf("no credentials: %d, want 401", code)
	}

	// The pod's server itself refuses whoever reaches it without the token, with primehub
	// credentials or none.
	pod, err := podOf(nb)
	if err != nil {
		t.Fatal(err)
	}
	direct := "http://" + net.JoinHostPort(pod.Status.PodIP, strconv.Itoa(notebook.Port)) + nb.Status.URL
	for _, token := range []string{"", owner} {
		for _, path := range []string{"api/kernels", "api/status", "api/contents"} {
			if code, body := call(t, http.MethodGet, direct+path, "", token, nil); code != http.StatusForbidden {
				t.Errorf("at the pod IP without the notebook's token (bearer %t), %s: %d %.200s, want 403", token != "", path, code, body)
			}
		}
		if code, _ := call(t, http.MethodPost, direct+"api/kernels", "", token, map[string]string{"name": "python3"}); code != http.StatusForbidden {
			t.Errorf("a kernel started at the pod IP without the notebook's token: %d, want 403", code)
		}
	}

	// A stopped notebook is not reachable.
	nb.Spec.Stopped = true
	if err := framework.Client().Update(ctx, nb); err != nil {
		t.Fatal(err)
	}
	waitPhase(t, nb, v1beta1.NotebookStopped, 30*time.Second)
	if code, body := call(t, http.MethodGet, srv.URL+nb.Status.URL+"tree", "", owner, nil); code != http.StatusServiceUnavailable || !strings.Contains(string(body), "is not running") {
		t.Errorf("stopped notebook: %d %s", code, body)
	}
}

// A notebook is Running only once its server answers: one whose server never starts stays
// Starting, and its events say why.
func TestNotebookIsRunningOnlyOnceItsServerAnswers(t *testing.T) {
	e := setup(t)
	ctx := context.Background()
	c := framework.Client()
	// An image whose server command does not exist: the pod runs, the server never answers.
	silent := framework.MakeImage("silent").Namespace(e.ns).Global().Obj()
	silent.Spec.Notebook = &v1beta1.ImageNotebook{Command: []string{"no-such-server"}}
	if err := c.Create(ctx, silent); err != nil {
		t.Fatal(err)
	}
	mute := framework.MakeNotebook("mute").Namespace(e.ns).User(e.user()).Group(e.group()).InstanceType("cpu-1").Image("silent").Obj()
	if err := c.Create(ctx, mute); err != nil {
		t.Fatal(err)
	}
	live := e.launch(t, "live", e.user(), "cpu-1")

	live = waitPhase(t, live, v1beta1.NotebookRunning, time.Minute)
	pod, err := podOf(live)
	if err != nil {
		t.Fatal(err)
	}
	direct := "http://" + net.JoinHostPort(pod.Status.PodIP, strconv.Itoa(notebook.Port)) + live.Status.URL + "api"
	if code, body := call(t, http.MethodGet, direct, "", "", nil); code != http.StatusOK {
		t.Errorf("a Running notebook's server: %d %s", code, body)
	}

	mute = waitPhase(t, mute, v1beta1.NotebookStarting, 30*time.Second)
	framework.Eventually(t, 30*time.Second, func(ctx context.Context) error {
		if err := c.Get(ctx, client.ObjectKeyFromObject(mute), mute); err != nil {
			return err
		}
		if mute.Status.Reason != "ServerStarting" {
			return fmt.Errorf("mute notebook %s: %s", mute.Status.Reason, mute.Status.Message)
		}
		return nil
	})
	time.Sleep(5 * time.Second)
	if err := c.Get(ctx, client.ObjectKeyFromObject(mute), mute); err != nil {
		t.Fatal(err)
	}
	if mute.Status.Phase != v1beta1.NotebookStarting || !strings.Contains(mute.Status.Message, "waiting for its Jupyter server") {
		t.Errorf("a notebook whose server never answers is %s: %s", mute.Status.Phase, mute.Status.Message)
	}
}

// hasEvent tells whether the notebook has an event of that reason, or saying that.
func hasEvent(t *testing.T, ns, notebookName, what string) bool {
	t.Helper()
	events := &corev1.EventList{}
	if err := framework.Client().List(context.Background(), events, client.InNamespace(ns)); err != nil {
		t.Fatal(err)
	}
	for _, ev := range events.Items {
		if ev.InvolvedObject.Kind == "Notebook" && ev.InvolvedObject.Name == notebookName &&
			(ev.Reason == what || strings.Contains(ev.Message, what)) {
			return true
		}
	}
	return false
}

// A running notebook whose token Secret is deleted keeps its token: the proxy makes it
// from the platform's key, so its owner still gets through, and the next start hands the
// server the same token from a Secret made again.
func TestADeletedTokenSecretIsMadeAgainWithTheSameToken(t *testing.T) {
	e := setup(t)
	ctx := context.Background()
	c := framework.Client()
	nb := waitPhase(t, e.launch(t, "renewed", e.user(), "cpu-1"), v1beta1.NotebookRunning, time.Minute)
	u := e.users(t)
	srv := e.serveProxy(t, u, false, nil)
	secret := &corev1.Secret{}
	if err := c.Get(ctx, client.ObjectKey{Namespace: e.ns, Name: e.tokens.SecretName(nb)}, secret); err != nil {
		t.Fatal(err)
	}
	if err := c.Delete(ctx, secret); err != nil {
		t.Fatal(err)
	}
	if code, body := call(t, http.MethodGet, srv.URL+notebook.URL(nb)+"api/kernels", "", u.token[e.user()], nil); code != http.StatusOK {
		t.Fatalf("owner through the proxy after the secret went: %d %.200s", code, body)
	}
	for _, stopped := range []bool{true, false} {
		if err := c.Get(ctx, client.ObjectKeyFromObject(nb), nb); err != nil {
			t.Fatal(err)
		}
		nb.Spec.Stopped = stopped
		if err := c.Update(ctx, nb); err != nil {
			t.Fatal(err)
		}
		phase := v1beta1.NotebookRunning
		if stopped {
			phase = v1beta1.NotebookStopped
		}
		waitPhase(t, nb, phase, time.Minute)
	}
	again := &corev1.Secret{}
	if err := c.Get(ctx, client.ObjectKeyFromObject(secret), again); err != nil {
		t.Fatalf("the token secret was not made again: %v", err)
	}
	if string(again.Data[notebook.TokenKey]) != string(secret.Data[notebook.TokenKey]) {
		t.Error("the token changed")
	}
	if code, body := call(t, http.MethodGet, srv.URL+notebook.URL(nb)+"api/kernels", "", u.token[e.user()], nil); code != http.StatusOK {
		t.Errorf("owner through the proxy after the restart: %d %.200s", code, body)
	}
}

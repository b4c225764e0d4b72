package notebook_test

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/go-logr/logr"
	"golang.org/x/net/websocket"

	"github.com/primehub/primehub/api/v1beta1"
	"github.com/primehub/primehub/internal/auth"
	"github.com/primehub/primehub/internal/directory"
	"github.com/primehub/primehub/internal/proxy"
	"github.com/primehub/primehub/test/framework"
)

// notebookServer stands where a notebook server would: at the pod's IP (kwok hands out
// loopback addresses) on the notebook port. It answers HTTP with what it received and
// echoes WebSocket messages.
func notebookServer(t *testing.T, podIP string) {
	t.Helper()
	l, err := net.Listen("tcp", net.JoinHostPort(podIP, "8888"))
	if err != nil {
		t.Fatalf("listen at the pod IP %s: %v", podIP, err)
	}
	mux := http.NewServeMux()
	mux.Handle("/ws", websocket.Handler(func(c *websocket.Conn) { _, _ = io.Copy(c, c) }))
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintf(w, "notebook server: path=%s authorization=%q", r.URL.Path, r.Header.Get("Authorization"))
	})
	srv := &http.Server{Handler: stripBase(mux), ReadHeaderTimeout: 5 * time.Second}
	go func() { _ = srv.Serve(l) }()
	t.Cleanup(func() { _ = srv.Close() })
}

// stripBase routes .../ws to the WebSocket echo, whatever the base URL.
func stripBase(mux *http.ServeMux) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasSuffix(r.URL.Path, "/ws") {
			r2 := r.Clone(r.Context())
			r2.URL.Path = "/ws"
			mux.ServeHTTP(w, r2)
			return
		}
		mux.ServeHTTP(w, r)
	})
}

func TestProxyLetsOnlyTheOwnerThroughOverHTTPAndWebSocket(t *testing.T) {
	e := setup(t)
	ctx := context.Background()
	nb := waitPhase(t, e.launch(t, "proxied", e.user(), "cpu-1"), v1beta1.NotebookRunning, 30*time.Second)
	pod, err := podOf(nb)
	if err != nil {
		t.Fatal(err)
	}
	notebookServer(t, pod.Status.PodIP)

	// Real credentials: personal API tokens of alice, bob and an admin.
	tokens, err := auth.NewAPITokens(framework.Config(), framework.Scheme, e.ns, logr.Discard())
	if err != nil {
		t.Fatal(err)
	}
	tokenCtx, stopTokens := context.WithCancel(ctx)
	t.Cleanup(stopTokens)
	go func() { _ = tokens.Start(tokenCtx) }()
	if !tokens.WaitForCacheSync(tokenCtx) {
		t.Fatal("token cache did not sync")
	}
	suffix := e.ns[len("test-"):]
	admin := "root-" + suffix
	if _, err := e.dir.CreateUser(ctx, directory.User{Username: admin, Admin: true}); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = e.dir.DeleteUser(ctx, admin) })
	token := map[string]string{}
	for _, u := range []string{e.user(), "bob-" + suffix, admin} {
		tok, _, err := tokens.Create(ctx, u, "proxy test")
		if err != nil {
			t.Fatal(err)
		}
		token[u] = tok
	}
	authn := auth.New(auth.Options{Directory: e.dir, Tokens: tokens, Log: logr.Discard()})
	serveProxy := func(adminAccess bool) *httptest.Server {
		// In primehub serve the proxy reads from the manager's cache; a direct reader
		// answers the same.
		p := &proxy.Proxy{Reader: framework.Client(), Authenticate: authn.Authenticate, LoginURL: "/login",
			AdminAccess: adminAccess, Activity: proxy.NewActivity(), Log: logr.Discard()}
		mux := http.NewServeMux()
		mux.Handle(proxy.Prefix, p)
		srv := httptest.NewServer(mux)
		t.Cleanup(srv.Close)
		return srv
	}
	srv := serveProxy(false)
	path := nb.Status.URL + "lab/tree"

	request := func(srv *httptest.Server, user, accept string) (int, string, http.Header) {
		req, _ := http.NewRequest(http.MethodGet, srv.URL+path, nil)
		if user != "" {
			req.Header.Set("Authorization", "Bearer "+token[user])
		}
		if accept != "" {
			req.Header.Set("Accept", accept)
		}
		resp, err := (&http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}).Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		body, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(body), resp.Header
	}

	code, body, _ := request(srv, e.user(), "")
	if code != http.StatusOK || !strings.Contains(body, "path="+path) {
		t.Fatalf("owner: %d %s", code, body)
	}
	if !strings.Contains(body, `authorization=""`) {
		t.Errorf("the owner's token reached the notebook: %s", body)
	}
	if code, body, _ := request(srv, "bob-"+suffix, ""); code != http.StatusForbidden {
		t.Errorf("another user: %d %s, want 403", code, body)
	}
	if code, body, _ := request(srv, admin, ""); code != http.StatusForbidden {
		t.Errorf("an admin without --admin-notebook-access: %d %s, want 403", code, body)
	}
	if code, body, _ := request(serveProxy(true), admin, ""); code != http.StatusOK {
		t.Errorf("an admin with --admin-notebook-access: %d %s, want 200", code, body)
	}
	if code, _, h := request(srv, "", "text/html"); code != http.StatusFound || !strings.HasPrefix(h.Get("Location"), "/login?redirect=") {
		t.Errorf("a browser without login: %d to %q, want a redirect to the login", code, h.Get("Location"))
	}
	if code, _, _ := request(srv, "", ""); code != http.StatusUnauthorized {
		t.Errorf("no credentials: %d, want 401", code)
	}

	// WebSocket through the proxy, as Jupyter's kernels and terminals use it.
	wsURL := "ws" + strings.TrimPrefix(srv.URL, "http") + nb.Status.URL + "api/kernels/k1/ws"
	cfg, err := websocket.NewConfig(wsURL, srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	cfg.Header.Set("Authorization", "Bearer "+token[e.user()])
	ws, err := websocket.DialConfig(cfg)
	if err != nil {
		t.Fatalf("websocket through the proxy: %v", err)
	}
	defer ws.Close()
	if err := websocket.Message.Send(ws, "print(42)"); err != nil {
		t.Fatal(err)
	}
	var echo string
	_ = ws.SetDeadline(time.Now().Add(5 * time.Second))
	if err := websocket.Message.Receive(ws, &echo); err != nil || echo != "print(42)" {
		t.Errorf("websocket echo = %q, %v", echo, err)
	}
	cfg.Header.Set("Authorization", "Bearer "+token["bob-"+suffix])
	if _, err := websocket.DialConfig(cfg); err == nil {
		t.Error("another user opened a websocket to the notebook")
	}

	// A stopped notebook is not reachable.
	nb.Spec.Stopped = true
	if err := framework.Client().Update(ctx, nb); err != nil {
		t.Fatal(err)
	}
	waitPhase(t, nb, v1beta1.NotebookStopped, 30*time.Second)
	if code, body, _ := request(srv, e.user(), ""); code != http.StatusServiceUnavailable || !strings.Contains(body, "is not running") {
		t.Errorf("stopped notebook: %d %s", code, body)
	}
}

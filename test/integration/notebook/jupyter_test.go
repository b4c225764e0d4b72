package notebook_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
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
	"github.com/primehub/primehub/internal/hop"
	"github.com/primehub/primehub/internal/proxy"
	"github.com/primehub/primehub/test/framework"
)

// users are real credentials: personal API tokens of alice (the owner), bob and an admin.
type users struct {
	token map[string]string
	authn *auth.Authenticator
	admin string
}

func (e *env) users(t *testing.T) *users {
	t.Helper()
	ctx := context.Background()
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
	u := &users{token: map[string]string{}, admin: "root-" + e.ns[len("test-"):]}
	if _, err := e.dir.CreateUser(ctx, directory.User{Username: u.admin, Admin: true}); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = e.dir.DeleteUser(ctx, u.admin) })
	for _, name := range []string{e.user(), e.bob(), u.admin} {
		tok, _, err := tokens.Create(ctx, name, "proxy test")
		if err != nil {
			t.Fatal(err)
		}
		u.token[name] = tok
	}
	u.authn = auth.New(auth.Options{Directory: e.dir, Tokens: tokens, Log: logr.Discard()})
	return u
}

func (e *env) bob() string { return "bob-" + e.ns[len("test-"):] }

// serveProxy serves the notebook proxy as primehub serve does, with the cluster's caches
// read directly (they answer the same).
func (e *env) serveProxy(t *testing.T, u *users, adminAccess bool, activity *proxy.Activity) *httptest.Server {
	t.Helper()
	p := &proxy.Proxy{Reader: framework.Client(), Tokens: e.tokens, Gate: proxy.NewGate(hop.Gate{Bearer: u.authn.Authenticate}),
		AdminAccess: adminAccess, Activity: activity, Log: logr.Discard()}
	mux := http.NewServeMux()
	mux.Handle(proxy.Prefix, p)
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	// Browsers' sockets and changes must come from the notebooks' origin: the server's.
	p.Gate.Origin = srv.URL
	return srv
}

// call sends a request as a browser of srv would (its Origin), with token as the user's
// Bearer credentials when not empty; it answers the status and body.
func call(t *testing.T, method, url, origin, token string, body any) (int, []byte) {
	t.Helper()
	var r io.Reader
	if body != nil {
		data, _ := json.Marshal(body)
		r = bytes.NewReader(data)
	}
	req, err := http.NewRequest(method, url, r)
	if err != nil {
		t.Fatal(err)
	}
	if origin != "" {
		req.Header.Set("Origin", origin)
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := (&http.Client{Timeout: 30 * time.Second, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}).Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	data, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, data
}

// startKernel starts a Python kernel over Jupyter's REST API through the proxy.
func startKernel(t *testing.T, srv *httptest.Server, nb *v1beta1.Notebook, token string) string {
	t.Helper()
	code, body := call(t, http.MethodPost, srv.URL+nb.Status.URL+"api/kernels", srv.URL, token, map[string]string{"name": "python3"})
	if code != http.StatusCreated {
		t.Fatalf("start a kernel: %d %s", code, body)
	}
	var k struct{ ID string }
	if err := json.Unmarshal(body, &k); err != nil || k.ID == "" {
		t.Fatalf("kernel %s: %v", body, err)
	}
	return k.ID
}

// kernelSocket opens the kernel's channels WebSocket through the proxy, as the browser does.
func kernelSocket(srv *httptest.Server, nb *v1beta1.Notebook, kernel, token string) (*websocket.Conn, error) {
	return kernelSocketFrom(srv, nb, kernel, token, srv.URL)
}

// kernelSocketFrom opens the kernel's WebSocket as a page of origin would.
func kernelSocketFrom(srv *httptest.Server, nb *v1beta1.Notebook, kernel, token, origin string) (*websocket.Conn, error) {
	url := "ws" + strings.TrimPrefix(srv.URL, "http") + nb.Status.URL + "api/kernels/" + kernel + "/channels?session_id=test"
	cfg, err := websocket.NewConfig(url, origin)
	if err != nil {
		return nil, err
	}
	cfg.Header.Set("Authorization", "Bearer "+token)
	return websocket.DialConfig(cfg)
}

type message struct {
	Header       map[string]any `json:"header"`
	ParentHeader map[string]any `json:"parent_header"`
	Metadata     map[string]any `json:"metadata"`
	Content      map[string]any `json:"content"`
	Channel      string         `json:"channel"`
	Buffers      []any          `json:"buffers"`
	MsgType      string         `json:"msg_type,omitempty"`
}

// execute sends code to the kernel on its shell channel and answers the message id.
func execute(t *testing.T, ws *websocket.Conn, code string) string {
	t.Helper()
	id := fmt.Sprintf("exec-%d", time.Now().UnixNano())
	msg := message{
		Header: map[string]any{"msg_id": id, "msg_type": "execute_request", "username": "test", "session": "test",
			"date": time.Now().UTC().Format(time.RFC3339), "version": "5.3"},
		ParentHeader: map[string]any{}, Metadata: map[string]any{}, Channel: "shell", Buffers: []any{},
		Content: map[string]any{"code": code, "silent": false, "store_history": true, "user_expressions": map[string]any{},
			"allow_stdin": false, "stop_on_error": true},
	}
	if err := websocket.JSON.Send(ws, msg); err != nil {
		t.Fatalf("send %q: %v", code, err)
	}
	return id
}

// output reads the kernel's messages until the stdout of the request id, and answers it.
func output(t *testing.T, ws *websocket.Conn, id string, timeout time.Duration) string {
	t.Helper()
	_ = ws.SetDeadline(time.Now().Add(timeout))
	var out strings.Builder
	for {
		var m message
		if err := websocket.JSON.Receive(ws, &m); err != nil {
			t.Fatalf("read the kernel's output (so far %q): %v", out.String(), err)
		}
		if m.ParentHeader["msg_id"] != id || m.Channel != "iopub" {
			continue
		}
		switch m.Header["msg_type"] {
		case "stream":
			out.WriteString(fmt.Sprint(m.Content["text"]))
		case "error":
			t.Fatalf("the kernel failed: %v", m.Content)
		case "status":
			if m.Content["execution_state"] == "idle" {
				return out.String()
			}
		}
	}
}

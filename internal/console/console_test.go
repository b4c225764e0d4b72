package console

import (
	"compress/gzip"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/primehub/primehub/internal/appproxy"
	"github.com/primehub/primehub/internal/auth"
	"github.com/primehub/primehub/internal/hop"
	"github.com/primehub/primehub/internal/proxy"
)

func TestFiles(t *testing.T) {
	app := fstest.MapFS{
		"index.html":           {Data: []byte("<html>app</html>")},
		"assets/index-abc.js":  {Data: []byte("console.log(1)")},
		"favicon.svg":          {Data: []byte("<svg/>")},
		"assets/index-abc.css": {Data: []byte("body{}")},
	}
	tests := []struct {
		path, body, cache, contentType string
		code                           int
	}{
		{"/console/", "<html>app</html>", "no-cache", "text/html; charset=utf-8", 200},
		{"/console/admin/users", "<html>app</html>", "no-cache", "text/html; charset=utf-8", 200},
		{"/console/assets", "<html>app</html>", "no-cache", "text/html; charset=utf-8", 200},
		{"/console/assets/index-abc.js", "console.log(1)", "public, max-age=31536000, immutable", "text/javascript; charset=utf-8", 200},
		{"/console/favicon.svg", "<svg/>", "no-cache", "image/svg+xml", 200},
		{"/console/assets/gone-123.js", "404 page not found\n", "", "text/plain; charset=utf-8", 404},
	}
	h := files(app)
	for _, tt := range tests {
		w := httptest.NewRecorder()
		h.ServeHTTP(w, httptest.NewRequest(http.MethodGet, tt.path, nil))
		if w.Code != tt.code || w.Body.String() != tt.body || w.Header().Get("Cache-Control") != tt.cache || w.Header().Get("Content-Type") != tt.contentType {
			t.Errorf("GET %s = %d %q cache %q type %q; want %d %q cache %q type %q", tt.path, w.Code, w.Body.String(),
				w.Header().Get("Cache-Control"), w.Header().Get("Content-Type"), tt.code, tt.body, tt.cache, tt.contentType)
		}
	}
}

func TestAssetsGzipped(t *testing.T) {
	js := strings.Repeat("console.log('primehub');\n", 100)
	h := files(fstest.MapFS{"assets/app-1.js": {Data: []byte(js)}})
	r := httptest.NewRequest(http.MethodGet, "/console/assets/app-1.js", nil)
	r.Header.Set("Accept-Encoding", "gzip, deflate, br")
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	if w.Header().Get("Content-Encoding") != "gzip" || w.Header().Get("Content-Type") != "text/javascript; charset=utf-8" {
		t.Fatalf("headers %v", w.Header())
	}
	zr, err := gzip.NewReader(w.Body)
	if err != nil {
		t.Fatal(err)
	}
	got, err := io.ReadAll(zr)
	if err != nil || string(got) != js {
		t.Errorf("gunzipped body = %q, %v", got, err)
	}
}

// Whether or not the app is built, the console answers HTML at its root.
func TestHandlerServesAnIndex(t *testing.T) {
	w := httptest.NewRecorder()
	Handler(Options{}).ServeHTTP(w, httptest.NewRequest(http.MethodGet, "/console/notebooks", nil))
	if w.Code != http.StatusOK || !strings.Contains(w.Body.String(), "<html") {
		t.Errorf("GET /console/notebooks = %d %q", w.Code, w.Body.String())
	}
}

func TestConfig(t *testing.T) {
	w := httptest.NewRecorder()
	Handler(Options{Issuer: "https://id.example.com/realms/primehub", ClientID: "primehub", NotebookURL: "https://notebooks.example/", AppURL: "https://apps.example/"}).
		ServeHTTP(w, httptest.NewRequest(http.MethodGet, "/console/config.json", nil))
	var got map[string]string
	if err := json.Unmarshal(w.Body.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	if got["issuer"] != "https://id.example.com/realms/primehub" || got["clientId"] != "primehub" || got["notebookUrl"] != "https://notebooks.example" ||
		got["appUrl"] != "https://apps.example" {
		t.Errorf("config = %v", got)
	}
}

func TestNotebookTicket(t *testing.T) {
	h := Handler(Options{
		NotebookURL: "https://notebooks.example/",
		Gates:       []*hop.Gate{proxy.NewGate(hop.Gate{Sessions: hop.NewSessions([]byte("key")), Origin: "https://notebooks.example"})},
		Authenticate: func(r *http.Request) (*auth.Identity, error) {
			switch r.Header.Get("Authorization") {
			case "Bearer idtoken":
				return &auth.Identity{Username: "alice", Method: auth.MethodIDToken}, nil
			case "Bearer phat_token":
				return &auth.Identity{Username: "alice", Method: auth.MethodAPIToken}, nil
			}
			return nil, fmt.Errorf("%w: no token", auth.ErrUnauthenticated)
		},
	})
	post := func(authorization, body string) *httptest.ResponseRecorder {
		r := httptest.NewRequest(http.MethodPost, "/console/notebook-ticket", strings.NewReader(body))
		r.Header.Set("Authorization", authorization)
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		return w
	}

	w := post("Bearer idtoken", `{"state": "s1", "redirect": "/notebook/ns/nb/tree"}`)
	if w.Code != http.StatusOK {
		t.Fatalf("POST notebook-ticket = %d: %s", w.Code, w.Body)
	}
	var got struct{ URL string }
	if err := json.Unmarshal(w.Body.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	u, err := url.Parse(got.URL)
	if err != nil || u.Scheme+"://"+u.Host != "https://notebooks.example" || u.Path != "/notebook/_session" || u.Query().Get("ticket") == "" {
		t.Errorf("ticket URL %q", got.URL)
	}
	if len(w.Result().Cookies()) != 0 {
		t.Errorf("the console set cookies: %v", w.Result().Cookies())
	}
	for name, w := range map[string]*httptest.ResponseRecorder{
		"an API token":   post("Bearer phat_token", `{"state": "s1", "redirect": "/notebook/ns/nb/"}`),
		"no token":       post("", `{"state": "s1", "redirect": "/notebook/ns/nb/"}`),
		"not a notebook": post("Bearer idtoken", `{"state": "s1", "redirect": "/console/"}`),
		"another site":   post("Bearer idtoken", `{"state": "s1", "redirect": "//evil.example/notebook/ns/nb/"}`),
		"no state":       post("Bearer idtoken", `{"redirect": "/notebook/ns/nb/"}`),
		"not JSON":       post("Bearer idtoken", `state=s1`),
	} {
		if w.Code == http.StatusOK || strings.Contains(w.Body.String(), "ticket=") {
			t.Errorf("%s: %d %s", name, w.Code, w.Body)
		}
	}
}

func TestSameOriginPath(t *testing.T) {
	for target, want := range map[string]bool{
		"/console/":                 true,
		"/notebook/ns/nb/lab?x=1#a": true,
		"/console/jobs?page=2":      true,
		"/a b":                      true,
		"":                          false,
		"console/":                  false,
		"//evil.example.com":        false,
		"/\t/evil.example.com":      false,
		"/\n/evil.example.com":      false,
		"/\\evil.example.com":       false,
		"/x\\y":                     false,
		"https://evil.example.com/": false,
		"javascript:alert(1)":       false,
		" /console/":                false,
		"/\x7f/evil.example.com":    false,
		"/%09/evil.example.com":     true, // stays encoded: a path segment, not a host
		"/console/\u00a0/x":         true,
	} {
		if got := SameOriginPath(target); got != want {
			t.Errorf("SameOriginPath(%q) = %v, want %v", target, got, want)
		}
	}
}

func TestLoginPageRefusesOffSiteRedirects(t *testing.T) {
	h := Handler(Options{})
	for target, code := range map[string]int{
		"/console/login": 200,
		"/console/login?redirect=%2Fnotebook%2Fns%2Fnb%2F":    200,
		"/console/login?redirect=%2F%09%2Fevil.example.com":   400,
		"/console/login?redirect=%2Fa&redirect=%2F%2Fevil.ex": 400,
		"/console/login?redirect=":                            400,
	} {
		w := httptest.NewRecorder()
		h.ServeHTTP(w, httptest.NewRequest(http.MethodGet, target, nil))
		if w.Code != code {
			t.Errorf("GET %s = %d %s, want %d", target, w.Code, w.Body.String(), code)
		}
	}
}

// An application's path gets a ticket for the applications' origin, which the notebooks'
// origin does not take, and a notebook's path one for the notebooks'.
func TestAppTicket(t *testing.T) {
	h := Handler(Options{
		NotebookURL: "https://notebooks.example", AppURL: "https://apps.example",
		Gates: []*hop.Gate{
			proxy.NewGate(hop.Gate{Sessions: hop.NewSessions([]byte("key")), Origin: "https://notebooks.example"}),
			appproxy.NewGate(hop.Gate{Sessions: hop.NewSessions([]byte("key")), Origin: "https://apps.example"}),
		},
		Authenticate: func(*http.Request) (*auth.Identity, error) {
			return &auth.Identity{Username: "alice", Method: auth.MethodIDToken}, nil
		},
	})
	for redirect, want := range map[string]string{
		"/app/mlflow-x/runs":  "https://apps.example/app/_session",
		"/notebook/ns/nb/lab": "https://notebooks.example/notebook/_session",
	} {
		w := httptest.NewRecorder()
		h.ServeHTTP(w, httptest.NewRequest(http.MethodPost, "/console/notebook-ticket", strings.NewReader(`{"state": "s1", "redirect": "`+redirect+`"}`)))
		var got struct{ URL string }
		if err := json.Unmarshal(w.Body.Bytes(), &got); err != nil || !strings.HasPrefix(got.URL, want+"?ticket=") {
			t.Errorf("%s: %d %s, want a ticket URL at %s", redirect, w.Code, w.Body, want)
		}
	}
}

// Package console serves the web console (the React app in web/, built by Vite) at
// /console/, its runtime configuration, and the tickets that let a logged-in browser into
// its notebooks, on the notebooks' own origin.
//
// The app is embedded from static/dist, which `make web` writes and git ignores. A clean
// clone has only the committed static/placeholder.html, so the embed pattern always
// matches and `go build`/`go vet` work before npm ever runs; such a binary answers every
// console page with the placeholder, which says how to build the console.
package console

import (
	"bytes"
	"compress/gzip"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"strings"
	"sync"
	"time"

	"github.com/go-logr/logr"

	"github.com/primehub/primehub/internal/auth"
	"github.com/primehub/primehub/internal/hop"
)

// Prefix is where the console is served; its client routes live under it too.
const Prefix = "/console/"

//go:embed all:static
var static embed.FS

// Options configure the console's handler.
type Options struct {
	// Issuer is the OpenID issuer the console logs in through; ClientID its public client.
	Issuer, ClientID string
	// NotebookURL and AppURL are the notebooks' and the applications' origins, which the
	// app links them to (AppURL empty: applications' web UIs are not served).
	NotebookURL, AppURL string
	// Gates are the ways in to the origins of their own (notebooks', applications'): the
	// console signs the tickets a browser takes there.
	Gates []*hop.Gate
	// Authenticate answers who a request's Bearer token stands for.
	Authenticate func(r *http.Request) (*auth.Identity, error)
	Log          logr.Logger
}

// Handler serves everything under Prefix.
func Handler(o Options) http.Handler {
	app, err := fs.Sub(static, "static/dist")
	if err == nil {
		_, err = fs.Stat(app, "index.html")
	}
	if err != nil {
		// Not built: serve the placeholder for every page.
		app, _ = fs.Sub(static, "static")
		app = placeholderFS{app}
	}
	mux := http.NewServeMux()
	mux.Handle("GET "+Prefix, files(app))
	mux.Handle("GET "+Prefix+"login", loginPage(files(app)))
	mux.HandleFunc("GET "+Prefix+"config.json", o.config)
	mux.HandleFunc("POST "+Prefix+"notebook-ticket", o.notebookTicket)
	return mux
}

// files serves the built app. Vite names everything under assets/ by its content hash, so
// those are cached for a year; index.html is revalidated each time so a new release is
// picked up at once. A path without an extension is a client route and gets index.html;
// a missing file with one (a stale asset) gets a 404, not HTML the browser would misread.
func files(app fs.FS) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		name := strings.TrimPrefix(r.URL.Path, Prefix)
		data, err := fs.ReadFile(app, name)
		if err != nil && path.Ext(name) == "" {
			name = "index.html"
			data, err = fs.ReadFile(app, name)
		}
		if err != nil {
			http.NotFound(w, r)
			return
		}
		if strings.HasPrefix(name, "assets/") {
			w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
			w.Header().Add("Vary", "Accept-Encoding")
			if strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") {
				w.Header().Set("Content-Type", mime.TypeByExtension(path.Ext(name)))
				w.Header().Set("Content-Encoding", "gzip")
				data = gzipped(name, data)
			}
		} else {
			w.Header().Set("Cache-Control", "no-cache")
		}
		if name == "index.html" {
			// The console is never framed, so another site cannot overlay it.
			w.Header().Set("X-Frame-Options", "DENY")
		}
		http.ServeContent(w, r, name, time.Time{}, bytes.NewReader(data))
	})
}

// compressedAssets holds each asset gzipped once, on its first request: the app's script
// is 1.3 MB, 0.4 MB gzipped, and browsers keep it for a year after.
var compressedAssets sync.Map // name → func() []byte

func gzipped(name string, data []byte) []byte {
	f, _ := compressedAssets.LoadOrStore(name, sync.OnceValue(func() []byte {
		var buf bytes.Buffer
		zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
		_, _ = zw.Write(data)
		_ = zw.Close()
		return buf.Bytes()
	}))
	return f.(func() []byte)()
}

// placeholderFS answers placeholder.html for index.html.
type placeholderFS struct{ fs.FS }

func (p placeholderFS) Open(name string) (fs.File, error) {
	if name == "index.html" {
		name = "placeholder.html"
	}
	return p.FS.Open(name)
}

// config tells the app where to log in, so one build works with the embedded issuer and
// with Keycloak alike.
func (o Options) config(w http.ResponseWriter, _ *http.Request) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	_ = json.NewEncoder(w).Encode(map[string]string{"issuer": o.Issuer, "clientId": o.ClientID, "notebookUrl": strings.TrimSuffix(o.NotebookURL, "/"),
		"appUrl": strings.TrimSuffix(o.AppURL, "/")})
}

// notebookTicket gives the browser of a logged-in user the ticket that opens a notebook
// (or an application) on its own origin (package hop), for the login that origin
// started in this browser. The console's own tokens never go there.
func (o Options) notebookTicket(w http.ResponseWriter, r *http.Request) {
	id, err := o.Authenticate(r)
	if err != nil {
		if errors.Is(err, auth.ErrUnauthenticated) {
			http.Error(w, "unauthorized", http.StatusUnauthorized)
			return
		}
		o.Log.Error(err, "authenticate")
		http.Error(w, "authentication unavailable", http.StatusServiceUnavailable)
		return
	}
	if id.Method != auth.MethodIDToken {
		// An API token makes no browser sessions: it is a credential of its own.
		http.Error(w, "a notebook ticket needs the console's login (an id_token)", http.StatusForbidden)
		return
	}
	var req struct {
		State    string `json:"state"`
		Redirect string `json:"redirect"`
	}
	if err := json.NewDecoder(io.LimitReader(r.Body, 8<<10)).Decode(&req); err != nil {
		http.Error(w, "the body must be JSON: {\"state\": ..., \"redirect\": ...}", http.StatusBadRequest)
		return
	}
	for _, g := range o.Gates {
		if _, ok := g.Base(req.Redirect); !ok {
			continue
		}
		ticketURL, err := g.TicketURL(id.Username, id.Generation, req.State, req.Redirect)
		if err != nil {
			http.Error(w, "no ticket: "+err.Error(), http.StatusBadRequest)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Cache-Control", "no-store")
		_ = json.NewEncoder(w).Encode(map[string]string{"url": ticketURL})
		return
	}
	http.Error(w, fmt.Sprintf("no ticket: %q is the path of no notebook or application", req.Redirect), http.StatusBadRequest)
}

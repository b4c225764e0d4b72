package serve

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"github.com/spf13/pflag"
	ctrl "sigs.k8s.io/controller-runtime"
	"sigs.k8s.io/controller-runtime/pkg/client"

	"github.com/primehub/primehub/internal/appproxy"
	"github.com/primehub/primehub/internal/console"
	"github.com/primehub/primehub/internal/controller/app"
	"github.com/primehub/primehub/internal/controller/notebook"
	"github.com/primehub/primehub/internal/launch"
	"github.com/primehub/primehub/internal/server"
)

// AppOptions are the flags of applications.
type AppOptions struct {
	// URL is the applications' own origin; Addr another address to serve it on.
	URL, Addr string
}

func addAppFlags(f *pflag.FlagSet, o *AppOptions) {
	f.StringVar(&o.URL, "app-url", "", "the applications' own origin, such as https://apps.primehub.example: a host other than "+
		"--external-url's and --notebook-url's, so that an application's pages reach neither the console's tokens nor users' notebooks "+
		"(empty: applications run, and their web UIs are not served)")
	f.StringVar(&o.Addr, "app-addr", "", "another address to serve --app-url on, when it does not reach --http-addr")
}

// appFront is where browsers reach applications, and what signs their way in; the
// console hands out the tickets. Empty when applications' web UIs are not served.
type appFront struct {
	URL      string
	Sessions *appproxy.Sessions
}

// setupApps runs the application controller and serves applications' web UIs on their
// own origin. Browsers' sessions are signed with a key derived from the platform's
// notebook key, which direct reads (or makes) now.
func setupApps(ctx context.Context, mgr ctrl.Manager, direct client.Client, o Options, id *Identity, launcher *launch.Launcher, srv *server.Server) (appFront, error) {
	proxies, err := o.Notebook.proxies(o.Namespace)
	if err != nil {
		return appFront{}, err
	}
	external := o.Identity.withDefaults(o.HTTPAddr).ExternalURL
	r := &app.Reconciler{
		Client:   mgr.GetClient(),
		Launcher: launcher,
		Platform: app.Platform{URL: external, ProxyNamespace: proxies.Namespace, ProxyPods: proxies.Pods},
		Recorder: mgr.GetEventRecorder("phapplication"),
	}
	if err := r.SetupWithManager(mgr); err != nil {
		return appFront{}, fmt.Errorf("application controller: %w", err)
	}
	if o.App.URL == "" {
		srv.Handle(app.Prefix, http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
			http.Error(w, "applications' web UIs are served on their own origin, and none is set (--app-url)", http.StatusNotFound)
		}))
		return appFront{}, nil
	}
	u, err := o.App.origin(external, o.Notebook.URL)
	if err != nil {
		return appFront{}, err
	}
	if o.App.Addr != "" {
		if err := srv.Listen(o.App.Addr, "--app-addr"); err != nil {
			return appFront{}, err
		}
	}
	tokens, err := notebook.LoadTokens(ctx, direct, o.Namespace)
	if err != nil {
		return appFront{}, err
	}
	front := appFront{URL: u.Scheme + "://" + u.Host, Sessions: appproxy.NewSessions(tokens.Key("app-sessions"))}
	p := &appproxy.Proxy{
		Reader:       mgr.GetClient(),
		Namespace:    o.Namespace,
		Authenticate: id.Authenticator.Authenticate,
		Sessions:     front.Sessions,
		Identify:     id.Authenticator.Identify,
		Origin:       front.URL,
		Secure:       u.Scheme == "https",
		LoginURL:     strings.TrimSuffix(external, "/") + console.Prefix + "notebook-login",
		Log:          mgr.GetLogger().WithName("app-proxy"),
	}
	srv.HandleStreaming(u.Hostname()+app.Prefix, p)
	srv.Handle(u.Hostname()+"/", http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		http.Error(w, "this origin serves applications only, under "+app.Prefix, http.StatusNotFound)
	}))
	srv.Handle(app.Prefix, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, front.URL+r.URL.RequestURI(), http.StatusFound)
	}))
	return front, nil
}

// origin checks --app-url: an origin of its own, on a host neither the console's
// (external) nor the notebooks' shares, https when the console is.
func (o AppOptions) origin(external, notebookURL string) (*url.URL, error) {
	u, err := url.Parse(o.URL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || strings.Trim(u.Path, "/") != "" || u.RawQuery != "" {
		return nil, fmt.Errorf("--app-url must be an origin such as https://apps.primehub.example, not %q", o.URL)
	}
	for _, other := range []struct{ flag, url string }{{"--external-url", external}, {"--notebook-url", notebookURL}} {
		if ou, err := url.Parse(other.url); err == nil && other.url != "" && strings.EqualFold(ou.Hostname(), u.Hostname()) {
			return nil, fmt.Errorf("--app-url's host must not be %s's (%s): browsers share cookies between the ports of a host", other.flag, u.Hostname())
		}
	}
	if strings.HasPrefix(external, "https://") && u.Scheme != "https" {
		return nil, fmt.Errorf("--app-url must be https, as --external-url is")
	}
	return u, nil
}

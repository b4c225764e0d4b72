package serve

import (
	"fmt"
	"net/http"

	"github.com/spf13/pflag"
	ctrl "sigs.k8s.io/controller-runtime"

	"github.com/primehub/primehub/internal/appproxy"
	"github.com/primehub/primehub/internal/controller/app"
	"github.com/primehub/primehub/internal/hop"
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

// appFront is where browsers reach applications, and their way in; the console hands
// out the tickets. Empty when applications' web UIs are not served.
type appFront struct {
	URL  string
	Gate *hop.Gate
}

// setupApps runs the application controller and serves applications' web UIs on their
// own origin. Browsers' sessions are signed with a key derived from the platform's
// notebook key.
func setupApps(mgr ctrl.Manager, o Options, id *Identity, launcher *launch.Launcher, srv *server.Server, w workloads) (appFront, error) {
	proxies := w.proxies
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
	u, err := ownOrigin("--app-url", o.App.URL, taken{"--external-url", external}, taken{"--notebook-url", o.Notebook.URL})
	if err != nil {
		return appFront{}, err
	}
	front := appFront{URL: u.String(), Gate: appproxy.NewGate(gate(u.String(), w.tokens.Key("app-sessions"), external, id))}
	p := &appproxy.Proxy{
		Reader:    mgr.GetClient(),
		Namespace: o.Namespace,
		Gate:      front.Gate,
		Log:       mgr.GetLogger().WithName("app-proxy"),
	}
	return front, serveOnOrigin(srv, u, o.App.Addr, "--app-addr", app.Prefix, "applications", p)
}

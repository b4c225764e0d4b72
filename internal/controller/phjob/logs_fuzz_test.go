package phjob

import (
	"net/http/httptest"
	"strings"
	"testing"
)

// FuzzLogRequest: a log request's path names one job (a namespace and a name without
// slashes) or nothing, and its options are read or refused; neither panics.
func FuzzLogRequest(f *testing.F) {
	f.Add("/api/logs/namespaces/primehub/phjobs/job-1", "follow=true&tailLines=10")
	f.Add("/api/logs/namespaces//phjobs/x", "tailLines=-1")
	f.Fuzz(func(t *testing.T, path, query string) {
		if ns, name, ok := logPath(path); ok {
			if ns == "" || name == "" || strings.Contains(ns, "/") || strings.Contains(name, "/") ||
				path != LogsPrefix+"namespaces/"+ns+"/phjobs/"+name {
				t.Errorf("logPath(%q) = %q, %q", path, ns, name)
			}
		}
		r := httptest.NewRequest("GET", "/", nil)
		r.URL.RawQuery = query
		opts, err := logOptions(r)
		if err == nil && opts.TailLines != nil && *opts.TailLines < 0 {
			t.Errorf("logOptions(%q): tailLines %d", query, *opts.TailLines)
		}
	})
}

package proxy

import (
	"strings"
	"testing"
)

// FuzzParse: a proxied path names one notebook (a namespace and a name without slashes,
// the name followed by a slash or the end) or none.
func FuzzParse(f *testing.F) {
	f.Add("/notebook/primehub/nb-1/lab?x=1")
	f.Add("/notebook//x/")
	f.Fuzz(func(t *testing.T, path string) {
		ns, name, ok := parse(path)
		if !ok {
			return
		}
		rest := strings.TrimPrefix(path, Prefix+ns+"/"+name)
		if ns == "" || name == "" || strings.Contains(ns, "/") || strings.Contains(name, "/") ||
			!strings.HasPrefix(path, Prefix+ns+"/"+name) || (rest != "" && rest[0] != '/') {
			t.Errorf("parse(%q) = %q, %q", path, ns, name)
		}
	})
}

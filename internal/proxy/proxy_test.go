package proxy

import (
	"net/http"
	"net/http/httptest"
	"testing"
)

func TestParse(t *testing.T) {
	tests := []struct {
		path     string
		ns, name string
		ok       bool
	}{
		{"/notebook/primehub/nb1/", "primehub", "nb1", true},
		{"/notebook/primehub/nb1/lab/tree/x.ipynb", "primehub", "nb1", true},
		{"/notebook/primehub/nb1", "primehub", "nb1", true},
		{"/notebook/primehub/", "", "", false},
		{"/notebook//nb1/", "", "", false},
		{"/notebooks/primehub/nb1/", "", "", false},
	}
	for _, tt := range tests {
		ns, name, ok := parse(tt.path)
		if ns != tt.ns || name != tt.name || ok != tt.ok {
			t.Errorf("parse(%q) = %q, %q, %v; want %q, %q, %v", tt.path, ns, name, ok, tt.ns, tt.name, tt.ok)
		}
	}
}

func TestPassive(t *testing.T) {
	tests := []struct {
		method, path string
		passive      bool
	}{
		{http.MethodGet, "/notebook/ns/nb/api/kernels", true},
		{http.MethodGet, "/notebook/ns/nb/api/contents/x.ipynb", true},
		{http.MethodHead, "/notebook/ns/nb/api/status", true},
		{http.MethodGet, "/notebook/ns/nb/lab/api/workspaces/default", true},
		{http.MethodGet, "/notebook/ns/nb/tree", false},
		{http.MethodGet, "/notebook/ns/nb/notebooks/api.ipynb", false},
		{http.MethodPut, "/notebook/ns/nb/api/contents/x.ipynb", false},
		{http.MethodPost, "/notebook/ns/nb/api/kernels", false},
		{http.MethodGet, "/notebook/ns/nb/", false},
	}
	for _, tt := range tests {
		r := httptest.NewRequest(tt.method, tt.path, nil)
		if got := passive(r, "ns", "nb"); got != tt.passive {
			t.Errorf("passive(%s %s) = %v, want %v", tt.method, tt.path, got, tt.passive)
		}
	}
}

package proxy

import "testing"

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

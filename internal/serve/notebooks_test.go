package serve

import (
	"strings"
	"testing"
)

func TestNotebookFront(t *testing.T) {
	const external = "https://primehub.example.com"
	tests := []struct {
		name     string
		o        NotebookOptions
		url      string
		separate bool
		err      string
	}{
		{"the console's origin by default", NotebookOptions{}, external, false, ""},
		{"an origin of their own", NotebookOptions{URL: "https://notebooks.example.com/"}, "https://notebooks.example.com", true, ""},
		{"another loopback address and port", NotebookOptions{URL: "https://127.0.0.2:8080"}, "https://127.0.0.2:8080", true, ""},
		{"admins need an origin of their own", NotebookOptions{AdminAccess: true}, "", false, "--admin-notebook-access needs --notebook-url"},
		{"admins with one", NotebookOptions{AdminAccess: true, URL: "https://notebooks.example.com"}, "https://notebooks.example.com", true, ""},
		{"another port of the console's host", NotebookOptions{URL: "https://primehub.example.com:8443"}, "", false, "must not be --external-url's"},
		{"the host in capitals", NotebookOptions{URL: "https://PRIMEHUB.example.com"}, "", false, "must not be --external-url's"},
		{"plain http beside https", NotebookOptions{URL: "http://notebooks.example.com"}, "", false, "must be https"},
		{"a path", NotebookOptions{URL: "https://notebooks.example.com/nb"}, "", false, "must be an origin"},
		{"no scheme", NotebookOptions{URL: "notebooks.example.com"}, "", false, "must be an origin"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := tt.o.front(external)
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Errorf("error %v, want one saying %q", err, tt.err)
				}
				return
			}
			if err != nil || f.URL != tt.url || f.Separate != tt.separate {
				t.Errorf("front = %+v, %v; want %s, separate %t", f, err, tt.url, tt.separate)
			}
		})
	}
}

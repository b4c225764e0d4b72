package serve

import (
	"strings"
	"testing"
)

func TestAppOrigin(t *testing.T) {
	const external, notebooks = "https://hub.example", "https://notebooks.example"
	tests := []struct{ url, notebooks, wantErr string }{
		{url: "https://apps.example"},
		{url: "https://apps.example/"},
		{url: "https://apps.example:8443", notebooks: notebooks},
		{url: "https://hub.example:8443", wantErr: "--external-url's"},
		{url: "https://notebooks.example:1", notebooks: notebooks, wantErr: "--notebook-url's"},
		{url: "http://apps.example", wantErr: "must be https"},
		{url: "https://apps.example/path", wantErr: "must be an origin"},
		{url: "apps.example", wantErr: "must be an origin"},
		{url: "https://apps.example/?q=1", wantErr: "must be an origin"},
	}
	for _, tt := range tests {
		u, err := ownOrigin("--app-url", tt.url, taken{"--external-url", external}, taken{"--notebook-url", tt.notebooks})
		switch {
		case tt.wantErr == "" && err != nil:
			t.Errorf("%s: %v", tt.url, err)
		case tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)):
			t.Errorf("%s: %v (%v), want an error with %q", tt.url, u, err, tt.wantErr)
		}
	}
}

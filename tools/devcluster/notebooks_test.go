package main

import (
	"slices"
	"strings"
	"testing"
)

func TestLocalServer(t *testing.T) {
	env := map[string]string{"NB_PREFIX": "/notebook/ns/nb"}
	local := []string{"--ServerApp.ip=127.1.0.5", "--ServerApp.allow_remote_access=True"}
	tests := []struct {
		name          string
		command, args []string
		root          bool
		want          []string
		err           string
	}{
		{"jupyter server as arguments", nil, []string{"jupyter", "server", "--ServerApp.base_url=$(NB_PREFIX)/", "--ServerApp.ip=0.0.0.0"}, false,
			append([]string{localJupyter, "--ServerApp.base_url=/notebook/ns/nb/"}, local...), ""},
		{"instead of the entrypoint, as root", []string{"/opt/conda/bin/jupyter", "lab"}, []string{"--ServerApp.port=8888"}, true,
			append(append([]string{localJupyter, "--ServerApp.port=8888"}, local...), "--allow-root"), ""},
		{"behind a start script", []string{"tini", "--"}, []string{"jupyter-server", "--x"}, false,
			append([]string{localJupyter, "--x"}, local...), ""},
		{"not a Jupyter server", nil, []string{"start-notebook.py"}, false, nil, "no `jupyter server`"},
		{"jupyter notebook is not run", nil, []string{"jupyter", "notebook"}, false, nil, "no `jupyter server`"},
	}
	for _, tt := range tests {
		got, err := localServer(tt.command, tt.args, env, "127.1.0.5", tt.root)
		if tt.err != "" {
			if err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Errorf("%s: error %v, want %q", tt.name, err, tt.err)
			}
			continue
		}
		if err != nil || !slices.Equal(got, tt.want) {
			t.Errorf("%s: %q, %v; want %q", tt.name, got, err, tt.want)
		}
	}
}

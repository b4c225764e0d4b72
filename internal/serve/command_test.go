package serve

import (
	"reflect"
	"strings"
	"testing"
)

func TestFlagsFromEnv(t *testing.T) {
	tests := []struct {
		name string
		args []string
		env  map[string]string
		want Options
	}{
		{
			name: "defaults",
			want: Options{Namespace: "primehub", HTTPAddr: ":8080", MetricsAddr: ":8081", LogFormat: "json"},
		},
		{
			name: "environment fills flags not given",
			env:  map[string]string{"PRIMEHUB_NAMESPACE": "ph", "PRIMEHUB_HTTP_ADDR": "127.0.0.1:9000"},
			want: Options{Namespace: "ph", HTTPAddr: "127.0.0.1:9000", MetricsAddr: ":8081", LogFormat: "json"},
		},
		{
			name: "command line wins over environment",
			args: []string{"--namespace=cli"},
			env:  map[string]string{"PRIMEHUB_NAMESPACE": "env"},
			want: Options{Namespace: "cli", HTTPAddr: ":8080", MetricsAddr: ":8081", LogFormat: "json"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for k, v := range tt.env {
				t.Setenv(k, v)
			}
			var got Options
			cmd := Command()
			cmd.RunE = nil
			if err := cmd.ParseFlags(tt.args); err != nil {
				t.Fatal(err)
			}
			if err := flagsFromEnv(cmd.Flags()); err != nil {
				t.Fatal(err)
			}
			f := cmd.Flags()
			got.Namespace, _ = f.GetString("namespace")
			got.HTTPAddr, _ = f.GetString("http-addr")
			got.MetricsAddr, _ = f.GetString("metrics-addr")
			got.LogFormat, _ = f.GetString("log-format")
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %+v, want %+v", got, tt.want)
			}
		})
	}
}

func TestNewLoggerRejectsUnknownFormat(t *testing.T) {
	if _, err := newLogger("xml"); err == nil || !strings.Contains(err.Error(), `--log-format must be json or console, not "xml"`) {
		t.Fatalf("got %v", err)
	}
}

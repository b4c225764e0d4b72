package summary

import (
	"bytes"
	"os"
	"strings"
	"testing"
)

func TestPass(t *testing.T) {
	for _, tc := range []struct {
		name string
		row  Row
		want bool
	}{
		{"ratio under", Row{Kind: Ratio, Value: 12, AnchorValue: 10, Target: 1.3}, true},
		{"ratio at the target", Row{Kind: Ratio, Value: 13, AnchorValue: 10, Target: 1.3}, true},
		{"ratio over", Row{Kind: Ratio, Value: 14, AnchorValue: 10, Target: 1.3}, false},
		{"ratio without an anchor", Row{Kind: Ratio, Value: 1, Target: 1.3}, false},
		{"over within", Row{Kind: Over, Value: 0.75, AnchorValue: 0.7, Target: 0.1}, true},
		{"over beyond", Row{Kind: Over, Value: 0.85, AnchorValue: 0.7, Target: 0.1}, false},
		{"at most", Row{Kind: AtMost, Value: 88, Target: 200}, true},
		{"above", Row{Kind: AtMost, Value: 201, Target: 200}, false},
	} {
		if got := tc.row.Pass(); got != tc.want {
			t.Errorf("%s: Pass() = %v, want %v", tc.name, got, tc.want)
		}
	}
}

func TestFloor(t *testing.T) {
	// Not into the summary of the `make bench` that runs this package with the file set.
	t.Setenv(EnvFile, "")
	for _, tc := range []struct {
		name   string
		row    Row
		fails  bool
		result string
	}{
		{"met, floor under", Row{Kind: Ratio, Value: 12, AnchorValue: 10, Target: 1.3, Floor: 1.1, FloorAnchor: "direct"}, false, "pass"},
		{"met, floor over", Row{Kind: Ratio, Value: 12, AnchorValue: 10, Target: 1.3, Floor: 1.5, FloorAnchor: "direct"}, false, "pass"},
		{"missed, floor over", Row{Kind: Ratio, Value: 18, AnchorValue: 10, Target: 1.3, Floor: 1.62, FloorAnchor: "direct"}, false, "floor 1.62× > target (direct)"},
		{"missed, floor at the target", Row{Kind: Ratio, Value: 18, AnchorValue: 10, Target: 1.3, Floor: 1.3, FloorAnchor: "direct"}, true, "**FAIL**"},
		{"missed, floor under", Row{Kind: Ratio, Value: 18, AnchorValue: 10, Target: 1.3, Floor: 1.1, FloorAnchor: "direct"}, true, "**FAIL**"},
		{"missed, no floor", Row{Kind: Ratio, Value: 18, AnchorValue: 10, Target: 1.3}, true, "**FAIL**"},
		{"no anchor, floor over", Row{Kind: Ratio, Value: 18, Target: 1.3, Floor: 1.62}, true, "**FAIL**"},
	} {
		r := &recorder{TB: t}
		Record(r, tc.row)
		if r.failed != tc.fails {
			t.Errorf("%s: Record failed the test: %v, want %v", tc.name, r.failed, tc.fails)
		}
		if got := tc.row.Result(); got != tc.result {
			t.Errorf("%s: Result() = %q, want %q", tc.name, got, tc.result)
		}
	}
}

// recorder notes whether Record failed the test, without failing this one.
type recorder struct {
	testing.TB
	failed bool
}

func (r *recorder) Errorf(string, ...any) { r.failed = true }

func TestRecordAndTable(t *testing.T) {
	path := t.TempDir() + "/summary.jsonl"
	t.Setenv(EnvFile, path)
	Record(t, Row{Benchmark: "notebooks", Figure: "all Running", Value: 12, Anchor: "bare pods", AnchorValue: 10, Unit: "s", Kind: Ratio, Target: 1.3})
	Record(t, Row{Benchmark: "notebooks", Figure: "RSS", Value: 88, Unit: "MiB", Kind: AtMost, Target: 200})

	rows := readFile(t, path)
	if len(rows) != 2 || rows[0].Figure != "all Running" || rows[1].Value != 88 {
		t.Fatalf("rows read back: %+v", rows)
	}
	var out bytes.Buffer
	failed, err := Table(&out, append(rows,
		Row{Benchmark: "webhook", Figure: "p99", Value: 8, AnchorValue: 1.5, Anchor: "no-op", Unit: "ms", Kind: Ratio, Target: 1.25},
		Row{Benchmark: "notebooks", Figure: "p50", Value: 18, AnchorValue: 10, Anchor: "bare pods", Unit: "s", Kind: Ratio, Target: 1.3,
			Floor: 1.62, FloorAnchor: "their objects made directly"}))
	if err != nil {
		t.Fatal(err)
	}
	if failed != 1 {
		t.Errorf("%d rows failed, want 1", failed)
	}
	for _, want := range []string{"| notebooks | all Running | 12 s | bare pods: 10 s | 1.20× | ≤ 1.3× | pass |", "| 88 MiB | – |", "5.33× | ≤ 1.25× | **FAIL** |",
		"| notebooks | p50 | 18 s | bare pods: 10 s | 1.80× | ≤ 1.3× | floor 1.62× > target (their objects made directly) |"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("table lacks %q:\n%s", want, out.String())
		}
	}
}

func readFile(t *testing.T, path string) []Row {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := Read(f)
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

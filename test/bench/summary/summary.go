// Package summary collects each benchmark's figures against their targets so that
// `make bench` can end with one table. A benchmark records a Row per target; Record logs
// it, appends it to the file named by PRIMEHUB_BENCH_SUMMARY (when set) and fails the test
// when the target is missed, after the figure is on record.
package summary

import (
	"encoding/json"
	"fmt"
	"os"
	"testing"
)

// EnvFile names the file rows are appended to, one JSON object a line.
const EnvFile = "PRIMEHUB_BENCH_SUMMARY"

// Kind is how a figure is held against its target.
type Kind string

const (
	// Ratio: Value / Anchor ≤ Target.
	Ratio Kind = "ratio"
	// Over: Value − Anchor ≤ Target (the same unit as the figures).
	Over Kind = "over"
	// AtMost: Value ≤ Target; the anchor, if any, is shown for context.
	AtMost Kind = "at most"
)

// Row is one figure of one benchmark, its anchor measured in the same run, and its target.
type Row struct {
	Benchmark string  `json:"benchmark"`
	Figure    string  `json:"figure"`
	Value     float64 `json:"value"`
	// Anchor names the cheapest way to do the same work, measured in the same run.
	Anchor      string  `json:"anchor,omitempty"`
	AnchorValue float64 `json:"anchorValue,omitempty"`
	Unit        string  `json:"unit"`
	Kind        Kind    `json:"kind"`
	Target      float64 `json:"target"`
	// Floor, when set, is the measure of the cheapest way to do the work as designed (the
	// design's floor, named by FloorAnchor), against the same anchor: a figure whose floor
	// is itself above the target cannot meet it, and is shown so rather than failed.
	Floor       float64 `json:"floor,omitempty"`
	FloorAnchor string  `json:"floorAnchor,omitempty"`
}

// Measure is what the target compares: the ratio, the difference or the value itself.
func (r Row) Measure() float64 {
	switch r.Kind {
	case Ratio:
		if r.AnchorValue == 0 {
			return 0
		}
		return r.Value / r.AnchorValue
	case Over:
		return r.Value - r.AnchorValue
	default:
		return r.Value
	}
}

// Pass tells whether the figure meets its target.
func (r Row) Pass() bool {
	if r.Kind == Ratio && r.AnchorValue == 0 {
		return false
	}
	return r.Measure() <= r.Target
}

// AtFloor tells whether the figure misses its target because its floor is above it. A
// ratio without its anchor measured is a failure whatever its floor.
func (r Row) AtFloor() bool {
	measured := r.Kind != Ratio || r.AnchorValue != 0
	return measured && !r.Pass() && r.Floor != 0 && r.Floor > r.Target
}

// Result is the verdict as the table shows it: pass, FAIL, or the floor above the target.
func (r Row) Result() string {
	switch {
	case r.Pass():
		return "pass"
	case r.AtFloor():
		return fmt.Sprintf("floor %s > target (%s)", r.measureText(r.Floor), r.FloorAnchor)
	default:
		return "**FAIL**"
	}
}

// TargetText is the target as the table shows it.
func (r Row) TargetText() string {
	switch r.Kind {
	case Ratio:
		return fmt.Sprintf("≤ %g×", r.Target)
	case Over:
		return fmt.Sprintf("≤ +%g %s", r.Target, r.Unit)
	default:
		return fmt.Sprintf("≤ %g %s", r.Target, r.Unit)
	}
}

// MeasureText is the measure as the table shows it.
func (r Row) MeasureText() string { return r.measureText(r.Measure()) }

func (r Row) measureText(m float64) string {
	switch r.Kind {
	case Ratio:
		return fmt.Sprintf("%.2f×", m)
	case Over:
		return fmt.Sprintf("%+.3g %s", m, r.Unit)
	default:
		return fmt.Sprintf("%.3g %s", m, r.Unit)
	}
}

// Record logs the row, appends it to the summary file and fails t when the target is missed,
// unless the row's floor is above it.
func Record(t testing.TB, r Row) {
	t.Helper()
	t.Logf("%s: %s %.4g %s (anchor %s %.4g): %s, target %s: %s",
		r.Benchmark, r.Figure, r.Value, r.Unit, r.Anchor, r.AnchorValue, r.MeasureText(), r.TargetText(), r.Result())
	if path := os.Getenv(EnvFile); path != "" {
		if err := appendRow(path, r); err != nil {
			t.Errorf("summary: %v", err)
		}
	}
	if !r.Pass() && !r.AtFloor() {
		t.Errorf("%s: %s is %s, target %s", r.Benchmark, r.Figure, r.MeasureText(), r.TargetText())
	}
}

func appendRow(path string, r Row) error {
	b, err := json.Marshal(r)
	if err != nil {
		return err
	}
	f, err := os.OpenFile(path, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
	if err != nil {
		return fmt.Errorf("open %s: %w", path, err)
	}
	if _, err := f.Write(append(b, '\n')); err != nil {
		f.Close()
		return fmt.Errorf("write %s: %w", path, err)
	}
	return f.Close()
}

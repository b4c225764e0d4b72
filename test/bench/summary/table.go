package summary

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"strings"
)

// Read parses the rows of a summary file.
func Read(r io.Reader) ([]Row, error) {
	var rows []Row
	sc := bufio.NewScanner(r)
	for n := 1; sc.Scan(); n++ {
		if strings.TrimSpace(sc.Text()) == "" {
			continue
		}
		var row Row
		if err := json.Unmarshal(sc.Bytes(), &row); err != nil {
			return nil, fmt.Errorf("line %d: %w", n, err)
		}
		rows = append(rows, row)
	}
	return rows, sc.Err()
}

// Table writes the rows as one Markdown table, ready for docs/benchmarks.md, and returns
// how many missed their target, not counting those whose floor is above it.
func Table(w io.Writer, rows []Row) (failed int, err error) {
	var b strings.Builder
	b.WriteString("| benchmark | figure | value | anchor (same run) | measure | target | result |\n")
	b.WriteString("|---|---|---|---|---|---|---|\n")
	for _, r := range rows {
		anchor := "–"
		if r.Anchor != "" {
			anchor = fmt.Sprintf("%s: %.4g %s", r.Anchor, r.AnchorValue, r.Unit)
		}
		if !r.Pass() && !r.AtFloor() {
			failed++
		}
		fmt.Fprintf(&b, "| %s | %s | %.4g %s | %s | %s | %s | %s |\n",
			r.Benchmark, r.Figure, r.Value, r.Unit, anchor, r.MeasureText(), r.TargetText(), r.Result())
	}
	_, err = io.WriteString(w, b.String())
	return failed, err
}

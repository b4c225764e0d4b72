package serve

import (
	"fmt"
	"os"
	"runtime/debug"
)

// DefaultGCPercent is serve's GOGC. The process caches every pod, job and user, so the
// collector's mark phase is long, and with Go's default of 100 it runs every few seconds
// under load: requests that meet it (admission reviews, GraphQL) wait behind its work,
// which is what sets their p99 (docs/benchmarks.md). Twice the live heap between cycles
// halves that for some memory; 400 cut more CPU but tripled the notebook manager's RSS
// (86 against 209 MiB with 500 notebooks).
const DefaultGCPercent = 200

// SetGCPercent sets the collector's target (0: DefaultGCPercent), unless the GOGC
// environment variable is set: as for any Go program, it wins.
func SetGCPercent(percent int) error {
	if percent < 0 {
		return fmt.Errorf("--gc-percent must not be negative (0 is the default, %d), got %d", DefaultGCPercent, percent)
	}
	if percent == 0 {
		percent = DefaultGCPercent
	}
	if _, ok := os.LookupEnv("GOGC"); !ok {
		debug.SetGCPercent(percent)
	}
	return nil
}

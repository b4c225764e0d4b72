// Package version reports what build of primehub is running; the Makefile sets the values.
package version

import "fmt"

var (
	// Version is the release, e.g. v0.1.0, or "dev".
	Version = "dev"
	// Commit is the git commit the binary was built from.
	Commit = "unknown"
)

// String is the one-line description printed by `primehub version` and logged at start.
func String() string { return fmt.Sprintf("primehub %s (commit %s)", Version, Commit) }

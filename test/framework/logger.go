package framework

import (
	"testing"

	"github.com/go-logr/logr"
	"github.com/go-logr/logr/testr"
)

// Logger is a logger that writes to the test's log.
func Logger(t *testing.T) logr.Logger { return testr.New(t) }

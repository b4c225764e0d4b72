package phjob_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"sigs.k8s.io/controller-runtime/pkg/metrics"

	"github.com/primehub/primehub/api/v1beta1"
	"github.com/primehub/primehub/internal/controller/phjob"
	"github.com/primehub/primehub/test/framework"
)

// Each cycle the scheduler runs is counted in the histogram served with controller-runtime's
// metrics, read through the registry as a scrape reads it.
func TestSchedulingCyclesAreCounted(t *testing.T) {
	before := cyclesObserved(t)
	e := setup(t, v1beta1.GroupQuota{PerUser: cpus("2")}, nil)
	create(t, e.job("counted", "alice", "cpu-1", time.Second))
	framework.Eventually(t, 30*time.Second, func(context.Context) error {
		if n := cyclesObserved(t); n <= before {
			return fmt.Errorf("%s counts %d cycles, as before the scheduler ran", phjob.CycleDurationMetric, n)
		}
		return nil
	})
}

func cyclesObserved(t *testing.T) uint64 {
	t.Helper()
	families, err := metrics.Registry.Gather()
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range families {
		if f.GetName() == phjob.CycleDurationMetric {
			return f.GetMetric()[0].GetHistogram().GetSampleCount()
		}
	}
	t.Fatalf("%s is not registered", phjob.CycleDurationMetric)
	return 0
}

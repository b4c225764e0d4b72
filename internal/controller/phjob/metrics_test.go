package phjob

import (
	"context"
	"testing"
	"time"

	"k8s.io/apimachinery/pkg/runtime"
	"sigs.k8s.io/controller-runtime/pkg/client/fake"
	"sigs.k8s.io/controller-runtime/pkg/event"
	"sigs.k8s.io/controller-runtime/pkg/metrics"

	"github.com/primehub/primehub/api/v1beta1"
	"github.com/primehub/primehub/internal/directory"
	"github.com/primehub/primehub/internal/quota"
)

type noGroups struct{}

func (noGroups) GetGroup(context.Context, string) (directory.Group, error) {
	return directory.Group{}, directory.ErrNotFound
}

// Each cycle the scheduler runs is counted in the histogram served with controller-runtime's
// metrics.
func TestCycleDurationMetric(t *testing.T) {
	scheme := runtime.NewScheme()
	if err := v1beta1.AddToScheme(scheme); err != nil {
		t.Fatal(err)
	}
	s := &Scheduler{Reader: fake.NewClientBuilder().WithScheme(scheme).Build(), Groups: noGroups{}, Namespace: "ns"}
	s.ledger = quota.NewLedger(reservationTTL)
	s.kick, s.wake = make(chan struct{}, 1), make(chan event.GenericEvent, 1)
	s.verdicts, s.inFlight, s.pods = map[string]verdict{}, map[string]bool{}, map[string]bool{}

	before := cyclesObserved(t)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- s.Start(ctx) }() // Start runs a first cycle without a kick
	deadline := time.Now().Add(10 * time.Second)
	for cyclesObserved(t) == before {
		if time.Now().After(deadline) {
			t.Fatal("no cycle counted in " + CycleDurationMetric)
		}
		time.Sleep(10 * time.Millisecond)
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
}

// cyclesObserved reads the histogram's count through the registry, as a scrape would.
func cyclesObserved(t *testing.T) uint64 {
	t.Helper()
	families, err := metrics.Registry.Gather()
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range families {
		if f.GetName() == CycleDurationMetric {
			return f.GetMetric()[0].GetHistogram().GetSampleCount()
		}
	}
	t.Fatalf("%s is not registered", CycleDurationMetric)
	return 0
}

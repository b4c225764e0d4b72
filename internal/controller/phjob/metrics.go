package phjob

import (
	"github.com/prometheus/client_golang/prometheus"
	"sigs.k8s.io/controller-runtime/pkg/metrics"
)

// CycleDurationMetric names the histogram of scheduling cycles' durations, in seconds, that
// the manager's metrics endpoint serves with controller-runtime's own metrics.
const CycleDurationMetric = "primehub_phjob_scheduling_cycle_duration_seconds"

// cycleDuration times each scheduling cycle that decided a job: taking the jobs of the
// groups that changed from the kept queue, reading their quotas, deciding, and waking the
// jobs whose verdict changed. A cycle kicked by an event that bore on no queued job decides
// nothing and is not counted. The buckets are finer below the 100 ms target.
var cycleDuration = prometheus.NewHistogram(prometheus.HistogramOpts{
	Name:    CycleDurationMetric,
	Help:    "Duration of one PhJob scheduling cycle that decided at least one job, in seconds: the queued jobs of the groups that changed, their quotas, the decisions, and the wakes of the jobs whose verdict changed.",
	Buckets: []float64{0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10},
})

func init() { metrics.Registry.MustRegister(cycleDuration) }

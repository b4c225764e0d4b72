package podcache

import (
	"encoding/json"
	"runtime"
	"testing"

	corev1 "k8s.io/api/core/v1"
)

// BenchmarkCachedPod is what one cached pod (a job's, as the API server shows it once it
// ran) keeps on the heap, as the informer decodes it and as Trim keeps it: the heap the
// garbage collector marks on every cycle, per pod of the cluster.
func BenchmarkCachedPod(b *testing.B) {
	raw, err := json.Marshal(runningPod())
	if err != nil {
		b.Fatal(err)
	}
	const n = 2000
	for _, bc := range []struct {
		name string
		keep func(*corev1.Pod) any
	}{
		{"decoded", func(p *corev1.Pod) any { return p }},
		{"trimmed", func(p *corev1.Pod) any { t, _ := Trim(p); return t }},
	} {
		b.Run(bc.name, func(b *testing.B) {
			var perPod float64
			for b.Loop() {
				kept := make([]any, n)
				before := heapInUse()
				for i := range kept {
					p := &corev1.Pod{}
					if err := json.Unmarshal(raw, p); err != nil {
						b.Fatal(err)
					}
					kept[i] = bc.keep(p)
				}
				perPod = float64(heapInUse()-before) / n
				runtime.KeepAlive(kept)
			}
			b.ReportMetric(perPod, "heap-B/pod")
		})
	}
}

func heapInUse() uint64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}

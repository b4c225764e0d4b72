package model

import (
	"testing"

	"k8s.io/apimachinery/pkg/api/resource"
)

func TestUnits(t *testing.T) {
	for in, want := range map[string]float64{"2": 2, "500m": 0.5, "1": 1, "2250m": 2.25} {
		q := resource.MustParse(in)
		if got := *Cores(&q); got != want {
			t.Errorf("Cores(%s) = %v, want %v", in, got, want)
		}
	}
	for _, tc := range []struct {
		in    string
		gib   float64
		whole int
	}{
		{"1Gi", 1, 1},
		{"1536Mi", 1.5, 2},
		{"10G", 9.31, 10},
	} {
		q := resource.MustParse(tc.in)
		if got := *GiB(&q); got != tc.gib {
			t.Errorf("GiB(%s) = %v, want %v", tc.in, got, tc.gib)
		}
		if got := *WholeGiB(&q); got != tc.whole {
			t.Errorf("WholeGiB(%s) = %v, want %v", tc.in, got, tc.whole)
		}
	}
	if Cores(nil) != nil || GiB(nil) != nil || WholeGiB(nil) != nil {
		t.Error("nil quantities must read nil (no limit)")
	}
}

func TestQuantities(t *testing.T) {
	for _, tc := range []struct {
		v          float64
		cores, gib string
	}{
		{1, "1", "1Gi"},
		{0.5, "500m", "512Mi"},
		{2.25, "2250m", "2304Mi"},
		{0, "0", "0"},
	} {
		c, err := CoresQuantity("cpuLimit", tc.v)
		if err != nil || c.String() != tc.cores {
			t.Errorf("CoresQuantity(%v) = %s, %v; want %s", tc.v, c.String(), err, tc.cores)
		}
		g, err := GiBQuantity("memoryLimit", tc.v)
		if err != nil || g.String() != tc.gib {
			t.Errorf("GiBQuantity(%v) = %s, %v; want %s", tc.v, g.String(), err, tc.gib)
		}
	}
	if _, err := CoresQuantity("cpuLimit", -1); err == nil || err.Error() != "cpuLimit must be 0 or more cores, not -1" {
		t.Errorf("negative cores: %v", err)
	}
	if _, err := GiBQuantity("quotaMemory", -0.5); err == nil {
		t.Error("negative memory accepted")
	}
}

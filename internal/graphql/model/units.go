package model

import (
	"fmt"
	"math"

	"k8s.io/apimachinery/pkg/api/resource"
)

// PrimeHub's API speaks plain numbers: cores for CPU, GB for memory and volumes. GB here is
// the binary GiB, as Kubernetes users write memory (a stored 2Gi reads 2).
const gib = 1 << 30

// Cores answers q in cores; nil for nil.
func Cores(q *resource.Quantity) *float64 {
	if q == nil {
		return nil
	}
	v := float64(q.MilliValue()) / 1000
	return &v
}

// GiB answers q in GiB, to two decimals; nil for nil.
func GiB(q *resource.Quantity) *float64 {
	if q == nil {
		return nil
	}
	v := math.Round(q.AsApproximateFloat64()/gib*100) / 100
	return &v
}

// WholeGiB answers q in whole GiB, rounded up; nil for nil.
func WholeGiB(q *resource.Quantity) *int {
	if q == nil {
		return nil
	}
	v := int(math.Ceil(q.AsApproximateFloat64() / gib))
	return &v
}

// CoresQuantity turns cores into a quantity; field names the input in the error.
func CoresQuantity(field string, v float64) (resource.Quantity, error) {
	if v < 0 || math.IsNaN(v) || math.IsInf(v, 0) {
		return resource.Quantity{}, fmt.Errorf("%s must be 0 or more cores, not %v", field, v)
	}
	return *resource.NewMilliQuantity(int64(math.Round(v*1000)), resource.DecimalSI), nil
}

// GiBQuantity turns GiB into a quantity; field names the input in the error.
func GiBQuantity(field string, v float64) (resource.Quantity, error) {
	if v < 0 || math.IsNaN(v) || math.IsInf(v, 0) || v > 1<<30 {
		return resource.Quantity{}, fmt.Errorf("%s must be 0 or more GB, not %v", field, v)
	}
	q := resource.NewQuantity(int64(math.Round(v*gib)), resource.BinarySI)
	// Round-trip through the string form, so what is stored is what a reader parses.
	return resource.MustParse(q.String()), nil
}

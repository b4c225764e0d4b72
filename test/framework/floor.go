package framework

import (
	"k8s.io/apimachinery/pkg/labels"
	"k8s.io/apimachinery/pkg/selection"
)

// LabelFloor marks what a benchmark's floor makes: objects of the platform's kinds made by
// the benchmark's cheapest controller, which the platform's controllers must never see.
const LabelFloor = "bench.primehub.io/floor"

// FloorSelector selects the objects that carry LabelFloor (the floor's own caches) or, with
// present false, those that do not (the platform's caches in a benchmark).
func FloorSelector(present bool) labels.Selector {
	op := selection.DoesNotExist
	if present {
		op = selection.Exists
	}
	r, err := labels.NewRequirement(LabelFloor, op, nil)
	if err != nil {
		panic(err) // a constant, valid key
	}
	return labels.NewSelector().Add(*r)
}

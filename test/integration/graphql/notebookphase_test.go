package graphql_test

import (
	"fmt"
	"slices"
	"testing"
)

// A notebook its controller has yet to report on has no phase (the controller writes none
// while a new notebook's pod waits for a node): its owner sees it Pending, and finds it
// among the Pending ones, as PrimeHub shows a job not yet scheduled.
func TestANotebookWithNoPhaseYetIsPending(t *testing.T) {
	w := newWorld(t)
	nb := w.notebookObj("fresh-"+unique(), false)
	w.create(t, nb)
	w.cached(t, nb)
	id := nb.Namespace + "/" + nb.Name

	var one struct{ Notebook struct{ Phase *string } }
	must(t, w.client(member).MustDo(t, `query($id: ID!) { notebook(where: {id: $id}) { phase } }`, map[string]any{"id": id}), &one)
	if got := one.Notebook.Phase; got == nil || *got != "Pending" {
		t.Errorf("the new notebook's phase is %s, want Pending", show(got))
	}
	var list struct{ Notebooks []struct{ ID string } }
	must(t, w.client(member).MustDo(t, `{ notebooks(where: {phase: "Pending"}) { id } }`, nil), &list)
	var ids []string
	for _, n := range list.Notebooks {
		ids = append(ids, n.ID)
	}
	if !slices.Contains(ids, id) {
		t.Errorf("the Pending notebooks are %v, without the new one %s", ids, id)
	}
}

func show(s *string) string {
	if s == nil {
		return "null"
	}
	return fmt.Sprintf("%q", *s)
}

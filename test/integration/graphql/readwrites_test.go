package graphql_test

import (
	"testing"
)

// What a user just did to a notebook through GraphQL shows in the next list they ask for.
// The lists are read from the server's cache, and the console asks again at once after a
// stop or a deletion, then no more while every notebook is settled: a list still behind
// the write showed the stopped notebook Running, or the deleted one still there, and the
// console kept showing it.
func TestTheNextListShowsWhatTheUserJustDid(t *testing.T) {
	w := newWorld(t)
	c := w.client(member)
	type listed struct {
		ID      string
		Stopped bool
	}
	find := func(id string) *listed {
		var list struct{ Notebooks []listed }
		must(t, c.MustDo(t, `{ notebooks { id stopped } }`, nil), &list)
		for i := range list.Notebooks {
			if list.Notebooks[i].ID == id {
				return &list.Notebooks[i]
			}
		}
		return nil
	}
	for i := range 20 {
		nb := w.notebookObj("just-"+unique(), false)
		w.create(t, nb)
		w.cached(t, nb)
		id := nb.Namespace + "/" + nb.Name
		vars := map[string]any{"id": id}
		must(t, c.MustDo(t, `mutation($id: ID!) { stopNotebook(where: {id: $id}) { id } }`, vars), &struct{}{})
		if got := find(id); got == nil || !got.Stopped {
			t.Fatalf("round %d: notebook %s listed as %+v right after its stop, want stopped", i, id, got)
		}
		must(t, c.MustDo(t, `mutation($id: ID!) { deleteNotebook(where: {id: $id}) { id } }`, vars), &struct{}{})
		if got := find(id); got != nil {
			t.Fatalf("round %d: notebook %s still listed right after its deletion", i, id)
		}
	}
}

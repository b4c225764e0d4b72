package graphql_test

import (
	"fmt"
	"testing"

	"sigs.k8s.io/controller-runtime/pkg/client"
)

// What a user just did to a notebook or an application through GraphQL shows in the next
// list they ask for. The lists are read from the server's cache, and the console asks
// again at once after a stop or a deletion, then no more while everything listed is
// settled: a list still behind the write showed the stopped one running, or the deleted
// one still there, and the console kept showing it.
func TestTheNextListShowsWhatTheUserJustDid(t *testing.T) {
	w := newWorld(t)
	c := w.client(member)
	type listed struct {
		ID      string
		Stopped bool
	}
	for _, kind := range []struct {
		name   string
		obj    func(name string) (client.Object, string)
		list   string // answers items with an id and whether stopped
		stop   string
		remove string
	}{
		{"notebook", func(name string) (client.Object, string) {
			nb := w.notebookObj(name, false)
			return nb, nb.Namespace + "/" + nb.Name
		}, "notebooks", "stopNotebook", "deleteNotebook"},
		{"application", func(name string) (client.Object, string) { return w.appObj(name), name },
			"phApplications", "stopPhApplication", "deletePhApplication"},
	} {
		stoppedField := map[string]string{"notebooks": "stopped", "phApplications": "stopped: stop"}[kind.list]
		find := func(id string) *listed {
			var answer map[string][]listed
			must(t, c.MustDo(t, fmt.Sprintf(`{ %s { id %s } }`, kind.list, stoppedField), nil), &answer)
			for _, item := range answer[kind.list] {
				if item.ID == id {
					return &item
				}
			}
			return nil
		}
		for i := range 10 {
			obj, id := kind.obj("just-" + unique())
			w.create(t, obj)
			w.cached(t, obj)
			vars := map[string]any{"id": id}
			must(t, c.MustDo(t, fmt.Sprintf(`mutation($id: ID!) { %s(where: {id: $id}) { id } }`, kind.stop), vars), &struct{}{})
			if got := find(id); got == nil || !got.Stopped {
				t.Fatalf("%s %s, round %d: listed as %+v right after its stop, want stopped", kind.name, id, i, got)
			}
			must(t, c.MustDo(t, fmt.Sprintf(`mutation($id: ID!) { %s(where: {id: $id}) { id } }`, kind.remove), vars), &struct{}{})
			if got := find(id); got != nil {
				t.Fatalf("%s %s, round %d: still listed right after its deletion", kind.name, id, i)
			}
		}
	}
}

package graphql_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/primehub/primehub/internal/directory"
)

// TestMeGroupResources checks what `me` shows a member may use in each of their groups,
// by name: granted to the group or globally, the group's own images, and the volumes they
// mount launching there (writable as granted; a global grant alone read-only).
func TestMeGroupResources(t *testing.T) {
	w := newWorld(t)
	resp := w.client(member).MustDo(t, `{ me {
		groups { id instanceTypes { id } images { id } groupImages { id } datasets { id writable } }
		effectiveGroups { id instanceTypes { id } images { id } groupImages { id } datasets { id writable } } } }`, nil)
	type (
		ref     struct{ ID string }
		dataset struct {
			ID       string
			Writable bool
		}
		group struct {
			ID                                 string
			InstanceTypes, Images, GroupImages []ref
			Datasets                           []dataset
		}
	)
	var d struct {
		Me struct{ Groups, EffectiveGroups []group }
	}
	if err := resp.Decode(&d); err != nil {
		t.Fatal(err)
	}
	refs := func(ids ...string) []ref {
		var out []ref
		for _, id := range ids {
			out = append(out, ref{id})
		}
		return out
	}
	everyone := group{ID: directory.Everyone, InstanceTypes: refs(w.itGlobal), Images: refs(w.imgGlobal),
		Datasets: []dataset{{w.volGlobal, false}}}
	team := group{ID: w.group, InstanceTypes: refs(w.itGlobal, w.itGroup), Images: refs(w.gimgGroup, w.imgGlobal, w.imgGroup),
		GroupImages: refs(w.gimgGroup), Datasets: []dataset{{w.volGlobal, false}, {w.volGroup, true}}}
	if diff := cmp.Diff([]group{everyone, team}, d.Me.Groups); diff != "" {
		t.Errorf("groups (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]group{team}, d.Me.EffectiveGroups); diff != "" {
		t.Errorf("effectiveGroups (-want +got):\n%s", diff)
	}
}

package access

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/primehub/primehub/api/v1beta1"
)

func TestGrantEdits(t *testing.T) {
	base := v1beta1.Access{Global: true, Groups: []v1beta1.GroupGrant{{Name: "a"}, {Name: "b", Writable: true}}}
	for _, tc := range []struct {
		name string
		got  v1beta1.Access
		want v1beta1.Access
	}{
		{"add", WithGrant(base, "c", true), v1beta1.Access{Global: true, Groups: []v1beta1.GroupGrant{{Name: "a"}, {Name: "b", Writable: true}, {Name: "c", Writable: true}}}},
		{"re-grant changes writable in place", WithGrant(base, "b", false), v1beta1.Access{Global: true, Groups: []v1beta1.GroupGrant{{Name: "a"}, {Name: "b"}}}},
		{"remove", WithoutGrant(base, "a"), v1beta1.Access{Global: true, Groups: []v1beta1.GroupGrant{{Name: "b", Writable: true}}}},
		{"remove absent", WithoutGrant(base, "z"), base},
		{"remove last", WithoutGrant(v1beta1.Access{Groups: []v1beta1.GroupGrant{{Name: "a"}}}, "a"), v1beta1.Access{}},
	} {
		if d := cmp.Diff(tc.want, tc.got); d != "" {
			t.Errorf("%s: (-want +got)\n%s", tc.name, d)
		}
	}
	if d := cmp.Diff(v1beta1.Access{Global: true, Groups: []v1beta1.GroupGrant{{Name: "a"}, {Name: "b", Writable: true}}}, base); d != "" {
		t.Errorf("edits changed their input: %s", d)
	}
	if g, w := GrantOf(base, "b"); !g || !w {
		t.Errorf("GrantOf(b) = %v, %v; want granted, writable", g, w)
	}
	if g, _ := GrantOf(base, "z"); g {
		t.Error("GrantOf(z): a global grant is not a grant by name")
	}
}

package keycloak

import (
	"reflect"
	"testing"

	"k8s.io/apimachinery/pkg/api/resource"

	"github.com/primehub/primehub/internal/directory"
)

func TestChanges(t *testing.T) {
	base := func() *snapshot {
		return &snapshot{
			users:    map[string]userEntry{"alice": {id: "1", user: directory.User{Username: "alice"}}, "bob": {id: "2", user: directory.User{Username: "bob"}}},
			groups:   map[string]groupEntry{"team": {id: "g", group: directory.Group{Name: "team", Members: []string{"alice"}}}},
			settings: directory.DefaultSettings(),
		}
	}
	tests := []struct {
		name   string
		old    *snapshot
		change func(*snapshot)
		want   []directory.Change
	}{
		{"nothing", base(), func(*snapshot) {}, nil},
		{"first load reports everything", nil, func(*snapshot) {}, []directory.Change{
			{Kind: directory.UserChanged, Name: "alice"}, {Kind: directory.UserChanged, Name: "bob"},
			{Kind: directory.GroupChanged, Name: "team"}, {Kind: directory.SettingsChanged}}},
		{"user changed", base(), func(s *snapshot) {
			s.users["bob"] = userEntry{id: "2", user: directory.User{Username: "bob", Admin: true}}
		},
			[]directory.Change{{Kind: directory.UserChanged, Name: "bob"}}},
		{"user deleted, group lost a member", base(), func(s *snapshot) {
			delete(s.users, "alice")
			s.groups["team"] = groupEntry{id: "g", group: directory.Group{Name: "team"}}
		}, []directory.Change{{Kind: directory.UserChanged, Name: "alice"}, {Kind: directory.GroupChanged, Name: "team"}}},
		{"settings", base(), func(s *snapshot) { s.settings.DefaultUserVolumeCapacity = resource.MustParse("1Gi") },
			[]directory.Change{{Kind: directory.SettingsChanged}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cur := base()
			tt.change(cur)
			if got := changes(tt.old, cur); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("changes = %v, want %v", got, tt.want)
			}
		})
	}
}

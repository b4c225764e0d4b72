package profile

import (
	"testing"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/primehub/primehub/api/v1beta1"
	"github.com/primehub/primehub/internal/directory"
	"github.com/primehub/primehub/internal/names"
)

func TestDesiredGroupProfile(t *testing.T) {
	on := &v1beta1.GroupProfile{Enabled: true}
	tests := []struct {
		name  string
		group directory.Group
		owner string
		roles map[string]v1beta1.ContributorRole
	}{
		{name: "no profile", group: directory.Group{Name: "ml", Admins: []string{"ann"}}},
		{name: "turned off", group: directory.Group{Name: "ml", Admins: []string{"ann"}, Profile: &v1beta1.GroupProfile{}}},
		{name: "no admin to own it", group: directory.Group{Name: "ml", Members: []string{"bob"}, Profile: on}},
		{
			name:  "first admin owns, other admins administer, members edit",
			group: directory.Group{Name: "data_science", Admins: []string{"zed", "ann"}, Members: []string{"ann", "bob", "zed", "cy"}, Profile: on},
			owner: "ann",
			roles: map[string]v1beta1.ContributorRole{"zed": v1beta1.ContributorAdmin, "bob": v1beta1.ContributorEdit, "cy": v1beta1.ContributorEdit},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := desiredGroupProfile(tt.group)
			if tt.owner == "" {
				if p != nil {
					t.Fatalf("profile %s, want none", p.Name)
				}
				return
			}
			if p.Name != GroupProfileName(tt.group.Name) || p.Spec.Owner.Name != tt.owner {
				t.Errorf("profile %s owned by %s", p.Name, p.Spec.Owner.Name)
			}
			got := map[string]v1beta1.ContributorRole{}
			for _, c := range p.Spec.Contributors {
				got[c.Subject.Name] = c.Role
			}
			if len(got) != len(tt.roles) {
				t.Errorf("contributors %v, want %v", got, tt.roles)
			}
			for u, r := range tt.roles {
				if got[u] != r {
					t.Errorf("%s is %q, want %q", u, got[u], r)
				}
			}
		})
	}
}

func TestIsGroupProfile(t *testing.T) {
	tests := []struct {
		name   string
		labels map[string]string
		want   bool
	}{
		{"made for the group", map[string]string{v1beta1.LabelGroupProfile: names.Label("data_science")}, true},
		{"made by someone else under its name", nil, false},
		{"made for another group", map[string]string{v1beta1.LabelGroupProfile: "other"}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := &v1beta1.Profile{ObjectMeta: metav1.ObjectMeta{Name: GroupProfileName("data_science"), Labels: tt.labels}}
			if got := isGroupProfile(p, "data_science"); got != tt.want {
				t.Errorf("isGroupProfile = %v, want %v", got, tt.want)
			}
		})
	}
}

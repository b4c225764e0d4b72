package ownerpolicy

import (
	"maps"
	"testing"

	"github.com/primehub/primehub/internal/directory"
)

func TestParams(t *testing.T) {
	for _, tc := range []struct {
		name     string
		platform []string
		users    []directory.User
		want     map[string]string
	}{
		{"none", nil, nil, map[string]string{KeyPlatformUsers: "", KeyAdmins: ""}},
		{
			name:     "enabled admins only, sorted",
			platform: []string{"system:serviceaccount:primehub:primehub", "kubernetes-admin"},
			users: []directory.User{
				{Username: "zoe", Admin: true},
				{Username: "alice"},
				{Username: "mallory", Admin: true, Disabled: true},
				{Username: "Bob@example.com", Admin: true},
			},
			want: map[string]string{
				KeyPlatformUsers: "kubernetes-admin\nsystem:serviceaccount:primehub:primehub",
				KeyAdmins:        "Bob@example.com\nzoe",
			},
		},
		{"blanks and repeats dropped", []string{"a", " ", "a", ""}, nil, map[string]string{KeyPlatformUsers: "a", KeyAdmins: ""}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := Params(tc.platform, tc.users); !maps.Equal(got, tc.want) {
				t.Errorf("Params = %q, want %q", got, tc.want)
			}
		})
	}
}

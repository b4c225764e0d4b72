package ownerpolicy

import (
	"slices"
	"testing"

	"github.com/primehub/primehub/internal/directory"
)

func TestActsForAnyone(t *testing.T) {
	for _, tc := range []struct {
		name     string
		platform []string
		users    []directory.User
		want     []string
		wantExpr string
	}{
		{"none", nil, nil, nil, `variables.requester in []`},
		{
			name:     "platform users and enabled admins, sorted",
			platform: []string{"system:serviceaccount:primehub:primehub", "kubernetes-admin"},
			users: []directory.User{
				{Username: "zoe", Admin: true},
				{Username: "alice"},
				{Username: "mallory", Admin: true, Disabled: true},
				{Username: "Bob@example.com", Admin: true},
			},
			want:     []string{"Bob@example.com", "kubernetes-admin", "system:serviceaccount:primehub:primehub", "zoe"},
			wantExpr: `variables.requester in ["Bob@example.com", "kubernetes-admin", "system:serviceaccount:primehub:primehub", "zoe"]`,
		},
		{"blanks and repeats dropped", []string{"a", " ", "a", ""}, []directory.User{{Username: "a", Admin: true}}, []string{"a"}, `variables.requester in ["a"]`},
		{"quotes and backslashes stay inside the literal", nil, []directory.User{{Username: `x" || true || "`, Admin: true}, {Username: `a\b`, Admin: true}},
			[]string{`a\b`, `x" || true || "`}, `variables.requester in ["a\\b", "x\" || true || \""]`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := ActsForAnyone(tc.platform, tc.users)
			if !slices.Equal(got, tc.want) {
				t.Errorf("ActsForAnyone = %q, want %q", got, tc.want)
			}
			if expr := Expression(got); expr != tc.wantExpr {
				t.Errorf("Expression = %s, want %s", expr, tc.wantExpr)
			}
		})
	}
}

package podquota

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/primehub/primehub/internal/directory"
	"github.com/primehub/primehub/internal/names"
	"github.com/primehub/primehub/internal/quota"
)

// groupsByLabel is a Groups of groups by label; a label mapped to nil fails the lookup.
type groupsByLabel map[string]*Group

func (d groupsByLabel) Group(_ context.Context, label string) (Group, bool, error) {
	g, ok := d[label]
	switch {
	case !ok:
		return Group{}, false, nil
	case g == nil:
		return Group{}, false, errors.New("cache not synced")
	}
	return *g, true, nil
}

func TestCheckMember(t *testing.T) {
	platform := "system:serviceaccount:primehub:primehub"
	h := &Handler{
		PlatformUsers: map[string]bool{platform: true},
		Groups: groupsByLabel{
			"data-science": {Name: "data_science", Members: []string{"alice", "Carol@Example.com"}},
			"broken":       nil,
		},
	}
	tests := []struct {
		name      string
		requester string
		group     string // the pod's group label; "" for none
		wantGroup string // the group charged; "" for none
		wantCode  int32
		wantDeny  string
	}{
		{"a member", "alice", "data-science", "data_science", 0, ""},
		{"a member whose username is escaped in labels", "Carol@Example.com", "data-science", "data_science", 0, ""},
		{"not a member", "bob", "data-science", "", http.StatusForbidden, "names group data_science, which bob is not a member of"},
		{"a group the directory does not know", "alice", "ghost", "", http.StatusForbidden, "primehub.io/group=ghost names no group of the directory"},
		{"no group label: nothing to charge", "bob", "", "", 0, ""},
		{"the platform, for any group", platform, "data-science", "data_science", 0, ""},
		{"the platform, for an unknown group: unlimited", platform, "ghost", "", 0, ""},
		{"the directory failing", "alice", "broken", "", http.StatusInternalServerError, "look up group broken: cache not synced"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			pod := &corev1.Pod{ObjectMeta: metav1.ObjectMeta{Labels: map[string]string{}}}
			if tt.group != "" {
				pod.Labels[quota.LabelGroup] = tt.group
			}
			group, deny := h.checkMember(context.Background(), request(tt.requester, pod), pod)
			if tt.wantCode != 0 {
				if deny == nil || deny.Allowed || deny.Result.Code != tt.wantCode || !strings.Contains(deny.Result.Message, tt.wantDeny) {
					t.Fatalf("got %+v, want %d %q", deny, tt.wantCode, tt.wantDeny)
				}
				return
			}
			if deny != nil {
				t.Fatalf("denied: %+v", deny.Result)
			}
			got := ""
			if group != nil {
				got = group.Name
			}
			if got != tt.wantGroup {
				t.Fatalf("charged to %q, want %q", got, tt.wantGroup)
			}
		})
	}
}

// listedGroups is a directory that lists groups; nothing else of it is used.
type listedGroups struct {
	directory.Directory
	groups []directory.Group
}

func (l listedGroups) ListGroups(context.Context) ([]directory.Group, error) { return l.groups, nil }

func TestDirectoryGroupsFindsAGroupByItsLabel(t *testing.T) {
	d := DirectoryGroups{Directory: listedGroups{groups: []directory.Group{
		{Name: "team"},
		{Name: "data_science", Members: []string{"alice"}},
	}}}
	g, found, err := d.Group(context.Background(), names.Label("data_science"))
	if err != nil || !found || g.Name != "data_science" || len(g.Members) != 1 {
		t.Fatalf("got %+v, %v, %v; want data_science with its member", g, found, err)
	}
	if _, found, err := d.Group(context.Background(), "data_science"); found || err != nil {
		t.Fatalf("a name that is not the label: found %v, %v", found, err)
	}
}

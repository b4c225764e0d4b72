package podquota

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/primehub/primehub/internal/spawn"
)

// directory is a Groups of groups by label; a label mapped to nil fails the lookup.
type directory map[string]*Group

func (d directory) Group(_ context.Context, label string) (Group, bool, error) {
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
		Groups: directory{
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
				pod.Labels[spawn.LabelGroup] = tt.group
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

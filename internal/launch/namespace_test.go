package launch

import (
	"strings"
	"testing"

	rbacv1 "k8s.io/api/rbac/v1"
	"k8s.io/apimachinery/pkg/api/resource"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/primehub/primehub/api/v1beta1"
	"github.com/primehub/primehub/internal/directory"
)

func TestDecideNamespace(t *testing.T) {
	global := v1beta1.Access{Global: true}
	cat := Catalog{
		InstanceTypes: []v1beta1.InstanceType{{ObjectMeta: metav1.ObjectMeta{Name: "small"}, Spec: v1beta1.InstanceTypeSpec{
			CPU: v1beta1.ResourceRange{Limit: resource.MustParse("1")}, Memory: v1beta1.ResourceRange{Limit: resource.MustParse("1Gi")}, Access: global}}},
		Images: []v1beta1.Image{{ObjectMeta: metav1.ObjectMeta{Name: "base"}, Spec: v1beta1.ImageSpec{Type: v1beta1.ImageTypeBoth, URL: "x", Access: global}}},
	}
	user := func(name string) rbacv1.Subject { return rbacv1.Subject{Kind: rbacv1.UserKind, Name: name} }
	group := func(name string) rbacv1.Subject { return rbacv1.Subject{Kind: rbacv1.GroupKind, Name: name} }
	profile := &v1beta1.Profile{ObjectMeta: metav1.ObjectMeta{Name: "p"}, Spec: v1beta1.ProfileSpec{
		Owner: user("alice"),
		Contributors: []v1beta1.Contributor{
			{Subject: user("bob"), Role: v1beta1.ContributorEdit},
			{Subject: user("carol"), Role: v1beta1.ContributorView},
			{Subject: group("ops"), Role: v1beta1.ContributorAdmin},
			{Subject: group("ml"), Role: v1beta1.ContributorView},
		},
	}}
	tests := []struct {
		name       string
		kind       Kind
		user       directory.User
		groups     []string
		namespace  string
		profile    *v1beta1.Profile
		wantDenial string // part of the refusal's message; "" allows
	}{
		{name: "anyone in the platform namespace", user: directory.User{Username: "dave"}, namespace: platform},
		{name: "a job in the platform namespace", kind: Job, user: directory.User{Username: "dave"}, namespace: platform},
		{name: "an app in a profile", kind: App, user: directory.User{Username: "alice"}, namespace: "p", profile: profile,
			wantDenial: "applications are installed in the platform namespace primehub only, not in p"},
		{name: "the owner", user: directory.User{Username: "alice"}, namespace: "p", profile: profile},
		{name: "an edit contributor", user: directory.User{Username: "bob"}, namespace: "p", profile: profile},
		{name: "a view contributor", user: directory.User{Username: "carol"}, namespace: "p", profile: profile,
			wantDenial: "user carol may not launch notebooks in profile p"},
		{name: "a stranger", user: directory.User{Username: "dave"}, namespace: "p", profile: profile,
			wantDenial: "user dave may not launch notebooks in profile p"},
		{name: "a member of an admin contributor group", user: directory.User{Username: "erin"}, groups: []string{"ops"}, namespace: "p", profile: profile},
		{name: "a member of a view contributor group", user: directory.User{Username: "erin"}, groups: []string{"ml"}, namespace: "p", profile: profile,
			wantDenial: "may not launch notebooks in profile p"},
		{name: "a system administrator", user: directory.User{Username: "root", Admin: true}, namespace: "p", profile: profile},
		{name: "a namespace that is no profile", user: directory.User{Username: "alice", Admin: true}, namespace: "kube-system",
			wantDenial: "namespace kube-system is neither the platform's nor a profile's"},
		{name: "a profile that is not the namespace's", user: directory.User{Username: "alice"}, namespace: "q", profile: profile,
			wantDenial: "namespace q is neither"},
		{name: "a job in a profile, even its owner's", kind: Job, user: directory.User{Username: "alice"}, namespace: "p", profile: profile,
			wantDenial: "jobs run in the platform namespace primehub only, not in p"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			groups := []directory.Group{{Name: directory.Everyone}, {Name: "team"}}
			for _, g := range tt.groups {
				groups = append(groups, directory.Group{Name: g})
			}
			req := Request{Kind: tt.kind, User: tt.user.Username, Namespace: tt.namespace, Group: "team", InstanceType: "small", Image: "base"}
			_, refusal := Decide(req, Facts{User: tt.user, Groups: groups, PlatformNamespace: platform, Profile: tt.profile, Catalog: cat})
			if tt.wantDenial == "" {
				if refusal != nil {
					t.Fatalf("refused: %+v", refusal)
				}
				return
			}
			if refusal == nil || refusal.Reason != ReasonNamespaceNotAllowed || !strings.Contains(refusal.Message, tt.wantDenial) {
				t.Fatalf("got %+v, want %s containing %q", refusal, ReasonNamespaceNotAllowed, tt.wantDenial)
			}
		})
	}
}

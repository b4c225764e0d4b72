package profile

import (
	"strings"
	"testing"

	rbacv1 "k8s.io/api/rbac/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/primehub/primehub/api/v1beta1"
)

func user(name string) rbacv1.Subject {
	return rbacv1.Subject{Kind: rbacv1.UserKind, APIGroup: rbacv1.GroupName, Name: name}
}

func profile(owner string, contributors ...v1beta1.Contributor) *v1beta1.Profile {
	return &v1beta1.Profile{ObjectMeta: metav1.ObjectMeta{Name: "team"}, Spec: v1beta1.ProfileSpec{Owner: user(owner), Contributors: contributors}}
}

func contributor(name string, role v1beta1.ContributorRole) v1beta1.Contributor {
	return v1beta1.Contributor{Subject: user(name), Role: role}
}

func TestCheckCreate(t *testing.T) {
	tests := []struct {
		name    string
		r       requester
		p       *v1beta1.Profile
		wantErr string
	}{
		{"for oneself", requester{username: "alice"}, profile("alice"), ""},
		{"for someone else", requester{username: "alice"}, profile("bob"), "user alice may only create profiles owned by themselves, not by User bob"},
		{"an admin, for anyone", requester{username: "root", admin: true}, profile("bob"), ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			check(t, checkCreate(tt.r, tt.p), tt.wantErr)
		})
	}
}

func TestCheckUpdate(t *testing.T) {
	base := profile("alice", contributor("carol", v1beta1.ContributorAdmin), contributor("dan", v1beta1.ContributorEdit))
	withEve := profile("alice", contributor("carol", v1beta1.ContributorAdmin), contributor("dan", v1beta1.ContributorEdit), contributor("eve", v1beta1.ContributorView))
	tests := []struct {
		name     string
		r        requester
		old, new *v1beta1.Profile
		wantErr  string
	}{
		{"owner adds a contributor", requester{username: "alice"}, base, withEve, ""},
		{"admin contributor adds one", requester{username: "carol"}, base, withEve, ""},
		{"editor may not", requester{username: "dan"}, base, withEve, "user dan may not change the contributors of profile team"},
		{"stranger may not", requester{username: "mallory"}, base, withEve, "may not change the contributors"},
		{"owner may not hand the profile over", requester{username: "alice"}, base, profile("bob"), "only an administrator may change the owner"},
		{"an admin may", requester{username: "root", admin: true}, base, profile("bob"), ""},
		{"other changes are RBAC's to allow", requester{username: "dan"}, base, func() *v1beta1.Profile {
			p := base.DeepCopy()
			p.Spec.LimitRange = &v1beta1.ContainerDefaults{}
			return p
		}(), ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			check(t, checkUpdate(tt.r, tt.old, tt.new), tt.wantErr)
		})
	}
}

func check(t *testing.T, err error, want string) {
	t.Helper()
	if want == "" {
		if err != nil {
			t.Fatalf("denied: %v", err)
		}
		return
	}
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Fatalf("got %v, want %q", err, want)
	}
}

package profile

import (
	"strings"
	"testing"

	corev1 "k8s.io/api/core/v1"
	rbacv1 "k8s.io/api/rbac/v1"
	"k8s.io/apimachinery/pkg/api/resource"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/utils/ptr"

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

// with returns a copy of p changed by change.
func with(p *v1beta1.Profile, change func(p *v1beta1.Profile)) *v1beta1.Profile {
	p = p.DeepCopy()
	change(p)
	return p
}

func withQuota(p *v1beta1.Profile) {
	p.Spec.ResourceQuota = &corev1.ResourceQuotaSpec{Hard: corev1.ResourceList{"limits.cpu": resource.MustParse("64")}}
}

func withLimits(p *v1beta1.Profile) { p.Spec.LimitRange = &v1beta1.ContainerDefaults{} }

func withPrivileged(p *v1beta1.Profile) { p.Spec.PodSecurity = ptr.To(v1beta1.PodSecurityPrivileged) }

func withGroupLabel(p *v1beta1.Profile) {
	p.Labels = map[string]string{v1beta1.LabelGroupProfile: "research"}
}

func TestCheckCreate(t *testing.T) {
	admin := requester{username: "root", admin: true}
	alice := requester{username: "alice"}
	tests := []struct {
		name    string
		r       requester
		p       *v1beta1.Profile
		wantErr string
	}{
		{"for oneself", alice, profile("alice"), ""},
		{"for someone else", alice, profile("bob"), "user alice may only create profiles owned by themselves, not by User bob"},
		{"an admin, for anyone", admin, profile("bob"), ""},
		{"with a quota of one's own", alice, with(profile("alice"), withQuota), "spec.resourceQuota is set by administrators only: user alice may not set it on profile team"},
		{"with container defaults", alice, with(profile("alice"), withLimits), "spec.limitRange is set by administrators only"},
		{"with a Pod Security level", alice, with(profile("alice"), withPrivileged), "spec.podSecurity is set by administrators only"},
		{"labelled as a group's", alice, with(profile("alice"), withGroupLabel), "the label primehub.io/group-profile is set by administrators only"},
		{"under a group profile's name", alice, with(profile("alice"), func(p *v1beta1.Profile) { p.Name = "group-research" }),
			`profile name group-research: names beginning with "group-" are reserved for groups' profiles`},
		{"an admin sets them all", admin, with(profile("bob"), func(p *v1beta1.Profile) {
			withQuota(p)
			withLimits(p)
			withPrivileged(p)
			withGroupLabel(p)
			p.Name = "group-research"
		}), ""},
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
		{"other changes are RBAC's to allow", requester{username: "dan"}, base, with(base, func(p *v1beta1.Profile) {
			p.Annotations = map[string]string{"team": "research"}
		}), ""},
		{"the owner may not give it a quota", requester{username: "alice"}, base, with(base, withQuota), "spec.resourceQuota is set by administrators only: user alice may not change it"},
		{"nor remove one", requester{username: "alice"}, with(base, withQuota), base, "spec.resourceQuota is set by administrators only"},
		{"nor change container defaults", requester{username: "alice"}, base, with(base, withLimits), "spec.limitRange is set by administrators only"},
		{"nor the Pod Security level", requester{username: "alice"}, base, with(base, withPrivileged), "spec.podSecurity is set by administrators only"},
		{"nor take the group label off", requester{username: "alice"}, with(base, withGroupLabel), base, "the label primehub.io/group-profile is set by administrators only"},
		{"an admin sets the level", requester{username: "root", admin: true}, base, with(base, withPrivileged), ""},
		{"a quota kept as it was", requester{username: "alice"}, with(base, withQuota), with(with(base, withQuota), func(p *v1beta1.Profile) {
			p.Spec.Contributors = nil
		}), ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			check(t, checkUpdate(tt.r, tt.old, tt.new), tt.wantErr)
		})
	}
}

func TestCheckDelete(t *testing.T) {
	groupOwned := profile("alice")
	groupOwned.Spec.Owner = rbacv1.Subject{Kind: rbacv1.GroupKind, APIGroup: rbacv1.GroupName, Name: "primehub:research"}
	tests := []struct {
		name    string
		r       requester
		p       *v1beta1.Profile
		wantErr string
	}{
		{"the owner", requester{username: "alice"}, profile("alice"), ""},
		{"someone else", requester{username: "mallory"}, profile("alice"), "user mallory may not delete profile team: only its owner (User alice) and administrators may"},
		{"an admin contributor", requester{username: "carol"}, profile("alice", contributor("carol", v1beta1.ContributorAdmin)), "user carol may not delete profile team"},
		{"an admin", requester{username: "root", admin: true}, profile("alice"), ""},
		{"a member of the owning group", requester{username: "bob", groups: []string{"primehub:research"}}, groupOwned, ""},
		{"a user named as the owning group", requester{username: "primehub:research"}, groupOwned, "may not delete"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			check(t, checkDelete(tt.r, tt.p), tt.wantErr)
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

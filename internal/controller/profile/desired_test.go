package profile

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	corev1 "k8s.io/api/core/v1"
	rbacv1 "k8s.io/api/rbac/v1"
	"k8s.io/apimachinery/pkg/api/resource"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/primehub/primehub/api/v1beta1"
)

func TestParseQuota(t *testing.T) {
	tests := []struct {
		in      string
		want    map[corev1.ResourceName]string
		wantErr string
	}{
		{in: "", want: map[corev1.ResourceName]string{}},
		{in: "cpu=8,memory=32Gi,nvidia.com/gpu=2", want: map[corev1.ResourceName]string{
			"limits.cpu": "8", "limits.memory": "32Gi", "requests.nvidia.com/gpu": "2"}},
		{in: " requests.cpu=1 , pods=10", want: map[corev1.ResourceName]string{"requests.cpu": "1", "pods": "10"}},
		{in: "cpu", wantErr: `want name=quantity, got "cpu"`},
		{in: "cpu=lots", wantErr: "cpu: quantities must match"},
		{in: "memory=-1Gi", wantErr: "memory must not be negative"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := ParseQuota(tt.in)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("ParseQuota(%q) error = %v, want %q", tt.in, err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != len(tt.want) {
				t.Fatalf("ParseQuota(%q) = %v, want %v", tt.in, got, tt.want)
			}
			for name, q := range tt.want {
				if g := got[name]; g.Cmp(resource.MustParse(q)) != 0 {
					t.Errorf("%s = %s, want %s", name, g.String(), q)
				}
			}
		})
	}
}

func TestDesiredQuota(t *testing.T) {
	defaults := corev1.ResourceList{"limits.cpu": resource.MustParse("8")}
	own := &corev1.ResourceQuotaSpec{Hard: corev1.ResourceList{"limits.cpu": resource.MustParse("2")}}
	tests := []struct {
		name     string
		own      *corev1.ResourceQuotaSpec
		defaults corev1.ResourceList
		want     string // limits.cpu, "" for no quota
	}{
		{"defaults apply", nil, defaults, "8"},
		{"own quota overrides defaults", own, defaults, "2"},
		{"own quota without defaults", own, nil, "2"},
		{"neither: no quota", nil, nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := &v1beta1.Profile{ObjectMeta: metav1.ObjectMeta{Name: "team"}, Spec: v1beta1.ProfileSpec{ResourceQuota: tt.own}}
			rq := desiredQuota(p, tt.defaults)
			if tt.want == "" {
				if rq != nil {
					t.Fatalf("quota %v, want none", rq.Spec.Hard)
				}
				return
			}
			if got := rq.Spec.Hard["limits.cpu"]; got.String() != tt.want {
				t.Errorf("limits.cpu = %s, want %s", got.String(), tt.want)
			}
		})
	}
}

func TestDesiredLimitRange(t *testing.T) {
	q := func(s string) *resource.Quantity { return quantity(s) }
	tests := []struct {
		name                           string
		set                            *v1beta1.ContainerDefaults
		reqCPU, reqMem, limCPU, limMem string
	}{
		{"platform defaults", nil, "100m", "128Mi", "1", "1Gi"},
		{"profile sets some, platform the rest",
			&v1beta1.ContainerDefaults{Default: &v1beta1.ComputeResources{Memory: q("4Gi")}}, "100m", "128Mi", "1", "4Gi"},
		{"a default limit below the platform's request lowers the request",
			&v1beta1.ContainerDefaults{Default: &v1beta1.ComputeResources{CPU: q("50m")}}, "50m", "128Mi", "50m", "1Gi"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := &v1beta1.Profile{ObjectMeta: metav1.ObjectMeta{Name: "team"}, Spec: v1beta1.ProfileSpec{LimitRange: tt.set}}
			item := desiredLimitRange(p).Spec.Limits[0]
			for _, c := range []struct {
				got  resource.Quantity
				want string
				what string
			}{
				{item.DefaultRequest[corev1.ResourceCPU], tt.reqCPU, "default request cpu"},
				{item.DefaultRequest[corev1.ResourceMemory], tt.reqMem, "default request memory"},
				{item.Default[corev1.ResourceCPU], tt.limCPU, "default limit cpu"},
				{item.Default[corev1.ResourceMemory], tt.limMem, "default limit memory"},
			} {
				if c.got.Cmp(resource.MustParse(c.want)) != 0 {
					t.Errorf("%s = %s, want %s", c.what, c.got.String(), c.want)
				}
			}
		})
	}
	// The platform's defaults are not changed by a profile's.
	if got := defaultContainerResources.Default.CPU.String(); got != "1" {
		t.Errorf("platform default cpu changed to %s", got)
	}
}

func TestDesiredRoleBindings(t *testing.T) {
	p := &v1beta1.Profile{
		ObjectMeta: metav1.ObjectMeta{Name: "team"},
		Spec: v1beta1.ProfileSpec{
			Owner: rbacv1.Subject{Kind: "User", Name: "alice@example.com"},
			Contributors: []v1beta1.Contributor{
				{Subject: rbacv1.Subject{Kind: "User", Name: "bob"}, Role: v1beta1.ContributorView},
				{Subject: rbacv1.Subject{Kind: "Group", Name: "ml"}, Role: v1beta1.ContributorEdit},
			},
		},
	}
	got := map[string]string{}
	for _, rb := range desiredRoleBindings(p) {
		if rb.Namespace != "team" || rb.Labels[LabelProfile] != "team" {
			t.Errorf("binding %s in %q labelled %v", rb.Name, rb.Namespace, rb.Labels)
		}
		s := rb.Subjects[0]
		got[s.Kind+"/"+s.Name] = rb.RoleRef.Name
		if s.Kind != "ServiceAccount" && s.APIGroup != rbacv1.GroupName {
			t.Errorf("subject %v lacks the rbac API group", s)
		}
	}
	want := map[string]string{
		"User/alice@example.com":        "primehub-profile-admin",
		"User/bob":                      "primehub-profile-view",
		"Group/ml":                      "primehub-profile-edit",
		"ServiceAccount/default-editor": "primehub-profile-edit",
		"ServiceAccount/default-viewer": "primehub-profile-view",
	}
	if len(got) != len(want) {
		t.Fatalf("bindings %v, want %v", got, want)
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s bound to %q, want %q", k, got[k], v)
		}
	}
}

func TestDesiredNamespacePodSecurity(t *testing.T) {
	restricted := v1beta1.PodSecurityRestricted
	tests := []struct {
		name            string
		own             *v1beta1.PodSecurityLevel
		platformDefault v1beta1.PodSecurityLevel
		want            string
	}{
		{"baseline when nobody chose", nil, "", "baseline"},
		{"the platform's default", nil, v1beta1.PodSecurityPrivileged, "privileged"},
		{"the profile's own wins", &restricted, v1beta1.PodSecurityPrivileged, "restricted"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := &v1beta1.Profile{ObjectMeta: metav1.ObjectMeta{Name: "team"}, Spec: v1beta1.ProfileSpec{PodSecurity: tt.own}}
			l := desiredNamespace(p, tt.platformDefault).Labels
			for _, mode := range []string{"enforce", "warn", "audit"} {
				if got := l["pod-security.kubernetes.io/"+mode]; got != tt.want {
					t.Errorf("%s = %q, want %q", mode, got, tt.want)
				}
			}
			if l[LabelProfile] != "team" || l["primehub.io/resources-validation-webhook"] != "enabled" {
				t.Errorf("labels %v lack the profile's or the quota webhook's", l)
			}
		})
	}
}

func TestRemovedUsers(t *testing.T) {
	p := &v1beta1.Profile{
		ObjectMeta: metav1.ObjectMeta{Name: "team"},
		Spec: v1beta1.ProfileSpec{
			Owner: rbacv1.Subject{Kind: "User", Name: "alice"},
			Contributors: []v1beta1.Contributor{
				{Subject: rbacv1.Subject{Kind: "User", Name: "bob"}, Role: v1beta1.ContributorView},
			},
		},
	}
	desired := desiredRoleBindings(p)
	stale := func(kind, name string) *rbacv1.RoleBinding {
		return roleBinding(p, "stale", v1beta1.ContributorEdit, subject(rbacv1.Subject{Kind: kind, Name: name}), true)
	}
	tests := []struct {
		name  string
		stale *rbacv1.RoleBinding
		want  []string
	}{
		{"a contributor taken off", stale("User", "carol"), []string{"carol"}},
		{"a contributor whose role changed", stale("User", "bob"), nil},
		{"the owner, once an editor too", stale("User", "alice"), nil},
		{"a group: its notebooks name users, not the group", stale("Group", "ml"), nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := removedUsers(tt.stale, desired); !slices.Equal(got, tt.want) {
				t.Errorf("removedUsers = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestParsePodSecurity(t *testing.T) {
	for in, want := range map[string]v1beta1.PodSecurityLevel{"": "baseline", "privileged": "privileged", "baseline": "baseline", "restricted": "restricted"} {
		if got, err := ParsePodSecurity(in); err != nil || got != want {
			t.Errorf("ParsePodSecurity(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	if _, err := ParsePodSecurity("Baseline"); err == nil || !strings.Contains(err.Error(), `want privileged, baseline or restricted, got "Baseline"`) {
		t.Errorf("ParsePodSecurity(Baseline): %v", err)
	}
}

func TestDesired(t *testing.T) {
	p := &v1beta1.Profile{ObjectMeta: metav1.ObjectMeta{Name: "team"},
		Spec: v1beta1.ProfileSpec{Owner: rbacv1.Subject{Kind: rbacv1.UserKind, Name: "alice"}}}
	defaults := corev1.ResourceList{"limits.cpu": resource.MustParse("8")}
	all := []string{"ServiceAccount default-editor", "ServiceAccount default-viewer", "RoleBinding owner",
		"RoleBinding default-editor", "RoleBinding default-viewer", "ResourceQuota " + quotaName, "LimitRange " + limitRangeName}
	tests := []struct {
		name     string
		defaults corev1.ResourceList
		want     []string
	}{
		{"with the default quota", defaults, all},
		{"no quota anywhere: none made", nil, slices.Delete(slices.Clone(all), 5, 6)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ns, objs := Desired(p, "", tt.defaults)
			if ns.Name != "team" || ns.Labels[labelPodSecurityEnforce] != string(v1beta1.PodSecurityBaseline) {
				t.Errorf("namespace %s, labels %v: want team, baseline", ns.Name, ns.Labels)
			}
			var got []string
			for _, o := range objs {
				if o.GetNamespace() != "team" || o.GetLabels()[LabelProfile] != "team" {
					t.Errorf("%T %s: namespace %q, labels %v: want team's", o, o.GetName(), o.GetNamespace(), o.GetLabels())
				}
				got = append(got, strings.TrimPrefix(fmt.Sprintf("%T", o), "*v1.")+" "+o.GetName())
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("Desired made %v, want %v", got, tt.want)
			}
		})
	}
}

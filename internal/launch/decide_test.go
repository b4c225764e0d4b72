package launch

import (
	"strings"
	"testing"

	"k8s.io/apimachinery/pkg/api/resource"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/utils/ptr"

	"github.com/primehub/primehub/api/v1beta1"
	"github.com/primehub/primehub/internal/access"
	"github.com/primehub/primehub/internal/directory"
	"github.com/primehub/primehub/internal/spawn"
)

// platform is the platform namespace in these tests.
const platform = "primehub"

// volume is a volume of type t named name, edited by mod.
func volume(name string, t v1beta1.VolumeType, mod func(*v1beta1.VolumeSpec)) v1beta1.Volume {
	v := v1beta1.Volume{ObjectMeta: metav1.ObjectMeta{Name: name}, Spec: v1beta1.VolumeSpec{Type: t}}
	if mod != nil {
		mod(&v.Spec)
	}
	return v
}

func TestDecide(t *testing.T) {
	it := func(name, cpu string, gpus int32, a v1beta1.Access) v1beta1.InstanceType {
		return v1beta1.InstanceType{ObjectMeta: metav1.ObjectMeta{Name: name}, Spec: v1beta1.InstanceTypeSpec{
			CPU: v1beta1.ResourceRange{Limit: resource.MustParse(cpu)}, Memory: v1beta1.ResourceRange{Limit: resource.MustParse("1Gi")},
			GPU: v1beta1.GPUResources{Count: gpus}, Access: a}}
	}
	img := func(name string, t v1beta1.ImageType, a v1beta1.Access, groupName string) v1beta1.Image {
		return v1beta1.Image{ObjectMeta: metav1.ObjectMeta{Name: name}, Spec: v1beta1.ImageSpec{Type: t, URL: "x", Access: a, GroupName: groupName}}
	}
	global := v1beta1.Access{Global: true}
	opsOnly := v1beta1.Access{Groups: []v1beta1.GroupGrant{{Name: "ops"}}}
	cat := Catalog{
		InstanceTypes: []v1beta1.InstanceType{it("small", "1", 0, global), it("big", "8", 0, global), it("gpu", "1", 2, global), it("ops", "1", 0, opsOnly)},
		Images: []v1beta1.Image{img("base", v1beta1.ImageTypeBoth, global, ""), img("ops-image", v1beta1.ImageTypeBoth, opsOnly, ""),
			img("cpu-only", v1beta1.ImageTypeCPU, global, ""), img("ml-own", v1beta1.ImageTypeBoth, v1beta1.Access{}, "ml"),
			img("ops-own", v1beta1.ImageTypeBoth, global, "ops")},
	}
	ml := directory.Group{Name: "ml", Quota: v1beta1.GroupQuota{
		PerUser: v1beta1.QuotaResources{CPU: ptr.To(resource.MustParse("4"))},
		Total:   v1beta1.QuotaResources{GPU: ptr.To[int32](1)},
	}}
	alice := directory.User{Username: "alice"}
	tests := []struct {
		name                       string
		kind                       Kind
		user                       directory.User
		group, instanceType, image string
		wantReason, wantMessage    string
	}{
		{name: "allowed", user: alice, group: "ml", instanceType: "small", image: "base"},
		{name: "a group image of the group", user: alice, group: "ml", instanceType: "small", image: "ml-own"},
		{name: "disabled user", user: directory.User{Username: "alice", Disabled: true}, group: "ml", instanceType: "small", image: "base",
			wantReason: "UserDisabled", wantMessage: "user alice is disabled"},
		{name: "notebook in everyone", kind: Notebook, user: alice, group: "everyone", instanceType: "small", image: "base",
			wantReason: "NotMember", wantMessage: "notebooks are launched in one of your groups, not in everyone"},
		{name: "job in everyone", kind: Job, user: alice, group: "everyone", instanceType: "small", image: "base",
			wantReason: "NotMember", wantMessage: "jobs run in one of your groups, not in everyone"},
		{name: "not a member", user: alice, group: "ops", instanceType: "small", image: "base",
			wantReason: "NotMember", wantMessage: "user alice is not a member of group ops"},
		{name: "unknown instance type", user: alice, group: "ml", instanceType: "huge", image: "base",
			wantReason: "InstanceTypeNotFound", wantMessage: "instance type huge does not exist"},
		{name: "instance type not granted", user: alice, group: "ml", instanceType: "ops", image: "base",
			wantReason: "InstanceTypeNotGranted", wantMessage: "instance type ops is not granted to group ml"},
		{name: "unknown image", user: alice, group: "ml", instanceType: "small", image: "nope",
			wantReason: "ImageNotFound", wantMessage: "image nope does not exist"},
		{name: "image not granted", user: alice, group: "ml", instanceType: "small", image: "ops-image",
			wantReason: "ImageNotGranted", wantMessage: "image ops-image is not granted to group ml"},
		{name: "a group image of another group, even granted globally", user: alice, group: "ml", instanceType: "small", image: "ops-own",
			wantReason: "ImageNotGranted", wantMessage: "image ops-own is not granted to group ml"},
		{name: "image for the other kind of instance type", user: alice, group: "ml", instanceType: "gpu", image: "cpu-only",
			wantReason: "ImageMismatch", wantMessage: "image cpu-only is for CPU instance types only"},
		{name: "over the per-user quota", user: alice, group: "ml", instanceType: "big", image: "base",
			wantReason: "OverQuota", wantMessage: "USER alice exceeded cpu quota: 4, requesting 8"},
		{name: "over the group quota", user: alice, group: "ml", instanceType: "gpu", image: "base",
			wantReason: "OverQuota", wantMessage: "GROUP ml exceeded gpu quota: 1, requesting 2"},
		{name: "an app names no image", kind: App, user: alice, group: "ml", instanceType: "small"},
		{name: "an app in everyone", kind: App, user: alice, group: "everyone", instanceType: "small",
			wantReason: "NotMember", wantMessage: "applications are installed in one of your groups, not in everyone"},
		{name: "an app of a non-member", kind: App, user: alice, group: "ops", instanceType: "small",
			wantReason: "NotMember", wantMessage: "user alice is not a member of group ops"},
		{name: "an app on an instance type not granted", kind: App, user: alice, group: "ml", instanceType: "ops",
			wantReason: "InstanceTypeNotGranted", wantMessage: "instance type ops is not granted to group ml"},
		{name: "an app over the group quota", kind: App, user: alice, group: "ml", instanceType: "gpu",
			wantReason: "OverQuota", wantMessage: "GROUP ml exceeded gpu quota: 1, requesting 2"},
		{name: "a job over the per-user quota can never start", kind: Job, user: alice, group: "ml", instanceType: "big", image: "base",
			wantReason: "ExceedsQuota", wantMessage: "its instance type alone exceeds the quota, so it can never start: USER alice exceeded cpu quota: 4, requesting 8"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req := Request{Kind: tt.kind, User: tt.user.Username, Namespace: platform, Group: tt.group, InstanceType: tt.instanceType, Image: tt.image}
			in, refusal := Decide(req, Facts{User: tt.user, Groups: []directory.Group{{Name: directory.Everyone}, ml}, PlatformNamespace: platform, Catalog: cat})
			if tt.wantReason == "" {
				if refusal != nil {
					t.Fatalf("refused: %+v", refusal)
				}
				if in.Group.Name != tt.group || in.InstanceType.Name != tt.instanceType || in.Image.Name != tt.image {
					t.Errorf("input for %s, %s, %s", in.Group.Name, in.InstanceType.Name, in.Image.Name)
				}
				return
			}
			if refusal == nil || refusal.Reason != tt.wantReason || refusal.Message != tt.wantMessage {
				t.Fatalf("got %+v, want %s: %s", refusal, tt.wantReason, tt.wantMessage)
			}
		})
	}
}

func TestDecideInput(t *testing.T) {
	it := v1beta1.InstanceType{ObjectMeta: metav1.ObjectMeta{Name: "small"}, Spec: v1beta1.InstanceTypeSpec{
		CPU: v1beta1.ResourceRange{Limit: resource.MustParse("1")}, Memory: v1beta1.ResourceRange{Limit: resource.MustParse("1Gi")},
		Access: v1beta1.Access{Global: true}}}
	image := v1beta1.Image{ObjectMeta: metav1.ObjectMeta{Name: "base"}, Spec: v1beta1.ImageSpec{Type: v1beta1.ImageTypeBoth, URL: "x", Access: v1beta1.Access{Global: true}}}
	grant := func(launchGroupOnly bool, grants ...v1beta1.GroupGrant) func(*v1beta1.VolumeSpec) {
		return func(s *v1beta1.VolumeSpec) { s.Access.Groups, s.LaunchGroupOnly = grants, ptr.To(launchGroupOnly) }
	}
	cat := Catalog{
		InstanceTypes: []v1beta1.InstanceType{it},
		Images:        []v1beta1.Image{image},
		Volumes: []v1beta1.Volume{
			volume("ml-data", v1beta1.VolumeTypePV, grant(true, v1beta1.GroupGrant{Name: "ml", Writable: true})),
			volume("ops-only", v1beta1.VolumeTypePV, grant(true, v1beta1.GroupGrant{Name: "ops", Writable: true})),
			volume("ops-everywhere", v1beta1.VolumeTypePV, grant(false, v1beta1.GroupGrant{Name: "ops"})),
			volume("strangers", v1beta1.VolumeTypePV, grant(false, v1beta1.GroupGrant{Name: "hr"})),
		},
	}
	groups := []directory.Group{{Name: directory.Everyone}, {Name: "ml"}, {Name: "ops"}}
	settings := spawn.Settings{Timezone: "Asia/Taipei"}
	env := []v1beta1.EnvVar{{Name: "A", Value: "1"}}
	req := Request{User: "alice", Namespace: platform, Group: "ml", InstanceType: "small", Image: "base", Env: env}
	in, refusal := Decide(req, Facts{User: directory.User{Username: "alice"}, Groups: groups, PlatformNamespace: platform, Catalog: cat, Settings: settings})
	if refusal != nil {
		t.Fatalf("refused: %+v", refusal)
	}
	want := []access.GrantedVolume{{Volume: cat.Volumes[0], Writable: true}, {Volume: cat.Volumes[2]}}
	if len(in.Volumes) != len(want) {
		t.Fatalf("volumes %+v, want ml-data (writable) and ops-everywhere", in.Volumes)
	}
	for i := range want {
		if in.Volumes[i].Volume.Name != want[i].Volume.Name || in.Volumes[i].Writable != want[i].Writable {
			t.Errorf("volume %d: %s writable=%v, want %s writable=%v", i, in.Volumes[i].Volume.Name, in.Volumes[i].Writable, want[i].Volume.Name, want[i].Writable)
		}
	}
	if in.User.Username != "alice" || len(in.UserGroups) != 3 || in.Settings.Timezone != "Asia/Taipei" || len(in.Env) != 1 {
		t.Errorf("input %+v", in)
	}
}

func TestDecideDeployment(t *testing.T) {
	global := v1beta1.Access{Global: true}
	cat := Catalog{
		InstanceTypes: []v1beta1.InstanceType{{ObjectMeta: metav1.ObjectMeta{Name: "small"}, Spec: v1beta1.InstanceTypeSpec{
			CPU: v1beta1.ResourceRange{Limit: resource.MustParse("1")}, Memory: v1beta1.ResourceRange{Limit: resource.MustParse("1Gi")}, Access: global}}},
		Images: []v1beta1.Image{{ObjectMeta: metav1.ObjectMeta{Name: "base"}, Spec: v1beta1.ImageSpec{Type: v1beta1.ImageTypeBoth, URL: "registry/base:1", Access: global}},
			{ObjectMeta: metav1.ObjectMeta{Name: "ops-image"}, Spec: v1beta1.ImageSpec{Type: v1beta1.ImageTypeBoth, URL: "x", Access: v1beta1.Access{Groups: []v1beta1.GroupGrant{{Name: "ops"}}}}}},
	}
	deployment := func(name, group string, stop bool) v1beta1.PhDeployment {
		return v1beta1.PhDeployment{ObjectMeta: metav1.ObjectMeta{Name: name}, Spec: v1beta1.PhDeploymentSpec{Group: group, Stop: stop}}
	}
	others := []v1beta1.PhDeployment{deployment("a", "ml", false), deployment("b", "ml", true), deployment("c", "ops", false)}
	group := func(name string, d *v1beta1.GroupDeployments, cpu string) directory.Group {
		g := directory.Group{Name: name, Deployments: d}
		if cpu != "" {
			g.Quota.Total.CPU = ptr.To(resource.MustParse(cpu))
		}
		return g
	}
	tests := []struct {
		name        string
		group       directory.Group
		request     Request
		wantReason  string
		wantMessage string
		wantURL     string
	}{
		{name: "enabled, no cap", group: group("ml", &v1beta1.GroupDeployments{Enabled: true}, ""),
			request: Request{Deployment: "new", Image: "base", Replicas: 3}, wantURL: "registry/base:1"},
		{name: "an image reference", group: group("ml", &v1beta1.GroupDeployments{Enabled: true}, ""),
			request: Request{Deployment: "new", Image: "infuseai/sklearn-prepackaged:v0.1.0", Replicas: 1}, wantURL: "infuseai/sklearn-prepackaged:v0.1.0"},
		{name: "a catalog image not granted", group: group("ml", &v1beta1.GroupDeployments{Enabled: true}, ""),
			request:    Request{Deployment: "new", Image: "ops-image", Replicas: 1},
			wantReason: ReasonImageNotGranted, wantMessage: "image ops-image is not granted to group ml"},
		{name: "not enabled", group: group("ml", nil, ""), request: Request{Deployment: "new", Image: "base", Replicas: 1},
			wantReason: ReasonDeploymentsDisabled, wantMessage: "group ml may not deploy models: its deployments are not enabled (enabledDeployment)"},
		{name: "turned off", group: group("ml", &v1beta1.GroupDeployments{Enabled: false, Max: ptr.To[int32](5)}, ""), request: Request{Deployment: "new", Image: "base", Replicas: 1},
			wantReason: ReasonDeploymentsDisabled, wantMessage: "group ml may not deploy models"},
		{name: "at maxDeploy: stopped ones and other groups' do not count", group: group("ml", &v1beta1.GroupDeployments{Enabled: true, Max: ptr.To[int32](1)}, ""),
			request:    Request{Deployment: "new", Image: "base", Replicas: 1},
			wantReason: ReasonMaxDeploy, wantMessage: "group ml runs 1 deployments, as many as its maxDeploy (1) allows: stop one first"},
		{name: "at maxDeploy, itself one of them", group: group("ml", &v1beta1.GroupDeployments{Enabled: true, Max: ptr.To[int32](1)}, ""),
			request: Request{Deployment: "a", Image: "base", Replicas: 1}, wantURL: "registry/base:1"},
		{name: "below maxDeploy", group: group("ml", &v1beta1.GroupDeployments{Enabled: true, Max: ptr.To[int32](2)}, ""),
			request: Request{Deployment: "new", Image: "base", Replicas: 1}, wantURL: "registry/base:1"},
		{name: "all replicas must fit the quota", group: group("ml", &v1beta1.GroupDeployments{Enabled: true}, "2"),
			request:    Request{Deployment: "new", Image: "base", Replicas: 3},
			wantReason: ReasonOverQuota, wantMessage: "GROUP ml exceeded cpu quota: 2, requesting 3"},
		{name: "outside the platform namespace", group: group("ml", &v1beta1.GroupDeployments{Enabled: true}, ""),
			request:    Request{Deployment: "new", Image: "base", Replicas: 1, Namespace: "alice"},
			wantReason: ReasonNamespaceNotAllowed, wantMessage: "models are deployed in the platform namespace primehub only, not in alice"},
		{name: "not a member", group: group("hr", &v1beta1.GroupDeployments{Enabled: true}, ""),
			request:    Request{Deployment: "new", Image: "base", Replicas: 1, Group: "ops"},
			wantReason: ReasonNotMember, wantMessage: "user alice is not a member of group ops"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req := tt.request
			req.Kind, req.User, req.InstanceType = Deployment, "alice", "small"
			if req.Namespace == "" {
				req.Namespace = platform
			}
			if req.Group == "" {
				req.Group = tt.group.Name
			}
			in, refusal := Decide(req, Facts{User: directory.User{Username: "alice"}, Groups: []directory.Group{{Name: directory.Everyone}, tt.group},
				PlatformNamespace: platform, Catalog: cat, Deployments: others})
			if tt.wantReason == "" {
				if refusal != nil {
					t.Fatalf("refused: %+v", refusal)
				}
				if in.Image.Spec.URL != tt.wantURL {
					t.Errorf("image %q, want %q", in.Image.Spec.URL, tt.wantURL)
				}
				return
			}
			if refusal == nil || refusal.Reason != tt.wantReason || !strings.HasPrefix(refusal.Message, tt.wantMessage) {
				t.Fatalf("got %+v, want %s: %s", refusal, tt.wantReason, tt.wantMessage)
			}
		})
	}
}

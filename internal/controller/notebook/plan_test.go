package notebook

import (
	"testing"

	"k8s.io/apimachinery/pkg/api/resource"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/utils/ptr"

	"github.com/primehub/primehub/api/v1beta1"
	"github.com/primehub/primehub/internal/directory"
	"github.com/primehub/primehub/internal/spawn"
)

func TestPlan(t *testing.T) {
	it := func(name, cpu string, gpus int32, a v1beta1.Access) v1beta1.InstanceType {
		return v1beta1.InstanceType{ObjectMeta: metav1.ObjectMeta{Name: name}, Spec: v1beta1.InstanceTypeSpec{
			CPU: v1beta1.ResourceRange{Limit: resource.MustParse(cpu)}, Memory: v1beta1.ResourceRange{Limit: resource.MustParse("1Gi")},
			GPU: v1beta1.GPUResources{Count: gpus}, Access: a}}
	}
	img := func(name string, t v1beta1.ImageType, a v1beta1.Access) v1beta1.Image {
		return v1beta1.Image{ObjectMeta: metav1.ObjectMeta{Name: name}, Spec: v1beta1.ImageSpec{Type: t, URL: "x", Access: a}}
	}
	global := v1beta1.Access{Global: true}
	opsOnly := v1beta1.Access{Groups: []v1beta1.GroupGrant{{Name: "ops"}}}
	cat := catalog{
		instanceTypes: []v1beta1.InstanceType{it("small", "1", 0, global), it("big", "8", 0, global), it("gpu", "1", 2, global), it("ops", "1", 0, opsOnly)},
		images:        []v1beta1.Image{img("base", v1beta1.ImageTypeBoth, global), img("ops-image", v1beta1.ImageTypeBoth, opsOnly), img("cpu-only", v1beta1.ImageTypeCPU, global)},
	}
	ml := directory.Group{Name: "ml", Quota: v1beta1.GroupQuota{
		PerUser: v1beta1.QuotaResources{CPU: ptr.To(resource.MustParse("4"))},
		Total:   v1beta1.QuotaResources{GPU: ptr.To[int32](1)},
	}}
	alice := directory.User{Username: "alice"}
	tests := []struct {
		name                       string
		user                       directory.User
		group, instanceType, image string
		wantReason, wantMessage    string
	}{
		{name: "allowed", user: alice, group: "ml", instanceType: "small", image: "base"},
		{name: "disabled user", user: directory.User{Username: "alice", Disabled: true}, group: "ml", instanceType: "small", image: "base",
			wantReason: "UserDisabled", wantMessage: "user alice is disabled"},
		{name: "everyone", user: alice, group: "everyone", instanceType: "small", image: "base",
			wantReason: "NotMember", wantMessage: "notebooks are launched in one of your groups, not in everyone"},
		{name: "not a member", user: alice, group: "ops", instanceType: "small", image: "base",
			wantReason: "NotMember", wantMessage: "user alice is not a member of group ops"},
		{name: "unknown instance type", user: alice, group: "ml", instanceType: "huge", image: "base",
			wantReason: "InstanceTypeNotFound", wantMessage: "instance type huge does not exist"},
		{name: "instance type not granted", user: alice, group: "ml", instanceType: "ops", image: "base",
			wantReason: "InstanceTypeNotGranted", wantMessage: "instance type ops is not granted to group ml"},
		{name: "image not granted", user: alice, group: "ml", instanceType: "small", image: "ops-image",
			wantReason: "ImageNotGranted", wantMessage: "image ops-image is not granted to group ml"},
		{name: "image for the other kind of instance type", user: alice, group: "ml", instanceType: "gpu", image: "cpu-only",
			wantReason: "ImageMismatch", wantMessage: "image cpu-only is for CPU instance types only"},
		{name: "over the per-user quota", user: alice, group: "ml", instanceType: "big", image: "base",
			wantReason: "OverQuota", wantMessage: "USER alice exceeded cpu quota: 4, requesting 8"},
		{name: "over the group quota", user: alice, group: "ml", instanceType: "gpu", image: "base",
			wantReason: "OverQuota", wantMessage: "GROUP ml exceeded gpu quota: 1, requesting 2"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			nb := &v1beta1.Notebook{Spec: v1beta1.NotebookSpec{User: tt.user.Username, Group: tt.group, InstanceType: tt.instanceType, Image: tt.image}}
			_, pod, f := plan(nb, tt.user, []directory.Group{{Name: directory.Everyone}, ml}, cat, spawn.Settings{})
			if tt.wantReason == "" {
				if f != nil || pod == nil {
					t.Fatalf("refused: %+v", f)
				}
				return
			}
			if f == nil || f.reason != tt.wantReason || f.message != tt.wantMessage {
				t.Fatalf("got %+v, want %s: %s", f, tt.wantReason, tt.wantMessage)
			}
		})
	}
}

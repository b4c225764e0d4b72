package keycloak

import (
	"reflect"
	"testing"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/primehub/primehub/api/v1beta1"
)

func TestDesiredRoles(t *testing.T) {
	meta := func(name string) metav1.ObjectMeta { return metav1.ObjectMeta{Name: name} }
	its := []v1beta1.InstanceType{
		{ObjectMeta: meta("cpu-1"), Spec: v1beta1.InstanceTypeSpec{Access: v1beta1.Access{Global: true}}},
		{ObjectMeta: meta("gpu-1"), Spec: v1beta1.InstanceTypeSpec{Access: v1beta1.Access{Groups: []v1beta1.GroupGrant{{Name: "ml"}, {Name: "ml"}}}}},
		{ObjectMeta: meta("unused")},
	}
	images := []v1beta1.Image{
		{ObjectMeta: meta("team-img"), Spec: v1beta1.ImageSpec{GroupName: "ml", Access: v1beta1.Access{Groups: []v1beta1.GroupGrant{{Name: "bio"}}}}},
	}
	volumes := []v1beta1.Volume{
		{ObjectMeta: meta("data"), Spec: v1beta1.VolumeSpec{Access: v1beta1.Access{Global: true, Groups: []v1beta1.GroupGrant{{Name: "ml", Writable: true}, {Name: "bio"}}}}},
	}
	tests := []struct {
		prefix string
		want   map[string][]string
	}{
		{"", map[string][]string{
			"it:cpu-1": {"everyone"}, "it:gpu-1": {"ml"}, "it:unused": nil,
			"img:team-img": {"bio", "ml"},
			"ds:data":      {"bio", "everyone", "ml"}, "ds:rw:data": {"ml"},
		}},
		{"ph", map[string][]string{
			"ph:it:cpu-1": {"everyone"}, "ph:it:gpu-1": {"ml"}, "ph:it:unused": nil,
			"ph:img:team-img": {"bio", "ml"},
			"ph:ds:data":      {"bio", "everyone", "ml"}, "ph:ds:rw:data": {"ml"},
		}},
	}
	for _, tt := range tests {
		t.Run("prefix "+tt.prefix, func(t *testing.T) {
			if got := DesiredRoles(tt.prefix, its, images, volumes); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got  %v\nwant %v", got, tt.want)
			}
		})
	}
}

package access

import (
	"reflect"
	"testing"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/utils/ptr"

	"github.com/primehub/primehub/api/v1beta1"
)

func grants(global bool, groups ...v1beta1.GroupGrant) v1beta1.Access {
	return v1beta1.Access{Global: global, Groups: groups}
}

func ro(name string) v1beta1.GroupGrant { return v1beta1.GroupGrant{Name: name} }
func rw(name string) v1beta1.GroupGrant { return v1beta1.GroupGrant{Name: name, Writable: true} }

func TestImages(t *testing.T) {
	img := func(name, groupImage string, a v1beta1.Access) v1beta1.Image {
		return v1beta1.Image{ObjectMeta: metav1.ObjectMeta{Name: name}, Spec: v1beta1.ImageSpec{GroupName: groupImage, Access: a}}
	}
	all := []v1beta1.Image{
		img("base", "", grants(true)),
		img("tf", "", grants(false, ro("ml"))),
		img("ml-custom", "ml", grants(false)),
		// A group image belongs to its group alone, whatever its access says.
		img("ops-custom", "ops", grants(true)),
	}
	tests := []struct {
		group string
		want  []string
	}{
		{"ml", []string{"base", "ml-custom", "tf"}},
		{"ops", []string{"base", "ops-custom"}},
		{"research", []string{"base"}},
	}
	for _, tt := range tests {
		var got []string
		for _, i := range Images(all, tt.group) {
			got = append(got, i.Name)
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Images(%s) = %v, want %v", tt.group, got, tt.want)
		}
	}
}

func TestVolumes(t *testing.T) {
	vol := func(name string, launchGroupOnly bool, a v1beta1.Access) v1beta1.Volume {
		return v1beta1.Volume{ObjectMeta: metav1.ObjectMeta{Name: name},
			Spec: v1beta1.VolumeSpec{LaunchGroupOnly: ptr.To(launchGroupOnly), Access: a}}
	}
	all := []v1beta1.Volume{
		vol("global", true, grants(true)),
		vol("ml-ro", true, grants(false, ro("ml"))),
		vol("ml-rw", true, grants(false, rw("ml"))),
		vol("ops-anywhere", false, grants(false, rw("ops"))),
		vol("ops-launch-only", true, grants(false, rw("ops"))),
		vol("twice", false, grants(false, ro("ml"), rw("ops"))),
		vol("global-and-rw", true, grants(true, rw("ml"))),
		// launchGroupOnly unset means true, as the CRD defaults it.
		{ObjectMeta: metav1.ObjectMeta{Name: "unset"}, Spec: v1beta1.VolumeSpec{Access: grants(false, ro("ops"))}},
	}
	tests := []struct {
		name       string
		group      string
		userGroups []string
		want       map[string]bool // volume → writable
	}{
		{"launch in ml, member of ml only", "ml", []string{"ml"},
			map[string]bool{"global": false, "ml-ro": false, "ml-rw": true, "twice": false, "global-and-rw": true}},
		{"launch in ml, also in ops: ops volumes not launch-group-only come along, writable if any grant is", "ml", []string{"ml", "ops"},
			map[string]bool{"global": false, "ml-ro": false, "ml-rw": true, "ops-anywhere": true, "twice": true, "global-and-rw": true}},
		{"launch in ops", "ops", []string{"ml", "ops"},
			map[string]bool{"global": false, "ops-anywhere": true, "ops-launch-only": true, "twice": true, "unset": false, "global-and-rw": false}},
		{"launch in a group with no grants", "research", []string{"research"},
			map[string]bool{"global": false, "global-and-rw": false}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := map[string]bool{}
			for _, v := range Volumes(all, tt.group, tt.userGroups) {
				got[v.Volume.Name] = v.Writable
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %v\nwant %v", got, tt.want)
			}
		})
	}
}

func TestGranted(t *testing.T) {
	tests := []struct {
		a     v1beta1.Access
		group string
		want  bool
	}{
		{grants(true), "any", true},
		{grants(false, ro("ml")), "ml", true},
		{grants(false, ro("ml")), "ML", false},
		{grants(false), "ml", false},
	}
	for _, tt := range tests {
		if got := Granted(tt.a, tt.group); got != tt.want {
			t.Errorf("Granted(%+v, %q) = %v, want %v", tt.a, tt.group, got, tt.want)
		}
	}
}

package graphql

import (
	"testing"

	"github.com/99designs/gqlgen/graphql"
	"k8s.io/utils/ptr"

	"github.com/primehub/primehub/internal/graphql/model"
)

func TestGroupAdminSettings(t *testing.T) {
	for _, c := range []struct {
		name string
		in   model.GroupUpdateInput
		want bool
	}{
		{"nothing", model.GroupUpdateInput{}, true},
		{"members", model.GroupUpdateInput{Users: &model.UserUpdateManyInput{}}, true},
		{"shared volume on, mounted everywhere", model.GroupUpdateInput{EnabledSharedVolume: ptr.To(true), LaunchGroupOnly: ptr.To(false)}, true},
		{"default job timeout", model.GroupUpdateInput{JobDefaultActiveDeadlineSeconds: graphql.OmittableOf(ptr.To(60))}, true},
		{"default job timeout cleared", model.GroupUpdateInput{JobDefaultActiveDeadlineSeconds: graphql.OmittableOf[*int](nil)}, true},
		{"quota", model.GroupUpdateInput{QuotaCPU: graphql.OmittableOf(ptr.To(1.0))}, false},
		{"quota cleared", model.GroupUpdateInput{ProjectQuotaGpu: graphql.OmittableOf[*int](nil)}, false},
		{"shared volume capacity", model.GroupUpdateInput{SharedVolumeCapacity: graphql.OmittableOf(ptr.To(10))}, false},
		{"user volume capacity", model.GroupUpdateInput{UserVolumeCapacity: graphql.OmittableOf(ptr.To(10))}, false},
		{"display name", model.GroupUpdateInput{DisplayName: ptr.To("x")}, false},
		{"admins", model.GroupUpdateInput{Admins: ptr.To("a")}, false},
		{"grants", model.GroupUpdateInput{Images: &model.NamesSetInput{}}, false},
		{"profile", model.GroupUpdateInput{EnabledProfile: ptr.To(true)}, false},
		{"members and a quota", model.GroupUpdateInput{Users: &model.UserUpdateManyInput{}, QuotaGpu: graphql.OmittableOf(ptr.To(1))}, false},
	} {
		if got := groupAdminSettings(c.in); got != c.want {
			t.Errorf("%s: %v, want %v", c.name, got, c.want)
		}
	}
}

func TestPvProvisioning(t *testing.T) {
	for in, ok := range map[*string]bool{nil: true, ptr.To("auto"): true, ptr.To("manual"): false, ptr.To(""): false} {
		if err := pvProvisioning(in); (err == nil) != ok {
			t.Errorf("pvProvisioning(%v): %v", in, err)
		}
	}
}

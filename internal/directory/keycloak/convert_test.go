package keycloak

import (
	"reflect"
	"testing"

	"k8s.io/apimachinery/pkg/api/resource"
	"k8s.io/utils/ptr"

	"github.com/primehub/primehub/api/v1beta1"
	"github.com/primehub/primehub/internal/directory"
)

func TestUserRoundTrip(t *testing.T) {
	u := directory.User{Username: "Ada.Lovelace@Example.com", Email: "ada@example.com", DisplayName: "Ada Lovelace",
		Disabled: true, VolumeCapacity: ptr.To(resource.MustParse("50Gi")), PredefinedEnv: []v1beta1.EnvVar{{Name: "A", Value: "1"}}}
	rep := userToRep(u)
	if rep.Username != "ada.lovelace@example.com" || rep.Enabled || rep.Attributes[attrUsername][0] != u.Username {
		t.Errorf("representation %+v", rep)
	}
	u.Admin = true
	if got := userFromRep(rep, true); !reflect.DeepEqual(got, u) {
		t.Errorf("round trip %+v, want %+v", got, u)
	}
	if got := userFromRep(userRep{Username: "made-in-console", Enabled: true, Attributes: map[string][]string{attrPredefinedEnv: {"{"}}}, false); got.Username != "made-in-console" || got.PredefinedEnv != nil {
		t.Errorf("a user made in Keycloak's console reads as %+v", got)
	}
}

func TestGroupAttributes(t *testing.T) {
	g := directory.Group{
		Name: "data_science", DisplayName: "Data Science", Members: []string{"a", "b"}, Admins: []string{"b", "a"},
		Quota: v1beta1.GroupQuota{
			PerUser: v1beta1.QuotaResources{CPU: ptr.To(resource.MustParse("4")), GPU: ptr.To[int32](1)},
			Total:   v1beta1.QuotaResources{Memory: ptr.To(resource.MustParse("64Gi")), GPU: ptr.To[int32](0)},
		},
		UserVolumeCapacity: ptr.To(resource.MustParse("30Gi")),
		SharedVolume:       &v1beta1.SharedVolume{Enabled: true, Capacity: ptr.To(resource.MustParse("1Ti")), LaunchGroupOnly: ptr.To(false)},
		Deployments:        &v1beta1.GroupDeployments{Enabled: true, Max: ptr.To[int32](3), AllowPublicEndpoints: true},
	}
	rep := groupToRep(g)
	want := map[string][]string{
		"displayName": {"Data Science"}, "quota-cpu": {"4"}, "quota-gpu": {"1"}, "project-quota-memory": {"64Gi"},
		"project-quota-gpu": {"0"}, "user-volume-capacity": {"30Gi"}, "enabled-shared-volume": {"true"},
		"shared-volume-capacity": {"1Ti"}, "launch-group-only": {"false"}, "admins": {"a,b"},
		"enabled-deployment": {"true"}, "max-deploy": {"3"}, "allow-public-deployment-endpoints": {"true"},
	}
	if !reflect.DeepEqual(rep.Attributes, want) {
		t.Errorf("attributes %v\nwant       %v", rep.Attributes, want)
	}
	// Quantities cache their text form, so compare what they render.
	got := groupFromRep(rep, []string{"a", "b"})
	if again := groupToRep(got); !reflect.DeepEqual(again, rep) || !reflect.DeepEqual(got.Members, g.Members) || got.Name != g.Name {
		t.Errorf("round trip %+v\nwant       %+v", again, rep)
	}
	// Hand-edited values PrimeHub cannot read are unset, which means unlimited.
	odd := groupFromRep(groupRep{Name: "x", Attributes: map[string][]string{"quota-cpu": {"lots"}, "quota-gpu": {"1.5"}, "enabled-shared-volume": {"true"}}}, nil)
	if odd.Quota.PerUser.CPU != nil || odd.Quota.PerUser.GPU != nil || !*odd.SharedVolume.LaunchGroupOnly {
		t.Errorf("odd attributes read as %+v", odd)
	}
}

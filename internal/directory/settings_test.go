package directory

import (
	"errors"
	"testing"

	"k8s.io/apimachinery/pkg/api/resource"
)

func TestSettingsFromData(t *testing.T) {
	def := DefaultSettings()
	tests := []struct {
		name string
		data map[string]string
		want Settings
	}{
		{"empty is the defaults", nil, def},
		{"all set", map[string]string{"orgName": "Acme", "defaultUserVolumeCapacity": "5Gi", "timezone": "Asia/Taipei"},
			Settings{OrgName: "Acme", DefaultUserVolumeCapacity: resource.MustParse("5Gi"), Timezone: "Asia/Taipei"}},
		{"unreadable values fall back", map[string]string{"orgName": "Acme", "defaultUserVolumeCapacity": "lots", "timezone": "Mars/Base"},
			Settings{OrgName: "Acme", DefaultUserVolumeCapacity: def.DefaultUserVolumeCapacity, Timezone: def.Timezone}},
		{"negative capacity falls back", map[string]string{"defaultUserVolumeCapacity": "-1Gi"}, def},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := SettingsFromData(tt.data)
			if got.OrgName != tt.want.OrgName || got.Timezone != tt.want.Timezone || got.DefaultUserVolumeCapacity.Cmp(tt.want.DefaultUserVolumeCapacity) != 0 {
				t.Errorf("got %+v, want %+v", got, tt.want)
			}
		})
	}
}

func TestSettingsDataRoundTripsAndValidates(t *testing.T) {
	s := Settings{OrgName: "Acme", DefaultUserVolumeCapacity: resource.MustParse("50Gi"), Timezone: "Europe/Paris"}
	data, err := SettingsData(s)
	if err != nil {
		t.Fatal(err)
	}
	if back := SettingsFromData(data); back.OrgName != s.OrgName || back.Timezone != s.Timezone || back.DefaultUserVolumeCapacity.Cmp(s.DefaultUserVolumeCapacity) != 0 {
		t.Errorf("round trip %+v, want %+v", back, s)
	}
	for _, bad := range []Settings{
		{OrgName: "", DefaultUserVolumeCapacity: resource.MustParse("1Gi"), Timezone: "UTC"},
		{OrgName: "x", DefaultUserVolumeCapacity: resource.MustParse("0"), Timezone: "UTC"},
		{OrgName: "x", DefaultUserVolumeCapacity: resource.MustParse("1Gi"), Timezone: ""},
		{OrgName: "x", DefaultUserVolumeCapacity: resource.MustParse("1Gi"), Timezone: "Local"},
	} {
		if _, err := SettingsData(bad); !errors.Is(err, ErrInvalid) {
			t.Errorf("SettingsData(%+v) = %v, want ErrInvalid", bad, err)
		}
	}
}

package directory

import (
	"fmt"
	"time"

	"k8s.io/apimachinery/pkg/api/resource"
)

// Keys of the settings as stored, in a ConfigMap's data or Keycloak realm attributes.
const (
	orgNameKey        = "orgName"
	volumeCapacityKey = "defaultUserVolumeCapacity"
	timezoneKey       = "timezone"
)

// SettingsData validates s and renders it as string data.
func SettingsData(s Settings) (map[string]string, error) {
	if s.OrgName == "" {
		return nil, fmt.Errorf("%w: the organization name is empty", ErrInvalid)
	}
	if s.DefaultUserVolumeCapacity.Sign() <= 0 {
		return nil, fmt.Errorf("%w: the default user volume capacity must be greater than 0", ErrInvalid)
	}
	if _, err := time.LoadLocation(s.Timezone); err != nil || s.Timezone == "" || s.Timezone == "Local" {
		return nil, fmt.Errorf("%w: timezone %q is not an IANA time zone such as Asia/Taipei", ErrInvalid, s.Timezone)
	}
	return map[string]string{
		orgNameKey:        s.OrgName,
		volumeCapacityKey: s.DefaultUserVolumeCapacity.String(),
		timezoneKey:       s.Timezone,
	}, nil
}

// SettingsFromData reads settings from string data, with defaults for keys missing or
// unreadable (someone may edit the ConfigMap by hand).
func SettingsFromData(data map[string]string) Settings {
	s := DefaultSettings()
	if v := data[orgNameKey]; v != "" {
		s.OrgName = v
	}
	if q, err := resource.ParseQuantity(data[volumeCapacityKey]); err == nil && q.Sign() > 0 {
		s.DefaultUserVolumeCapacity = q
	}
	if v := data[timezoneKey]; v != "" {
		if _, err := time.LoadLocation(v); err == nil {
			s.Timezone = v
		}
	}
	return s
}

package graphql

import (
	"time"

	"github.com/primehub/primehub/internal/directory"
	"github.com/primehub/primehub/internal/graphql/model"
)

// system shows settings; the time zone's offset is the one in force now.
func (r *Resolver) system(s directory.Settings) *model.System {
	out := &model.System{Org: &model.Org{Name: &s.OrgName}, DefaultUserVolumeCapacity: model.WholeGiB(&s.DefaultUserVolumeCapacity)}
	tz := &model.Timezone{Name: s.Timezone}
	if loc, err := time.LoadLocation(s.Timezone); err == nil {
		_, offset := r.now().In(loc).Zone()
		tz.Offset = float64(offset) / 3600
	}
	out.Timezone = tz
	return out
}

// notKept refuses settings PrimeHub's console sends that the platform has no use for: it
// keeps no logo and sends no email. Empty ones (what the console sends untouched) are taken.
func notKept(in model.SystemUpdateInput) error {
	if in.Org != nil && in.Org.Logo != nil && deref(in.Org.Logo.URL) != "" {
		return badInput("org.logo: the platform keeps no custom logo")
	}
	if in.SMTP != nil && deref(in.SMTP.Host) != "" {
		return badInput("smtp: the platform sends no email")
	}
	return nil
}

func (r *Resolver) now() time.Time {
	if r.Now != nil {
		return r.Now()
	}
	return time.Now()
}

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

func (r *Resolver) now() time.Time {
	if r.Now != nil {
		return r.Now()
	}
	return time.Now()
}

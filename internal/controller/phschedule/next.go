// Package phschedule is the PhSchedule controller: it submits a schedule's job on its
// recurrence, in the system timezone, and reports the next run.
package phschedule

import (
	"fmt"
	"time"

	"github.com/robfig/cron/v3"

	"github.com/primehub/primehub/api/v1beta1"
)

// The cron expressions of the fixed recurrences, as PrimeHub's: at 4 in the morning every
// day, every Sunday, and the first of every month.
const (
	cronDaily   = "0 4 * * *"
	cronWeekly  = "0 4 * * 0"
	cronMonthly = "0 4 1 * *"
)

// parser reads five-field cron expressions and descriptors such as @hourly.
var parser = cron.NewParser(cron.Minute | cron.Hour | cron.Dom | cron.Month | cron.Dow | cron.Descriptor)

// schedule is when r submits, in loc; nil for inactive. An invalid expression is an error
// carrying the parser's message.
func schedule(r v1beta1.Recurrence, loc *time.Location) (cron.Schedule, error) {
	expr := ""
	switch r.Type {
	case v1beta1.RecurrenceInactive, "":
		return nil, nil
	case v1beta1.RecurrenceDaily:
		expr = cronDaily
	case v1beta1.RecurrenceWeekly:
		expr = cronWeekly
	case v1beta1.RecurrenceMonthly:
		expr = cronMonthly
	case v1beta1.RecurrenceCustom:
		expr = r.Cron
	default:
		return nil, fmt.Errorf("unknown recurrence type %q", r.Type)
	}
	s, err := parser.Parse(expr)
	if err != nil {
		return nil, fmt.Errorf("cron %q: %w", expr, err)
	}
	// The parser takes a timezone from CRON_TZ= in the expression; otherwise times are
	// those of loc, the system timezone.
	if spec, ok := s.(*cron.SpecSchedule); ok && spec.Location == time.Local {
		spec.Location = loc
	}
	return s, nil
}

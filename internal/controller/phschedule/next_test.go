package phschedule

import (
	"strings"
	"testing"
	"time"

	"github.com/primehub/primehub/api/v1beta1"
)

func TestSchedule(t *testing.T) {
	taipei, err := time.LoadLocation("Asia/Taipei")
	if err != nil {
		t.Fatal(err)
	}
	// Wednesday 2025-01-15 10:30 in Taipei.
	now := time.Date(2025, 1, 15, 10, 30, 0, 0, taipei)
	tests := []struct {
		name    string
		r       v1beta1.Recurrence
		want    time.Time // zero: inactive
		wantErr string
	}{
		{name: "inactive", r: v1beta1.Recurrence{Type: v1beta1.RecurrenceInactive}},
		{name: "daily at 4 in the system timezone", r: v1beta1.Recurrence{Type: v1beta1.RecurrenceDaily}, want: time.Date(2025, 1, 16, 4, 0, 0, 0, taipei)},
		{name: "weekly on Sunday", r: v1beta1.Recurrence{Type: v1beta1.RecurrenceWeekly}, want: time.Date(2025, 1, 19, 4, 0, 0, 0, taipei)},
		{name: "monthly on the first", r: v1beta1.Recurrence{Type: v1beta1.RecurrenceMonthly}, want: time.Date(2025, 2, 1, 4, 0, 0, 0, taipei)},
		{name: "custom", r: v1beta1.Recurrence{Type: v1beta1.RecurrenceCustom, Cron: "*/15 9-17 * * 1-5"}, want: time.Date(2025, 1, 15, 10, 45, 0, 0, taipei)},
		{name: "custom with its own timezone", r: v1beta1.Recurrence{Type: v1beta1.RecurrenceCustom, Cron: "CRON_TZ=UTC 0 0 * * *"}, want: time.Date(2025, 1, 16, 0, 0, 0, 0, time.UTC)},
		{name: "invalid cron", r: v1beta1.Recurrence{Type: v1beta1.RecurrenceCustom, Cron: "61 * * * *"}, wantErr: `cron "61 * * * *": end of range (61) above maximum (59): 61`},
		{name: "too few fields", r: v1beta1.Recurrence{Type: v1beta1.RecurrenceCustom, Cron: "0 4 *"}, wantErr: "expected exactly 5 fields"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := schedule(tt.r, taipei)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("error %v, want %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if tt.want.IsZero() {
				if s != nil {
					t.Fatalf("an inactive recurrence has a schedule")
				}
				return
			}
			if got := s.Next(now); !got.Equal(tt.want) {
				t.Errorf("next %s, want %s", got, tt.want)
			}
		})
	}
}

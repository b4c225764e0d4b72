package graphql

import (
	"context"

	"github.com/primehub/primehub/api/v1beta1"
	"github.com/primehub/primehub/internal/graphql/model"
)

// mayChangeWhatRuns: a schedule's jobs run as its owner, with their home volume, their
// environment and their quota, so what they run (command, image, instance type, deadline)
// is changed by its owner and system administrators only; its group's administrators
// change when it runs and its name.
func mayChangeWhatRuns(ctx context.Context, s *v1beta1.PhSchedule, data model.PhScheduleUpdateInput) error {
	id, err := caller(ctx)
	if err != nil {
		return err
	}
	owner := s.Spec.JobTemplate.Spec.User
	if id.Admin || id.Username == owner || data.Command == nil && data.Image == nil && data.InstanceType == nil && data.ActiveDeadlineSeconds == nil {
		return nil
	}
	return forbidden("only %s and system administrators may change what schedule %s runs: its jobs run as %s", owner, s.Name, owner)
}

package graphql

import (
	"context"
	"slices"
	"strings"
	"time"

	"k8s.io/apimachinery/pkg/api/meta"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/utils/ptr"
	"sigs.k8s.io/controller-runtime/pkg/client"

	"github.com/primehub/primehub/api/v1beta1"
	"github.com/primehub/primehub/internal/auth"
	"github.com/primehub/primehub/internal/controller/phjob"
	"github.com/primehub/primehub/internal/controller/phschedule"
	"github.com/primehub/primehub/internal/graphql/model"
	"github.com/primehub/primehub/internal/launch"
)

// Jobs and schedules are group resources: the group's members see them; their owner, the
// group's administrators and system administrators change them.

func timeString(t *metav1.Time) *string {
	if t == nil {
		return nil
	}
	s := t.UTC().Format(time.RFC3339)
	return &s
}

// instanceTypeNamed answers the instance type a job or schedule names, as PrimeHub shows
// it: the object, or for one deleted since, its name alone.
func (r *Resolver) instanceTypeNamed(ctx context.Context, name string) (*model.InstanceType, error) {
	all, err := r.catalog(ctx).instanceTypes(ctx)
	if err != nil {
		return nil, err
	}
	for i := range all {
		if all[i].Name == name {
			return &model.InstanceType{Source: &all[i]}, nil
		}
	}
	return model.DeletedInstanceType(name), nil
}

func (r *Resolver) phJobModel(ctx context.Context, j *v1beta1.PhJob) (*model.PhJob, error) {
	it, err := r.instanceTypeNamed(ctx, j.Spec.InstanceType)
	if err != nil {
		return nil, err
	}
	out := &model.PhJob{
		ID: j.Name, DisplayName: model.Optional(j.Spec.DisplayName), Cancel: &j.Spec.Cancel, Command: &j.Spec.Command,
		GroupID: &j.Spec.Group, GroupName: &j.Spec.Group, Image: &j.Spec.Image, InstanceType: it,
		UserID: &j.Spec.User, UserName: &j.Spec.User, Phase: model.Optional(string(j.Status.Phase)), Reason: model.Optional(j.Status.Reason),
		Message: model.Optional(j.Status.Message), CreateTime: timeString(&j.CreationTimestamp), StartTime: timeString(j.Status.StartTime),
		FinishTime: timeString(j.Status.FinishTime), RerunOf: model.Optional(j.Annotations[phjob.AnnotationRerunOf]),
		Schedule: model.Optional(j.Labels[phschedule.LabelPhSchedule]), ActiveDeadlineSeconds: seconds(j.Spec.ActiveDeadlineSeconds),
	}
	logs := phjob.LogsPrefix + "namespaces/" + j.Namespace + "/phjobs/" + j.Name
	out.LogEndpoint = &logs
	return out, nil
}

func (r *Resolver) phScheduleModel(ctx context.Context, s *v1beta1.PhSchedule) (*model.PhSchedule, error) {
	t := s.Spec.JobTemplate.Spec
	it, err := r.instanceTypeNamed(ctx, t.InstanceType)
	if err != nil {
		return nil, err
	}
	out := &model.PhSchedule{
		ID: s.Name, DisplayName: model.Optional(t.DisplayName), Command: &t.Command, GroupID: &t.Group, GroupName: &t.Group,
		Image: &t.Image, InstanceType: it, UserID: &t.User, UserName: &t.User,
		Recurrence: &model.Recurrence{Type: model.Optional(string(s.Spec.Recurrence.Type)), Cron: model.Optional(s.Spec.Recurrence.Cron)},
		CreateTime: timeString(&s.CreationTimestamp), NextRunTime: timeString(s.Status.NextRunTime), LastRunTime: timeString(s.Status.LastRunTime),
		ForbidConcurrent: ptr.To(s.Spec.ConcurrencyPolicy == v1beta1.ConcurrencyForbid), Invalid: ptr.To(false),
		ActiveDeadlineSeconds: seconds(t.ActiveDeadlineSeconds),
	}
	if c := meta.FindStatusCondition(s.Status.Conditions, "Scheduled"); c != nil && c.Reason == "InvalidCron" {
		out.Invalid, out.Message = ptr.To(true), &c.Message
	}
	return out, nil
}

func seconds(s *int64) *int {
	if s == nil {
		return nil
	}
	return ptr.To(int(*s))
}

// jobSpec is what a job (or a schedule's jobs) runs, as its user: checked as a launch is,
// since a job launches a pod in the group.
func (r *Resolver) jobSpec(ctx context.Context, spec *v1beta1.PhJobSpec, deadline *int) error {
	if strings.TrimSpace(spec.Command) == "" {
		return badInput("command is required: what the job runs, through a shell")
	}
	if deadline != nil {
		if *deadline <= 0 {
			return badInput("activeDeadlineSeconds must be 1 or more, not %d", *deadline)
		}
		s := int64(*deadline)
		spec.ActiveDeadlineSeconds = &s
	}
	return r.checkLaunch(ctx, launch.Request{Kind: launch.Job, User: spec.User, Namespace: r.Namespace,
		Group: spec.Group, InstanceType: spec.InstanceType, Image: spec.Image})
}

// jobVisible: the members of the job's group (PrimeHub lists a group's jobs to all of them).
func jobVisible(id *auth.Identity, owner, group string, where *model.PhJobWhereInput) bool {
	if !memberOf(id, group) {
		return false
	}
	if where == nil {
		return true
	}
	return (where.Mine == nil || !*where.Mine || owner == id.Username) &&
		(len(where.GroupIDIn) == 0 || slices.ContainsFunc(where.GroupIDIn, func(g *string) bool { return g != nil && *g == group })) &&
		(where.UserName == nil || *where.UserName == owner)
}

// jobAccess is what a caller wants to do with a job or a schedule: read it, as a member of
// its group, or change it, as its owner, an administrator of its group or a system
// administrator.
type jobAccess int

const (
	readJob jobAccess = iota
	changeJob
)

func (r *Resolver) getJob(ctx context.Context, name string, want jobAccess) (*v1beta1.PhJob, error) {
	j := &v1beta1.PhJob{}
	return j, groupWork(ctx, r, "job", name, j, &j.Spec, want)
}

func (r *Resolver) getSchedule(ctx context.Context, name string, want jobAccess) (*v1beta1.PhSchedule, error) {
	s := &v1beta1.PhSchedule{}
	return s, groupWork(ctx, r, "schedule", name, s, &s.Spec.JobTemplate.Spec, want)
}

// groupWork reads a job or a schedule of the platform into obj (spec is where it keeps
// what it runs) and checks that the caller may do what they want with it.
func groupWork(ctx context.Context, r *Resolver, what, name string, obj client.Object, spec *v1beta1.PhJobSpec, want jobAccess) error {
	id, err := caller(ctx)
	if err != nil {
		return err
	}
	if err := r.Reader.Get(ctx, client.ObjectKey{Namespace: r.Namespace, Name: name}, obj); err != nil {
		return err
	}
	if !memberOf(id, spec.Group) {
		return forbidden("%s %s belongs to group %s, which you are not a member of", what, name, spec.Group)
	}
	if want == changeJob && !id.Admin && id.Username != spec.User && !adminOf(id, spec.Group) {
		return forbidden("only %s, administrators of group %s and system administrators may change it", spec.User, spec.Group)
	}
	return nil
}

// recurrence reads a schedule's recurrence; the controller reports a bad cron on the
// schedule, but a type it cannot know is refused here.
func recurrence(in *model.RecurrenceInput, to *v1beta1.Recurrence) error {
	if in == nil {
		return nil
	}
	if in.Type != nil {
		switch t := v1beta1.RecurrenceType(*in.Type); t {
		case v1beta1.RecurrenceInactive, v1beta1.RecurrenceDaily, v1beta1.RecurrenceWeekly, v1beta1.RecurrenceMonthly, v1beta1.RecurrenceCustom:
			to.Type = t
		default:
			return badInput("recurrence type must be inactive, daily, weekly, monthly or custom, not %q", *in.Type)
		}
	}
	if in.Cron != nil {
		to.Cron = *in.Cron
	}
	if to.Type == v1beta1.RecurrenceCustom && strings.TrimSpace(to.Cron) == "" {
		return badInput("a custom recurrence needs cron, such as \"0 4 * * *\"")
	}
	return nil
}

// phJobOrder and phScheduleOrder compare jobs and schedules by each field PrimeHub's
// orderBy inputs name. Times in RFC 3339 (UTC) compare as strings.
var phJobOrder = map[string]func(a, b *v1beta1.PhJob) int{
	"displayName": byString(func(j *v1beta1.PhJob) string { return j.Spec.DisplayName }),
	"schedule":    byString(func(j *v1beta1.PhJob) string { return j.Labels[phschedule.LabelPhSchedule] }),
	"createTime":  byString(func(j *v1beta1.PhJob) string { return deref(timeString(&j.CreationTimestamp)) }),
	"userName":    byString(func(j *v1beta1.PhJob) string { return j.Spec.User }),
	"groupName":   byString(func(j *v1beta1.PhJob) string { return j.Spec.Group }),
	"phase":       byString(func(j *v1beta1.PhJob) string { return string(j.Status.Phase) }),
}

var phScheduleOrder = map[string]func(a, b *v1beta1.PhSchedule) int{
	"displayName": byString(func(s *v1beta1.PhSchedule) string { return s.Spec.JobTemplate.Spec.DisplayName }),
	"groupName":   byString(func(s *v1beta1.PhSchedule) string { return s.Spec.JobTemplate.Spec.Group }),
	"userName":    byString(func(s *v1beta1.PhSchedule) string { return s.Spec.JobTemplate.Spec.User }),
	"nextRunTime": byString(func(s *v1beta1.PhSchedule) string { return deref(timeString(s.Status.NextRunTime)) }),
	"createTime":  byString(func(s *v1beta1.PhSchedule) string { return deref(timeString(&s.CreationTimestamp)) }),
}

// scheduleVisible: a schedule is seen as its jobs are, and matches where.
func scheduleVisible(id *auth.Identity, s *v1beta1.PhSchedule, where *model.PhScheduleWhereInput) bool {
	t := s.Spec.JobTemplate.Spec
	if where == nil {
		return jobVisible(id, t.User, t.Group, nil)
	}
	return jobVisible(id, t.User, t.Group, &model.PhJobWhereInput{GroupIDIn: where.GroupIDIn, Mine: where.Mine}) &&
		(where.ID == nil || *where.ID == s.Name) && contains(t.DisplayName, where.DisplayNameContains) &&
		search(where.Search, s.Name, t.DisplayName)
}

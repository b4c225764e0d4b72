package graphql

import (
	"context"
	"fmt"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"sigs.k8s.io/controller-runtime/pkg/client"

	"github.com/primehub/primehub/api/v1beta1"
)

// A group's workloads are its jobs, schedules, applications and model deployments
// (spec.group, which never changes): they run as the group, so they go with it, as in
// PrimeHub; an application's Deployment, Service and volume go with the application, and
// a model deployment's Deployment and Service with it. Notebooks stay: a running one keeps
// its pod, and starting it again is refused, since its user is no member of a group that
// is gone (PrimeHub leaves notebooks alone too).

// groupJobs reads the jobs of group from reader, leaving out those already being deleted.
func groupJobs(ctx context.Context, reader client.Reader, namespace, group string) ([]*v1beta1.PhJob, error) {
	list := &v1beta1.PhJobList{}
	if err := reader.List(ctx, list, client.InNamespace(namespace)); err != nil {
		return nil, fmt.Errorf("list the jobs of group %s: %w", group, err)
	}
	var out []*v1beta1.PhJob
	for i := range list.Items {
		if j := &list.Items[i]; j.Spec.Group == group && j.DeletionTimestamp.IsZero() {
			out = append(out, j)
		}
	}
	return out, nil
}

// groupSchedules reads the schedules of group from reader, leaving out those already being
// deleted.
func groupSchedules(ctx context.Context, reader client.Reader, namespace, group string) ([]*v1beta1.PhSchedule, error) {
	list := &v1beta1.PhScheduleList{}
	if err := reader.List(ctx, list, client.InNamespace(namespace)); err != nil {
		return nil, fmt.Errorf("list the schedules of group %s: %w", group, err)
	}
	var out []*v1beta1.PhSchedule
	for i := range list.Items {
		if s := &list.Items[i]; s.Spec.JobTemplate.Spec.Group == group && s.DeletionTimestamp.IsZero() {
			out = append(out, s)
		}
	}
	return out, nil
}

// groupApps reads the applications of group from reader, leaving out those already being
// deleted.
func groupApps(ctx context.Context, reader client.Reader, namespace, group string) ([]*v1beta1.PhApplication, error) {
	list := &v1beta1.PhApplicationList{}
	if err := reader.List(ctx, list, client.InNamespace(namespace)); err != nil {
		return nil, fmt.Errorf("list the applications of group %s: %w", group, err)
	}
	var out []*v1beta1.PhApplication
	for i := range list.Items {
		if a := &list.Items[i]; a.Spec.Group == group && a.DeletionTimestamp.IsZero() {
			out = append(out, a)
		}
	}
	return out, nil
}

// deleteGroupWorkloads deletes the jobs, schedules and applications of group, as the API server lists
// them (the cache may not hold one just made). Schedules go first, so that none submits a
// job after the jobs were listed; the jobs a schedule submitted are its too and go either
// way. A job's pod, which it controls, goes with it (background deletion): a running job
// stops. Deleting what is already gone is no error, so a retry finishes what a failure
// left.
func (r *Resolver) deleteGroupWorkloads(ctx context.Context, group string) error {
	schedules, err := groupSchedules(ctx, r.APIReader, r.Namespace, group)
	if err != nil {
		return err
	}
	background := client.PropagationPolicy(metav1.DeletePropagationBackground)
	for _, s := range schedules {
		if err := r.Client.Delete(ctx, s, background); client.IgnoreNotFound(err) != nil {
			return fmt.Errorf("delete schedule %s of group %s: %w", s.Name, group, err)
		}
	}
	jobs, err := groupJobs(ctx, r.APIReader, r.Namespace, group)
	if err != nil {
		return err
	}
	for _, j := range jobs {
		if err := r.Client.Delete(ctx, j, background); client.IgnoreNotFound(err) != nil {
			return fmt.Errorf("delete job %s of group %s: %w", j.Name, group, err)
		}
	}
	apps, err := groupApps(ctx, r.APIReader, r.Namespace, group)
	if err != nil {
		return err
	}
	for _, a := range apps {
		if err := r.Client.Delete(ctx, a, background); client.IgnoreNotFound(err) != nil {
			return fmt.Errorf("delete application %s of group %s: %w", a.Name, group, err)
		}
	}
	deployments, err := groupDeployments(ctx, r.APIReader, r.Namespace, group)
	if err != nil {
		return err
	}
	for _, d := range deployments {
		if err := r.Client.Delete(ctx, d, background); client.IgnoreNotFound(err) != nil {
			return fmt.Errorf("delete deployment %s of group %s: %w", d.Name, group, err)
		}
	}
	if len(jobs)+len(schedules)+len(apps)+len(deployments) > 0 {
		r.Log.Info("deleted the workloads of a group", "group", group, "jobs", len(jobs), "schedules", len(schedules), "apps", len(apps), "deployments", len(deployments))
	}
	return nil
}

// groupDeployments reads the model deployments of group from reader, leaving out those
// already being deleted.
func groupDeployments(ctx context.Context, reader client.Reader, namespace, group string) ([]*v1beta1.PhDeployment, error) {
	list := &v1beta1.PhDeploymentList{}
	if err := reader.List(ctx, list, client.InNamespace(namespace)); err != nil {
		return nil, fmt.Errorf("list the deployments of group %s: %w", group, err)
	}
	var out []*v1beta1.PhDeployment
	for i := range list.Items {
		if d := &list.Items[i]; d.Spec.Group == group && d.DeletionTimestamp.IsZero() {
			out = append(out, d)
		}
	}
	return out, nil
}

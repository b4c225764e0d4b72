package phjob

import (
	"cmp"
	"context"
	"fmt"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"sigs.k8s.io/controller-runtime/pkg/client"

	"github.com/primehub/primehub/api/v1beta1"
)

// AnnotationRerunOf names the job a job reruns.
const AnnotationRerunOf = "primehub.io/rerun-of"

// Cancel stops a job: its pod is deleted and it ends Cancelled, unless it has already
// finished.
func Cancel(ctx context.Context, c client.Client, job *v1beta1.PhJob) error {
	patch := client.MergeFrom(job.DeepCopy())
	job.Spec.Cancel = true
	if err := c.Patch(ctx, job, patch); err != nil {
		return fmt.Errorf("cancel job %s: %w", job.Name, err)
	}
	return nil
}

// Rerun submits a job again: a new PhJob with the same spec (not cancelled) and labels,
// named after the original with a generated suffix and annotated with the original's name. A job is a record of
// one run, so a rerun is a new record rather than the old one reset: the first run's
// status and logs stay as they were.
func Rerun(ctx context.Context, c client.Client, job *v1beta1.PhJob) (*v1beta1.PhJob, error) {
	rerun := &v1beta1.PhJob{
		ObjectMeta: metav1.ObjectMeta{
			Namespace:    job.Namespace,
			GenerateName: rerunPrefix(job),
			Labels:       job.Labels,
			Annotations:  map[string]string{AnnotationRerunOf: cmp.Or(job.Annotations[AnnotationRerunOf], job.Name)},
		},
		Spec: *job.Spec.DeepCopy(),
	}
	rerun.Spec.Cancel = false
	if err := c.Create(ctx, rerun); err != nil {
		return nil, fmt.Errorf("rerun job %s: %w", job.Name, err)
	}
	return rerun, nil
}

// rerunPrefix is the original job's name, shortened to leave room in 63 characters for
// the API server's 5-character suffix; reruns of a rerun share the original's prefix.
func rerunPrefix(job *v1beta1.PhJob) string {
	base := job.Name
	if original := job.Annotations[AnnotationRerunOf]; original != "" {
		base = original
	}
	return base[:min(len(base), 63-6)] + "-"
}

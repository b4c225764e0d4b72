package spawn

import (
	"testing"

	"github.com/primehub/primehub/internal/quota"
)

// The launch path counts the instance type alone against quotas; that must be what the pods
// rendered from it count, so the webhook never refuses what the launch path let through.
func TestQuotaRequestIsThePods(t *testing.T) {
	in := base()
	gpu(2, "")(&in)
	want := QuotaRequest(in.InstanceType)
	if want.MilliCPU != 1000 || want.GPU != 2 {
		t.Fatalf("quota request %+v", want)
	}
	pod, err := Pod(in)
	if err != nil {
		t.Fatal(err)
	}
	job, err := JobPod(in, "true")
	if err != nil {
		t.Fatal(err)
	}
	for name, got := range map[string]quota.Usage{"pod": quota.PodRequest(&pod.Spec), "job pod": quota.PodRequest(&job.Spec)} {
		if got != want {
			t.Errorf("%s counts %+v, the instance type %+v", name, got, want)
		}
	}
}

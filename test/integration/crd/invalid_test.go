package crd_test

import (
	"strings"
	"testing"

	"sigs.k8s.io/controller-runtime/pkg/client"

	"github.com/primehub/primehub/api/v1beta1"
	"github.com/primehub/primehub/test/framework"
)

// Each object is valid but for one field, so the API server's error must be about that field.
func TestInvalidObjectsAreRejected(t *testing.T) {
	ns := framework.NewNamespace(t)
	it := func() *framework.InstanceTypeWrapper { return framework.MakeInstanceType("it").Namespace(ns) }
	img := func() *framework.ImageWrapper { return framework.MakeImage("img").Namespace(ns) }
	vol := func() *framework.VolumeWrapper { return framework.MakeVolume("vol").Namespace(ns) }
	nb := func() *framework.NotebookWrapper { return framework.MakeNotebook("nb").Namespace(ns) }
	job := func() *framework.PhJobWrapper { return framework.MakePhJob("job").Namespace(ns) }
	sched := func(name string) *framework.PhScheduleWrapper { return framework.MakePhSchedule(name).Namespace(ns) }
	prof := func() *framework.ProfileWrapper { return framework.MakeProfile(ns + "-prof") }
	user := func() *framework.UserWrapper { return framework.MakeUser(ns + "-user") }
	group := func() *framework.GroupWrapper { return framework.MakeGroup(ns + "-group") }

	cases := []struct {
		name  string
		obj   func(t *testing.T) client.Object
		field string
		msg   string
	}{
		{"negative cpu limit",
			func(*testing.T) client.Object { return it().CPU("", "-1").Obj() },
			"spec.cpu.limit", "must not be negative"},
		{"negative cpu limit written as a JSON number",
			func(t *testing.T) client.Object { return withField(t, it().Obj(), int64(-2), "spec", "cpu", "limit") },
			"spec.cpu.limit", "must not be negative"},
		{"negative memory request",
			func(*testing.T) client.Object { return it().Memory("-1Gi", "1Gi").Obj() },
			"spec.memory.request", "must not be negative"},
		{"cpu request above its limit",
			func(*testing.T) client.Object { return it().CPU("2", "1500m").Obj() },
			"spec.cpu.request", "request 2 must not exceed limit 1500m"},
		{"memory request above its limit",
			func(*testing.T) client.Object { return it().Memory("2Gi", "1Gi").Obj() },
			"spec.memory.request", "must not exceed limit 1Gi"},
		{"memory limit that is not a quantity",
			func(t *testing.T) client.Object { return withField(t, it().Obj(), "lots", "spec", "memory", "limit") },
			"spec.memory.limit", "should match"},
		{"negative gpu count",
			func(*testing.T) client.Object { return it().GPU(-1).Obj() },
			"spec.gpu.count", "greater than or equal to 0"},
		{"gpu resource name without a domain",
			func(*testing.T) client.Object { return it().GPU(1).GPUResourceName("gpu").Obj() },
			"spec.gpu.resourceName", "should match"},
		{"instance type granted to a group name with a space",
			func(*testing.T) client.Object { return it().Group("data science").Obj() },
			"spec.access.groups[0].name", "should match"},
		{"instance type named with a dot",
			func(*testing.T) client.Object { return framework.MakeInstanceType("cpu.1").Namespace(ns).Obj() },
			"metadata", "metadata.name must be a DNS-1123 label"},
		{"unknown image type",
			func(*testing.T) client.Object { return img().Type("tpu").Obj() },
			"spec.type", "Unsupported value"},
		{"image without url",
			func(*testing.T) client.Object { return img().URL("").Obj() },
			"spec.url", "at least 1 chars long"},
		{"unknown volume type",
			func(*testing.T) client.Object { return vol().Type("s3").Obj() },
			"spec.type", "Unsupported value"},
		{"nfs volume without server",
			func(*testing.T) client.Object { return vol().NFS("", "/exports/data").Obj() },
			"spec.nfs.server", "at least 1 chars long"},
		{"nfs type without nfs settings",
			func(*testing.T) client.Object { return vol().Type(v1beta1.VolumeTypeNFS).Obj() },
			"spec.nfs", "nfs is required when type is nfs"},
		{"pv volume without capacity",
			func(*testing.T) client.Object { return vol().PV("").Obj() },
			"spec.pv.capacity", "must be greater than 0"},
		{"nfs volume with pv settings too",
			func(*testing.T) client.Object { return vol().PV("1Gi").NFS("nfs.example.com", "/data").Obj() },
			"spec.pv", "pv is allowed only when type is pv"},
		{"hostPath volume of a relative path",
			func(*testing.T) client.Object { return vol().HostPath("data").Obj() },
			"spec.hostPath.path", "should match"},
		{"git volume without url",
			func(*testing.T) client.Object { return vol().Git("").Obj() },
			"spec.git.url", "at least 1 chars long"},
		{"notebook named with a dot",
			func(*testing.T) client.Object { return framework.MakeNotebook("nb.one").Namespace(ns).Obj() },
			"metadata", "metadata.name must be a DNS-1123 label"},
		{"notebook in a group name with a space",
			func(*testing.T) client.Object { return nb().Group("data science").Obj() },
			"spec.group", "should match"},
		{"notebook on an instance type name with capitals",
			func(*testing.T) client.Object { return nb().InstanceType("CPU_1").Obj() },
			"spec.instanceType", "should match"},
		{"notebook setting a variable twice",
			func(*testing.T) client.Object { return nb().Env("A", "1").Env("A", "2").Obj() },
			"spec.env[1]", "Duplicate value"},
		{"job with a negative activeDeadlineSeconds",
			func(*testing.T) client.Object { return job().ActiveDeadlineSeconds(-1).Obj() },
			"spec.activeDeadlineSeconds", "greater than or equal to 1"},
		{"job without a command",
			func(*testing.T) client.Object { return job().Command("").Obj() },
			"spec.command", "at least 1 chars long"},
		{"job of a username starting with a dot",
			func(*testing.T) client.Object { return job().User(".alice").Obj() },
			"spec.user", "should match"},
		{"custom schedule without cron",
			func(*testing.T) client.Object { return sched("sched").Recurrence(v1beta1.RecurrenceCustom, "").Obj() },
			"spec.recurrence.cron", "cron is required when type is custom"},
		{"unknown recurrence type",
			func(*testing.T) client.Object { return sched("sched").Recurrence("hourly", "").Obj() },
			"spec.recurrence.type", "Unsupported value"},
		{"schedule name too long for its jobs' names",
			func(*testing.T) client.Object { return sched(strings.Repeat("s", 53)).Obj() },
			"metadata", "at most 52"},
		{"unknown contributor role",
			func(*testing.T) client.Object { return prof().Contributor("bob", "owner").Obj() },
			"spec.contributors[0].role", "Unsupported value"},
		{"profile default cpu request above the default limit",
			func(*testing.T) client.Object { return prof().DefaultRequest("2", "").DefaultLimit("1", "").Obj() },
			"spec.limitRange.defaultRequest.cpu", "must not exceed default.cpu"},
		{"unknown Pod Security level",
			func(*testing.T) client.Object { return prof().PodSecurity("lenient").Obj() },
			"spec.podSecurity", "Unsupported value"},
		{"bad username",
			func(*testing.T) client.Object { return user().Username("alice smith").Obj() },
			"spec.username", "should match"},
		{"bad email",
			func(*testing.T) client.Object { return user().Email("alice").Obj() },
			"spec.email", "should match"},
		{"negative home volume capacity",
			func(*testing.T) client.Object { return user().VolumeCapacity("-5Gi").Obj() },
			"spec.volumeCapacity", "must not be negative"},
		{"group quota that is not a quantity",
			func(t *testing.T) client.Object {
				return withField(t, group().Obj(), "16 GB", "spec", "quota", "total", "memory")
			},
			"spec.quota.total.memory", "should match"},
		{"negative group cpu quota",
			func(*testing.T) client.Object { return group().QuotaCPU("-1", "").Obj() },
			"spec.quota.perUser.cpu", "must not be negative"},
		{"negative group gpu quota",
			func(*testing.T) client.Object { return group().QuotaGPU(-1, 4).Obj() },
			"spec.quota.perUser.gpu", "greater than or equal to 0"},
		{"group job default of a negative activeDeadlineSeconds",
			func(*testing.T) client.Object { return group().JobDefaults(-1, 0).Obj() },
			"spec.jobDefaults.activeDeadlineSeconds", "greater than or equal to 1"},
		{"group name with a slash",
			func(*testing.T) client.Object { return group().GroupName("data/science").Obj() },
			"spec.name", "should match"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			expectInvalid(t, create(t, tc.obj(t)), tc.field, tc.msg)
		})
	}
}

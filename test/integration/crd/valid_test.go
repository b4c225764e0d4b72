package crd_test

import (
	"testing"

	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"sigs.k8s.io/controller-runtime/pkg/client"

	"github.com/primehub/primehub/api/v1beta1"
	"github.com/primehub/primehub/test/framework"
)

func TestValidObjectsAreAccepted(t *testing.T) {
	ns := framework.NewNamespace(t)
	gpuToleration := corev1.Toleration{Key: "nvidia.com/gpu", Operator: corev1.TolerationOpExists, Effect: corev1.TaintEffectNoSchedule}
	cases := []struct {
		name string
		obj  func(t *testing.T) client.Object
	}{
		{"instance type with every field", func(*testing.T) client.Object {
			return framework.MakeInstanceType("gpu-1").Namespace(ns).DisplayName("1 GPU").
				CPU("500m", "2").Memory("1Gi", "4Gi").GPU(1).GPUResourceName("amd.com/gpu").
				NodeSelector("primehub.io/node-type", "gpu").Toleration(gpuToleration).
				Global().Group("data_science").Obj()
		}},
		{"instance type of equal request and limit", func(*testing.T) client.Object {
			return framework.MakeInstanceType("cpu-2").Namespace(ns).CPU("2", "2").Memory("2Gi", "2Gi").Obj()
		}},
		{"instance type with quantities written as JSON numbers", func(t *testing.T) client.Object {
			it := withField(t, framework.MakeInstanceType("cpu-int").Namespace(ns).Obj(), int64(2), "spec", "cpu", "limit")
			if err := unstructured.SetNestedField(it.Object, int64(1), "spec", "cpu", "request"); err != nil {
				t.Fatal(err)
			}
			return it
		}},
		{"cpu image", func(*testing.T) client.Object {
			return framework.MakeImage("base-notebook").Namespace(ns).Type(v1beta1.ImageTypeCPU).Global().Obj()
		}},
		{"group image of both kinds from a private registry", func(*testing.T) client.Object {
			return framework.MakeImage("team-image").Namespace(ns).DisplayName("Team image").
				URL("registry.example.com/team/notebook:v1").URLForGPU("registry.example.com/team/notebook:v1-cuda").
				PullSecret("registry-cred").GroupName("data_science").Group("data_science").Obj()
		}},
		{"pv volume", func(*testing.T) client.Object {
			return framework.MakeVolume("scratch").Namespace(ns).PV("10Gi").Group("data_science", true).Obj()
		}},
		{"nfs volume", func(*testing.T) client.Object {
			return framework.MakeVolume("datasets").Namespace(ns).NFS("10.0.0.1", "/exports/data").MountRoot("/mnt").Global().Obj()
		}},
		{"hostPath volume", func(*testing.T) client.Object {
			return framework.MakeVolume("node-data").Namespace(ns).HostPath("/mnt/data").HomeSymlink().LaunchGroupOnly(false).Obj()
		}},
		{"git volume", func(*testing.T) client.Object {
			return framework.MakeVolume("code").Namespace(ns).Git("https://github.com/org/repo.git").Obj()
		}},
		{"env volume", func(*testing.T) client.Object {
			return framework.MakeVolume("api-keys").Namespace(ns).Env("API_URL", "https://api.example.com").Env("DEBUG", "").Obj()
		}},
		{"notebook of an email username in an underscored group", func(*testing.T) client.Object {
			return framework.MakeNotebook("alice").Namespace(ns).User("Alice.Smith@example.com").Group("data_science").
				InstanceType("gpu-1").Image("team-image").Env("EPOCHS", "10").Stopped().Obj()
		}},
		{"job with every field", func(*testing.T) client.Object {
			return framework.MakePhJob("train").Namespace(ns).DisplayName("Train").Command("python train.py\necho done").
				ActiveDeadlineSeconds(3600).TTLSecondsAfterFinished(0).RequeueLimit(3).Cancel().Obj()
		}},
		{"custom schedule", func(*testing.T) client.Object {
			return framework.MakePhSchedule("nightly").Namespace(ns).Recurrence(v1beta1.RecurrenceCustom, "0 4 * * 1-5").
				JobSpec(framework.MakePhJob("").Command("python report.py").Obj().Spec).Obj()
		}},
		{"daily schedule", func(*testing.T) client.Object {
			return framework.MakePhSchedule("daily").Namespace(ns).Recurrence(v1beta1.RecurrenceDaily, "").Obj()
		}},
		{"profile with contributors, quota and container defaults", func(*testing.T) client.Object {
			return framework.MakeProfile(ns+"-team").Owner("alice").Contributor("bob", v1beta1.ContributorEdit).
				Contributor("carol", v1beta1.ContributorView).Quota("limits.cpu", "8").Quota("requests.memory", "16Gi").
				DefaultRequest("100m", "128Mi").DefaultLimit("1", "1Gi").PodSecurity(v1beta1.PodSecurityRestricted).Obj()
		}},
		{"user whose username is an email", func(*testing.T) client.Object {
			return framework.MakeUser(ns+"-alice").Username("Alice_Smith@Example.com").Email("alice@example.com").
				DisplayName("Alice Smith").Admin().VolumeCapacity("20Gi").Env("WANDB_PROJECT", "demo").Obj()
		}},
		{"disabled user", func(*testing.T) client.Object {
			return framework.MakeUser(ns + "-bob").Disabled().Obj()
		}},
		{"group with members, quota, shared volume and job defaults", func(*testing.T) client.Object {
			return framework.MakeGroup(ns+"-ds").GroupName("data_science").DisplayName("Data Science").
				Members("alice", "Bob@example.com").Admins("alice").
				QuotaCPU("4", "16").QuotaMemory("8Gi", "").QuotaGPU(1, 4).
				UserVolumeCapacity("5Gi").SharedVolume("100Gi").JobDefaults(86400, 604800).Obj()
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if err := create(t, tc.obj(t)); err != nil {
				t.Fatal(err)
			}
		})
	}
}

func TestDefaults(t *testing.T) {
	ns := framework.NewNamespace(t)

	it := framework.MakeInstanceType("small").Namespace(ns).Obj()
	mustCreate(t, it)
	if it.Spec.GPU.ResourceName != "nvidia.com/gpu" || it.Spec.GPU.Count != 0 {
		t.Errorf("instance type gpu = %+v, want 0 of nvidia.com/gpu", it.Spec.GPU)
	}
	if it.Spec.CPU.Request != nil {
		t.Errorf("instance type cpu request = %v, want unset (it means the limit)", it.Spec.CPU.Request)
	}

	img := framework.MakeImage("base").Namespace(ns).Obj()
	mustCreate(t, img)
	if img.Spec.Type != v1beta1.ImageTypeBoth {
		t.Errorf("image type = %q, want both", img.Spec.Type)
	}

	vol := framework.MakeVolume("data").Namespace(ns).PV("1Gi").Obj()
	mustCreate(t, vol)
	if vol.Spec.MountRoot != "/datasets" {
		t.Errorf("volume mountRoot = %q, want /datasets", vol.Spec.MountRoot)
	}
	if vol.Spec.LaunchGroupOnly == nil || !*vol.Spec.LaunchGroupOnly {
		t.Errorf("volume launchGroupOnly = %v, want true", vol.Spec.LaunchGroupOnly)
	}

	sched := framework.MakePhSchedule("paused").Namespace(ns).Obj()
	mustCreate(t, sched)
	if sched.Spec.Recurrence.Type != v1beta1.RecurrenceInactive {
		t.Errorf("schedule recurrence type = %q, want inactive", sched.Spec.Recurrence.Type)
	}

	group := framework.MakeGroup(ns + "-team").SharedVolume("").Obj()
	mustCreate(t, group)
	if sv := group.Spec.SharedVolume; sv.LaunchGroupOnly == nil || !*sv.LaunchGroupOnly {
		t.Errorf("group sharedVolume.launchGroupOnly = %v, want true", sv.LaunchGroupOnly)
	}
}

func mustCreate(t *testing.T, obj client.Object) {
	t.Helper()
	if err := create(t, obj); err != nil {
		t.Fatalf("create %s: %v", obj.GetName(), err)
	}
}

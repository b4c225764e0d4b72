package spawn

import (
	"slices"
	"strings"
	"testing"

	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/resource"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/utils/ptr"

	"github.com/primehub/primehub/api/v1beta1"
	"github.com/primehub/primehub/internal/access"
	"github.com/primehub/primehub/internal/directory"
	"github.com/primehub/primehub/internal/names"
	"github.com/primehub/primehub/internal/quota"
)

func q(s string) resource.Quantity   { return resource.MustParse(s) }
func qp(s string) *resource.Quantity { return ptr.To(resource.MustParse(s)) }

func group(name string, mod ...func(*directory.Group)) directory.Group {
	g := directory.Group{Name: name}
	for _, m := range mod {
		m(&g)
	}
	return g
}

func shared(launchGroupOnly bool, capacity string) func(*directory.Group) {
	return func(g *directory.Group) {
		g.SharedVolume = &v1beta1.SharedVolume{Enabled: true, LaunchGroupOnly: ptr.To(launchGroupOnly)}
		if capacity != "" {
			g.SharedVolume.Capacity = qp(capacity)
		}
	}
}

func volume(name string, t v1beta1.VolumeType, mod func(*v1beta1.VolumeSpec)) v1beta1.Volume {
	v := v1beta1.Volume{ObjectMeta: metav1.ObjectMeta{Name: name}, Spec: v1beta1.VolumeSpec{Type: t}}
	if mod != nil {
		mod(&v.Spec)
	}
	return v
}

// base is a CPU launch of alice@example.com in data_science with nothing else.
func base() Input {
	ds := group("data_science")
	return Input{
		User:       directory.User{Username: "alice@example.com"},
		Group:      ds,
		UserGroups: []directory.Group{ds},
		InstanceType: v1beta1.InstanceType{ObjectMeta: metav1.ObjectMeta{Name: "cpu-1"}, Spec: v1beta1.InstanceTypeSpec{
			CPU:    v1beta1.ResourceRange{Request: qp("500m"), Limit: q("1")},
			Memory: v1beta1.ResourceRange{Limit: q("2Gi")},
		}},
		Image:    v1beta1.Image{ObjectMeta: metav1.ObjectMeta{Name: "base"}, Spec: v1beta1.ImageSpec{Type: v1beta1.ImageTypeBoth, URL: "jupyter/base:1", URLForGPU: "jupyter/base:1-gpu"}},
		Settings: Settings{Timezone: "Asia/Taipei", DefaultUserVolumeCapacity: q("20Gi")},
	}
}

func gpu(n int32, resourceName string) func(*Input) {
	return func(in *Input) {
		in.InstanceType.Spec.GPU = v1beta1.GPUResources{Count: n, ResourceName: resourceName}
	}
}

func mainOf(t *testing.T, p *corev1.Pod) corev1.Container {
	t.Helper()
	for _, c := range p.Spec.Containers {
		if c.Name == MainContainer {
			return c
		}
	}
	t.Fatal("no main container")
	return corev1.Container{}
}

func envOf(c corev1.Container) map[string]string {
	m := map[string]string{}
	for _, e := range c.Env {
		m[e.Name] = e.Value
	}
	return m
}

func mountOf(c corev1.Container, path string) (corev1.VolumeMount, bool) {
	for _, m := range c.VolumeMounts {
		if m.MountPath == path {
			return m, true
		}
	}
	return corev1.VolumeMount{}, false
}

func volumeOf(p *corev1.Pod, name string) corev1.Volume {
	for _, v := range p.Spec.Volumes {
		if v.Name == name {
			return v
		}
	}
	return corev1.Volume{}
}

func TestResourcesAndImage(t *testing.T) {
	tests := []struct {
		name      string
		mod       func(*Input)
		wantImage string
		wantReq   corev1.ResourceList
		wantLim   corev1.ResourceList
		wantErr   string
	}{
		{
			name:      "cpu instance type: requests and limits, request defaulting to limit",
			wantImage: "jupyter/base:1",
			wantReq:   corev1.ResourceList{"cpu": q("500m"), "memory": q("2Gi")},
			wantLim:   corev1.ResourceList{"cpu": q("1"), "memory": q("2Gi")},
		},
		{
			name:      "gpu instance type: GPU build of the image, GPUs requested as limited",
			mod:       gpu(2, "nvidia.com/gpu"),
			wantImage: "jupyter/base:1-gpu",
			wantReq:   corev1.ResourceList{"cpu": q("500m"), "memory": q("2Gi"), "nvidia.com/gpu": q("2")},
			wantLim:   corev1.ResourceList{"cpu": q("1"), "memory": q("2Gi"), "nvidia.com/gpu": q("2")},
		},
		{
			name:      "gpu under another resource name",
			mod:       gpu(1, "amd.com/gpu"),
			wantImage: "jupyter/base:1-gpu",
			wantReq:   corev1.ResourceList{"cpu": q("500m"), "memory": q("2Gi"), "amd.com/gpu": q("1")},
			wantLim:   corev1.ResourceList{"cpu": q("1"), "memory": q("2Gi"), "amd.com/gpu": q("1")},
		},
		{
			name: "gpu instance type, image without a GPU build: its url",
			mod: func(in *Input) {
				gpu(1, "")(in)
				in.Image.Spec.URLForGPU = ""
			},
			wantImage: "jupyter/base:1",
			wantReq:   corev1.ResourceList{"cpu": q("500m"), "memory": q("2Gi"), "nvidia.com/gpu": q("1")},
			wantLim:   corev1.ResourceList{"cpu": q("1"), "memory": q("2Gi"), "nvidia.com/gpu": q("1")},
		},
		{
			name:    "cpu-only image on a gpu instance type",
			mod:     func(in *Input) { gpu(1, "")(in); in.Image.Spec.Type = v1beta1.ImageTypeCPU },
			wantErr: "image base is for CPU instance types only",
		},
		{
			name:    "gpu-only image on a cpu instance type",
			mod:     func(in *Input) { in.Image.Spec.Type = v1beta1.ImageTypeGPU },
			wantErr: "image base is for GPU instance types only",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := base()
			if tt.mod != nil {
				tt.mod(&in)
			}
			p, err := Pod(in)
			if tt.wantErr != "" {
				if err == nil || err.Error() != tt.wantErr {
					t.Fatalf("error = %v, want %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			c := mainOf(t, p)
			if c.Image != tt.wantImage {
				t.Errorf("image = %s, want %s", c.Image, tt.wantImage)
			}
			for _, cmp := range []struct {
				what      string
				got, want corev1.ResourceList
			}{{"requests", c.Resources.Requests, tt.wantReq}, {"limits", c.Resources.Limits, tt.wantLim}} {
				if len(cmp.got) != len(cmp.want) {
					t.Errorf("%s = %v, want %v", cmp.what, cmp.got, cmp.want)
				}
				for name, want := range cmp.want {
					if got := cmp.got[name]; got.Cmp(want) != 0 {
						t.Errorf("%s %s = %s, want %s", cmp.what, name, got.String(), want.String())
					}
				}
			}
		})
	}
}

func TestPlacementPullSecretLabelsAndGuard(t *testing.T) {
	in := base()
	in.InstanceType.Spec.NodeSelector = map[string]string{"primehub.io/node-type": "gpu"}
	in.InstanceType.Spec.Tolerations = []corev1.Toleration{{Key: "nvidia.com/gpu", Operator: corev1.TolerationOpExists, Effect: corev1.TaintEffectNoSchedule}}
	in.Image.Spec.PullSecret = "registry-creds"
	p, err := Pod(in)
	if err != nil {
		t.Fatal(err)
	}
	if p.Spec.NodeSelector["primehub.io/node-type"] != "gpu" || len(p.Spec.Tolerations) != 1 {
		t.Errorf("placement: nodeSelector %v, tolerations %v", p.Spec.NodeSelector, p.Spec.Tolerations)
	}
	if len(p.Spec.ImagePullSecrets) != 1 || p.Spec.ImagePullSecrets[0].Name != "registry-creds" {
		t.Errorf("pull secrets %v", p.Spec.ImagePullSecrets)
	}
	// Labels are escaped to what a label value may hold, distinctly per name.
	if u := p.Labels[quota.LabelUser]; !strings.HasPrefix(u, "alice-example-com-") {
		t.Errorf("user label %q", u)
	}
	if g := p.Labels[quota.LabelGroup]; !strings.HasPrefix(g, "data-science-") {
		t.Errorf("group label %q", g)
	}
	if len(p.Spec.InitContainers) != 1 || p.Spec.InitContainers[0].Name != quota.GuardName {
		t.Errorf("guard init container: %+v", p.Spec.InitContainers)
	}
	if *p.Spec.EnableServiceLinks || *p.Spec.AutomountServiceAccountToken {
		t.Errorf("user pods must not get service account tokens or service links")
	}
}

func TestEnv(t *testing.T) {
	envVolume := volume("team-keys", v1beta1.VolumeTypeEnv, func(s *v1beta1.VolumeSpec) {
		s.Env = &v1beta1.EnvVolume{Variables: map[string]string{"TOKEN": "t1", "url": "u"}}
	})
	tests := []struct {
		name   string
		mod    func(*Input)
		want   map[string]string
		absent []string
	}{
		{
			name: "platform variables, no GPU",
			want: map[string]string{"TZ": "Asia/Taipei", "GROUP_ID": names.Label("data_science"), "GROUP_NAME": "data_science",
				"INSTANCE_TYPE": "cpu-1", "IMAGE_NAME": "base", "NVIDIA_VISIBLE_DEVICES": "none"},
		},
		{
			name:   "with GPUs the devices stay visible",
			mod:    gpu(1, ""),
			absent: []string{"NVIDIA_VISIBLE_DEVICES"},
		},
		{
			name: "user's predefined, env volumes prefixed, own variables winning over both",
			mod: func(in *Input) {
				in.User.PredefinedEnv = []v1beta1.EnvVar{{Name: "EDITOR", Value: "vim"}, {Name: "SHARED", Value: "user"}}
				in.Volumes = []access.GrantedVolume{{Volume: envVolume}}
				in.Env = []v1beta1.EnvVar{{Name: "SHARED", Value: "notebook"}}
			},
			want: map[string]string{"EDITOR": "vim", "SHARED": "notebook", "TEAM_KEYS_TOKEN": "t1", "TEAM_KEYS_url": "u"},
		},
		{
			name: "nobody overrides what the platform says of the launch",
			mod: func(in *Input) {
				in.Env = []v1beta1.EnvVar{{Name: "GROUP_NAME", Value: "admins"}, {Name: "TZ", Value: "UTC"}}
			},
			want: map[string]string{"GROUP_NAME": "data_science", "TZ": "Asia/Taipei"},
		},
		{
			name: "timezone defaults to UTC",
			mod:  func(in *Input) { in.Settings.Timezone = "" },
			want: map[string]string{"TZ": "UTC"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := base()
			if tt.mod != nil {
				tt.mod(&in)
			}
			p, err := Pod(in)
			if err != nil {
				t.Fatal(err)
			}
			c := mainOf(t, p)
			got := envOf(c)
			if len(got) != len(c.Env) {
				t.Errorf("duplicate variables in %v", c.Env)
			}
			for k, v := range tt.want {
				if got[k] != v {
					t.Errorf("%s = %q, want %q", k, got[k], v)
				}
			}
			for _, k := range tt.absent {
				if _, ok := got[k]; ok {
					t.Errorf("%s set, want absent", k)
				}
			}
		})
	}
}

func TestVolumesByType(t *testing.T) {
	tests := []struct {
		name     string
		granted  access.GrantedVolume
		path     string
		readOnly bool
		check    func(t *testing.T, v corev1.Volume)
	}{
		{
			name:    "pv writable",
			granted: access.GrantedVolume{Volume: volume("images", v1beta1.VolumeTypePV, nil), Writable: true},
			path:    "/datasets/images",
			check: func(t *testing.T, v corev1.Volume) {
				if v.PersistentVolumeClaim == nil || v.PersistentVolumeClaim.ClaimName != "dataset-images" || v.PersistentVolumeClaim.ReadOnly {
					t.Errorf("source %+v", v.VolumeSource)
				}
			},
		},
		{
			name:     "pv read-only",
			granted:  access.GrantedVolume{Volume: volume("images", v1beta1.VolumeTypePV, nil)},
			path:     "/datasets/images",
			readOnly: true,
			check: func(t *testing.T, v corev1.Volume) {
				if !v.PersistentVolumeClaim.ReadOnly {
					t.Errorf("claim not read-only")
				}
			},
		},
		{
			name: "nfs under its own mount root",
			granted: access.GrantedVolume{Volume: volume("corpus", v1beta1.VolumeTypeNFS, func(s *v1beta1.VolumeSpec) {
				s.NFS = &v1beta1.NFSVolume{Server: "nfs.local", Path: "/exports/corpus"}
				s.MountRoot = "/mnt"
			}), Writable: true},
			path: "/mnt/corpus",
			check: func(t *testing.T, v corev1.Volume) {
				if v.NFS == nil || v.NFS.Server != "nfs.local" || v.NFS.Path != "/exports/corpus" || v.NFS.ReadOnly {
					t.Errorf("source %+v", v.VolumeSource)
				}
			},
		},
		{
			name: "hostPath",
			granted: access.GrantedVolume{Volume: volume("scratch", v1beta1.VolumeTypeHostPath, func(s *v1beta1.VolumeSpec) {
				s.HostPath = &v1beta1.HostPathVolume{Path: "/mnt/scratch"}
			})},
			path:     "/datasets/scratch",
			readOnly: true,
			check: func(t *testing.T, v corev1.Volume) {
				if v.HostPath == nil || v.HostPath.Path != "/mnt/scratch" {
					t.Errorf("source %+v", v.VolumeSource)
				}
			},
		},
		{
			name: "git is synced on the node and always read-only",
			granted: access.GrantedVolume{Volume: volume("repo", v1beta1.VolumeTypeGit, func(s *v1beta1.VolumeSpec) {
				s.Git = &v1beta1.GitVolume{URL: "https://example.com/repo.git"}
			}), Writable: true},
			path:     "/datasets/repo",
			readOnly: true,
			check: func(t *testing.T, v corev1.Volume) {
				if v.HostPath == nil || v.HostPath.Path != "/home/dataset/repo" {
					t.Errorf("source %+v", v.VolumeSource)
				}
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := base()
			in.Volumes = []access.GrantedVolume{tt.granted}
			p, err := Pod(in)
			if err != nil {
				t.Fatal(err)
			}
			m, ok := mountOf(mainOf(t, p), tt.path)
			if !ok {
				t.Fatalf("nothing mounted at %s: %v", tt.path, mainOf(t, p).VolumeMounts)
			}
			if m.ReadOnly != tt.readOnly {
				t.Errorf("readOnly = %v, want %v", m.ReadOnly, tt.readOnly)
			}
			tt.check(t, volumeOf(p, m.Name))
		})
	}

	// env volumes mount nothing.
	in := base()
	in.Volumes = []access.GrantedVolume{{Volume: volume("keys", v1beta1.VolumeTypeEnv, func(s *v1beta1.VolumeSpec) {
		s.Env = &v1beta1.EnvVolume{Variables: map[string]string{"A": "1"}}
	})}}
	p, err := Pod(in)
	if err != nil {
		t.Fatal(err)
	}
	if n := len(mainOf(t, p).VolumeMounts); n != 1 {
		t.Errorf("env volume mounted something: %v", mainOf(t, p).VolumeMounts)
	}
}

func TestHomeAndGroupVolumes(t *testing.T) {
	tests := []struct {
		name         string
		mod          func(*Input)
		wantHome     string
		wantProjects map[string]string // mount path → claim capacity
	}{
		{
			name:     "home from the platform default; no group volume",
			wantHome: "20Gi",
		},
		{
			name: "home from the user's own capacity",
			mod: func(in *Input) {
				in.User.VolumeCapacity = qp("5Gi")
				in.UserGroups[0].UserVolumeCapacity = qp("50Gi")
			},
			wantHome: "5Gi",
		},
		{
			name: "home from the largest of the user's groups",
			mod: func(in *Input) {
				g := group("ops", func(g *directory.Group) { g.UserVolumeCapacity = qp("30Gi") })
				in.UserGroups[0].UserVolumeCapacity = qp("10Gi")
				in.UserGroups = append(in.UserGroups, g)
			},
			wantHome: "30Gi",
		},
		{
			name: "launch group's shared volume, other groups' only when not launch-group-only",
			mod: func(in *Input) {
				shared(true, "100Gi")(&in.Group)
				in.UserGroups = []directory.Group{in.Group, group("ops", shared(false, "")), group("hr", shared(true, "1Gi")), group("plain")}
				in.Settings.DefaultSharedVolumeCapacity = q("8Gi")
			},
			wantHome:     "20Gi",
			wantProjects: map[string]string{"/project/data_science": "100Gi", "/project/ops": "8Gi"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := base()
			if tt.mod != nil {
				tt.mod(&in)
			}
			p, err := Pod(in)
			if err != nil {
				t.Fatal(err)
			}
			c := mainOf(t, p)
			home, ok := mountOf(c, "/home/jovyan")
			if !ok || volumeOf(p, home.Name).PersistentVolumeClaim.ClaimName != HomeClaimName("alice@example.com") {
				t.Fatalf("home not mounted from %s: %v", HomeClaimName("alice@example.com"), c.VolumeMounts)
			}
			hc := HomeClaim(in, "primehub")
			if got := hc.Spec.Resources.Requests[corev1.ResourceStorage]; got.String() != tt.wantHome {
				t.Errorf("home capacity = %s, want %s", got.String(), tt.wantHome)
			}
			claims := map[string]string{}
			for _, gc := range GroupClaims(in, "primehub") {
				claims[gc.Name] = gc.Spec.Resources.Requests.Storage().String()
			}
			if len(claims) != len(tt.wantProjects) {
				t.Errorf("group claims %v, want %d", claims, len(tt.wantProjects))
			}
			for path, capacity := range tt.wantProjects {
				m, ok := mountOf(c, path)
				if !ok {
					t.Errorf("nothing at %s", path)
					continue
				}
				name := volumeOf(p, m.Name).PersistentVolumeClaim.ClaimName
				if claims[name] != capacity {
					t.Errorf("%s from claim %s of %s, want %s", path, name, claims[name], capacity)
				}
			}
		})
	}
}

func TestJobPod(t *testing.T) {
	tests := []struct {
		name    string
		command string
	}{
		{"one line", "echo hello"},
		{"a script with quotes and lines", "set -e\npython train.py --name 'a b' \"$GROUP_NAME\"\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := JobPod(base(), tt.command)
			if err != nil {
				t.Fatal(err)
			}
			main := mainOf(t, p)
			if want := []string{"/bin/sh", "-c", tt.command}; !slices.Equal(main.Command, want) {
				t.Errorf("command %q, want %q", main.Command, want)
			}
			if p.Spec.RestartPolicy != corev1.RestartPolicyNever {
				t.Errorf("restart policy %q, want Never", p.Spec.RestartPolicy)
			}
			m, ok := mountOf(main, "/dev/shm")
			if !ok || volumeOf(p, m.Name).EmptyDir == nil || volumeOf(p, m.Name).EmptyDir.Medium != corev1.StorageMediumMemory {
				t.Errorf("no memory-backed /dev/shm")
			}
		})
	}
	// Notebooks get neither.
	nb, err := Pod(base())
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := mountOf(mainOf(t, nb), "/dev/shm"); ok || mainOf(t, nb).Command != nil {
		t.Errorf("notebook pod has a job's /dev/shm or command")
	}
}

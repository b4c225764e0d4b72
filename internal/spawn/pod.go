package spawn

import (
	"fmt"
	"maps"
	"path"
	"regexp"
	"slices"
	"strings"

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

const (
	// MainContainer runs the notebook server or the job's command.
	MainContainer = "main"

	homeVolume = "home"
	homeDir    = "/home/jovyan"
	// usersGID owns the home directory in Jupyter's images, so the notebook can write it.
	usersGID = 100
)

// Pod renders the pod (labels and spec; the caller names it and sets its restart policy).
func Pod(in Input) (*corev1.Pod, error) {
	gpus := in.InstanceType.Spec.GPU.Count
	image, err := ImageURL(in.Image, gpus)
	if err != nil {
		return nil, err
	}
	volumes, mounts := storage(in)
	main := corev1.Container{
		Name:         MainContainer,
		Image:        image,
		Resources:    Resources(in.InstanceType),
		Env:          env(in),
		VolumeMounts: mounts,
	}
	spec := corev1.PodSpec{
		// The admission webhook takes the guard out when it admits the pod; a pod that
		// bypassed it keeps the guard and never starts.
		InitContainers: []corev1.Container{quota.GuardContainer()},
		Containers:     []corev1.Container{main},
		Volumes:        volumes,
		NodeSelector:   in.InstanceType.Spec.NodeSelector,
		Tolerations:    in.InstanceType.Spec.Tolerations,
		SecurityContext: &corev1.PodSecurityContext{
			FSGroup: ptr.To[int64](usersGID),
		},
		// User code gets no Kubernetes credentials and no service environment of others.
		AutomountServiceAccountToken: ptr.To(false),
		EnableServiceLinks:           ptr.To(false),
	}
	if in.Image.Spec.PullSecret != "" {
		spec.ImagePullSecrets = []corev1.LocalObjectReference{{Name: in.Image.Spec.PullSecret}}
	}
	return &corev1.Pod{
		ObjectMeta: metav1.ObjectMeta{Labels: map[string]string{
			quota.LabelUser:  names.Label(in.User.Username),
			quota.LabelGroup: names.Label(in.Group.Name),
		}},
		Spec: spec,
	}, nil
}

// JobPod renders a job's pod: Pod's, plus a memory-backed /dev/shm (data loaders share
// memory through it), the command run by a shell as the user wrote it, and no restart: a job
// runs once and its exit code decides how it ended.
func JobPod(in Input, command string) (*corev1.Pod, error) {
	in.SharedMemory = true
	pod, err := Pod(in)
	if err != nil {
		return nil, err
	}
	pod.Spec.Containers[0].Command = []string{"/bin/sh", "-c", command}
	pod.Spec.RestartPolicy = corev1.RestartPolicyNever
	return pod, nil
}

// ImageURL picks the GPU build of the image when the instance type has GPUs, and refuses
// an image made for the other kind of instance type.
func ImageURL(img v1beta1.Image, gpus int32) (string, error) {
	switch {
	case gpus > 0 && img.Spec.Type == v1beta1.ImageTypeCPU:
		return "", fmt.Errorf("image %s is for CPU instance types only", img.Name)
	case gpus == 0 && img.Spec.Type == v1beta1.ImageTypeGPU:
		return "", fmt.Errorf("image %s is for GPU instance types only", img.Name)
	case gpus > 0 && img.Spec.URLForGPU != "":
		return img.Spec.URLForGPU, nil
	default:
		return img.Spec.URL, nil
	}
}

// Resources are the main container's requests and limits, from the instance type: a
// missing request equals the limit, and GPUs are requested as much as limited, as
// Kubernetes requires.
func Resources(it v1beta1.InstanceType) corev1.ResourceRequirements {
	limits := corev1.ResourceList{
		corev1.ResourceCPU:    it.Spec.CPU.Limit,
		corev1.ResourceMemory: it.Spec.Memory.Limit,
	}
	requests := corev1.ResourceList{
		corev1.ResourceCPU:    ptr.Deref(it.Spec.CPU.Request, it.Spec.CPU.Limit),
		corev1.ResourceMemory: ptr.Deref(it.Spec.Memory.Request, it.Spec.Memory.Limit),
	}
	if gpu := it.Spec.GPU; gpu.Count > 0 {
		name := corev1.ResourceName(gpu.ResourceName)
		if name == "" {
			name = "nvidia.com/gpu"
		}
		limits[name] = *resource.NewQuantity(int64(gpu.Count), resource.DecimalSI)
		requests[name] = limits[name]
	}
	return corev1.ResourceRequirements{Requests: requests, Limits: limits}
}

var envNameUnsafe = regexp.MustCompile(`[^A-Za-z0-9_]`)

// env orders variables from least to most authoritative: the user's predefined ones, env
// volumes', the notebook's or job's own, then the platform's, which describe the launch and
// so cannot be overridden. A later variable of the same name replaces an earlier one.
func env(in Input) []corev1.EnvVar {
	var vars []corev1.EnvVar
	set := func(name, value string) {
		for i := range vars {
			if vars[i].Name == name {
				vars[i].Value = value
				return
			}
		}
		vars = append(vars, corev1.EnvVar{Name: name, Value: value})
	}
	for _, e := range in.User.PredefinedEnv {
		set(e.Name, e.Value)
	}
	for _, v := range in.Volumes {
		if v.Volume.Spec.Type != v1beta1.VolumeTypeEnv || v.Volume.Spec.Env == nil {
			continue
		}
		// Prefixed with the volume's name, so two env volumes cannot clash.
		prefix := strings.ToUpper(envNameUnsafe.ReplaceAllString(v.Volume.Name, "_")) + "_"
		for _, key := range slices.Sorted(maps.Keys(v.Volume.Spec.Env.Variables)) {
			set(prefix+key, v.Volume.Spec.Env.Variables[key])
		}
	}
	for _, e := range in.Env {
		set(e.Name, e.Value)
	}
	tz := in.Settings.Timezone
	if tz == "" {
		tz = "UTC"
	}
	set("TZ", tz)
	set("GROUP_ID", names.Label(in.Group.Name))
	set("GROUP_NAME", in.Group.Name)
	set("INSTANCE_TYPE", in.InstanceType.Name)
	set("IMAGE_NAME", in.Image.Name)
	if in.InstanceType.Spec.GPU.Count == 0 {
		// Images with the NVIDIA runtime would otherwise see every GPU of the node.
		set("NVIDIA_VISIBLE_DEVICES", "none")
	}
	return vars
}

// storage mounts the home volume, the group volumes and the granted volumes.
func storage(in Input) ([]corev1.Volume, []corev1.VolumeMount) {
	volumes := []corev1.Volume{claimVolume(homeVolume, HomeClaimName(in.User.Username), false)}
	mounts := []corev1.VolumeMount{{Name: homeVolume, MountPath: homeDir}}
	for _, g := range sharedGroups(in) {
		name := GroupClaimName(g.Name)
		volumes = append(volumes, claimVolume(name, name, false))
		mounts = append(mounts, corev1.VolumeMount{Name: name, MountPath: path.Join("/project", g.Name)})
	}
	for _, gv := range in.Volumes {
		vol, ok := volumeSource(gv, in.Settings)
		if !ok {
			continue
		}
		v := gv.Volume
		root := v.Spec.MountRoot
		if root == "" {
			root = "/datasets"
		}
		volumes = append(volumes, vol)
		mounts = append(mounts, corev1.VolumeMount{
			Name:      vol.Name,
			MountPath: path.Join(root, v.Name),
			ReadOnly:  !gv.Writable || v.Spec.Type == v1beta1.VolumeTypeGit,
		})
	}
	if in.SharedMemory {
		volumes = append(volumes, corev1.Volume{Name: "dshm", VolumeSource: corev1.VolumeSource{EmptyDir: &corev1.EmptyDirVolumeSource{Medium: corev1.StorageMediumMemory}}})
		mounts = append(mounts, corev1.VolumeMount{Name: "dshm", MountPath: "/dev/shm"})
	}
	return volumes, mounts
}

// sharedGroups are the groups whose shared volume the launch mounts: the launch group's,
// and those of the user's other groups that are not launch-group-only.
func sharedGroups(in Input) []directory.Group {
	var out []directory.Group
	for _, g := range in.UserGroups {
		sv := g.SharedVolume
		if sv == nil || !sv.Enabled {
			continue
		}
		if g.Name == in.Group.Name || !ptr.Deref(sv.LaunchGroupOnly, true) {
			out = append(out, g)
		}
	}
	return out
}

// volumeSource is how a volume is mounted, by type; env volumes mount nothing.
func volumeSource(gv access.GrantedVolume, s Settings) (corev1.Volume, bool) {
	v := gv.Volume
	name := "volume-" + v.Name
	switch v.Spec.Type {
	case v1beta1.VolumeTypePV:
		return claimVolume(name, VolumeClaimName(v.Name), !gv.Writable), true
	case v1beta1.VolumeTypeNFS:
		if v.Spec.NFS == nil {
			return corev1.Volume{}, false
		}
		return corev1.Volume{Name: name, VolumeSource: corev1.VolumeSource{NFS: &corev1.NFSVolumeSource{
			Server: v.Spec.NFS.Server, Path: v.Spec.NFS.Path, ReadOnly: !gv.Writable}}}, true
	case v1beta1.VolumeTypeHostPath:
		if v.Spec.HostPath == nil {
			return corev1.Volume{}, false
		}
		return hostPathVolume(name, v.Spec.HostPath.Path), true
	case v1beta1.VolumeTypeGit:
		root := s.GitSyncHostRoot
		if root == "" {
			root = "/home/dataset"
		}
		return hostPathVolume(name, path.Join(root, v.Name)), true
	default:
		return corev1.Volume{}, false
	}
}

func claimVolume(name, claim string, readOnly bool) corev1.Volume {
	return corev1.Volume{Name: name, VolumeSource: corev1.VolumeSource{
		PersistentVolumeClaim: &corev1.PersistentVolumeClaimVolumeSource{ClaimName: claim, ReadOnly: readOnly}}}
}

func hostPathVolume(name, dir string) corev1.Volume {
	return corev1.Volume{Name: name, VolumeSource: corev1.VolumeSource{
		HostPath: &corev1.HostPathVolumeSource{Path: dir, Type: ptr.To(corev1.HostPathDirectoryOrCreate)}}}
}

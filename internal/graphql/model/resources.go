package model

import (
	"strings"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"

	"github.com/primehub/primehub/api/v1beta1"
	"github.com/primehub/primehub/internal/directory"
	"github.com/primehub/primehub/internal/spawn"
)

// The types below are PrimeHub's GraphQL types over our objects. Each keeps the object it
// shows, so that field resolvers (its groups, its users) read from it rather than again.

// User is a directory user.
type User struct {
	Source directory.User
}

func (u *User) ID() string         { return u.Source.Username }
func (u *User) Username() string   { return u.Source.Username }
func (u *User) Email() *string     { return Optional(u.Source.Email) }
func (u *User) FirstName() *string { return Optional(u.Source.DisplayName) }
func (u *User) LastName() *string  { return nil }
func (u *User) IsAdmin() bool      { return u.Source.Admin }
func (u *User) Enabled() bool      { return !u.Source.Disabled }

// Totp: one-time passwords are not built; no user has one.
func (u *User) Totp() bool { return false }
func (u *User) VolumeCapacity() *int {
	return WholeGiB(u.Source.VolumeCapacity)
}

// Group is a directory group.
type Group struct {
	Source directory.Group
	// Viewer is set when the group is shown among a user's groups (me): that user's groups,
	// which decide the volumes they mount when launching in it.
	Viewer []string
	// Writable is set when the group is shown among a dataset's groups.
	Writable *bool
}

func (g *Group) ID() string           { return g.Source.Name }
func (g *Group) Name() string         { return g.Source.Name }
func (g *Group) DisplayName() *string { return Optional(g.Source.DisplayName) }
func (g *Group) QuotaCPU() *float64   { return Cores(g.Source.Quota.PerUser.CPU) }
func (g *Group) QuotaGpu() *int       { return int32Ptr(g.Source.Quota.PerUser.GPU) }
func (g *Group) QuotaMemory() *float64 {
	return GiB(g.Source.Quota.PerUser.Memory)
}
func (g *Group) ProjectQuotaCPU() *float64 { return Cores(g.Source.Quota.Total.CPU) }
func (g *Group) ProjectQuotaGpu() *int     { return int32Ptr(g.Source.Quota.Total.GPU) }
func (g *Group) ProjectQuotaMemory() *float64 {
	return GiB(g.Source.Quota.Total.Memory)
}
func (g *Group) UserVolumeCapacity() *int { return WholeGiB(g.Source.UserVolumeCapacity) }
func (g *Group) EnabledSharedVolume() bool {
	return g.Source.SharedVolume != nil && g.Source.SharedVolume.Enabled
}
func (g *Group) SharedVolumeCapacity() *int {
	if g.Source.SharedVolume == nil {
		return nil
	}
	return WholeGiB(g.Source.SharedVolume.Capacity)
}
func (g *Group) LaunchGroupOnly() *bool {
	if g.Source.SharedVolume == nil {
		return nil
	}
	return g.Source.SharedVolume.LaunchGroupOnly
}
func (g *Group) JobDefaultActiveDeadlineSeconds() *int {
	if g.Source.JobDefaults == nil || g.Source.JobDefaults.ActiveDeadlineSeconds == nil {
		return nil
	}
	v := int(*g.Source.JobDefaults.ActiveDeadlineSeconds)
	return &v
}
func (g *Group) Admins() string       { return strings.Join(g.Source.Admins, ",") }
func (g *Group) EnabledProfile() bool { return g.Source.Profile != nil && g.Source.Profile.Enabled }

// EnabledDeployment and MaxDeploy are the group's model deployment settings.
func (g *Group) EnabledDeployment() bool {
	return g.Source.Deployments != nil && g.Source.Deployments.Enabled
}
func (g *Group) MaxDeploy() *int {
	if g.Source.Deployments == nil || g.Source.Deployments.Max == nil {
		return nil
	}
	v := int(*g.Source.Deployments.Max)
	return &v
}

// AllowPublicDeploymentEndpoints: whether the group's deployments may have public endpoints.
func (g *Group) AllowPublicDeploymentEndpoints() bool {
	return g.Source.Deployments != nil && g.Source.Deployments.AllowPublicEndpoints
}

// Mlflow: MLflow is not built: no group has it.
func (g *Group) Mlflow() *MLflowSetting { return nil }

// InstanceType is an InstanceType object.
type InstanceType struct {
	Source *v1beta1.InstanceType
	// Deleted is set for an instance type a job or schedule names that is gone: only its
	// name is known, and its sizes answer null rather than zeros.
	Deleted bool
}

// DeletedInstanceType stands for the instance type name, which no longer exists.
func DeletedInstanceType(name string) *InstanceType {
	return &InstanceType{Source: &v1beta1.InstanceType{ObjectMeta: metav1.ObjectMeta{Name: name}}, Deleted: true}
}

func (it *InstanceType) ID() string           { return it.Source.Name }
func (it *InstanceType) Name() string         { return it.Source.Name }
func (it *InstanceType) DisplayName() *string { return Optional(it.Source.Spec.DisplayName) }
func (it *InstanceType) Description() *string { return Optional(it.Source.Spec.Description) }
func (it *InstanceType) CPULimit() *float64 {
	if it.Deleted {
		return nil
	}
	return Cores(&it.Source.Spec.CPU.Limit)
}
func (it *InstanceType) CPURequest() *float64 { return Cores(it.Source.Spec.CPU.Request) }
func (it *InstanceType) MemoryLimit() *float64 {
	if it.Deleted {
		return nil
	}
	return GiB(&it.Source.Spec.Memory.Limit)
}
func (it *InstanceType) MemoryRequest() *float64 { return GiB(it.Source.Spec.Memory.Request) }
func (it *InstanceType) GpuLimit() *int {
	if it.Deleted {
		return nil
	}
	n := int(it.Source.Spec.GPU.Count)
	return &n
}
func (it *InstanceType) GpuResourceName() string {
	if it.Source.Spec.GPU.ResourceName == "" {
		return "nvidia.com/gpu"
	}
	return it.Source.Spec.GPU.ResourceName
}
func (it *InstanceType) Global() bool { return it.Source.Spec.Access.Global }
func (it *InstanceType) Spec() any    { return toJSON(&it.Source.Spec) }
func (it *InstanceType) NodeSelector() any {
	if it.Source.Spec.NodeSelector == nil {
		return nil
	}
	return it.Source.Spec.NodeSelector
}
func (it *InstanceType) Tolerations() []*Toleration {
	out := make([]*Toleration, 0, len(it.Source.Spec.Tolerations))
	for _, t := range it.Source.Spec.Tolerations {
		out = append(out, &Toleration{Operator: string(t.Operator), Key: Optional(t.Key), Value: Optional(t.Value), Effect: Optional(string(t.Effect))})
	}
	return out
}

// Image is an Image object.
type Image struct {
	Source *v1beta1.Image
}

func (i *Image) ID() string                  { return i.Source.Name }
func (i *Image) Name() string                { return i.Source.Name }
func (i *Image) DisplayName() *string        { return Optional(i.Source.Spec.DisplayName) }
func (i *Image) Description() *string        { return Optional(i.Source.Spec.Description) }
func (i *Image) Type() string                { return string(i.Source.Spec.Type) }
func (i *Image) URL() string                 { return i.Source.Spec.URL }
func (i *Image) URLForGpu() *string          { return Optional(i.Source.Spec.URLForGPU) }
func (i *Image) GroupName() *string          { return Optional(i.Source.Spec.GroupName) }
func (i *Image) Global() bool                { return i.Source.Spec.Access.Global }
func (i *Image) Spec() any                   { return toJSON(&i.Source.Spec) }
func (i *Image) UseImagePullSecret() *string { return Optional(i.Source.Spec.PullSecret) }

// IsReady: images are pulled by the nodes; there is nothing to build.
func (i *Image) IsReady() bool { return true }

// The image builder is not built: no image has a recipe, a build or build logs.
func (i *Image) ImageSpec() *ImageSpec { return nil }
func (i *Image) JobStatus() *JobStatus { return nil }
func (i *Image) LogEndpoint() *string  { return nil }

// Dataset is a Volume object.
type Dataset struct {
	Source *v1beta1.Volume
	// Writable is set when the dataset is shown for a group or a launch.
	Writable *bool
}

func (d *Dataset) ID() string           { return d.Source.Name }
func (d *Dataset) Name() string         { return d.Source.Name }
func (d *Dataset) DisplayName() *string { return Optional(d.Source.Spec.DisplayName) }
func (d *Dataset) Description() *string { return Optional(d.Source.Spec.Description) }
func (d *Dataset) Global() bool         { return d.Source.Spec.Access.Global }
func (d *Dataset) Type() string         { return string(d.Source.Spec.Type) }
func (d *Dataset) Spec() any            { return toJSON(&d.Source.Spec) }
func (d *Dataset) MountRoot() string {
	if d.Source.Spec.MountRoot == "" {
		return "/datasets"
	}
	return d.Source.Spec.MountRoot
}
func (d *Dataset) HomeSymlink() bool { return d.Source.Spec.HomeSymlink }
func (d *Dataset) LaunchGroupOnly() bool {
	return d.Source.Spec.LaunchGroupOnly == nil || *d.Source.Spec.LaunchGroupOnly
}
func (d *Dataset) URL() *string {
	if d.Source.Spec.Git == nil {
		return nil
	}
	return &d.Source.Spec.Git.URL
}
func (d *Dataset) NfsServer() *string {
	if d.Source.Spec.NFS == nil {
		return nil
	}
	return &d.Source.Spec.NFS.Server
}
func (d *Dataset) NfsPath() *string {
	if d.Source.Spec.NFS == nil {
		return nil
	}
	return &d.Source.Spec.NFS.Path
}
func (d *Dataset) HostPath() *string {
	if d.Source.Spec.HostPath == nil {
		return nil
	}
	return &d.Source.Spec.HostPath.Path
}
func (d *Dataset) Variables() any {
	if d.Source.Spec.Env == nil {
		return nil
	}
	return d.Source.Spec.Env.Variables
}

// PvProvisioning: the platform makes a pv volume's claim, as PrimeHub's "auto" does.
func (d *Dataset) PvProvisioning() *string {
	if d.Source.Spec.PV == nil {
		return nil
	}
	auto := "auto"
	return &auto
}

// VolumeName is the claim behind a pv volume.
func (d *Dataset) VolumeName() *string {
	if d.Source.Spec.PV == nil {
		return nil
	}
	n := spawn.VolumeClaimName(d.Source.Name)
	return &n
}

// The upload server is not built: no volume has one.
func (d *Dataset) EnableUploadServer() bool  { return false }
func (d *Dataset) UploadServerLink() *string { return nil }

func (d *Dataset) VolumeSize() *float64 {
	if d.Source.Spec.PV == nil {
		return nil
	}
	return GiB(&d.Source.Spec.PV.Capacity)
}

// Optional answers nil for an empty string, as PrimeHub answers fields never set.
func Optional(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

func int32Ptr(v *int32) *int {
	if v == nil {
		return nil
	}
	i := int(*v)
	return &i
}

// toJSON renders a spec (a pointer to it) as plain JSON values, as clients read it.
func toJSON(spec any) any {
	m, err := runtime.DefaultUnstructuredConverter.ToUnstructured(spec)
	if err != nil {
		return nil
	}
	return m
}

// Toleration is an instance type's toleration of node taints.
type Toleration struct {
	Operator string
	Key      *string
	Value    *string
	Effect   *string
}

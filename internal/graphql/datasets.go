package graphql

import (
	"context"
	"strings"

	"github.com/primehub/primehub/api/v1beta1"
	"github.com/primehub/primehub/internal/graphql/model"
)

// datasetUpdateOf: creating sets what updating may, and the name, type and size.
func datasetUpdateOf(in model.DatasetCreateInput) model.DatasetUpdateInput {
	out := model.DatasetUpdateInput{DisplayName: in.DisplayName, Description: in.Description, Global: in.Global, URL: in.URL,
		NfsServer: in.NfsServer, NfsPath: in.NfsPath, HostPath: in.HostPath, Variables: in.Variables, Secret: in.Secret,
		MountRoot: in.MountRoot, HomeSymlink: in.HomeSymlink, LaunchGroupOnly: in.LaunchGroupOnly, EnableUploadServer: in.EnableUploadServer}
	if in.Groups != nil {
		out.Groups = &model.DatasetGroupUpdateManyInput{Connect: in.Groups.Connect}
	}
	return out
}

// applyDatasetInput sets on spec the fields given (groups apart), each for the type the
// volume has; a field of another type is an error, not silently dropped.
func (r *Resolver) applyDatasetInput(ctx context.Context, spec *v1beta1.VolumeSpec, in model.DatasetUpdateInput) error {
	if in.EnableUploadServer != nil && *in.EnableUploadServer {
		return badInput("enableUploadServer: this platform has no upload server; write to the volume from a notebook")
	}
	if in.DisplayName != nil {
		spec.DisplayName = *in.DisplayName
	}
	if in.Description != nil {
		spec.Description = *in.Description
	}
	if in.Global != nil {
		spec.Access.Global = *in.Global
	}
	if in.MountRoot != nil {
		if !strings.HasPrefix(*in.MountRoot, "/") {
			return badInput("mountRoot must be an absolute path such as /datasets, not %q", *in.MountRoot)
		}
		spec.MountRoot = *in.MountRoot
	}
	if in.HomeSymlink != nil {
		spec.HomeSymlink = *in.HomeSymlink
	}
	if in.LaunchGroupOnly != nil {
		spec.LaunchGroupOnly = in.LaunchGroupOnly
	}
	typeOnly := func(field string, set bool, t v1beta1.VolumeType) error {
		if set && spec.Type != t {
			return badInput("%s is for datasets of type %s, not %s", field, t, spec.Type)
		}
		return nil
	}
	for _, err := range []error{
		typeOnly("url", in.URL != nil, v1beta1.VolumeTypeGit),
		typeOnly("secret", in.Secret != nil, v1beta1.VolumeTypeGit),
		typeOnly("nfsServer", in.NfsServer != nil, v1beta1.VolumeTypeNFS),
		typeOnly("nfsPath", in.NfsPath != nil, v1beta1.VolumeTypeNFS),
		typeOnly("hostPath", in.HostPath != nil, v1beta1.VolumeTypeHostPath),
		typeOnly("variables", in.Variables != nil, v1beta1.VolumeTypeEnv),
	} {
		if err != nil {
			return err
		}
	}
	switch spec.Type {
	case v1beta1.VolumeTypeGit:
		if spec.Git == nil {
			spec.Git = &v1beta1.GitVolume{}
		}
		if in.URL != nil {
			spec.Git.URL = strings.TrimSpace(*in.URL)
		}
		if spec.Git.URL == "" {
			return badInput("url is required for a git dataset")
		}
		if in.Secret != nil {
			switch {
			case in.Secret.Disconnect != nil && *in.Secret.Disconnect:
				spec.Git.Secret = ""
			case in.Secret.Connect != nil:
				if _, err := r.secretRef(ctx, "secret", in.Secret.Connect.ID); err != nil {
					return err
				}
				spec.Git.Secret = in.Secret.Connect.ID
			}
		}
	case v1beta1.VolumeTypeNFS:
		if spec.NFS == nil {
			spec.NFS = &v1beta1.NFSVolume{}
		}
		if in.NfsServer != nil {
			spec.NFS.Server = strings.TrimSpace(*in.NfsServer)
		}
		if in.NfsPath != nil {
			spec.NFS.Path = *in.NfsPath
		}
		if spec.NFS.Server == "" || !strings.HasPrefix(spec.NFS.Path, "/") {
			return badInput("an nfs dataset needs nfsServer and an absolute nfsPath")
		}
	case v1beta1.VolumeTypeHostPath:
		if spec.HostPath == nil {
			spec.HostPath = &v1beta1.HostPathVolume{}
		}
		if in.HostPath != nil {
			spec.HostPath.Path = *in.HostPath
		}
		if !strings.HasPrefix(spec.HostPath.Path, "/") {
			return badInput("hostPath must be an absolute path on the node")
		}
	case v1beta1.VolumeTypeEnv:
		if in.Variables != nil {
			vars, err := stringMap("variables", in.Variables)
			if err != nil {
				return err
			}
			spec.Env = &v1beta1.EnvVolume{Variables: vars}
		}
		if spec.Env == nil || len(spec.Env.Variables) == 0 {
			return badInput("an env dataset needs variables, such as {\"KEY\": \"value\"}")
		}
	}
	return nil
}

// datasetGrants turns dataset group relations into grants.
func datasetGrants(ws []*model.DatasetGroupWhereUniqueInput) []groupGrantInput {
	out := make([]groupGrantInput, 0, len(ws))
	for _, w := range ws {
		out = append(out, groupGrantInput{name: w.ID, writable: deref(w.Writable)})
	}
	return out
}

func datasetMatches(v *v1beta1.Volume, where *model.DatasetWhereInput) bool {
	return where == nil || (where.ID == nil || *where.ID == v.Name) &&
		contains(v.Name, where.NameContains) && contains(v.Spec.DisplayName, where.DisplayNameContains) &&
		search(where.Search, v.Name, v.Spec.DisplayName, v.Spec.Description)
}

var datasetOrder = map[string]func(a, b *model.Dataset) int{
	"name":        byString(func(d *model.Dataset) string { return d.Source.Name }),
	"displayName": byString(func(d *model.Dataset) string { return d.Source.Spec.DisplayName }),
	"description": byString(func(d *model.Dataset) string { return d.Source.Spec.Description }),
	"type":        byString(func(d *model.Dataset) string { return string(d.Source.Spec.Type) }),
}

// pvProvisioning checks a pv volume's provisioning: the platform makes the claim ("auto");
// PrimeHub's "manual", a volume an administrator binds by hand, is not offered.
func pvProvisioning(p *string) error {
	if p != nil && *p != "auto" {
		return badInput("pvProvisioning must be auto (the platform makes the claim), not %q", *p)
	}
	return nil
}

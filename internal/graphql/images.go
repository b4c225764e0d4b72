package graphql

import (
	"context"
	"strings"

	"sigs.k8s.io/controller-runtime/pkg/client"

	"github.com/primehub/primehub/api/v1beta1"
	"github.com/primehub/primehub/internal/auth"
	"github.com/primehub/primehub/internal/graphql/model"
)

// imageUpdateOf: creating sets what updating may, and the name and group.
func imageUpdateOf(in model.ImageCreateInput) model.ImageUpdateInput {
	out := model.ImageUpdateInput{DisplayName: in.DisplayName, Description: in.Description, Type: in.Type, URL: in.URL,
		URLForGpu: in.URLForGpu, Global: in.Global, UseImagePullSecret: in.UseImagePullSecret}
	if in.Groups != nil {
		out.Groups = &model.GroupUpdateManyInput{Connect: in.Groups.Connect}
	}
	return out
}

// applyImageInput sets on spec the fields given (groups apart).
func (r *Resolver) applyImageInput(ctx context.Context, spec *v1beta1.ImageSpec, in model.ImageUpdateInput) error {
	if in.DisplayName != nil {
		spec.DisplayName = *in.DisplayName
	}
	if in.Description != nil {
		spec.Description = *in.Description
	}
	if in.Type != nil {
		switch t := v1beta1.ImageType(*in.Type); t {
		case v1beta1.ImageTypeCPU, v1beta1.ImageTypeGPU, v1beta1.ImageTypeBoth:
			spec.Type = t
		default:
			return badInput("type must be cpu, gpu or both, not %q", *in.Type)
		}
	}
	if spec.Type == "" {
		spec.Type = v1beta1.ImageTypeBoth
	}
	if in.URL != nil {
		spec.URL = strings.TrimSpace(*in.URL)
	}
	if spec.URL == "" {
		return badInput("url is required: the image to pull, such as jupyter/base-notebook:latest")
	}
	if in.URLForGpu != nil {
		spec.URLForGPU = strings.TrimSpace(*in.URLForGpu)
	}
	if in.Global != nil {
		spec.Access.Global = *in.Global
	}
	if in.UseImagePullSecret != nil {
		spec.PullSecret = *in.UseImagePullSecret
		if spec.PullSecret != "" {
			s, err := r.secretRef(ctx, "useImagePullSecret", spec.PullSecret)
			if err != nil {
				return err
			}
			if s.Type != model.SecretTypeKubernetes {
				return badInput("useImagePullSecret %s is not an image pull secret (type kubernetes)", spec.PullSecret)
			}
		}
	}
	return nil
}

// imageWriter checks that id may create or change an image of group (empty: a system
// image), and that a group administrator sets no grants: a group image is its group's.
func imageWriter(id *auth.Identity, group string, in model.ImageUpdateInput) error {
	if id.Admin {
		return nil
	}
	if group == "" {
		return forbidden("only system administrators may manage system images")
	}
	if !adminOf(id, group) {
		return forbidden("only administrators of group %s may manage its images", group)
	}
	if in.Global != nil || in.Groups != nil {
		return forbidden("group images belong to their group: only system administrators may grant them to others")
	}
	return nil
}

// getImage reads an image from the cache.
func (r *Resolver) getImage(ctx context.Context, name string) (*v1beta1.Image, error) {
	img := &v1beta1.Image{}
	if err := r.Reader.Get(ctx, client.ObjectKey{Namespace: r.Namespace, Name: name}, img); err != nil {
		return nil, err
	}
	return img, nil
}

func imageMatches(img *v1beta1.Image, where *model.ImageWhereInput) bool {
	if where == nil {
		return true
	}
	if len(where.Or) > 0 {
		matched := false
		for _, w := range where.Or {
			matched = matched || imageMatches(img, w)
		}
		if !matched {
			return false
		}
	}
	return (where.ID == nil || *where.ID == img.Name) &&
		contains(img.Name, where.NameContains) && contains(img.Spec.DisplayName, where.DisplayNameContains) &&
		contains(img.Spec.GroupName, where.GroupNameContains) && contains(string(img.Spec.Type), where.TypeContains) &&
		contains(img.Spec.Description, where.DescriptionContains)
}

var imageOrder = map[string]func(a, b *model.Image) int{
	"name":        byString(func(i *model.Image) string { return i.Source.Name }),
	"displayName": byString(func(i *model.Image) string { return i.Source.Spec.DisplayName }),
	"description": byString(func(i *model.Image) string { return i.Source.Spec.Description }),
	"type":        byString(func(i *model.Image) string { return string(i.Source.Spec.Type) }),
}

// images lists the images id may see in mode that match where, ordered and paged.
func (r *Resolver) images(ctx context.Context, mode *model.QueryImageMode, where *model.ImageWhereInput, orderBy *model.ImageOrderByInput, pa pageArgs) ([]*model.ImageEdge, *model.PageInfo, error) {
	id, err := caller(ctx)
	if err != nil {
		return nil, nil, err
	}
	all, err := r.catalog(ctx).images(ctx)
	if err != nil {
		return nil, nil, err
	}
	var rows []*model.Image
	for i := range all {
		img := &all[i]
		if imageUsable(id, img) && imageInMode(img, mode) && imageMatches(img, where) {
			rows = append(rows, &model.Image{Source: img})
		}
	}
	field, direction := "", ""
	if orderBy != nil {
		field, direction = orderOf(map[string]*string{"name": orderBy.Name, "displayName": orderBy.DisplayName,
			"description": orderBy.Description, "type": orderBy.Type})
	}
	name := func(i *model.Image) string { return i.Source.Name }
	rows, info, err := sortedPage(rows, field, direction, imageOrder, name, pa)
	if err != nil {
		return nil, nil, err
	}
	edges := make([]*model.ImageEdge, 0, len(rows))
	for _, img := range rows {
		edges = append(edges, &model.ImageEdge{Node: img, Cursor: img.Source.Name})
	}
	return edges, info, nil
}

func imageNodes(edges []*model.ImageEdge) []*model.Image {
	return nodes(edges, func(e *model.ImageEdge) *model.Image { return e.Node })
}

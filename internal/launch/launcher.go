package launch

import (
	"context"
	"errors"
	"fmt"

	"sigs.k8s.io/controller-runtime/pkg/client"

	"github.com/primehub/primehub/api/v1beta1"
	"github.com/primehub/primehub/internal/directory"
	"github.com/primehub/primehub/internal/spawn"
)

// People is what a launch reads of the directory.
type People interface {
	GetUser(ctx context.Context, username string) (directory.User, error)
	GroupsOf(ctx context.Context, username string) ([]directory.Group, error)
	GetSettings(ctx context.Context) (directory.Settings, error)
}

// Launcher gathers the facts of a launch from the directory and the informer caches and
// decides it.
type Launcher struct {
	// Reader reads instance types, images, volumes and profiles, from the cache.
	Reader client.Reader
	People People
	// Namespace is the platform namespace, which holds the catalog.
	Namespace string
	// Spawn holds the platform's spawner settings; the directory's settings fill in the
	// timezone and the default home volume size.
	Spawn spawn.Settings
}

// Decide decides req with the directory and catalog as they are now. A refusal is the
// answer; an error (the directory or the cache unreadable) is worth retrying.
func (l *Launcher) Decide(ctx context.Context, req Request) (spawn.Input, *Refusal, error) {
	f, refusal, err := l.facts(ctx, req)
	if refusal != nil || err != nil {
		return spawn.Input{}, refusal, err
	}
	in, refusal := Decide(req, f)
	return in, refusal, nil
}

func (l *Launcher) facts(ctx context.Context, req Request) (Facts, *Refusal, error) {
	user, err := l.People.GetUser(ctx, req.User)
	if errors.Is(err, directory.ErrNotFound) {
		return Facts{}, refuse(ReasonUserNotFound, "user %s does not exist", req.User), nil
	}
	if err != nil {
		return Facts{}, nil, fmt.Errorf("reading user %s: %w", req.User, err)
	}
	f := Facts{User: user, PlatformNamespace: l.Namespace}
	if req.Namespace != l.Namespace {
		p := &v1beta1.Profile{}
		err := l.Reader.Get(ctx, client.ObjectKey{Name: req.Namespace}, p)
		if client.IgnoreNotFound(err) != nil {
			return Facts{}, nil, fmt.Errorf("reading profile %s: %w", req.Namespace, err)
		}
		if err == nil {
			f.Profile = p
		}
	}
	if f.Groups, err = l.People.GroupsOf(ctx, user.Username); err != nil {
		return Facts{}, nil, fmt.Errorf("reading the groups of %s: %w", user.Username, err)
	}
	settings, err := l.People.GetSettings(ctx)
	if err != nil {
		return Facts{}, nil, fmt.Errorf("reading the system settings: %w", err)
	}
	f.Settings = l.Spawn
	f.Settings.Timezone, f.Settings.DefaultUserVolumeCapacity = settings.Timezone, settings.DefaultUserVolumeCapacity
	var its v1beta1.InstanceTypeList
	var imgs v1beta1.ImageList
	var vols v1beta1.VolumeList
	for _, list := range []client.ObjectList{&its, &imgs, &vols} {
		if err := l.Reader.List(ctx, list, client.InNamespace(l.Namespace)); err != nil {
			return Facts{}, nil, fmt.Errorf("reading instance types, images and volumes: %w", err)
		}
	}
	f.Catalog = Catalog{InstanceTypes: its.Items, Images: imgs.Items, Volumes: vols.Items}
	if req.Kind == Deployment {
		var deps v1beta1.PhDeploymentList
		if err := l.Reader.List(ctx, &deps, client.InNamespace(l.Namespace)); err != nil {
			return Facts{}, nil, fmt.Errorf("reading model deployments: %w", err)
		}
		f.Deployments = deps.Items
	}
	return f, nil, nil
}

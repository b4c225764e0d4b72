package podquota

import (
	"context"
	"fmt"

	corev1 "k8s.io/api/core/v1"
	toolscache "k8s.io/client-go/tools/cache"
	"sigs.k8s.io/controller-runtime/pkg/cache"
	"sigs.k8s.io/controller-runtime/pkg/client"

	"github.com/primehub/primehub/api/v1beta1"
	"github.com/primehub/primehub/internal/directory"
	"github.com/primehub/primehub/internal/names"
	"github.com/primehub/primehub/internal/quota"
)

// groupNameIndex indexes Groups by names.Label(spec.name), the value pods carry.
const groupNameIndex = "podquota.groupLabel"

// SetupCache registers the Group index the webhook reads by and feeds the ledger every
// pod the informer shows. Call it before the cache starts; the returned function reports
// whether the ledger has seen every pod of the informer's first list.
func SetupCache(ctx context.Context, c cache.Cache, ledger *quota.Ledger) (func() bool, error) {
	err := c.IndexField(ctx, &v1beta1.Group{}, groupNameIndex, func(o client.Object) []string {
		return []string{names.Label(o.(*v1beta1.Group).Spec.Name)}
	})
	if err != nil {
		return nil, fmt.Errorf("index groups by name: %w", err)
	}
	informer, err := c.GetInformer(ctx, &corev1.Pod{})
	if err != nil {
		return nil, fmt.Errorf("pod informer: %w", err)
	}
	observe := func(obj any) {
		if pod, ok := obj.(*corev1.Pod); ok {
			ledger.Observe(quota.LedgerPod(pod))
		}
	}
	registration, err := informer.AddEventHandler(toolscache.ResourceEventHandlerFuncs{
		AddFunc:    observe,
		UpdateFunc: func(_, obj any) { observe(obj) },
		DeleteFunc: func(obj any) {
			if tombstone, ok := obj.(toolscache.DeletedFinalStateUnknown); ok {
				ledger.Forget(tombstone.Key)
				return
			}
			if pod, ok := obj.(*corev1.Pod); ok {
				ledger.Forget(quota.PodKey(pod))
			}
		},
	})
	if err != nil {
		return nil, fmt.Errorf("feed the quota ledger from the pod informer: %w", err)
	}
	return registration.HasSynced, nil
}

// Group is what the checks need of a group.
type Group struct {
	// Name is the group's name as people write it, for deny messages.
	Name  string
	Quota v1beta1.GroupQuota
	// Members are the usernames of the group's members, who alone may charge it.
	Members []string
}

// Groups finds a group (its quota and members) by the label value its pods carry. The
// builtin directory answers from Group CRDs (CRDGroups); another directory (Keycloak) can
// answer from its own cache. It is read on every review, so it must never call out.
type Groups interface {
	Group(ctx context.Context, groupLabel string) (Group, bool, error)
}

// CRDGroups answers from the Group informer cache, indexed by SetupCache.
type CRDGroups struct{ Reader client.Reader }

// Group implements Groups.
func (g CRDGroups) Group(ctx context.Context, groupLabel string) (Group, bool, error) {
	groups := &v1beta1.GroupList{}
	if err := g.Reader.List(ctx, groups, client.MatchingFields{groupNameIndex: groupLabel}, client.UnsafeDisableDeepCopy); err != nil {
		return Group{}, false, err
	}
	// names.Label is collision-free, so there is at most one.
	if len(groups.Items) == 0 {
		return Group{}, false, nil
	}
	spec := &groups.Items[0].Spec
	// UnsafeDisableDeepCopy: the members are the cache's own; the handler only reads them.
	return Group{Name: spec.Name, Quota: spec.Quota, Members: spec.Members}, true, nil
}

// DirectoryGroups answers from a directory's own cache, for a directory without Group CRDs
// (Keycloak, whose realm snapshot is in memory): it looks among all groups for the one
// whose label is asked, a scan of the snapshot per review.
type DirectoryGroups struct{ Directory directory.Directory }

// Group implements Groups.
func (d DirectoryGroups) Group(ctx context.Context, groupLabel string) (Group, bool, error) {
	groups, err := d.Directory.ListGroups(ctx)
	if err != nil {
		return Group{}, false, err
	}
	for _, g := range groups {
		if names.Label(g.Name) == groupLabel {
			return Group{Name: g.Name, Quota: g.Quota, Members: g.Members}, true, nil
		}
	}
	return Group{}, false, nil
}

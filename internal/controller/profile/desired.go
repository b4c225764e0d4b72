// Package profile is the Profile controller: a Profile becomes a namespace of the same
// name with the owner's and contributors' RoleBindings, service accounts, a ResourceQuota
// and a LimitRange (Kubeflow's multi-user profiles).
package profile

import (
	"fmt"
	"strings"

	corev1 "k8s.io/api/core/v1"
	rbacv1 "k8s.io/api/rbac/v1"
	"k8s.io/apimachinery/pkg/api/resource"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"sigs.k8s.io/controller-runtime/pkg/client"

	"github.com/primehub/primehub/api/v1beta1"
	"github.com/primehub/primehub/internal/names"
	"github.com/primehub/primehub/internal/quota"
)

const (
	// LabelProfile marks the namespace and every object the controller makes for a profile.
	LabelProfile = "primehub.io/profile"
	// labelContributor marks contributor RoleBindings, so stale ones can be found.
	labelContributor = "primehub.io/profile-contributor"
	finalizer        = "primehub.io/profile"

	// ClusterRolePrefix + role (admin, edit, view) names the roles profile bindings grant.
	ClusterRolePrefix = "primehub-profile-"
	ownerBinding      = "owner"
	quotaName         = "primehub-profile-quota"
	limitRangeName    = "primehub-profile-limits"
)

// serviceAccounts are made in every profile namespace for workloads, with their role.
var serviceAccounts = []struct {
	name string
	role v1beta1.ContributorRole
}{
	{"default-editor", v1beta1.ContributorEdit},
	{"default-viewer", v1beta1.ContributorView},
}

// Containers that set no requests or limits get these, so that they pass the quota.
var defaultContainerResources = v1beta1.ContainerDefaults{
	DefaultRequest: &v1beta1.ComputeResources{CPU: quantity("100m"), Memory: quantity("128Mi")},
	Default:        &v1beta1.ComputeResources{CPU: quantity("1"), Memory: quantity("1Gi")},
}

func quantity(s string) *resource.Quantity {
	q := resource.MustParse(s)
	return &q
}

func labels(p *v1beta1.Profile) map[string]string {
	return map[string]string{LabelProfile: p.Name, "app.kubernetes.io/managed-by": "primehub"}
}

// The Pod Security Admission labels: the API server enforces the level on every pod in the
// namespace, and warns of (and audits) workloads such as Deployments whose pods it would
// refuse, since enforcement checks pods only.
const (
	labelPodSecurityEnforce = "pod-security.kubernetes.io/enforce"
	labelPodSecurityWarn    = "pod-security.kubernetes.io/warn"
	labelPodSecurityAudit   = "pod-security.kubernetes.io/audit"
)

// podSecurity is the level p's namespace enforces: its own, else the platform's default,
// else baseline.
func podSecurity(p *v1beta1.Profile, platformDefault v1beta1.PodSecurityLevel) v1beta1.PodSecurityLevel {
	switch {
	case p.Spec.PodSecurity != nil:
		return *p.Spec.PodSecurity
	case platformDefault != "":
		return platformDefault
	default:
		return v1beta1.PodSecurityBaseline
	}
}

// ParsePodSecurity reads a Pod Security level as `primehub serve --profile-pod-security`
// takes it; empty is baseline.
func ParsePodSecurity(s string) (v1beta1.PodSecurityLevel, error) {
	switch l := v1beta1.PodSecurityLevel(s); l {
	case "":
		return v1beta1.PodSecurityBaseline, nil
	case v1beta1.PodSecurityPrivileged, v1beta1.PodSecurityBaseline, v1beta1.PodSecurityRestricted:
		return l, nil
	default:
		return "", fmt.Errorf("want privileged, baseline or restricted, got %q", s)
	}
}

// Desired is what the controller makes for a new profile, each then controlled by p: the
// namespace, and what goes in it (no quota when neither p nor the default quota sets one).
// test/bench/profile makes the same objects with no controller logic, the floor of its cost.
func Desired(p *v1beta1.Profile, podSecurityDefault v1beta1.PodSecurityLevel, defaultQuota corev1.ResourceList) (*corev1.Namespace, []client.Object) {
	var objs []client.Object
	for _, sa := range desiredServiceAccounts(p) {
		objs = append(objs, sa)
	}
	for _, rb := range desiredRoleBindings(p) {
		objs = append(objs, rb)
	}
	if rq := desiredQuota(p, defaultQuota); rq != nil {
		objs = append(objs, rq)
	}
	return desiredNamespace(p, podSecurityDefault), append(objs, desiredLimitRange(p))
}

// desiredNamespace carries every label it needs from its creation, so a new profile costs
// no write to label it.
func desiredNamespace(p *v1beta1.Profile, podSecurityDefault v1beta1.PodSecurityLevel) *corev1.Namespace {
	l := labels(p)
	// Notebooks and jobs run here too: their pods need the quota webhook, which also takes
	// out their admission guard.
	l[quota.NamespaceLabelQuota] = quota.NamespaceEnabled
	level := string(podSecurity(p, podSecurityDefault))
	l[labelPodSecurityEnforce], l[labelPodSecurityWarn], l[labelPodSecurityAudit] = level, level, level
	return &corev1.Namespace{ObjectMeta: metav1.ObjectMeta{Name: p.Name, Labels: l}}
}

func desiredServiceAccounts(p *v1beta1.Profile) []*corev1.ServiceAccount {
	var sas []*corev1.ServiceAccount
	for _, sa := range serviceAccounts {
		sas = append(sas, &corev1.ServiceAccount{ObjectMeta: metav1.ObjectMeta{Namespace: p.Name, Name: sa.name, Labels: labels(p)}})
	}
	return sas
}

// desiredRoleBindings are the owner's, each contributor's and each service account's.
func desiredRoleBindings(p *v1beta1.Profile) []*rbacv1.RoleBinding {
	bindings := []*rbacv1.RoleBinding{roleBinding(p, ownerBinding, v1beta1.ContributorAdmin, subject(p.Spec.Owner), false)}
	for _, sa := range serviceAccounts {
		s := rbacv1.Subject{Kind: rbacv1.ServiceAccountKind, Name: sa.name, Namespace: p.Name}
		bindings = append(bindings, roleBinding(p, sa.name, sa.role, s, false))
	}
	for _, c := range p.Spec.Contributors {
		bindings = append(bindings, roleBinding(p, contributorBindingName(c), c.Role, subject(c.Subject), true))
	}
	return bindings
}

// contributorBindingName is stable for a subject and role: a changed role is a new binding
// (a RoleBinding's roleRef cannot change) and the old one is removed as stale.
func contributorBindingName(c v1beta1.Contributor) string {
	return fmt.Sprintf("contributor-%s-%s", c.Role, names.Label(c.Subject.Kind+":"+c.Subject.Namespace+"/"+c.Subject.Name))
}

func roleBinding(p *v1beta1.Profile, name string, role v1beta1.ContributorRole, s rbacv1.Subject, contributor bool) *rbacv1.RoleBinding {
	l := labels(p)
	if contributor {
		l[labelContributor] = "true"
	}
	return &rbacv1.RoleBinding{
		ObjectMeta: metav1.ObjectMeta{Namespace: p.Name, Name: name, Labels: l},
		RoleRef:    rbacv1.RoleRef{APIGroup: rbacv1.GroupName, Kind: "ClusterRole", Name: ClusterRolePrefix + string(role)},
		Subjects:   []rbacv1.Subject{s},
	}
}

// removedUsers are the users bound by stale who are bound by none of desired: contributors
// taken off the profile, not those whose role changed. Notebooks name their user by
// username, so only User subjects count.
func removedUsers(stale *rbacv1.RoleBinding, desired []*rbacv1.RoleBinding) []string {
	kept := map[string]bool{}
	for _, rb := range desired {
		for _, s := range rb.Subjects {
			if s.Kind == rbacv1.UserKind {
				kept[s.Name] = true
			}
		}
	}
	var removed []string
	for _, s := range stale.Subjects {
		if s.Kind == rbacv1.UserKind && !kept[s.Name] {
			removed = append(removed, s.Name)
		}
	}
	return removed
}

// subject fills in the API group Kubernetes expects for users and groups.
func subject(s rbacv1.Subject) rbacv1.Subject {
	if s.Kind != rbacv1.ServiceAccountKind && s.APIGroup == "" {
		s.APIGroup = rbacv1.GroupName
	}
	return s
}

// desiredQuota is the profile's own quota, else the admin's defaults; nil when neither sets
// anything, and the namespace has no quota.
func desiredQuota(p *v1beta1.Profile, defaults corev1.ResourceList) *corev1.ResourceQuota {
	spec := corev1.ResourceQuotaSpec{Hard: defaults}
	if p.Spec.ResourceQuota != nil {
		spec = *p.Spec.ResourceQuota
	}
	if len(spec.Hard) == 0 {
		return nil
	}
	return &corev1.ResourceQuota{ObjectMeta: metav1.ObjectMeta{Namespace: p.Name, Name: quotaName, Labels: labels(p)}, Spec: spec}
}

func desiredLimitRange(p *v1beta1.Profile) *corev1.LimitRange {
	d := defaultContainerResources
	if p.Spec.LimitRange != nil {
		d = mergeDefaults(*p.Spec.LimitRange, d)
	}
	return &corev1.LimitRange{
		ObjectMeta: metav1.ObjectMeta{Namespace: p.Name, Name: limitRangeName, Labels: labels(p)},
		Spec: corev1.LimitRangeSpec{Limits: []corev1.LimitRangeItem{{
			Type:           corev1.LimitTypeContainer,
			DefaultRequest: resourceList(d.DefaultRequest),
			Default:        resourceList(d.Default),
		}}},
	}
}

// mergeDefaults takes what the profile sets and the platform's defaults for the rest,
// keeping each default request at most its limit.
func mergeDefaults(set, base v1beta1.ContainerDefaults) v1beta1.ContainerDefaults {
	pick := func(a, b *v1beta1.ComputeResources) *v1beta1.ComputeResources {
		out := *b
		if a != nil && a.CPU != nil {
			out.CPU = a.CPU
		}
		if a != nil && a.Memory != nil {
			out.Memory = a.Memory
		}
		return &out
	}
	m := v1beta1.ContainerDefaults{DefaultRequest: pick(set.DefaultRequest, base.DefaultRequest), Default: pick(set.Default, base.Default)}
	if m.DefaultRequest.CPU.Cmp(*m.Default.CPU) > 0 {
		m.DefaultRequest.CPU = m.Default.CPU
	}
	if m.DefaultRequest.Memory.Cmp(*m.Default.Memory) > 0 {
		m.DefaultRequest.Memory = m.Default.Memory
	}
	return m
}

func resourceList(r *v1beta1.ComputeResources) corev1.ResourceList {
	return corev1.ResourceList{corev1.ResourceCPU: *r.CPU, corev1.ResourceMemory: *r.Memory}
}

// ParseQuota reads the admin's default quota, such as "cpu=8,memory=32Gi,nvidia.com/gpu=4".
// cpu and memory cap the sum of limits, as PrimeHub's quotas do; extended resources such
// as GPUs are capped by requests, the only way Kubernetes quotas them; names with a scope
// (requests.cpu, limits.memory, pods) are taken as they are.
func ParseQuota(s string) (corev1.ResourceList, error) {
	list := corev1.ResourceList{}
	if strings.TrimSpace(s) == "" {
		return list, nil
	}
	for _, part := range strings.Split(s, ",") {
		key, value, ok := strings.Cut(strings.TrimSpace(part), "=")
		if !ok || key == "" {
			return nil, fmt.Errorf("quota %q: want name=quantity, got %q", s, part)
		}
		q, err := resource.ParseQuantity(value)
		if err != nil {
			return nil, fmt.Errorf("quota %q: %s: %w", s, key, err)
		}
		if q.Sign() < 0 {
			return nil, fmt.Errorf("quota %q: %s must not be negative", s, key)
		}
		list[quotaResourceName(key)] = q
	}
	return list, nil
}

func quotaResourceName(key string) corev1.ResourceName {
	switch {
	case key == "cpu" || key == "memory":
		return corev1.ResourceName("limits." + key)
	case strings.Contains(key, "/") && !strings.HasPrefix(key, "requests.") && !strings.HasPrefix(key, "limits."):
		return corev1.ResourceName("requests." + key)
	default:
		return corev1.ResourceName(key)
	}
}

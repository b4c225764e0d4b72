package keycloak

import (
	"encoding/json"
	"slices"
	"strconv"
	"strings"

	"k8s.io/apimachinery/pkg/api/resource"
	"k8s.io/utils/ptr"

	"github.com/primehub/primehub/api/v1beta1"
	"github.com/primehub/primehub/internal/directory"
)

// Attributes of PrimeHub's realm layout. Keycloak lowercases usernames, so the username as
// written is kept in an attribute of its own.
const (
	attrUsername       = "primehub-username"
	attrVolumeCapacity = "volume-capacity"
	attrPredefinedEnv  = "predefined-env"

	attrDisplayName        = "displayName"
	attrQuotaCPU           = "quota-cpu"
	attrQuotaMemory        = "quota-memory"
	attrQuotaGPU           = "quota-gpu"
	attrProjectQuotaCPU    = "project-quota-cpu"
	attrProjectQuotaMemory = "project-quota-memory"
	attrProjectQuotaGPU    = "project-quota-gpu"
	attrUserVolumeCapacity = "user-volume-capacity"
	attrSharedVolume       = "enabled-shared-volume"
	attrSharedCapacity     = "shared-volume-capacity"
	attrLaunchGroupOnly    = "launch-group-only"
	attrAdmins             = "admins"
	// attrProfile turns the group's own profile on; its quota is the admin's default, as
	// a Keycloak attribute holds no quota spec.
	attrProfile = "enabled-profile"
	// attrDeployment and attrMaxDeploy are PrimeHub's model deployment settings.
	attrDeployment = "enabled-deployment"
	attrMaxDeploy  = "max-deploy"
	// attrPublicEndpoints lets the group's deployments have public endpoints (ours:
	// PrimeHub has no such setting).
	attrPublicEndpoints = "allow-public-deployment-endpoints"

	// settingsPrefix names the realm attributes that hold the settings.
	settingsPrefix = "primehub."
)

func userToRep(u directory.User) userRep {
	attrs := map[string][]string{attrUsername: {u.Username}}
	setQuantity(attrs, attrVolumeCapacity, u.VolumeCapacity)
	if len(u.PredefinedEnv) > 0 {
		b, _ := json.Marshal(u.PredefinedEnv) // a slice of string pairs always encodes
		attrs[attrPredefinedEnv] = []string{string(b)}
	}
	return userRep{Username: strings.ToLower(u.Username), Email: u.Email, FirstName: u.DisplayName, Enabled: !u.Disabled, Attributes: attrs}
}

func userFromRep(r userRep, admin bool) directory.User {
	u := directory.User{
		Username:       first(r.Attributes, attrUsername),
		Email:          r.Email,
		DisplayName:    strings.TrimSpace(r.FirstName + " " + r.LastName),
		Admin:          admin,
		Disabled:       !r.Enabled,
		VolumeCapacity: quantity(r.Attributes, attrVolumeCapacity),
	}
	if u.Username == "" { // made in Keycloak's console, not by PrimeHub
		u.Username = r.Username
	}
	if env := first(r.Attributes, attrPredefinedEnv); env != "" {
		_ = json.Unmarshal([]byte(env), &u.PredefinedEnv) // hand-edited nonsense reads as none
	}
	return u
}

func groupToRep(g directory.Group) groupRep {
	attrs := map[string][]string{}
	if g.DisplayName != "" {
		attrs[attrDisplayName] = []string{g.DisplayName}
	}
	setQuantity(attrs, attrQuotaCPU, g.Quota.PerUser.CPU)
	setQuantity(attrs, attrQuotaMemory, g.Quota.PerUser.Memory)
	setInt(attrs, attrQuotaGPU, g.Quota.PerUser.GPU)
	setQuantity(attrs, attrProjectQuotaCPU, g.Quota.Total.CPU)
	setQuantity(attrs, attrProjectQuotaMemory, g.Quota.Total.Memory)
	setInt(attrs, attrProjectQuotaGPU, g.Quota.Total.GPU)
	setQuantity(attrs, attrUserVolumeCapacity, g.UserVolumeCapacity)
	if sv := g.SharedVolume; sv != nil && sv.Enabled {
		attrs[attrSharedVolume] = []string{"true"}
		setQuantity(attrs, attrSharedCapacity, sv.Capacity)
		attrs[attrLaunchGroupOnly] = []string{strconv.FormatBool(ptr.Deref(sv.LaunchGroupOnly, true))}
	}
	if g.Profile != nil && g.Profile.Enabled {
		attrs[attrProfile] = []string{"true"}
	}
	if d := g.Deployments; d != nil && d.Enabled {
		attrs[attrDeployment] = []string{"true"}
		setInt(attrs, attrMaxDeploy, d.Max)
	}
	if d := g.Deployments; d != nil && d.AllowPublicEndpoints {
		attrs[attrPublicEndpoints] = []string{"true"}
	}
	if len(g.Admins) > 0 {
		admins := slices.Clone(g.Admins)
		slices.Sort(admins)
		attrs[attrAdmins] = []string{strings.Join(admins, ",")}
	}
	return groupRep{Name: g.Name, Attributes: attrs}
}

func groupFromRep(r groupRep, members []string) directory.Group {
	a := r.Attributes
	g := directory.Group{
		Name:        r.Name,
		DisplayName: first(a, attrDisplayName),
		Members:     members,
		Quota: v1beta1.GroupQuota{
			PerUser: v1beta1.QuotaResources{CPU: quantity(a, attrQuotaCPU), Memory: quantity(a, attrQuotaMemory), GPU: integer(a, attrQuotaGPU)},
			Total:   v1beta1.QuotaResources{CPU: quantity(a, attrProjectQuotaCPU), Memory: quantity(a, attrProjectQuotaMemory), GPU: integer(a, attrProjectQuotaGPU)},
		},
		UserVolumeCapacity: quantity(a, attrUserVolumeCapacity),
	}
	if first(a, attrSharedVolume) == "true" {
		launchGroupOnly := first(a, attrLaunchGroupOnly) != "false"
		g.SharedVolume = &v1beta1.SharedVolume{Enabled: true, Capacity: quantity(a, attrSharedCapacity), LaunchGroupOnly: &launchGroupOnly}
	}
	if first(a, attrProfile) == "true" {
		g.Profile = &v1beta1.GroupProfile{Enabled: true}
	}
	if first(a, attrDeployment) == "true" {
		g.Deployments = &v1beta1.GroupDeployments{Enabled: true, Max: integer(a, attrMaxDeploy)}
	}
	if first(a, attrPublicEndpoints) == "true" {
		if g.Deployments == nil {
			g.Deployments = &v1beta1.GroupDeployments{}
		}
		g.Deployments.AllowPublicEndpoints = true
	}
	for _, admin := range strings.Split(first(a, attrAdmins), ",") {
		if admin = strings.TrimSpace(admin); admin != "" {
			g.Admins = append(g.Admins, admin)
		}
	}
	slices.Sort(g.Admins)
	return g
}

func first(attrs map[string][]string, key string) string {
	if v := attrs[key]; len(v) > 0 {
		return v[0]
	}
	return ""
}

func setQuantity(attrs map[string][]string, key string, q *resource.Quantity) {
	if q != nil {
		attrs[key] = []string{q.String()}
	}
}

func setInt(attrs map[string][]string, key string, n *int32) {
	if n != nil {
		attrs[key] = []string{strconv.Itoa(int(*n))}
	}
}

// quantity reads a quantity; a missing or unreadable one is unset (unlimited), as PrimeHub
// treats it.
func quantity(attrs map[string][]string, key string) *resource.Quantity {
	q, err := resource.ParseQuantity(first(attrs, key))
	if err != nil {
		return nil
	}
	return &q
}

func integer(attrs map[string][]string, key string) *int32 {
	n, err := strconv.ParseInt(first(attrs, key), 10, 32)
	if err != nil {
		return nil
	}
	return ptr.To(int32(n))
}

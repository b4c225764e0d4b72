// Package directory is where PrimeHub keeps people: users, groups, membership and the
// system settings. One interface, two backends: builtin (the User and Group CRDs) and
// keycloak (a Keycloak realm in PrimeHub's layout).
package directory

import (
	"context"
	"errors"

	"k8s.io/apimachinery/pkg/api/resource"

	"github.com/primehub/primehub/api/v1beta1"
)

// Everyone is the implicit group every user belongs to; a resource granted globally is
// granted to it.
const Everyone = "everyone"

var (
	// ErrNotFound means the user or group does not exist.
	ErrNotFound = errors.New("not found")
	// ErrAlreadyExists means a user or group of that name exists.
	ErrAlreadyExists = errors.New("already exists")
	// ErrInvalid means the request breaks a rule of the directory (a name, a reserved group).
	ErrInvalid = errors.New("invalid")
	// ErrBadCredentials means the username or password is wrong, or the user is disabled.
	// Callers must not tell which.
	ErrBadCredentials = errors.New("invalid username or password")
)

// User is a person who may log in.
type User struct {
	// Username is the name the person logs in with, as they write it; it never changes.
	Username       string
	Email          string
	DisplayName    string
	Admin          bool
	Disabled       bool
	VolumeCapacity *resource.Quantity
	PredefinedEnv  []v1beta1.EnvVar
	// SessionGeneration changes whenever the user's sessions are revoked: their password is
	// set, or they are disabled. The embedded issuer writes it into the tokens of a login
	// and refuses tokens of an older generation. Only the builtin directory keeps it;
	// UpdateUser does not change it.
	SessionGeneration string
}

// Group is a team of users and what it may use.
type Group struct {
	// Name is the group's name as people write it; it never changes.
	Name               string
	DisplayName        string
	Members            []string
	Admins             []string
	Quota              v1beta1.GroupQuota
	UserVolumeCapacity *resource.Quantity
	SharedVolume       *v1beta1.SharedVolume
	// Profile, when enabled, gives the group a namespace of its own.
	Profile *v1beta1.GroupProfile
	// JobDefaults apply to the group's jobs that set none (builtin directory only).
	JobDefaults *v1beta1.JobDefaults
	// Deployments say whether members may deploy models and how many may run; nil: not.
	Deployments *v1beta1.GroupDeployments
}

// Settings are the system-wide settings.
type Settings struct {
	OrgName string
	// DefaultUserVolumeCapacity sizes home volumes of users without a capacity of their own.
	DefaultUserVolumeCapacity resource.Quantity
	// Timezone is an IANA zone name such as Asia/Taipei, set as TZ in notebooks and jobs.
	Timezone string
}

// DefaultSettings are the settings of a new installation.
func DefaultSettings() Settings {
	return Settings{OrgName: "PrimeHub", DefaultUserVolumeCapacity: resource.MustParse("20Gi"), Timezone: "UTC"}
}

// ChangeKind says what changed.
type ChangeKind string

// The kinds of change a directory reports.
const (
	UserChanged     ChangeKind = "user"
	GroupChanged    ChangeKind = "group"
	SettingsChanged ChangeKind = "settings"
)

// Change names what changed (the username or group name; empty for settings). It carries
// no content: a listener reads what it needs, so it never acts on a stale copy.
type Change struct {
	Kind ChangeKind
	Name string
}

// Directory is the interface both backends implement. Reads are served from a local cache
// kept fresh by the backend; writes are visible to the writer's next read.
type Directory interface {
	CreateUser(ctx context.Context, u User) (User, error)
	GetUser(ctx context.Context, username string) (User, error)
	ListUsers(ctx context.Context) ([]User, error)
	// UpdateUser replaces everything but the username (and the password).
	UpdateUser(ctx context.Context, u User) (User, error)
	SetUserDisabled(ctx context.Context, username string, disabled bool) error
	// DeleteUser removes the user, their password and their memberships.
	DeleteUser(ctx context.Context, username string) error

	// SetPassword stores a hash of password; the password itself is never kept.
	SetPassword(ctx context.Context, username, password string) error
	// Authenticate answers the user for a correct password of an enabled user, else
	// ErrBadCredentials.
	Authenticate(ctx context.Context, username, password string) (User, error)

	CreateGroup(ctx context.Context, g Group) (Group, error)
	// GetGroup also answers the implicit Everyone group, whose members are all users.
	GetGroup(ctx context.Context, name string) (Group, error)
	// ListGroups lists the groups made by admins; Everyone is not among them.
	ListGroups(ctx context.Context) ([]Group, error)
	// UpdateGroup replaces everything but the name.
	UpdateGroup(ctx context.Context, g Group) (Group, error)
	DeleteGroup(ctx context.Context, name string) error
	AddMember(ctx context.Context, group, username string) error
	RemoveMember(ctx context.Context, group, username string) error
	// GroupsOf lists the groups username is a member of, Everyone first. Everyone comes
	// without its members, who are all users (GetGroup lists them): every request asks for
	// a user's groups, and listing every user each time would cost more than the rest.
	GroupsOf(ctx context.Context, username string) ([]Group, error)

	GetSettings(ctx context.Context) (Settings, error)
	UpdateSettings(ctx context.Context, s Settings) (Settings, error)

	// Subscribe calls fn after each change seen by the cache, from one goroutine, until
	// ctx ends. Changes made by anyone (other replicas, kubectl, the Keycloak console) are
	// reported, not only this process's writes.
	Subscribe(ctx context.Context, fn func(Change))
}

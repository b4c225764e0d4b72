// Package keycloak is the directory on a Keycloak realm in PrimeHub's layout, through
// Keycloak's Admin REST API: users, top-level groups with PrimeHub's kebab-case attributes,
// the realm default group everyone, administrators as holders of realm-management's
// realm-admin role, and the settings as realm attributes.
package keycloak

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/go-logr/logr"

	"github.com/primehub/primehub/internal/directory"
)

// Options configure the backend.
type Options struct {
	// URL is Keycloak's base URL, such as https://id.example.com (or …/auth on Keycloak
	// before 17).
	URL, Realm string
	// ClientID and ClientSecret are a confidential client of the realm with a service
	// account (for the Admin API) and direct access grants (to check passwords).
	ClientID, ClientSecret string
	// Resync is how often the whole realm is read again, which is how changes made in
	// Keycloak's own console reach PrimeHub.
	Resync     time.Duration
	HTTPClient *http.Client
	Log        logr.Logger
}

// Directory is the keycloak backend. Start it before use.
type Directory struct {
	api      *api
	resync   time.Duration
	log      logr.Logger
	notifier directory.Notifier
	synced   chan struct{}

	// mu guards snap; writeMu makes each write and the reload after it one step, so a
	// writer reads its own write; reloadMu keeps a slow reload from replacing a newer one.
	mu       sync.RWMutex
	snap     *snapshot
	writeMu  sync.Mutex
	reloadMu sync.Mutex
}

var _ directory.Directory = (*Directory)(nil)

// New makes the backend.
func New(o Options) *Directory {
	hc := o.HTTPClient
	if hc == nil {
		hc = &http.Client{Timeout: 30 * time.Second}
	}
	if o.Resync <= 0 {
		o.Resync = 30 * time.Second
	}
	return &Directory{
		api:    &api{base: strings.TrimSuffix(o.URL, "/"), realm: o.Realm, clientID: o.ClientID, clientSecret: o.ClientSecret, http: hc},
		resync: o.Resync, log: o.Log, synced: make(chan struct{}),
	}
}

// Start reads the realm, then again every Resync, until ctx ends.
func (d *Directory) Start(ctx context.Context) error {
	t := time.NewTicker(d.resync)
	defer t.Stop()
	for {
		if err := d.reload(ctx); err != nil && ctx.Err() == nil {
			d.log.Error(err, "read the Keycloak realm")
		}
		select {
		case <-ctx.Done():
			return nil
		case <-t.C:
		}
	}
}

// WaitForCacheSync waits until the realm has been read once.
func (d *Directory) WaitForCacheSync(ctx context.Context) bool {
	select {
	case <-d.synced:
		return true
	case <-ctx.Done():
		return false
	}
}

// NeedLeaderElection is false: every replica serves reads.
func (d *Directory) NeedLeaderElection() bool { return false }

func (d *Directory) reload(ctx context.Context) error {
	d.reloadMu.Lock()
	defer d.reloadMu.Unlock()
	s, err := load(ctx, d.api)
	if err != nil {
		return err
	}
	d.mu.Lock()
	old := d.snap
	d.snap = s
	d.mu.Unlock()
	if old == nil {
		close(d.synced)
		return nil
	}
	for _, c := range changes(old, s) {
		d.notifier.Publish(c)
	}
	return nil
}

func (d *Directory) current() (*snapshot, error) {
	d.mu.RLock()
	defer d.mu.RUnlock()
	if d.snap == nil {
		return nil, errors.New("the Keycloak realm has not been read yet")
	}
	return d.snap, nil
}

// write runs fn against Keycloak, then reads the realm again, so the change is visible to
// the caller's next read and notified to subscribers. Writes are admin actions and rare:
// a full read after each keeps the snapshot simple and exact.
func (d *Directory) write(ctx context.Context, fn func(s *snapshot) error) error {
	d.writeMu.Lock()
	defer d.writeMu.Unlock()
	s, err := d.current()
	if err != nil {
		return err
	}
	werr := fn(s)
	if err := d.reload(ctx); err != nil {
		return errors.Join(werr, err)
	}
	return werr
}

// Subscribe implements directory.Directory.
func (d *Directory) Subscribe(ctx context.Context, fn func(directory.Change)) {
	d.notifier.Subscribe(ctx, fn)
}

// CreateUser implements directory.Directory.
func (d *Directory) CreateUser(ctx context.Context, u directory.User) (directory.User, error) {
	if err := directory.ValidateUsername(u.Username); err != nil {
		return directory.User{}, err
	}
	err := d.write(ctx, func(s *snapshot) error {
		for name := range s.users {
			if strings.EqualFold(name, u.Username) { // Keycloak folds usernames
				return fmt.Errorf("user %q: %w", u.Username, directory.ErrAlreadyExists)
			}
		}
		id, err := d.api.do(ctx, http.MethodPost, "/users", nil, userToRep(u), nil)
		if err != nil {
			return fmt.Errorf("create user %q: %w", u.Username, err)
		}
		return d.setAdmin(ctx, s, id, false, u.Admin)
	})
	if err != nil {
		return directory.User{}, err
	}
	return d.GetUser(ctx, u.Username)
}

// setAdmin grants or takes realm-admin as the user's admin flag changes.
func (d *Directory) setAdmin(ctx context.Context, s *snapshot, userID string, was, is bool) error {
	if was == is {
		return nil
	}
	method := http.MethodPost
	if !is {
		method = http.MethodDelete
	}
	if _, err := d.api.do(ctx, method, "/users/"+userID+"/role-mappings/clients/"+s.realmManagement, nil, []roleRep{s.adminRole}, nil); err != nil {
		return fmt.Errorf("set administrator to %v: %w", is, err)
	}
	return nil
}

// GetUser implements directory.Directory.
func (d *Directory) GetUser(_ context.Context, username string) (directory.User, error) {
	s, err := d.current()
	if err != nil {
		return directory.User{}, err
	}
	e, ok := s.users[username]
	if !ok {
		return directory.User{}, fmt.Errorf("user %q: %w", username, directory.ErrNotFound)
	}
	return e.user, nil
}

// UsernameOfSubject answers the username, as written, of the user whose Keycloak id is
// sub: the subject of Keycloak's tokens, whose preferred_username is lowercased.
func (d *Directory) UsernameOfSubject(_ context.Context, sub string) (string, error) {
	s, err := d.current()
	if err != nil {
		return "", err
	}
	u, ok := s.userByID(sub)
	if !ok {
		return "", fmt.Errorf("user with id %q: %w", sub, directory.ErrNotFound)
	}
	return u.Username, nil
}

// ListUsers implements directory.Directory.
func (d *Directory) ListUsers(context.Context) ([]directory.User, error) {
	s, err := d.current()
	if err != nil {
		return nil, err
	}
	users := make([]directory.User, 0, len(s.users))
	for _, e := range s.users {
		users = append(users, e.user)
	}
	slices.SortFunc(users, func(a, b directory.User) int { return strings.Compare(a.Username, b.Username) })
	return users, nil
}

// UpdateUser implements directory.Directory.
func (d *Directory) UpdateUser(ctx context.Context, u directory.User) (directory.User, error) {
	err := d.write(ctx, func(s *snapshot) error {
		e, ok := s.users[u.Username]
		if !ok {
			return fmt.Errorf("user %q: %w", u.Username, directory.ErrNotFound)
		}
		if _, err := d.api.do(ctx, http.MethodPut, "/users/"+e.id, nil, userToRep(u), nil); err != nil {
			return fmt.Errorf("update user %q: %w", u.Username, err)
		}
		return d.setAdmin(ctx, s, e.id, e.user.Admin, u.Admin)
	})
	if err != nil {
		return directory.User{}, err
	}
	return d.GetUser(ctx, u.Username)
}

// SetUserDisabled implements directory.Directory.
func (d *Directory) SetUserDisabled(ctx context.Context, username string, disabled bool) error {
	u, err := d.GetUser(ctx, username)
	if err != nil {
		return err
	}
	u.Disabled = disabled
	_, err = d.UpdateUser(ctx, u)
	return err
}

// DeleteUser implements directory.Directory. Keycloak drops the memberships; the group
// admin lists, kept in attributes, are cleaned here.
func (d *Directory) DeleteUser(ctx context.Context, username string) error {
	return d.write(ctx, func(s *snapshot) error {
		e, ok := s.users[username]
		if !ok {
			return fmt.Errorf("user %q: %w", username, directory.ErrNotFound)
		}
		for _, g := range s.groups {
			if slices.Contains(g.group.Admins, username) {
				g.group.Admins = slices.DeleteFunc(slices.Clone(g.group.Admins), func(a string) bool { return a == username })
				if err := d.putGroup(ctx, g); err != nil {
					return err
				}
			}
		}
		if _, err := d.api.do(ctx, http.MethodDelete, "/users/"+e.id, nil, nil, nil); err != nil {
			return fmt.Errorf("delete user %q: %w", username, err)
		}
		return nil
	})
}

// SetPassword implements directory.Directory; Keycloak hashes and keeps it.
func (d *Directory) SetPassword(ctx context.Context, username, password string) error {
	if err := directory.ValidatePassword(password); err != nil {
		return err
	}
	s, err := d.current()
	if err != nil {
		return err
	}
	e, ok := s.users[username]
	if !ok {
		return fmt.Errorf("user %q: %w", username, directory.ErrNotFound)
	}
	cred := credentialRep{Type: "password", Value: password, Temporary: false}
	if _, err := d.api.do(ctx, http.MethodPut, "/users/"+e.id+"/reset-password", nil, cred, nil); err != nil {
		return fmt.Errorf("set the password of %q: %w", username, err)
	}
	return nil
}

// Authenticate implements directory.Directory.
func (d *Directory) Authenticate(ctx context.Context, username, password string) (directory.User, error) {
	u, err := d.GetUser(ctx, username)
	if errors.Is(err, directory.ErrNotFound) {
		return directory.User{}, directory.ErrBadCredentials
	}
	if err != nil {
		return directory.User{}, err
	}
	ok, err := d.api.checkPassword(ctx, strings.ToLower(username), password)
	if err != nil {
		return directory.User{}, err
	}
	if !ok || u.Disabled {
		return directory.User{}, directory.ErrBadCredentials
	}
	return u, nil
}

// CreateGroup implements directory.Directory.
func (d *Directory) CreateGroup(ctx context.Context, g directory.Group) (directory.Group, error) {
	if err := directory.ValidateGroupName(g.Name); err != nil {
		return directory.Group{}, err
	}
	err := d.write(ctx, func(s *snapshot) error {
		if _, ok := s.groups[g.Name]; ok {
			return fmt.Errorf("group %q: %w", g.Name, directory.ErrAlreadyExists)
		}
		if err := checkMembers(s, g); err != nil {
			return err
		}
		id, err := d.api.do(ctx, http.MethodPost, "/groups", nil, groupToRep(g), nil)
		if err != nil {
			return fmt.Errorf("create group %q: %w", g.Name, err)
		}
		return d.setMembers(ctx, s, id, nil, g.Members)
	})
	if err != nil {
		return directory.Group{}, err
	}
	return d.GetGroup(ctx, g.Name)
}

func checkMembers(s *snapshot, g directory.Group) error {
	for _, m := range g.Members {
		if _, ok := s.users[m]; !ok {
			return fmt.Errorf("%w: group %q member %q is not a user", directory.ErrInvalid, g.Name, m)
		}
	}
	for _, a := range g.Admins {
		if !slices.Contains(g.Members, a) {
			return fmt.Errorf("%w: group %q admin %q is not a member", directory.ErrInvalid, g.Name, a)
		}
	}
	return nil
}

// setMembers adds and removes memberships to go from members old to new.
func (d *Directory) setMembers(ctx context.Context, s *snapshot, groupID string, old, new []string) error {
	for _, m := range new {
		if !slices.Contains(old, m) {
			if _, err := d.api.do(ctx, http.MethodPut, "/users/"+s.users[m].id+"/groups/"+groupID, nil, nil, nil); err != nil {
				return fmt.Errorf("add %q to a group: %w", m, err)
			}
		}
	}
	for _, m := range old {
		if !slices.Contains(new, m) {
			if _, err := d.api.do(ctx, http.MethodDelete, "/users/"+s.users[m].id+"/groups/"+groupID, nil, nil, nil); err != nil {
				return fmt.Errorf("remove %q from a group: %w", m, err)
			}
		}
	}
	return nil
}

func (d *Directory) putGroup(ctx context.Context, e groupEntry) error {
	rep := groupToRep(e.group)
	rep.ID = e.id
	if _, err := d.api.do(ctx, http.MethodPut, "/groups/"+e.id, nil, rep, nil); err != nil {
		return fmt.Errorf("update group %q: %w", e.group.Name, err)
	}
	return nil
}

// GetGroup implements directory.Directory; everyone holds every user, whatever Keycloak's
// memberships of it say, as in the builtin directory.
func (d *Directory) GetGroup(ctx context.Context, name string) (directory.Group, error) {
	s, err := d.current()
	if err != nil {
		return directory.Group{}, err
	}
	if name == directory.Everyone {
		return everyone(s), nil
	}
	e, ok := s.groups[name]
	if !ok {
		return directory.Group{}, fmt.Errorf("group %q: %w", name, directory.ErrNotFound)
	}
	return e.group, nil
}

// everyoneDisplayName is how the implicit group of all users is shown.
const everyoneDisplayName = "Everyone"

func everyone(s *snapshot) directory.Group {
	g := directory.Group{Name: directory.Everyone, DisplayName: everyoneDisplayName, Members: make([]string, 0, len(s.users))}
	for name := range s.users {
		g.Members = append(g.Members, name)
	}
	slices.Sort(g.Members)
	return g
}

// ListGroups implements directory.Directory.
func (d *Directory) ListGroups(context.Context) ([]directory.Group, error) {
	s, err := d.current()
	if err != nil {
		return nil, err
	}
	var groups []directory.Group
	for name, e := range s.groups {
		if name != directory.Everyone {
			groups = append(groups, e.group)
		}
	}
	slices.SortFunc(groups, func(a, b directory.Group) int { return strings.Compare(a.Name, b.Name) })
	return groups, nil
}

// UpdateGroup implements directory.Directory.
func (d *Directory) UpdateGroup(ctx context.Context, g directory.Group) (directory.Group, error) {
	if g.Name == directory.Everyone {
		return directory.Group{}, fmt.Errorf("%w: group %q is implicit: it holds every user and cannot change", directory.ErrInvalid, g.Name)
	}
	err := d.write(ctx, func(s *snapshot) error {
		e, ok := s.groups[g.Name]
		if !ok {
			return fmt.Errorf("group %q: %w", g.Name, directory.ErrNotFound)
		}
		if err := checkMembers(s, g); err != nil {
			return err
		}
		if err := d.putGroup(ctx, groupEntry{id: e.id, group: g}); err != nil {
			return err
		}
		return d.setMembers(ctx, s, e.id, e.group.Members, g.Members)
	})
	if err != nil {
		return directory.Group{}, err
	}
	return d.GetGroup(ctx, g.Name)
}

// AddMember implements directory.Directory.
func (d *Directory) AddMember(ctx context.Context, group, username string) error {
	return d.changeMembers(ctx, group, username, func(g *directory.Group) error {
		g.Members = append(g.Members, username)
		return nil
	})
}

// RemoveMember implements directory.Directory; a member who was an admin stops being one.
func (d *Directory) RemoveMember(ctx context.Context, group, username string) error {
	return d.changeMembers(ctx, group, username, func(g *directory.Group) error {
		if !slices.Contains(g.Members, username) {
			return fmt.Errorf("%q is not a member of group %q: %w", username, group, directory.ErrNotFound)
		}
		g.Members = slices.DeleteFunc(g.Members, func(m string) bool { return m == username })
		g.Admins = slices.DeleteFunc(g.Admins, func(m string) bool { return m == username })
		return nil
	})
}

func (d *Directory) changeMembers(ctx context.Context, group, username string, change func(*directory.Group) error) error {
	if group == directory.Everyone {
		return fmt.Errorf("%w: group %q is implicit: it holds every user and cannot change", directory.ErrInvalid, group)
	}
	return d.write(ctx, func(s *snapshot) error {
		if _, ok := s.users[username]; !ok {
			return fmt.Errorf("user %q: %w", username, directory.ErrNotFound)
		}
		e, ok := s.groups[group]
		if !ok {
			return fmt.Errorf("group %q: %w", group, directory.ErrNotFound)
		}
		g := e.group
		g.Members, g.Admins = slices.Clone(g.Members), slices.Clone(g.Admins)
		if err := change(&g); err != nil {
			return err
		}
		if !slices.Equal(g.Admins, e.group.Admins) {
			if err := d.putGroup(ctx, groupEntry{id: e.id, group: g}); err != nil {
				return err
			}
		}
		return d.setMembers(ctx, s, e.id, e.group.Members, g.Members)
	})
}

// DeleteGroup implements directory.Directory.
func (d *Directory) DeleteGroup(ctx context.Context, name string) error {
	if name == directory.Everyone {
		return fmt.Errorf("%w: group %q is implicit and cannot be deleted", directory.ErrInvalid, name)
	}
	return d.write(ctx, func(s *snapshot) error {
		e, ok := s.groups[name]
		if !ok {
			return fmt.Errorf("group %q: %w", name, directory.ErrNotFound)
		}
		if _, err := d.api.do(ctx, http.MethodDelete, "/groups/"+e.id, nil, nil, nil); err != nil {
			return fmt.Errorf("delete group %q: %w", name, err)
		}
		return nil
	})
}

// GroupsOf implements directory.Directory.
func (d *Directory) GroupsOf(ctx context.Context, username string) ([]directory.Group, error) {
	s, err := d.current()
	if err != nil {
		return nil, err
	}
	if _, ok := s.users[username]; !ok {
		return nil, fmt.Errorf("user %q: %w", username, directory.ErrNotFound)
	}
	groups := []directory.Group{{Name: directory.Everyone, DisplayName: everyoneDisplayName}}
	var mine []directory.Group
	for name, e := range s.groups {
		if name != directory.Everyone && slices.Contains(e.group.Members, username) {
			mine = append(mine, e.group)
		}
	}
	slices.SortFunc(mine, func(a, b directory.Group) int { return strings.Compare(a.Name, b.Name) })
	return append(groups, mine...), nil
}

// GetSettings implements directory.Directory.
func (d *Directory) GetSettings(context.Context) (directory.Settings, error) {
	s, err := d.current()
	if err != nil {
		return directory.Settings{}, err
	}
	return s.settings, nil
}

// UpdateSettings implements directory.Directory: the realm attributes primehub.<key>.
func (d *Directory) UpdateSettings(ctx context.Context, settings directory.Settings) (directory.Settings, error) {
	data, err := directory.SettingsData(settings)
	if err != nil {
		return directory.Settings{}, err
	}
	err = d.write(ctx, func(*snapshot) error {
		var realm realmRep
		if _, err := d.api.do(ctx, http.MethodGet, "", nil, nil, &realm); err != nil {
			return fmt.Errorf("read realm: %w", err)
		}
		if realm.Attributes == nil {
			realm.Attributes = map[string]string{}
		}
		for k, v := range data {
			realm.Attributes[settingsPrefix+k] = v
		}
		if _, err := d.api.do(ctx, http.MethodPut, "", nil, realmRep{Attributes: realm.Attributes}, nil); err != nil {
			return fmt.Errorf("store settings: %w", err)
		}
		return nil
	})
	if err != nil {
		return directory.Settings{}, err
	}
	return d.GetSettings(ctx)
}

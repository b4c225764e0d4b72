package keycloak

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"reflect"
	"slices"
	"strings"

	"github.com/primehub/primehub/internal/directory"
)

// snapshot is the realm as last read: every read of the directory is answered from it.
type snapshot struct {
	users    map[string]userEntry  // by username as written
	groups   map[string]groupEntry // by name; everyone included
	settings directory.Settings
	// realmManagement is the id of the realm-management client, whose realm-admin role
	// makes a PrimeHub administrator.
	realmManagement string
	adminRole       roleRep
}

type userEntry struct {
	id   string
	user directory.User
}

type groupEntry struct {
	id    string
	group directory.Group
}

func (s *snapshot) userByID(id string) (directory.User, bool) {
	for _, e := range s.users {
		if e.id == id {
			return e.user, true
		}
	}
	return directory.User{}, false
}

// load reads the whole realm: users, administrators, top-level groups with their members,
// and the settings in the realm's attributes.
func load(ctx context.Context, a *api) (*snapshot, error) {
	s := &snapshot{users: map[string]userEntry{}, groups: map[string]groupEntry{}}
	var clients []clientRep
	if _, err := a.do(ctx, http.MethodGet, "/clients", url.Values{"clientId": {"realm-management"}}, nil, &clients); err != nil {
		return nil, fmt.Errorf("find the realm-management client: %w", err)
	}
	if len(clients) != 1 {
		return nil, fmt.Errorf("realm %s has %d realm-management clients, want 1", a.realm, len(clients))
	}
	s.realmManagement = clients[0].ID
	rolePath := "/clients/" + s.realmManagement + "/roles/realm-admin"
	if _, err := a.do(ctx, http.MethodGet, rolePath, nil, nil, &s.adminRole); err != nil {
		return nil, fmt.Errorf("read the realm-admin role: %w", err)
	}
	admins, err := list[userRep](ctx, a, rolePath+"/users", nil)
	if err != nil {
		return nil, fmt.Errorf("list administrators: %w", err)
	}
	isAdmin := map[string]bool{}
	for _, u := range admins {
		isAdmin[u.ID] = true
	}
	users, err := list[userRep](ctx, a, "/users", url.Values{"briefRepresentation": {"false"}})
	if err != nil {
		return nil, fmt.Errorf("list users: %w", err)
	}
	for _, r := range users {
		u := userFromRep(r, isAdmin[r.ID])
		s.users[u.Username] = userEntry{id: r.ID, user: u}
	}
	groups, err := list[groupRep](ctx, a, "/groups", url.Values{"briefRepresentation": {"false"}})
	if err != nil {
		return nil, fmt.Errorf("list groups: %w", err)
	}
	for _, r := range groups {
		members, err := list[userRep](ctx, a, "/groups/"+r.ID+"/members", url.Values{"briefRepresentation": {"true"}})
		if err != nil {
			return nil, fmt.Errorf("members of group %s: %w", r.Name, err)
		}
		var names []string
		for _, m := range members {
			if u, ok := s.userByID(m.ID); ok {
				names = append(names, u.Username)
			}
		}
		slices.Sort(names)
		s.groups[r.Name] = groupEntry{id: r.ID, group: groupFromRep(r, names)}
	}
	var realm realmRep
	if _, err := a.do(ctx, http.MethodGet, "", nil, nil, &realm); err != nil {
		return nil, fmt.Errorf("read realm settings: %w", err)
	}
	s.settings = directory.SettingsFromData(settingsFromAttributes(realm.Attributes))
	return s, nil
}

func settingsFromAttributes(attrs map[string]string) map[string]string {
	data := map[string]string{}
	for k, v := range attrs {
		if key, ok := strings.CutPrefix(k, settingsPrefix); ok {
			data[key] = v
		}
	}
	return data
}

// changes lists what differs between two snapshots, as the directory reports it.
func changes(old, cur *snapshot) []directory.Change {
	var out []directory.Change
	if old == nil {
		old = &snapshot{}
	}
	for _, name := range keysOfBoth(old.users, cur.users) {
		if !reflect.DeepEqual(old.users[name].user, cur.users[name].user) {
			out = append(out, directory.Change{Kind: directory.UserChanged, Name: name})
		}
	}
	for _, name := range keysOfBoth(old.groups, cur.groups) {
		if !reflect.DeepEqual(old.groups[name].group, cur.groups[name].group) {
			out = append(out, directory.Change{Kind: directory.GroupChanged, Name: name})
		}
	}
	if !reflect.DeepEqual(old.settings, cur.settings) {
		out = append(out, directory.Change{Kind: directory.SettingsChanged})
	}
	return out
}

func keysOfBoth[V any](a, b map[string]V) []string {
	var keys []string
	for k := range a {
		keys = append(keys, k)
	}
	for k := range b {
		if _, ok := a[k]; !ok {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	return keys
}

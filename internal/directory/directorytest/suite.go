// Package directorytest is the conformance suite every directory backend passes: the
// behaviour callers of directory.Directory may rely on, whichever backend is configured.
package directorytest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"slices"
	"testing"
	"time"

	"k8s.io/apimachinery/pkg/api/resource"
	"k8s.io/utils/ptr"

	"github.com/primehub/primehub/api/v1beta1"
	"github.com/primehub/primehub/internal/directory"
)

// Run runs the suite. newDirectory returns a ready directory with default settings; users
// and groups may be shared with other runs, so the suite names its own uniquely.
func Run(t *testing.T, newDirectory func(t *testing.T) directory.Directory) {
	tests := []struct {
		name string
		fn   func(t *testing.T, d directory.Directory, sfx string)
	}{
		{"users keep names as people write them", testUsers},
		{"invalid and duplicate users are refused", testUserErrors},
		{"passwords", testPasswords},
		{"groups, members and admins", testGroups},
		{"everyone holds every user", testEveryone},
		{"deleting a user removes them from groups", testDeleteUser},
		{"settings", testSettings},
		{"changes are notified", testNotify},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.fn(t, newDirectory(t), suffix(t))
		})
	}
}

func suffix(t *testing.T) string {
	b := make([]byte, 3)
	if _, err := rand.Read(b); err != nil {
		t.Fatal(err)
	}
	return hex.EncodeToString(b)
}

func ctx(t *testing.T) context.Context {
	c, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	t.Cleanup(cancel)
	return c
}

func mustCreateUser(t *testing.T, d directory.Directory, u directory.User) directory.User {
	t.Helper()
	got, err := d.CreateUser(ctx(t), u)
	if err != nil {
		t.Fatalf("CreateUser(%q): %v", u.Username, err)
	}
	t.Cleanup(func() { _ = d.DeleteUser(context.Background(), u.Username) })
	return got
}

func testUsers(t *testing.T, d directory.Directory, sfx string) {
	c := ctx(t)
	want := directory.User{
		Username:       "Ada.Lovelace+" + sfx + "@Example.com",
		Email:          "ada." + sfx + "@example.com",
		DisplayName:    "Ada Lovelace",
		Admin:          true,
		VolumeCapacity: ptr.To(resource.MustParse("50Gi")),
		PredefinedEnv:  []v1beta1.EnvVar{{Name: "TEAM", Value: "analytics"}},
	}
	mustCreateUser(t, d, want)
	snake := mustCreateUser(t, d, directory.User{Username: "data_scientist_" + sfx})

	got, err := d.GetUser(c, want.Username)
	if err != nil {
		t.Fatalf("GetUser right after CreateUser: %v", err)
	}
	assertUser(t, got, want)
	if _, err := d.GetUser(c, "ada.lovelace+"+sfx+"@example.com"); !errors.Is(err, directory.ErrNotFound) {
		t.Errorf("GetUser with other capitals = %v, want ErrNotFound: usernames are kept as written", err)
	}

	users, err := d.ListUsers(c)
	if err != nil {
		t.Fatal(err)
	}
	if !containsUser(users, want.Username) || !containsUser(users, snake.Username) {
		t.Errorf("ListUsers misses %q or %q", want.Username, snake.Username)
	}

	want.DisplayName, want.Admin, want.Email = "Countess of Lovelace", false, ""
	want.VolumeCapacity, want.PredefinedEnv = nil, nil
	if _, err := d.UpdateUser(c, want); err != nil {
		t.Fatalf("UpdateUser: %v", err)
	}
	got, _ = d.GetUser(c, want.Username)
	assertUser(t, got, want)

	if err := d.SetUserDisabled(c, want.Username, true); err != nil {
		t.Fatalf("SetUserDisabled: %v", err)
	}
	if got, _ := d.GetUser(c, want.Username); !got.Disabled {
		t.Error("user not disabled")
	}
	if err := d.DeleteUser(c, snake.Username); err != nil {
		t.Fatalf("DeleteUser: %v", err)
	}
	if _, err := d.GetUser(c, snake.Username); !errors.Is(err, directory.ErrNotFound) {
		t.Errorf("GetUser after DeleteUser = %v, want ErrNotFound", err)
	}
}

func assertUser(t *testing.T, got, want directory.User) {
	t.Helper()
	if got.Username != want.Username || got.Email != want.Email || got.DisplayName != want.DisplayName ||
		got.Admin != want.Admin || got.Disabled != want.Disabled ||
		!sameQuantity(got.VolumeCapacity, want.VolumeCapacity) || !slices.Equal(got.PredefinedEnv, want.PredefinedEnv) {
		t.Errorf("user = %+v\nwant   %+v", got, want)
	}
}

func sameQuantity(a, b *resource.Quantity) bool {
	if a == nil || b == nil {
		return a == b
	}
	return a.Cmp(*b) == 0
}

func containsUser(users []directory.User, username string) bool {
	return slices.ContainsFunc(users, func(u directory.User) bool { return u.Username == username })
}

func testUserErrors(t *testing.T, d directory.Directory, sfx string) {
	c := ctx(t)
	mustCreateUser(t, d, directory.User{Username: "bob-" + sfx})
	if _, err := d.CreateUser(c, directory.User{Username: "bob-" + sfx}); !errors.Is(err, directory.ErrAlreadyExists) {
		t.Errorf("second CreateUser = %v, want ErrAlreadyExists", err)
	}
	for _, bad := range []string{"", "bob smith", "-bob"} {
		if _, err := d.CreateUser(c, directory.User{Username: bad}); !errors.Is(err, directory.ErrInvalid) {
			t.Errorf("CreateUser(%q) = %v, want ErrInvalid", bad, err)
		}
	}
	for _, err := range []error{
		func() error { _, err := d.GetUser(c, "nobody-"+sfx); return err }(),
		func() error { _, err := d.UpdateUser(c, directory.User{Username: "nobody-" + sfx}); return err }(),
		d.DeleteUser(c, "nobody-"+sfx),
	} {
		if !errors.Is(err, directory.ErrNotFound) {
			t.Errorf("on a missing user got %v, want ErrNotFound", err)
		}
	}
}

func testPasswords(t *testing.T, d directory.Directory, sfx string) {
	c := ctx(t)
	name := "Carol_" + sfx + "@example.com"
	mustCreateUser(t, d, directory.User{Username: name, Email: "carol@example.com"})
	if _, err := d.Authenticate(c, name, "anything-at-all"); !errors.Is(err, directory.ErrBadCredentials) {
		t.Errorf("Authenticate without a password set = %v, want ErrBadCredentials", err)
	}
	if err := d.SetPassword(c, name, "short"); !errors.Is(err, directory.ErrInvalid) {
		t.Errorf("SetPassword(short) = %v, want ErrInvalid", err)
	}
	if err := d.SetPassword(c, name, "s3cret-passw0rd"); err != nil {
		t.Fatalf("SetPassword: %v", err)
	}
	u, err := d.Authenticate(c, name, "s3cret-passw0rd")
	if err != nil || u.Username != name || u.Email != "carol@example.com" {
		t.Fatalf("Authenticate with the right password = %+v, %v", u, err)
	}
	for _, tc := range []struct{ user, password string }{
		{name, "s3cret-passw0rD"},
		{name, ""},
		{"nobody-" + sfx, "s3cret-passw0rd"},
	} {
		if _, err := d.Authenticate(c, tc.user, tc.password); !errors.Is(err, directory.ErrBadCredentials) {
			t.Errorf("Authenticate(%q, %q) = %v, want ErrBadCredentials", tc.user, tc.password, err)
		}
	}
	if err := d.SetUserDisabled(c, name, true); err != nil {
		t.Fatal(err)
	}
	if _, err := d.Authenticate(c, name, "s3cret-passw0rd"); !errors.Is(err, directory.ErrBadCredentials) {
		t.Errorf("Authenticate of a disabled user = %v, want ErrBadCredentials", err)
	}
}

func testGroups(t *testing.T, d directory.Directory, sfx string) {
	c := ctx(t)
	alice := mustCreateUser(t, d, directory.User{Username: "alice-" + sfx}).Username
	bob := mustCreateUser(t, d, directory.User{Username: "Bob_" + sfx}).Username
	want := directory.Group{
		Name:        "data_science_" + sfx,
		DisplayName: "Data Science Team",
		Members:     []string{alice, bob},
		Admins:      []string{alice},
		Quota: v1beta1.GroupQuota{
			PerUser: v1beta1.QuotaResources{CPU: ptr.To(resource.MustParse("4")), GPU: ptr.To[int32](1)},
			Total:   v1beta1.QuotaResources{CPU: ptr.To(resource.MustParse("16")), Memory: ptr.To(resource.MustParse("64Gi")), GPU: ptr.To[int32](4)},
		},
		UserVolumeCapacity: ptr.To(resource.MustParse("30Gi")),
		SharedVolume:       &v1beta1.SharedVolume{Enabled: true, Capacity: ptr.To(resource.MustParse("100Gi")), LaunchGroupOnly: ptr.To(false)},
	}
	if _, err := d.CreateGroup(c, want); err != nil {
		t.Fatalf("CreateGroup: %v", err)
	}
	t.Cleanup(func() { _ = d.DeleteGroup(context.Background(), want.Name) })
	got, err := d.GetGroup(c, want.Name)
	if err != nil {
		t.Fatalf("GetGroup right after CreateGroup: %v", err)
	}
	assertGroup(t, got, want)

	if _, err := d.CreateGroup(c, directory.Group{Name: want.Name}); !errors.Is(err, directory.ErrAlreadyExists) {
		t.Errorf("second CreateGroup = %v, want ErrAlreadyExists", err)
	}
	for _, bad := range []directory.Group{
		{Name: directory.Everyone},
		{Name: "data science " + sfx},
		{Name: "ghosts-" + sfx, Members: []string{"nobody-" + sfx}},
		{Name: "bosses-" + sfx, Members: []string{alice}, Admins: []string{bob}},
	} {
		if _, err := d.CreateGroup(c, bad); !errors.Is(err, directory.ErrInvalid) {
			t.Errorf("CreateGroup(%+v) = %v, want ErrInvalid", bad, err)
		}
	}

	groups, err := d.ListGroups(c)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.ContainsFunc(groups, func(g directory.Group) bool { return g.Name == want.Name }) {
		t.Errorf("ListGroups misses %q", want.Name)
	}
	if slices.ContainsFunc(groups, func(g directory.Group) bool { return g.Name == directory.Everyone }) {
		t.Error("ListGroups lists everyone")
	}

	if err := d.RemoveMember(c, want.Name, alice); err != nil {
		t.Fatalf("RemoveMember: %v", err)
	}
	got, _ = d.GetGroup(c, want.Name)
	if !slices.Equal(got.Members, []string{bob}) || len(got.Admins) != 0 {
		t.Errorf("after removing %s: members %v admins %v; an admin removed stops being an admin", alice, got.Members, got.Admins)
	}
	if err := d.AddMember(c, want.Name, alice); err != nil {
		t.Fatalf("AddMember: %v", err)
	}
	if err := d.AddMember(c, want.Name, "nobody-"+sfx); !errors.Is(err, directory.ErrNotFound) {
		t.Errorf("AddMember of a missing user = %v, want ErrNotFound", err)
	}
	mine, err := d.GroupsOf(c, alice)
	if err != nil {
		t.Fatal(err)
	}
	if len(mine) != 2 || mine[0].Name != directory.Everyone || mine[1].Name != want.Name {
		t.Errorf("GroupsOf(%s) = %v, want [everyone %s]", alice, groupNames(mine), want.Name)
	}

	want.DisplayName, want.Admins, want.Quota = "Data Science", []string{bob}, v1beta1.GroupQuota{}
	want.SharedVolume, want.UserVolumeCapacity = nil, nil
	if _, err := d.UpdateGroup(c, want); err != nil {
		t.Fatalf("UpdateGroup: %v", err)
	}
	got, _ = d.GetGroup(c, want.Name)
	assertGroup(t, got, want)

	if err := d.DeleteGroup(c, want.Name); err != nil {
		t.Fatalf("DeleteGroup: %v", err)
	}
	if _, err := d.GetGroup(c, want.Name); !errors.Is(err, directory.ErrNotFound) {
		t.Errorf("GetGroup after DeleteGroup = %v, want ErrNotFound", err)
	}
	if mine, _ := d.GroupsOf(c, alice); len(mine) != 1 {
		t.Errorf("GroupsOf after DeleteGroup = %v, want [everyone]", groupNames(mine))
	}
}

func assertGroup(t *testing.T, got, want directory.Group) {
	t.Helper()
	slices.Sort(want.Members)
	slices.Sort(want.Admins)
	q, wq := got.Quota, want.Quota
	if got.Name != want.Name || got.DisplayName != want.DisplayName ||
		!slices.Equal(got.Members, want.Members) || !slices.Equal(got.Admins, want.Admins) ||
		!sameResources(q.PerUser, wq.PerUser) || !sameResources(q.Total, wq.Total) ||
		!sameQuantity(got.UserVolumeCapacity, want.UserVolumeCapacity) || !sameSharedVolume(got.SharedVolume, want.SharedVolume) {
		t.Errorf("group = %+v\nwant    %+v", got, want)
	}
}

func sameResources(a, b v1beta1.QuotaResources) bool {
	return sameQuantity(a.CPU, b.CPU) && sameQuantity(a.Memory, b.Memory) && ptr.Equal(a.GPU, b.GPU)
}

// sameSharedVolume treats a volume that is not enabled as no volume.
func sameSharedVolume(a, b *v1beta1.SharedVolume) bool {
	if a == nil || !a.Enabled || b == nil || !b.Enabled {
		return (a == nil || !a.Enabled) == (b == nil || !b.Enabled)
	}
	return sameQuantity(a.Capacity, b.Capacity) && ptr.Deref(a.LaunchGroupOnly, true) == ptr.Deref(b.LaunchGroupOnly, true)
}

func groupNames(groups []directory.Group) []string {
	var out []string
	for _, g := range groups {
		out = append(out, g.Name)
	}
	return out
}

func testEveryone(t *testing.T, d directory.Directory, sfx string) {
	c := ctx(t)
	dave := mustCreateUser(t, d, directory.User{Username: "Dave." + sfx}).Username
	everyone, err := d.GetGroup(c, directory.Everyone)
	if err != nil {
		t.Fatalf("GetGroup(everyone): %v", err)
	}
	if !slices.Contains(everyone.Members, dave) {
		t.Errorf("everyone's members %v miss %s", everyone.Members, dave)
	}
	mine, err := d.GroupsOf(c, dave)
	if err != nil || len(mine) != 1 || mine[0].Name != directory.Everyone {
		t.Errorf("GroupsOf(%s) = %v, %v; want [everyone]", dave, groupNames(mine), err)
	}
	if err := d.DeleteGroup(c, directory.Everyone); !errors.Is(err, directory.ErrInvalid) {
		t.Errorf("DeleteGroup(everyone) = %v, want ErrInvalid", err)
	}
	if err := d.RemoveMember(c, directory.Everyone, dave); !errors.Is(err, directory.ErrInvalid) {
		t.Errorf("RemoveMember(everyone) = %v, want ErrInvalid", err)
	}
}

func testDeleteUser(t *testing.T, d directory.Directory, sfx string) {
	c := ctx(t)
	erin := mustCreateUser(t, d, directory.User{Username: "erin-" + sfx}).Username
	frank := mustCreateUser(t, d, directory.User{Username: "frank-" + sfx}).Username
	g := directory.Group{Name: "team-" + sfx, Members: []string{erin, frank}, Admins: []string{erin}}
	if _, err := d.CreateGroup(c, g); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = d.DeleteGroup(context.Background(), g.Name) })
	if err := d.SetPassword(c, erin, "erin-password"); err != nil {
		t.Fatal(err)
	}
	if err := d.DeleteUser(c, erin); err != nil {
		t.Fatalf("DeleteUser: %v", err)
	}
	got, _ := d.GetGroup(c, g.Name)
	if !slices.Equal(got.Members, []string{frank}) || len(got.Admins) != 0 {
		t.Errorf("group after deleting %s: members %v admins %v", erin, got.Members, got.Admins)
	}
	// A new user of the same name does not inherit the old password.
	mustCreateUser(t, d, directory.User{Username: erin})
	if _, err := d.Authenticate(c, erin, "erin-password"); !errors.Is(err, directory.ErrBadCredentials) {
		t.Errorf("Authenticate of a re-created user with the old password = %v, want ErrBadCredentials", err)
	}
}

func testSettings(t *testing.T, d directory.Directory, _ string) {
	c := ctx(t)
	got, err := d.GetSettings(c)
	if err != nil {
		t.Fatal(err)
	}
	def := directory.DefaultSettings()
	if got.OrgName != def.OrgName || got.Timezone != def.Timezone || got.DefaultUserVolumeCapacity.Cmp(def.DefaultUserVolumeCapacity) != 0 {
		t.Errorf("new directory's settings = %+v, want the defaults %+v", got, def)
	}
	want := directory.Settings{OrgName: "Acme Research", DefaultUserVolumeCapacity: resource.MustParse("5Gi"), Timezone: "Asia/Taipei"}
	if _, err := d.UpdateSettings(c, want); err != nil {
		t.Fatalf("UpdateSettings: %v", err)
	}
	got, _ = d.GetSettings(c)
	if got.OrgName != want.OrgName || got.Timezone != want.Timezone || got.DefaultUserVolumeCapacity.Cmp(want.DefaultUserVolumeCapacity) != 0 {
		t.Errorf("settings = %+v, want %+v", got, want)
	}
	for _, bad := range []directory.Settings{
		{OrgName: "x", DefaultUserVolumeCapacity: resource.MustParse("1Gi"), Timezone: "Mars/Olympus"},
		{OrgName: "x", DefaultUserVolumeCapacity: resource.MustParse("0"), Timezone: "UTC"},
		{OrgName: "", DefaultUserVolumeCapacity: resource.MustParse("1Gi"), Timezone: "UTC"},
	} {
		if _, err := d.UpdateSettings(c, bad); !errors.Is(err, directory.ErrInvalid) {
			t.Errorf("UpdateSettings(%+v) = %v, want ErrInvalid", bad, err)
		}
	}
}

func testNotify(t *testing.T, d directory.Directory, sfx string) {
	c := ctx(t)
	changes := make(chan directory.Change, 100)
	d.Subscribe(c, func(ch directory.Change) { changes <- ch })
	name := "Grace_" + sfx
	mustCreateUser(t, d, directory.User{Username: name})
	if _, err := d.CreateGroup(c, directory.Group{Name: "grp-" + sfx, Members: []string{name}}); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = d.DeleteGroup(context.Background(), "grp-"+sfx) })
	if _, err := d.UpdateSettings(c, directory.Settings{OrgName: "Notified", DefaultUserVolumeCapacity: resource.MustParse("1Gi"), Timezone: "UTC"}); err != nil {
		t.Fatal(err)
	}
	want := map[directory.Change]bool{
		{Kind: directory.UserChanged, Name: name}:          false,
		{Kind: directory.GroupChanged, Name: "grp-" + sfx}: false,
		{Kind: directory.SettingsChanged}:                  false,
	}
	deadline := time.After(20 * time.Second)
	for missing := len(want); missing > 0; {
		select {
		case ch := <-changes:
			if seen, ok := want[ch]; ok && !seen {
				want[ch] = true
				missing--
			}
		case <-deadline:
			t.Fatalf("changes notified: %v; want all true", want)
		}
	}
}

package graphql_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/primehub/primehub/api/v1beta1"
)

// Error wording and codes, and what group administrators and users see through other
// users and the everyone group (each failed before 6ec88b6).
func TestErrorsAndVisibility(t *testing.T) {
	w := newWorld(t)
	admin := w.client(sysAdmin)

	// Whatever read it (the informer cache, whose reader words it `InstanceType.primehub.io
	// "x" not found`, or the directory, `user "x": not found`), a missing object is worded
	// as Kubernetes words it, with no "input:1:12: <path>" prefix.
	t.Run("not found is worded as Kubernetes words it", func(t *testing.T) {
		for _, c := range []struct{ op, query, message string }{
			{"deleteInstanceType", `mutation { deleteInstanceType(where: {id: "nope"}) { id } }`, `instancetypes.primehub.io "nope" not found`},
			{"updateImage", `mutation { updateImage(where: {id: "nope"}, data: {displayName: "x"}) { id } }`, `images.primehub.io "nope" not found`},
			{"deleteImage", `mutation { deleteImage(where: {id: "nope"}) { id } }`, `images.primehub.io "nope" not found`},
			{"deleteDataset", `mutation { deleteDataset(where: {id: "nope"}) { id } }`, `volumes.primehub.io "nope" not found`},
			{"deleteNotebook", fmt.Sprintf(`mutation { deleteNotebook(where: {id: "%s/nope"}) { id } }`, w.ns), `notebooks.primehub.io "nope" not found`},
			{"phJob", `{ phJob(where: {id: "nope"}) { id } }`, `phjobs.primehub.io "nope" not found`},
			{"cancelPhJob", `mutation { cancelPhJob(where: {id: "nope"}) { id } }`, `phjobs.primehub.io "nope" not found`},
			{"phSchedule", `{ phSchedule(where: {id: "nope"}) { id } }`, `phschedules.primehub.io "nope" not found`},
			{"deleteProfile", `mutation { deleteProfile(where: {id: "nope"}) { id } }`, `profiles.primehub.io "nope" not found`},
			{"updateGroup", `mutation { updateGroup(where: {id: "nope"}, data: {displayName: "x"}) { id } }`, `groups.primehub.io "nope" not found`},
			{"deleteGroup", `mutation { deleteGroup(where: {id: "nope"}) { id } }`, `groups.primehub.io "nope" not found`},
			{"groupResourcesToBeDeleted", `{ groupResourcesToBeDeleted(where: {id: "nope"}) { jobs } }`, `groups.primehub.io "nope" not found`},
			{"updateUser", `mutation { updateUser(where: {id: "nope"}, data: {email: "a@b.c"}) { id } }`, `users.primehub.io "nope" not found`},
			{"deleteUser", `mutation { deleteUser(where: {id: "nope"}) { id } }`, `users.primehub.io "nope" not found`},
		} {
			t.Run(c.op, func(t *testing.T) {
				resp := admin.MustDo(t, c.query, nil)
				if len(resp.Errors) != 1 || resp.Errors[0].Code() != "NOT_FOUND" || resp.Errors[0].Message != c.message {
					t.Errorf("answered %s; want one error %q with code NOT_FOUND", resp.Body, c.message)
				}
			})
		}
	})

	// A reference in the input to something missing is bad input: BAD_USER_INPUT, naming
	// the field, and nothing written.
	t.Run("unknown references are bad input", func(t *testing.T) {
		sfx := unique()
		for _, c := range []struct {
			name, query, field string
			written            func() bool
		}{
			{"group granted a missing instance type", `mutation { createGroup(data: {name: "g-` + sfx + `", instanceTypes: {set: ["missing"]}}) { id } }`, "instanceTypes",
				func() bool { return groupExists(w, "g-"+sfx) }},
			{"group with a missing member", `mutation { createGroup(data: {name: "m-` + sfx + `", users: {connect: [{id: "missing"}]}}) { id } }`, "users",
				func() bool { return groupExists(w, "m-"+sfx) }},
			{"user in a missing group", `mutation { createUser(data: {username: "u-` + sfx + `", groups: {connect: [{id: "missing"}]}}) { id } }`, "groups",
				func() bool { return userExists(w, "u-"+sfx) }},
			{"instance type granted to a missing group", `mutation { createInstanceType(data: {name: "ig-` + sfx + `", cpuLimit: 1, memoryLimit: 1, groups: {connect: [{id: "missing"}]}}) { id } }`, "groups",
				func() bool { return exists(t, &v1beta1.InstanceType{ObjectMeta: meta(w.ns, "ig-"+sfx)}) }},
			{"grants replaced with one missing", fmt.Sprintf(`mutation { updateGroup(where: {id: "%s"}, data: {instanceTypes: {set: ["%s", "missing"]}}) { id } }`, w.group, w.itOther), "instanceTypes",
				func() bool {
					it := &v1beta1.InstanceType{ObjectMeta: meta(w.ns, w.itOther)}
					exists(t, it)
					for _, g := range it.Spec.Access.Groups {
						if g.Name == w.group {
							return true
						}
					}
					return false
				}},
		} {
			t.Run(c.name, func(t *testing.T) {
				resp := admin.MustDo(t, c.query, nil)
				if !hasCode(resp, B) {
					t.Errorf("answered %s; want BAD_USER_INPUT", resp.Body)
				} else if !strings.Contains(resp.Errors[0].Message, c.field) {
					t.Errorf("message %q does not name %s", resp.Errors[0].Message, c.field)
				}
				if c.written() {
					t.Errorf("written although refused")
				}
			})
		}
	})

	// `me { groups { users } }` answers without errors for every user, though groups holds
	// everyone, whose users only administrators may list (PrimeHub's SDK raises on any
	// error).
	t.Run("me with its groups' users answers without errors", func(t *testing.T) {
		for _, r := range []role{plainUser, member, groupAdmin} {
			resp := w.client(r).MustDo(t, "{ me { groups { id users { id } } } }", nil)
			if err := errorsOf(resp); err != nil {
				t.Errorf("as %s: %v", r, err)
			}
		}
	})

	// Group administrators read any user (to add members), but through that user's groups
	// they see groups they do not belong to, with their members.
	t.Run("group admins see only their groups of other users", func(t *testing.T) {
		resp := w.client(groupAdmin).MustDo(t, `query($id: ID!) { user(where: {id: $id}) { id groups { id users { id } } effectiveGroups { id } } }`,
			map[string]any{"id": w.outsider})
		if strings.Contains(resp.Body, w.other) {
			t.Errorf("a group admin of %s saw group %s of %s: %s", w.group, w.other, w.outsider, resp.Body)
		}
	})
}

package graphql_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/vektah/gqlparser/v2"
	"github.com/vektah/gqlparser/v2/ast"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"sigs.k8s.io/controller-runtime/pkg/client"

	"github.com/primehub/primehub/api/v1beta1"
	"github.com/primehub/primehub/internal/auth"
	"github.com/primehub/primehub/internal/controller/phjob"
	"github.com/primehub/primehub/internal/controller/phschedule"
	"github.com/primehub/primehub/internal/directory"
	"github.com/primehub/primehub/internal/graphql"
	"github.com/primehub/primehub/test/framework"
)

// What a cell expects: allowed (ok), or refused with a code.
const (
	ok = ""
	U  = graphql.CodeUnauthenticated
	F  = graphql.CodeForbidden
	B  = graphql.CodeBadInput
)

// want is a row's expectation for each role, in the order of roles: anonymous, user,
// member, group admin, system admin, shared secret.
type want [6]string

var (
	anyone = want{U, ok, ok, ok, ok, ok}
	// usersOnly: operations that act as the caller, which the shared secret is not.
	usersOnly  = want{U, ok, ok, ok, ok, B}
	adminsOnly = want{U, F, F, F, ok, ok}
	// groupAdmins: the group's administrators, and system administrators.
	groupAdmins = want{U, F, F, ok, ok, ok}
	// groupMembers: whatever belongs to the group (the member's job), for its members.
	groupMembers = want{U, F, ok, ok, ok, ok}
	// owner: the member's own things (notebook, profile).
	owner = want{U, F, ok, F, ok, ok}
	// notByAPIToken: what a leaked API token must not do, and the roles here all use one
	// (a user's own new tokens, their own password without the current one).
	notByAPIToken = want{U, F, F, F, F, B}
	// launchers: launching needs membership of the group, whoever asks.
	launchers = want{U, F, ok, ok, F, B}
	// groupMemberUsers: the group's members and system administrators, as users (a
	// deployment's revisions name who made them, which the shared secret is not).
	groupMemberUsers = want{U, F, ok, ok, ok, B}
)

// row tries one operation as every role.
type row struct {
	op   string // the Query or Mutation field
	name string // which case, when an operation has several rows
	want want
	run  func(c *cell)
}

// cell is one operation tried as one role, with fixtures of its own.
type cell struct {
	*testing.T
	w    *world
	op   string
	role role
	want string
	n    string
}

// name is a name for a fixture of this cell alone.
func (c *cell) name(prefix string) string { return prefix + "-" + c.role.String() + "-" + c.n }

func (c *cell) allowed() bool { return c.want == ok }

func (c *cell) do(query string, vars map[string]any) *framework.GraphQLResponse {
	c.Helper()
	return c.w.client(c.role).MustDo(c.T, query, vars)
}

// expect checks that the answer allows or refuses the operation as the row says, and
// answers whether it was allowed.
func (c *cell) expect(resp *framework.GraphQLResponse) bool {
	c.Helper()
	if c.want == ok {
		if len(resp.Errors) > 0 {
			c.Errorf("%s as %s: refused, want allowed: %s", c.op, c.role, resp.Body)
		}
		return len(resp.Errors) == 0
	}
	if !slices.Contains(resp.Codes(), c.want) {
		c.Errorf("%s as %s: answered %s, want an error with code %s", c.op, c.role, resp.Body, c.want)
	}
	var data map[string]any
	if err := resp.Decode(&data); err == nil && data[c.op] != nil {
		c.Errorf("%s as %s: refused, yet data.%s = %v", c.op, c.role, c.op, data[c.op])
	}
	return false
}

// changed checks that the effect of the operation is there exactly when it was allowed.
func (c *cell) changed(what string, got bool) {
	c.Helper()
	if got != c.allowed() {
		c.Errorf("%s as %s: %s: %v, want %v", c.op, c.role, what, got, c.allowed())
	}
}

// group makes a group of this cell with the world's member and group admin (its admin).
func (c *cell) group() string {
	c.Helper()
	name := c.name("g")
	c.w.mkGroup(c.T, directory.Group{Name: name, Members: []string{c.w.users[member], c.w.users[groupAdmin]}, Admins: []string{c.w.users[groupAdmin]}})
	return name
}

// groupJob makes a job of the member's in group g, and waits until the API's cache holds it.
func (c *cell) groupJob(g string) *v1beta1.PhJob {
	c.Helper()
	j := framework.MakePhJob(c.name("job")).Namespace(c.w.ns).User(c.w.users[member]).Group(g).InstanceType(c.w.itGroup).Image(c.w.imgGroup).Obj()
	c.w.create(c.T, j)
	return j
}

func (c *cell) user() string {
	c.Helper()
	name := c.name("u")
	c.w.mkUser(c.T, directory.User{Username: name, Email: "old@example.com"})
	return name
}

// actingUser is the user whose things the cell's role acts on: its own, or the member's
// for roles that are no user.
func (c *cell) actingUser() string {
	if u, ok := c.w.users[c.role]; ok {
		return u
	}
	return c.w.users[member]
}

// schemaOperations lists every Query and Mutation field of the schema files.
func schemaOperations(t *testing.T) []string {
	t.Helper()
	files, err := filepath.Glob("../../../internal/graphql/schema/*.graphqls")
	if err != nil || len(files) == 0 {
		t.Fatalf("schema files: %v %v", files, err)
	}
	var sources []*ast.Source
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		sources = append(sources, &ast.Source{Name: f, Input: string(b)})
	}
	schema, gerr := gqlparser.LoadSchema(sources...)
	if gerr != nil {
		t.Fatalf("schema: %v", gerr)
	}
	var ops []string
	for _, def := range []*ast.Definition{schema.Query, schema.Mutation} {
		for _, f := range def.Fields {
			if !strings.HasPrefix(f.Name, "__") {
				ops = append(ops, f.Name)
			}
		}
	}
	return ops
}

func TestAuthorizationMatrix(t *testing.T) {
	ops := schemaOperations(t)
	rows := matrix()
	covered := map[string]bool{}
	for _, r := range rows {
		covered[r.op] = true
		if !slices.Contains(ops, r.op) {
			t.Errorf("the matrix has a row for %s, which the schema does not have", r.op)
		}
	}
	for _, op := range ops {
		if !covered[op] {
			t.Errorf("operation %s has no row in the authorization matrix: add one to matrix()", op)
		}
	}
	if t.Failed() {
		t.FailNow()
	}
	t.Logf("%d operations, %d rows, %d cells", len(ops), len(rows), len(rows)*len(roles))

	w := newWorld(t)
	// Rows run side by side (their cells one after another): most of a cell's time is
	// waiting for the API server.
	sem := make(chan struct{}, 8)
	var wg sync.WaitGroup
	for _, r := range rows {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			t.Run(strings.TrimSuffix(r.op+"/"+r.name, "/"), func(t *testing.T) {
				for i, ro := range roles {
					t.Run(ro.String(), func(t *testing.T) {
						r.run(&cell{T: t, w: w, op: r.op, role: ro, want: r.want[i], n: unique()})
					})
				}
			})
		}()
	}
	wg.Wait()
}

// list is a row of a list query: allowed to anyone, showing each role what it may see.
func list(op, selection string, visible func(w *world, r role) map[string]bool) row {
	return row{op: op, want: anyone, run: func(c *cell) {
		resp := c.do("{ "+op+" "+selection+" }", nil)
		if c.expect(resp) {
			sees(c.T, names(c.T, resp, op), visible(c.w, c.role))
		}
	}}
}

// single is a row of a query of one object by id; visible tells whether an allowed role
// gets it (others are told it is not found, as if it were not there).
func single(op string, w want, id func(w *world) string, selection string, visible func(r role) bool) row {
	return row{op: op, want: w, run: func(c *cell) {
		resp := c.do(fmt.Sprintf(`query($id: ID!) { %s(where: {id: $id}) %s }`, op, selection), map[string]any{"id": id(c.w)})
		if c.allowed() && !visible(c.role) {
			c.want = graphql.CodeNotFound
		}
		if !c.expect(resp) {
			return
		}
		var data map[string]any
		if err := resp.Decode(&data); err != nil || data[op] == nil {
			c.Errorf("%s as %s: no object (%s)", op, c.role, resp.Body)
		}
	}}
}

const (
	plain      = "{ id }"
	connection = "{ edges { node { id } } }"
)

func always(role) bool { return true }

func matrix() []row {
	its := func(w *world, r role) map[string]bool {
		return map[string]bool{w.itGlobal: true, w.itGroup: inGroup(r), w.itOther: seesAll(r)}
	}
	images := func(w *world, r role) map[string]bool {
		return map[string]bool{w.imgGlobal: true, w.imgGroup: inGroup(r), w.gimgGroup: inGroup(r), w.imgOther: seesAll(r), w.gimgOther: seesAll(r)}
	}
	groupImages := func(w *world, r role) map[string]bool {
		return map[string]bool{w.gimgGroup: inGroup(r), w.gimgOther: seesAll(r), w.imgGlobal: false, w.imgGroup: false}
	}
	datasets := func(w *world, r role) map[string]bool {
		return map[string]bool{w.volGlobal: true, w.volGroup: inGroup(r), w.volOther: seesAll(r)}
	}
	groups := func(w *world, r role) map[string]bool {
		return map[string]bool{w.group: inGroup(r), w.other: seesAll(r)}
	}
	notebooks := func(w *world, r role) map[string]bool {
		return map[string]bool{w.ns + "/" + w.notebook: r == member || seesAll(r)}
	}
	jobs := func(w *world, r role) map[string]bool { return map[string]bool{w.job: inGroup(r)} }
	schedules := func(w *world, r role) map[string]bool { return map[string]bool{w.schedule: inGroup(r)} }
	deployments := func(w *world, r role) map[string]bool { return map[string]bool{w.deployment: inGroup(r)} }
	profiles := func(w *world, r role) map[string]bool {
		return map[string]bool{w.profile: r == member || seesAll(r)}
	}
	rows := []row{
		// Queries.
		{op: "system", want: anyone, run: func(c *cell) {
			c.expect(c.do("{ system { org { name } defaultUserVolumeCapacity timezone { name } } }", nil))
		}},
		{op: "me", want: usersOnly, run: func(c *cell) {
			resp := c.do("{ me { id groups { id } effectiveGroups { id } } }", nil)
			if !c.expect(resp) {
				return
			}
			var d struct {
				Me struct {
					ID                      string
					Groups, EffectiveGroups []struct{ ID string }
				}
			}
			if err := resp.Decode(&d); err != nil {
				c.Fatal(err)
			}
			ids := func(gs []struct{ ID string }) (out []string) {
				for _, g := range gs {
					out = append(out, g.ID)
				}
				return out
			}
			if d.Me.ID != c.w.users[c.role] {
				c.Errorf("me as %s is %q", c.role, d.Me.ID)
			}
			if !slices.Contains(ids(d.Me.Groups), directory.Everyone) || slices.Contains(ids(d.Me.EffectiveGroups), directory.Everyone) {
				c.Errorf("me as %s: groups %v must hold everyone, effectiveGroups %v must not", c.role, ids(d.Me.Groups), ids(d.Me.EffectiveGroups))
			}
			in := c.role == member || c.role == groupAdmin
			if slices.Contains(ids(d.Me.EffectiveGroups), c.w.group) != in || slices.Contains(ids(d.Me.Groups), c.w.other) {
				c.Errorf("me as %s: effectiveGroups %v", c.role, ids(d.Me.EffectiveGroups))
			}
		}},
		single("user", groupAdmins, func(w *world) string { return w.outsider }, "{ id email }", always),
		{op: "user", name: "self", want: anyone, run: func(c *cell) {
			// Everyone reads themselves (the shared secret, being no one, the member).
			resp := c.do(`query($id: ID!) { user(where: {id: $id}) { id } }`, map[string]any{"id": c.actingUser()})
			c.expect(resp)
		}},
		{op: "users", want: groupAdmins, run: func(c *cell) {
			resp := c.do(`query($id: ID) { users(where: {id: $id}) { id } }`, map[string]any{"id": c.w.outsider})
			if c.expect(resp) {
				sees(c.T, names(c.T, resp, "users"), map[string]bool{c.w.outsider: true})
			}
		}},
		{op: "usersConnection", want: groupAdmins, run: func(c *cell) {
			resp := c.do(`query($id: ID) { usersConnection(where: {id: $id}) { edges { node { id } } } }`, map[string]any{"id": c.w.outsider})
			if c.expect(resp) {
				sees(c.T, names(c.T, resp, "usersConnection"), map[string]bool{c.w.outsider: true})
			}
		}},
		single("group", groupMembers, func(w *world) string { return w.group }, "{ id users { id } }", always),
		list("groups", plain, groups),
		list("groupsConnection", connection, groups),
		single("instanceType", anyone, func(w *world) string { return w.itGroup }, plain, inGroup),
		list("instanceTypes", plain, its),
		list("instanceTypesConnection", connection, its),
		single("image", anyone, func(w *world) string { return w.gimgGroup }, plain, inGroup),
		list("images", plain, images),
		list("imagesConnection", connection, images),
		list("groupImages", plain, groupImages),
		list("groupImagesConnection", connection, groupImages),
		single("dataset", anyone, func(w *world) string { return w.volGroup }, "{ id writable }", inGroup),
		list("datasets", plain, datasets),
		list("datasetsConnection", connection, datasets),
		single("secret", adminsOnly, func(w *world) string { return w.opaqueSecret }, "{ id secret password }", always),
		{op: "secrets", want: adminsOnly, run: func(c *cell) { secretsRow(c, "{ secrets { id secret password } }", "secrets") }},
		{op: "secretsConnection", want: adminsOnly, run: func(c *cell) {
			secretsRow(c, "{ secretsConnection { edges { node { id secret password } } } }", "secretsConnection")
		}},
		single("notebook", owner, func(w *world) string { return w.ns + "/" + w.notebook }, plain, always),
		list("notebooks", plain, notebooks),
		list("notebooksConnection", connection, notebooks),
		single("phJob", groupMembers, func(w *world) string { return w.job }, plain, always),
		list("phJobs", plain, jobs),
		list("phJobsConnection", connection, jobs),
		single("phSchedule", groupMembers, func(w *world) string { return w.schedule }, plain, always),
		list("phSchedules", plain, schedules),
		list("phSchedulesConnection", connection, schedules),
		single("phDeployment", groupMembers, func(w *world) string { return w.deployment }, "{ id endpointClients { name } history { time } }", always),
		list("phDeployments", plain, deployments),
		list("phDeploymentsConnection", connection, deployments),
		single("profile", owner, func(w *world) string { return w.profile }, plain, always),
		list("profiles", plain, profiles),
	}
	rows = append(rows, appRows()...)
	return append(rows, mutationRows()...)
}

func secretsRow(c *cell, query, field string) {
	resp := c.do(query, nil)
	if !c.expect(resp) {
		return
	}
	sees(c.T, names(c.T, resp, field), map[string]bool{c.w.opaqueSecret: true, c.w.pullSecret: true})
	if strings.Contains(resp.Body, "s3cr3t") || strings.Contains(resp.Body, "hunter2") {
		c.Errorf("a secret's value was answered: %s", resp.Body)
	}
}

func mutationRows() []row {
	ctx := context.Background()
	return []row{
		// Users.
		{op: "createUser", want: adminsOnly, run: func(c *cell) {
			name := c.name("u")
			c.Cleanup(func() { _ = c.w.g.Directory.DeleteUser(ctx, name) })
			c.expect(c.do(`mutation($n: String!) { createUser(data: {username: $n, email: "x@example.com"}) { id } }`, map[string]any{"n": name}))
			_, err := c.w.g.Directory.GetUser(ctx, name)
			c.changed("user created", err == nil)
		}},
		{op: "updateUser", want: adminsOnly, run: func(c *cell) {
			u := c.user()
			c.expect(c.do(`mutation($id: ID!) { updateUser(where: {id: $id}, data: {email: "new@example.com"}) { id } }`, map[string]any{"id": u}))
			got, _ := c.w.g.Directory.GetUser(ctx, u)
			c.changed("email changed", got.Email == "new@example.com")
		}},
		{op: "deleteUser", want: adminsOnly, run: func(c *cell) {
			u := c.user()
			c.expect(c.do(`mutation($id: ID!) { deleteUser(where: {id: $id}) { id } }`, map[string]any{"id": u}))
			_, err := c.w.g.Directory.GetUser(ctx, u)
			c.changed("user deleted", err != nil)
		}},
		{op: "resetPassword", want: adminsOnly, run: func(c *cell) {
			u := c.user()
			c.expect(c.do(`mutation($id: String) { resetPassword(id: $id, password: "new-password-42") { id } }`, map[string]any{"id": u}))
			_, err := c.w.g.Directory.Authenticate(ctx, u, "new-password-42")
			c.changed("password set", err == nil)
		}},
		{op: "resetPassword", name: "own", want: notByAPIToken, run: func(c *cell) {
			// Users set their own password; the shared secret has none.
			c.expect(c.do(`mutation { resetPassword(password: "own-password-42") { id } }`, nil))
			if u, ok := c.w.users[c.role]; ok {
				_, err := c.w.g.Directory.Authenticate(ctx, u, "own-password-42")
				c.changed("own password set", err == nil)
			}
		}},
		{op: "resetPassword", name: "own, with the current one", want: usersOnly, run: func(c *cell) {
			u, isUser := c.w.users[c.role]
			if isUser {
				if err := c.w.g.Directory.SetPassword(ctx, u, "current-password-1"); err != nil {
					c.Fatal(err)
				}
			}
			c.expect(c.do(`mutation { resetPassword(password: "own-password-43", currentPassword: "current-password-1") { id } }`, nil))
			if isUser {
				_, err := c.w.g.Directory.Authenticate(ctx, u, "own-password-43")
				c.changed("own password set", err == nil)
			}
		}},
		{op: "createApiToken", want: notByAPIToken, run: func(c *cell) {
			// Roles that are no user make tokens for no one: their refusal is the answer.
			name := c.name("t")
			c.expect(c.do(`mutation($n: String!) { createApiToken(name: $n) { token apiToken { id } } }`, map[string]any{"n": name}))
			if u, isUser := c.w.users[c.role]; isUser {
				tokens, _ := c.w.g.Tokens.List(ctx, u)
				c.changed("token created", slices.ContainsFunc(tokens, func(x auth.APIToken) bool { return x.Name == name }))
			}
		}},
		{op: "revokeApiToken", want: usersOnly, run: func(c *cell) {
			u := c.actingUser()
			_, tok, err := c.w.g.Tokens.Create(ctx, u, c.name("t"))
			if err != nil {
				c.Fatal(err)
			}
			c.expect(c.do(`mutation($id: ID) { revokeApiToken(id: $id) { id } }`, map[string]any{"id": tok.ID}))
			left, _ := c.w.g.Tokens.List(ctx, u)
			c.changed("token revoked", !slices.ContainsFunc(left, func(x auth.APIToken) bool { return x.ID == tok.ID }))
		}},
		{op: "revokeApiToken", name: "another user's", want: adminsOnly, run: func(c *cell) {
			u := c.user()
			_, tok, err := c.w.g.Tokens.Create(ctx, u, c.name("t"))
			if err != nil {
				c.Fatal(err)
			}
			c.expect(c.do(`mutation($id: ID, $u: String) { revokeApiToken(id: $id, username: $u) { id } }`, map[string]any{"id": tok.ID, "u": u}))
			left, _ := c.w.g.Tokens.List(ctx, u)
			c.changed("token revoked", !slices.ContainsFunc(left, func(x auth.APIToken) bool { return x.ID == tok.ID }))
		}},
		// Groups.
		{op: "createGroup", want: adminsOnly, run: func(c *cell) {
			name := c.name("g")
			c.Cleanup(func() { _ = c.w.g.Directory.DeleteGroup(ctx, name) })
			c.expect(c.do(`mutation($n: String!) { createGroup(data: {name: $n}) { id } }`, map[string]any{"n": name}))
			_, err := c.w.g.Directory.GetGroup(ctx, name)
			c.changed("group created", err == nil)
		}},
		{op: "updateGroup", name: "members", want: groupAdmins, run: func(c *cell) {
			g, u := c.group(), c.user()
			c.expect(c.do(`mutation($g: ID!, $u: ID!) { updateGroup(where: {id: $g}, data: {users: {connect: [{id: $u}]}}) { id } }`, map[string]any{"g": g, "u": u}))
			got, _ := c.w.g.Directory.GetGroup(ctx, g)
			c.changed("member added", slices.Contains(got.Members, u))
		}},
		// Group administrators run their group: its members, shared volume and default job
		// timeout (and its images, below). Its name, quotas, grants and admins are the
		// system administrators'.
		groupSetting("display name", adminsOnly, `displayName: "Renamed"`, func(g directory.Group) bool { return g.DisplayName == "Renamed" }),
		groupSetting("quota", adminsOnly, `quotaCpu: 8`, func(g directory.Group) bool { return g.Quota.PerUser.CPU != nil }),
		groupSetting("group quota", adminsOnly, `projectQuotaGpu: 2`, func(g directory.Group) bool { return g.Quota.Total.GPU != nil }),
		{op: "updateGroup", name: "grants", want: adminsOnly, run: func(c *cell) {
			g, it := c.group(), framework.MakeInstanceType(c.name("it")).Obj()
			c.w.create(c.T, it)
			c.expect(c.do(`mutation($g: ID!, $it: String!) { updateGroup(where: {id: $g}, data: {instanceTypes: {set: [$it]}}) { id } }`, map[string]any{"g": g, "it": it.Name}))
			exists(c.T, it)
			c.changed("instance type granted", slices.ContainsFunc(it.Spec.Access.Groups, func(a v1beta1.GroupGrant) bool { return a.Name == g }))
		}},
		groupSetting("shared volume capacity", adminsOnly, `sharedVolumeCapacity: 100`, func(g directory.Group) bool {
			return g.SharedVolume != nil && g.SharedVolume.Capacity != nil
		}),
		groupSetting("shared volume", groupAdmins, `enabledSharedVolume: true, launchGroupOnly: false`, func(g directory.Group) bool {
			return g.SharedVolume != nil && g.SharedVolume.Enabled && g.SharedVolume.LaunchGroupOnly != nil && !*g.SharedVolume.LaunchGroupOnly
		}),
		groupSetting("default job timeout", groupAdmins, `jobDefaultActiveDeadlineSeconds: 3600`, func(g directory.Group) bool {
			return g.JobDefaults != nil && g.JobDefaults.ActiveDeadlineSeconds != nil && *g.JobDefaults.ActiveDeadlineSeconds == 3600
		}),
		{op: "updateGroup", name: "members with a quota", want: adminsOnly, run: func(c *cell) {
			// A change a group administrator may not make refuses the whole update.
			g, u := c.group(), c.user()
			c.expect(c.do(`mutation($g: ID!, $u: ID!) { updateGroup(where: {id: $g}, data: {users: {connect: [{id: $u}]}, quotaGpu: 4}) { id } }`, map[string]any{"g": g, "u": u}))
			got, _ := c.w.g.Directory.GetGroup(ctx, g)
			c.changed("member added", slices.Contains(got.Members, u))
		}},
		{op: "updateGroup", name: "another group's timeout", want: adminsOnly, run: func(c *cell) {
			g := c.name("g")
			c.w.mkGroup(c.T, directory.Group{Name: g, Members: []string{c.w.outsider}})
			c.expect(c.do(`mutation($g: ID!) { updateGroup(where: {id: $g}, data: {jobDefaultActiveDeadlineSeconds: 60}) { id } }`, map[string]any{"g": g}))
			got, _ := c.w.g.Directory.GetGroup(ctx, g)
			c.changed("timeout set", got.JobDefaults != nil && got.JobDefaults.ActiveDeadlineSeconds != nil)
		}},
		{op: "deleteGroup", want: adminsOnly, run: func(c *cell) {
			g := c.group()
			j := c.groupJob(g)
			c.expect(c.do(`mutation($g: ID!) { deleteGroup(where: {id: $g}) { id } }`, map[string]any{"g": g}))
			_, err := c.w.g.Directory.GetGroup(ctx, g)
			c.changed("group deleted", err != nil)
			c.changed("its job deleted", !exists(c.T, j))
		}},
		{op: "groupResourcesToBeDeleted", want: adminsOnly, run: func(c *cell) {
			g := c.group()
			c.groupJob(g)
			resp := c.do(`query($g: ID!) { groupResourcesToBeDeleted(where: {id: $g}) { jobs schedules } }`, map[string]any{"g": g})
			if !c.expect(resp) {
				return
			}
			var d struct{ GroupResourcesToBeDeleted struct{ Jobs, Schedules int } }
			if err := resp.Decode(&d); err != nil || d.GroupResourcesToBeDeleted.Jobs != 1 || d.GroupResourcesToBeDeleted.Schedules != 0 {
				c.Errorf("groupResourcesToBeDeleted as %s: %s; want 1 job, 0 schedules", c.role, resp.Body)
			}
		}},
		// Images: system images are the administrators'; group images their group admins'.
		{op: "createImage", name: "system", want: adminsOnly, run: func(c *cell) {
			name := c.name("img")
			c.expect(c.do(`mutation($n: String!) { createImage(data: {name: $n, url: "jupyter/base-notebook"}) { id } }`, map[string]any{"n": name}))
			c.changed("image created", exists(c.T, &v1beta1.Image{ObjectMeta: meta(c.w.ns, name)}))
		}},
		{op: "createImage", name: "group", want: groupAdmins, run: func(c *cell) {
			g, name := c.group(), c.name("img")
			c.expect(c.do(`mutation($n: String!, $g: String) { createImage(data: {name: $n, url: "jupyter/base-notebook", groupName: $g}) { id groupName } }`, map[string]any{"n": name, "g": g}))
			img := &v1beta1.Image{ObjectMeta: meta(c.w.ns, name)}
			c.changed("group image created", exists(c.T, img) && img.Spec.GroupName == g)
		}},
		{op: "createImage", name: "group image granted to all", want: adminsOnly, run: func(c *cell) {
			// A group image is its group's: only administrators grant it to others.
			g, name := c.group(), c.name("img")
			c.expect(c.do(`mutation($n: String!, $g: String) { createImage(data: {name: $n, url: "jupyter/base-notebook", groupName: $g, global: true}) { id } }`, map[string]any{"n": name, "g": g}))
			c.changed("image created", exists(c.T, &v1beta1.Image{ObjectMeta: meta(c.w.ns, name)}))
		}},
		{op: "updateImage", name: "another group's", want: adminsOnly, run: func(c *cell) {
			updateImage(c, framework.MakeImage(c.name("img")).GroupName(c.w.other).Obj())
		}},
		{op: "deleteImage", name: "another group's", want: adminsOnly, run: func(c *cell) {
			deleteImage(c, framework.MakeImage(c.name("img")).GroupName(c.w.other).Obj())
		}},
		{op: "updateImage", name: "system", want: adminsOnly, run: func(c *cell) {
			img := framework.MakeImage(c.name("img")).Global().Obj()
			updateImage(c, img)
		}},
		{op: "updateImage", name: "group", want: groupAdmins, run: func(c *cell) {
			img := framework.MakeImage(c.name("img")).GroupName(c.group()).Obj()
			updateImage(c, img)
		}},
		{op: "deleteImage", name: "system", want: adminsOnly, run: func(c *cell) {
			deleteImage(c, framework.MakeImage(c.name("img")).Obj())
		}},
		{op: "deleteImage", name: "group", want: groupAdmins, run: func(c *cell) {
			deleteImage(c, framework.MakeImage(c.name("img")).GroupName(c.group()).Obj())
		}},
		// Instance types.
		{op: "createInstanceType", want: adminsOnly, run: func(c *cell) {
			name := c.name("it")
			c.expect(c.do(`mutation($n: String!) { createInstanceType(data: {name: $n, cpuLimit: 1, memoryLimit: 1}) { id } }`, map[string]any{"n": name}))
			c.changed("instance type created", exists(c.T, &v1beta1.InstanceType{ObjectMeta: meta(c.w.ns, name)}))
		}},
		{op: "updateInstanceType", want: adminsOnly, run: func(c *cell) {
			it := framework.MakeInstanceType(c.name("it")).Obj()
			c.w.create(c.T, it)
			c.expect(c.do(`mutation($n: ID!) { updateInstanceType(where: {id: $n}, data: {displayName: "Renamed"}) { id } }`, map[string]any{"n": it.Name}))
			exists(c.T, it)
			c.changed("instance type renamed", it.Spec.DisplayName == "Renamed")
		}},
		{op: "deleteInstanceType", want: adminsOnly, run: func(c *cell) {
			it := framework.MakeInstanceType(c.name("it")).Obj()
			c.w.create(c.T, it)
			c.expect(c.do(`mutation($n: ID!) { deleteInstanceType(where: {id: $n}) { id } }`, map[string]any{"n": it.Name}))
			c.changed("instance type deleted", !exists(c.T, it))
		}},
		// Datasets.
		{op: "createDataset", want: adminsOnly, run: func(c *cell) {
			name := c.name("ds")
			c.expect(c.do(`mutation($n: String!) { createDataset(data: {name: $n, type: "env", variables: {A: "1"}}) { id } }`, map[string]any{"n": name}))
			c.changed("dataset created", exists(c.T, &v1beta1.Volume{ObjectMeta: meta(c.w.ns, name)}))
		}},
		{op: "updateDataset", want: adminsOnly, run: func(c *cell) {
			v := framework.MakeVolume(c.name("ds")).Env("A", "1").Obj()
			c.w.create(c.T, v)
			c.expect(c.do(`mutation($n: ID!) { updateDataset(where: {id: $n}, data: {displayName: "Renamed"}) { id } }`, map[string]any{"n": v.Name}))
			exists(c.T, v)
			c.changed("dataset renamed", v.Spec.DisplayName == "Renamed")
		}},
		{op: "deleteDataset", want: adminsOnly, run: func(c *cell) {
			v := framework.MakeVolume(c.name("ds")).Env("A", "1").Obj()
			c.w.create(c.T, v)
			c.expect(c.do(`mutation($n: ID!) { deleteDataset(where: {id: $n}) { id } }`, map[string]any{"n": v.Name}))
			c.changed("dataset deleted", !exists(c.T, v))
		}},
		// Secrets: write-only values.
		{op: "createSecret", want: adminsOnly, run: func(c *cell) {
			name := c.name("s")
			resp := c.do(`mutation($n: String!) { createSecret(data: {name: $n, secret: "v4lue-written"}) { id secret password } }`, map[string]any{"n": name})
			c.expect(resp)
			if strings.Contains(resp.Body, "v4lue-written") {
				c.Errorf("the secret's value was answered: %s", resp.Body)
			}
			s := &corev1.Secret{ObjectMeta: meta(c.w.ns, name)}
			c.changed("secret created", exists(c.T, s) && string(s.Data["secret"]) == "v4lue-written")
		}},
		{op: "updateSecret", want: adminsOnly, run: func(c *cell) {
			s := c.w.secretObj(c.name("s"), corev1.SecretTypeOpaque)
			c.w.create(c.T, s)
			resp := c.do(`mutation($n: ID!) { updateSecret(where: {id: $n}, data: {secret: "n3w-value"}) { id secret password } }`, map[string]any{"n": s.Name})
			c.expect(resp)
			if strings.Contains(resp.Body, "n3w-value") {
				c.Errorf("the secret's value was answered: %s", resp.Body)
			}
			exists(c.T, s)
			c.changed("secret changed", string(s.Data["secret"]) == "n3w-value")
		}},
		{op: "deleteSecret", want: adminsOnly, run: func(c *cell) {
			s := c.w.secretObj(c.name("s"), corev1.SecretTypeOpaque)
			c.w.create(c.T, s)
			c.expect(c.do(`mutation($n: ID!) { deleteSecret(where: {id: $n}) { id secret } }`, map[string]any{"n": s.Name}))
			c.changed("secret deleted", !exists(c.T, s))
		}},
		{op: "updateSystem", want: adminsOnly, run: func(c *cell) {
			org := c.name("org")
			c.expect(c.do(`mutation($o: String) { updateSystem(data: {org: {name: $o}}) { org { name } } }`, map[string]any{"o": org}))
			s, err := c.w.g.Directory.GetSettings(ctx)
			if err != nil {
				c.Fatal(err)
			}
			c.changed("org renamed", s.OrgName == org)
		}},
		// Notebooks: launched by members of the group; run by their owner.
		{op: "createNotebook", want: launchers, run: func(c *cell) {
			name := c.name("nb")
			c.expect(c.do(`mutation($n: String, $g: String!, $it: String!, $img: String!) {
				createNotebook(data: {name: $n, groupName: $g, instanceType: $it, image: $img}) { id } }`,
				map[string]any{"n": name, "g": c.w.group, "it": c.w.itGroup, "img": c.w.imgGroup}))
			c.changed("notebook created", exists(c.T, &v1beta1.Notebook{ObjectMeta: meta(c.w.ns, name)}))
		}},
		{op: "stopNotebook", want: owner, run: func(c *cell) {
			nb := c.w.notebookObj(c.name("nb"), false)
			c.w.create(c.T, nb)
			c.expect(c.do(`mutation($id: ID!) { stopNotebook(where: {id: $id}) { id } }`, map[string]any{"id": nb.Namespace + "/" + nb.Name}))
			exists(c.T, nb)
			c.changed("notebook stopped", nb.Spec.Stopped)
		}},
		{op: "startNotebook", want: owner, run: func(c *cell) {
			nb := c.w.notebookObj(c.name("nb"), true)
			c.w.create(c.T, nb)
			c.expect(c.do(`mutation($id: ID!) { startNotebook(where: {id: $id}) { id } }`, map[string]any{"id": nb.Namespace + "/" + nb.Name}))
			exists(c.T, nb)
			c.changed("notebook started", !nb.Spec.Stopped)
		}},
		{op: "deleteNotebook", want: owner, run: func(c *cell) {
			nb := c.w.notebookObj(c.name("nb"), false)
			c.w.create(c.T, nb)
			c.expect(c.do(`mutation($id: ID!) { deleteNotebook(where: {id: $id}) { id } }`, map[string]any{"id": nb.Namespace + "/" + nb.Name}))
			c.changed("notebook deleted", !exists(c.T, nb))
		}},
		// Jobs and schedules: launched by members; changed by their owner and group admins.
		{op: "createPhJob", want: launchers, run: func(c *cell) {
			marker := c.name("job")
			c.expect(c.do(`mutation($d: String, $g: String!, $it: String!, $img: String!) {
				createPhJob(data: {displayName: $d, groupId: $g, instanceType: $it, image: $img, command: "echo hi"}) { id } }`,
				map[string]any{"d": marker, "g": c.w.group, "it": c.w.itGroup, "img": c.w.imgGroup}))
			c.changed("job created", countJobs(c, func(j *v1beta1.PhJob) bool { return j.Spec.DisplayName == marker }) == 1)
		}},
		{op: "rerunPhJob", want: groupMembers, run: func(c *cell) {
			j := c.w.jobObj(c.name("job"))
			c.w.create(c.T, j)
			c.expect(c.do(`mutation($id: ID!) { rerunPhJob(where: {id: $id}) { id } }`, map[string]any{"id": j.Name}))
			c.changed("job rerun", countJobs(c, func(x *v1beta1.PhJob) bool { return x.Annotations[phjob.AnnotationRerunOf] == j.Name }) == 1)
		}},
		{op: "cancelPhJob", want: groupMembers, run: func(c *cell) {
			j := c.w.jobObj(c.name("job"))
			c.w.create(c.T, j)
			c.expect(c.do(`mutation($id: ID!) { cancelPhJob(where: {id: $id}) { id } }`, map[string]any{"id": j.Name}))
			exists(c.T, j)
			c.changed("job cancelled", j.Spec.Cancel)
		}},
		// Model deployments: the group's members make and change them.
		{op: "createPhDeployment", want: launchers, run: func(c *cell) {
			marker := c.name("dep")
			c.expect(c.do(`mutation($d: String!, $g: String!, $it: String!, $img: String!) {
				createPhDeployment(data: {name: $d, groupId: $g, instanceType: $it, modelImage: $img}) { id } }`,
				map[string]any{"d": marker, "g": c.w.group, "it": c.w.itGroup, "img": c.w.imgGroup}))
			c.changed("deployment created", countDeployments(c, func(d *v1beta1.PhDeployment) bool { return d.Spec.DisplayName == marker }) == 1)
		}},
		{op: "updatePhDeployment", want: groupMemberUsers, run: func(c *cell) {
			d := c.deployment()
			c.expect(c.do(`mutation($id: ID!) { updatePhDeployment(where: {id: $id}, data: {description: "changed", replicas: 2}) { id } }`, map[string]any{"id": d.Name}))
			exists(c.T, d)
			c.changed("deployment updated", d.Spec.Description == "changed" && d.Spec.Replicas == 2)
		}},
		{op: "deployPhDeployment", want: groupMembers, run: func(c *cell) {
			d := c.deployment()
			c.expect(c.do(`mutation($id: ID!) { deployPhDeployment(where: {id: $id}) { id } }`, map[string]any{"id": d.Name}))
			exists(c.T, d)
			c.changed("deployment started", !d.Spec.Stop)
		}},
		{op: "stopPhDeployment", want: groupMembers, run: func(c *cell) {
			d := c.deployment()
			d.Spec.Stop = false
			if err := framework.Client().Update(ctx, d); err != nil {
				c.Fatal(err)
			}
			c.w.cached(c.T, d)
			c.expect(c.do(`mutation($id: ID!) { stopPhDeployment(where: {id: $id}) { id } }`, map[string]any{"id": d.Name}))
			exists(c.T, d)
			c.changed("deployment stopped", d.Spec.Stop)
		}},
		{op: "deletePhDeployment", want: groupMembers, run: func(c *cell) {
			d := c.deployment()
			c.expect(c.do(`mutation($id: ID!) { deletePhDeployment(where: {id: $id}) { id } }`, map[string]any{"id": d.Name}))
			c.changed("deployment deleted", !exists(c.T, d) || !d.DeletionTimestamp.IsZero())
		}},
		{op: "createPhDeploymentClient", want: groupMembers, run: func(c *cell) {
			d := c.deployment()
			resp := c.do(`mutation($id: ID!) { createPhDeploymentClient(data: {deploymentId: $id, name: "app"}) { name plainTextToken } }`, map[string]any{"id": d.Name})
			c.expect(resp)
			exists(c.T, d)
			c.changed("client made", len(d.Spec.Endpoint.Clients) == 1)
			if len(d.Spec.Endpoint.Clients) == 1 && strings.Contains(resp.Body, d.Spec.Endpoint.Clients[0].SecretHash) {
				c.Errorf("the client's hash was answered: %s", resp.Body)
			}
		}},
		{op: "deletePhDeploymentClient", want: groupMembers, run: func(c *cell) {
			d := c.deployment()
			d.Spec.Endpoint.Clients = []v1beta1.PhDeploymentClient{{Name: "app", SecretHash: strings.Repeat("0", 64)}}
			if err := framework.Client().Update(ctx, d); err != nil {
				c.Fatal(err)
			}
			c.w.cached(c.T, d)
			c.expect(c.do(`mutation($id: ID!) { deletePhDeploymentClient(where: {deploymentId: $id, name: "app"}) { id } }`, map[string]any{"id": d.Name}))
			exists(c.T, d)
			c.changed("client deleted", len(d.Spec.Endpoint.Clients) == 0)
		}},
		{op: "createPhSchedule", want: launchers, run: func(c *cell) {
			marker := c.name("sch")
			c.expect(c.do(`mutation($d: String, $g: String!, $it: String!, $img: String!) {
				createPhSchedule(data: {displayName: $d, groupId: $g, instanceType: $it, image: $img, command: "echo hi"}) { id } }`,
				map[string]any{"d": marker, "g": c.w.group, "it": c.w.itGroup, "img": c.w.imgGroup}))
			list := &v1beta1.PhScheduleList{}
			if err := framework.Client().List(ctx, list, client.InNamespace(c.w.ns)); err != nil {
				c.Fatal(err)
			}
			c.changed("schedule created", slices.ContainsFunc(list.Items, func(s v1beta1.PhSchedule) bool { return s.Spec.JobTemplate.Spec.DisplayName == marker }))
		}},
		{op: "updatePhSchedule", want: groupMembers, run: func(c *cell) {
			s := c.w.scheduleObj(c.name("sch"))
			c.w.create(c.T, s)
			c.expect(c.do(`mutation($id: ID!) { updatePhSchedule(where: {id: $id}, data: {displayName: "Renamed"}) { id } }`, map[string]any{"id": s.Name}))
			exists(c.T, s)
			c.changed("schedule renamed", s.Spec.JobTemplate.Spec.DisplayName == "Renamed")
		}},
		{op: "runPhSchedule", want: groupMembers, run: func(c *cell) {
			s := c.w.scheduleObj(c.name("sch"))
			c.w.create(c.T, s)
			c.expect(c.do(`mutation($id: ID!) { runPhSchedule(where: {id: $id}) { job { id } } }`, map[string]any{"id": s.Name}))
			c.changed("schedule ran", countJobs(c, func(j *v1beta1.PhJob) bool { return j.Labels[phschedule.LabelPhSchedule] == s.Name }) == 1)
		}},
		{op: "deletePhSchedule", want: groupMembers, run: func(c *cell) {
			s := c.w.scheduleObj(c.name("sch"))
			c.w.create(c.T, s)
			c.expect(c.do(`mutation($id: ID!) { deletePhSchedule(where: {id: $id}) { id } }`, map[string]any{"id": s.Name}))
			c.changed("schedule deleted", !exists(c.T, s))
		}},
		// Profiles: anyone makes their own; the owner (and admin contributors) change it.
		{op: "createProfile", name: "own", want: usersOnly, run: func(c *cell) {
			p := &v1beta1.Profile{ObjectMeta: meta("", c.name("p"))}
			c.Cleanup(func() { _ = framework.Client().Delete(ctx, p) })
			c.expect(c.do(`mutation($n: String!) { createProfile(data: {name: $n}) { id } }`, map[string]any{"n": p.Name}))
			c.changed("profile created", exists(c.T, p) && p.Spec.Owner.Name == c.w.users[c.role])
		}},
		{op: "createProfile", name: "for another", want: adminsOnly, run: func(c *cell) {
			p := &v1beta1.Profile{ObjectMeta: meta("", c.name("p"))}
			c.Cleanup(func() { _ = framework.Client().Delete(ctx, p) })
			c.expect(c.do(`mutation($n: String!, $o: String) { createProfile(data: {name: $n, owner: $o}) { id } }`, map[string]any{"n": p.Name, "o": c.w.outsider}))
			c.changed("profile created", exists(c.T, p) && p.Spec.Owner.Name == c.w.outsider)
		}},
		{op: "createProfile", name: "under a group profile's name", want: want{U, F, F, F, ok, B}, run: func(c *cell) {
			p := &v1beta1.Profile{ObjectMeta: meta("", c.name("group"))}
			c.Cleanup(func() { _ = framework.Client().Delete(ctx, p) })
			c.expect(c.do(`mutation($n: String!) { createProfile(data: {name: $n}) { id } }`, map[string]any{"n": p.Name}))
			c.changed("profile created", exists(c.T, p))
		}},
		{op: "deleteProfile", want: owner, run: func(c *cell) {
			p := framework.MakeProfile(c.name("p")).Owner(c.w.users[member]).Obj()
			c.w.create(c.T, p)
			c.expect(c.do(`mutation($id: ID!) { deleteProfile(where: {id: $id}) { id } }`, map[string]any{"id": p.Name}))
			c.changed("profile deleted", !exists(c.T, p))
		}},
		{op: "addProfileContributor", want: owner, run: func(c *cell) {
			p := framework.MakeProfile(c.name("p")).Owner(c.w.users[member]).Obj()
			c.w.create(c.T, p)
			c.expect(c.do(`mutation($id: ID!, $u: String!) { addProfileContributor(where: {id: $id}, data: {name: $u, role: "view"}) { id } }`,
				map[string]any{"id": p.Name, "u": c.w.outsider}))
			exists(c.T, p)
			c.changed("contributor added", len(p.Spec.Contributors) == 1)
		}},
		{op: "removeProfileContributor", want: owner, run: func(c *cell) {
			p := framework.MakeProfile(c.name("p")).Owner(c.w.users[member]).Contributor(c.w.outsider, v1beta1.ContributorView).Obj()
			c.w.create(c.T, p)
			c.expect(c.do(`mutation($id: ID!, $u: String!) { removeProfileContributor(where: {id: $id}, name: $u) { id } }`,
				map[string]any{"id": p.Name, "u": c.w.outsider}))
			exists(c.T, p)
			c.changed("contributor removed", len(p.Spec.Contributors) == 0)
		}},
	}
}

// groupSetting is a row of updateGroup changing one setting of a group of the cell,
// which set tells is there.
func groupSetting(name string, w want, data string, set func(directory.Group) bool) row {
	return row{op: "updateGroup", name: name, want: w, run: func(c *cell) {
		g := c.group()
		c.expect(c.do(`mutation($g: ID!) { updateGroup(where: {id: $g}, data: {`+data+`}) { id } }`, map[string]any{"g": g}))
		got, err := c.w.g.Directory.GetGroup(context.Background(), g)
		if err != nil {
			c.Fatal(err)
		}
		c.changed(name+" changed", set(got))
	}}
}

func updateImage(c *cell, img *v1beta1.Image) {
	c.w.create(c.T, img)
	c.expect(c.do(`mutation($n: ID!) { updateImage(where: {id: $n}, data: {displayName: "Renamed"}) { id } }`, map[string]any{"n": img.Name}))
	exists(c.T, img)
	c.changed("image renamed", img.Spec.DisplayName == "Renamed")
}

func deleteImage(c *cell, img *v1beta1.Image) {
	c.w.create(c.T, img)
	c.expect(c.do(`mutation($n: ID!) { deleteImage(where: {id: $n}) { id } }`, map[string]any{"n": img.Name}))
	c.changed("image deleted", !exists(c.T, img))
}

// deployment makes a stopped model deployment of the member's in the world's group.
func (c *cell) deployment() *v1beta1.PhDeployment {
	c.Helper()
	d := c.w.deploymentObj(c.name("dep"))
	c.w.create(c.T, d)
	return d
}

func countDeployments(c *cell, match func(*v1beta1.PhDeployment) bool) int {
	list := &v1beta1.PhDeploymentList{}
	if err := framework.Client().List(context.Background(), list, client.InNamespace(c.w.ns)); err != nil {
		c.Fatal(err)
	}
	n := 0
	for i := range list.Items {
		if match(&list.Items[i]) {
			n++
		}
	}
	return n
}

func countJobs(c *cell, match func(*v1beta1.PhJob) bool) int {
	list := &v1beta1.PhJobList{}
	if err := framework.Client().List(context.Background(), list, client.InNamespace(c.w.ns)); err != nil {
		c.Fatal(err)
	}
	n := 0
	for i := range list.Items {
		if match(&list.Items[i]) {
			n++
		}
	}
	return n
}

func meta(namespace, name string) metav1.ObjectMeta {
	return metav1.ObjectMeta{Namespace: namespace, Name: name}
}

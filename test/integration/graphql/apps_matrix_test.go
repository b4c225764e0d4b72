package graphql_test

import (
	"github.com/primehub/primehub/api/v1beta1"
	"sigs.k8s.io/controller-runtime/pkg/client"
)

// The world's applications: a template anyone may install from, and the member's
// application in the group.
const (
	appTemplate = "tmpl"
	memberApp   = "app-member"
)

func appTemplateObj(w *world) *v1beta1.PhAppTemplate {
	return &v1beta1.PhAppTemplate{ObjectMeta: meta(w.ns, appTemplate), Spec: v1beta1.PhAppTemplateSpec{
		DisplayName: "Tool", Image: "tool:1", Ports: []v1beta1.AppPort{{Name: "http", Port: 8080}}, HTTP: &v1beta1.AppHTTP{Port: 8080}}}
}

func (w *world) appObj(name string) *v1beta1.PhApplication {
	return &v1beta1.PhApplication{ObjectMeta: meta(w.ns, name), Spec: v1beta1.PhApplicationSpec{
		User: w.users[member], Group: w.group, Template: appTemplate, InstanceType: w.itGroup, Scope: v1beta1.PhAppScopeGroup}}
}

func appFixtures(w *world) []client.Object {
	return []client.Object{appTemplateObj(w), w.appObj(memberApp)}
}

func appRows() []row {
	apps := func(w *world, r role) map[string]bool { return map[string]bool{memberApp: inGroup(r)} }
	templates := func(w *world, r role) map[string]bool { return map[string]bool{appTemplate: true} }
	// Every mutation acts on an application of its own, in the world's group.
	mutate := func(op, query string, effect func(c *cell, a *v1beta1.PhApplication) bool, what string) row {
		return row{op: op, want: groupMembers, run: func(c *cell) {
			a := c.w.appObj(c.name("app"))
			c.w.create(c.T, a)
			c.expect(c.do(query, map[string]any{"id": a.Name}))
			c.changed(what, effect(c, a))
		}}
	}
	return []row{
		single("phAppTemplate", anyone, func(*world) string { return appTemplate }, "{ id name defaultEnvs { name } }", always),
		list("phAppTemplates", plain, templates),
		list("phAppTemplatesConnection", connection, templates),
		single("phApplication", groupMembers, func(*world) string { return memberApp }, plain, always),
		list("phApplications", plain, apps),
		list("phApplicationsConnection", connection, apps),
		{op: "createPhApplication", want: launchers, run: func(c *cell) {
			name := c.name("app")
			c.expect(c.do(`mutation($id: ID!, $t: String!, $g: String!, $it: String!) {
				createPhApplication(data: {id: $id, templateId: $t, groupName: $g, instanceType: $it, scope: "group"}) { id } }`,
				map[string]any{"id": name, "t": appTemplate, "g": c.w.group, "it": c.w.itGroup}))
			a := &v1beta1.PhApplication{ObjectMeta: meta(c.w.ns, name)}
			c.changed("application installed", exists(c.T, a))
			if c.allowed() && a.Spec.User != c.w.users[c.role] {
				c.Errorf("installed by %s, spec.user %q", c.role, a.Spec.User)
			}
		}},
		mutate("updatePhApplication", `mutation($id: ID!) { updatePhApplication(where: {id: $id}, data: {displayName: "Renamed", scope: "public"}) { id } }`,
			func(c *cell, a *v1beta1.PhApplication) bool {
				return exists(c.T, a) && a.Spec.Scope == v1beta1.PhAppScopePublic
			}, "application made public"),
		{op: "updatePhApplication", name: "what runs", want: owner, run: func(c *cell) {
			a := c.w.appObj(c.name("app"))
			c.w.create(c.T, a)
			c.expect(c.do(`mutation($id: ID!, $it: String) { updatePhApplication(where: {id: $id}, data: {instanceType: $it, env: [{name: "A", value: "1"}]}) { id } }`,
				map[string]any{"id": a.Name, "it": c.w.itGlobal}))
			exists(c.T, a)
			c.changed("instance type changed", a.Spec.InstanceType == c.w.itGlobal)
		}},
		mutate("stopPhApplication", `mutation($id: ID!) { stopPhApplication(where: {id: $id}) { id } }`,
			func(c *cell, a *v1beta1.PhApplication) bool { return exists(c.T, a) && a.Spec.Stop }, "application stopped"),
		mutate("deletePhApplication", `mutation($id: ID!) { deletePhApplication(where: {id: $id}) { id } }`,
			func(c *cell, a *v1beta1.PhApplication) bool { return !exists(c.T, a) }, "application uninstalled"),
		{op: "startPhApplication", want: groupMembers, run: func(c *cell) {
			a := c.w.appObj(c.name("app"))
			a.Spec.Stop = true
			c.w.create(c.T, a)
			c.expect(c.do(`mutation($id: ID!) { startPhApplication(where: {id: $id}) { id } }`, map[string]any{"id": a.Name}))
			exists(c.T, a)
			c.changed("application started", !a.Spec.Stop)
		}},
	}
}

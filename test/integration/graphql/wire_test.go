package graphql_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"sync"
	"testing"

	"sigs.k8s.io/controller-runtime/pkg/client"

	"github.com/primehub/primehub/api/v1beta1"
	"github.com/primehub/primehub/internal/directory"
	"github.com/primehub/primehub/test/framework"
)

// PrimeHub's clients on the wire: JSON and form posts, numbered and cursor paging, error
// wording and codes, and nothing half-written by a refused mutation.
func TestWire(t *testing.T) {
	w := newWorld(t)
	admin := w.client(sysAdmin)
	ctx := context.Background()

	t.Run("JSON and form posts", func(t *testing.T) {
		q := `query($id: ID!) { user(where: {id: $id}) { id email } }`
		vars := map[string]any{"id": w.users[member]}
		for name, do := range map[string]func(context.Context, string, map[string]any) (*framework.GraphQLResponse, error){
			"json": admin.Do, "form": admin.DoForm,
		} {
			resp, err := do(ctx, q, vars)
			if err != nil {
				t.Fatal(err)
			}
			var d struct{ User struct{ ID, Email string } }
			if resp.Status != http.StatusOK || errorsOf(resp) != nil || resp.Decode(&d) != nil || d.User.ID != w.users[member] {
				t.Errorf("%s post: %d %s", name, resp.Status, resp.Body)
			}
		}
		// A form without variables, and a form whose variables are no JSON.
		if resp, err := admin.DoForm(ctx, "{ system { org { name } } }", nil); err != nil || errorsOf(resp) != nil {
			t.Errorf("form without variables: %v %v", err, resp.Body)
		}
		form := url.Values{"query": {q}, "variables": {"{not json"}}
		req, _ := http.NewRequest(http.MethodPost, w.g.URL, strings.NewReader(form.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("Authorization", "Bearer "+w.tokens[sysAdmin])
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusBadRequest {
			t.Errorf("form with variables that are no JSON: %d, want 400", resp.StatusCode)
		}
		// A JSON body that is no JSON, and a query that does not parse: refused with a
		// GraphQL error saying why.
		for _, c := range []struct {
			name, body string
			status     int
			says       string
		}{
			{"a body that is no JSON", `{"query": `, http.StatusBadRequest, "could not be decoded"},
			{"a query that does not parse", `{"query": "{ me { id "}`, http.StatusUnprocessableEntity, "Expected Name"},
		} {
			req, _ := http.NewRequest(http.MethodPost, w.g.URL, strings.NewReader(c.body))
			req.Header.Set("Content-Type", "application/json")
			req.Header.Set("Authorization", "Bearer "+w.tokens[sysAdmin])
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			b, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode != c.status || !strings.Contains(string(b), `"errors"`) || !strings.Contains(string(b), c.says) {
				t.Errorf("%s: %d %s, want %d and an error saying %q", c.name, resp.StatusCode, b, c.status, c.says)
			}
		}
	})

	// Clients read the schema by introspection; its fields are marshalled like any other.
	t.Run("introspection", func(t *testing.T) {
		resp := admin.MustDo(t, `{ __schema { queryType { name } } __type(name: "User") { name fields { name type { kind ofType { name } } } } }`, nil)
		var d struct {
			Schema struct{ QueryType struct{ Name string } } `json:"__schema"`
			Type   struct {
				Name   string
				Fields []struct {
					Name string
					Type struct {
						Kind   string
						OfType *struct{ Name string }
					}
				}
			} `json:"__type"`
		}
		if err := errorsOf(resp); err != nil {
			t.Fatal(err)
		}
		if err := resp.Decode(&d); err != nil {
			t.Fatal(err)
		}
		var username string
		for _, f := range d.Type.Fields {
			if f.Name == "username" && f.Type.OfType != nil {
				username = f.Type.Kind + " " + f.Type.OfType.Name
			}
		}
		if d.Schema.QueryType.Name != "Query" || d.Type.Name != "User" || username != "NON_NULL String" {
			t.Errorf("introspection: query type %q, type %q, User.username %q; want Query, User, NON_NULL String: %s",
				d.Schema.QueryType.Name, d.Type.Name, username, resp.Body)
		}
	})

	// An error deep in lists names where it happened, element indexes included.
	t.Run("error paths", func(t *testing.T) {
		// A resource's groups are for admins: a member is refused them for each instance
		// type of their group (one global, one granted), and gets the rest.
		resp := w.client(member).MustDo(t, `{ me { effectiveGroups { name instanceTypes { name groups { id } } } } }`, nil)
		var paths []string
		for _, e := range resp.Errors {
			paths = append(paths, fmt.Sprintf("%v %v", e.Path, e.Extensions["code"]))
		}
		want := []string{"[me effectiveGroups 0 instanceTypes 0 groups] FORBIDDEN", "[me effectiveGroups 0 instanceTypes 1 groups] FORBIDDEN"}
		if !slices.Equal(paths, want) || !strings.Contains(string(resp.Data), `"instanceTypes":[{"name":`) {
			t.Errorf("errors at %q, want %q; answer %s", paths, want, resp.Body)
		}
	})

	t.Run("GET is refused", func(t *testing.T) {
		for _, auth := range []string{"", w.tokens[sysAdmin]} {
			req, _ := http.NewRequest(http.MethodGet, w.g.URL+"?query="+url.QueryEscape("{ me { id } }"), nil)
			if auth != "" {
				req.Header.Set("Authorization", "Bearer "+auth)
			}
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if resp.StatusCode != http.StatusMethodNotAllowed || resp.Header.Get("Allow") != http.MethodPost {
				t.Errorf("GET: %d, Allow %q; want 405, POST", resp.StatusCode, resp.Header.Get("Allow"))
			}
		}
	})

	t.Run("bad credentials get 401", func(t *testing.T) {
		for _, tok := range []string{"not-a-token", "phat_" + strings.Repeat("x", 40), w.g.SharedSecret + "x"} {
			resp := w.g.Client(tok).MustDo(t, "{ system { org { name } } }", nil)
			if resp.Status != http.StatusUnauthorized {
				t.Errorf("token %q: %d %s, want 401", tok, resp.Status, resp.Body)
			}
		}
	})

	t.Run("numbered paging", func(t *testing.T) {
		// 22 more instance types beside the world's 3: 25, three pages for an admin.
		var objs []client.Object
		for i := range 22 {
			objs = append(objs, framework.MakeInstanceType(fmt.Sprintf("page-%02d", i)).Global().Obj())
		}
		w.create(t, objs...)
		type page struct {
			InstanceTypesConnection struct {
				PageInfo struct {
					CurrentPage, TotalPage     *int
					HasNextPage, HasPrevioPage bool
				}
				Edges []struct{ Node struct{ ID string } }
			}
			InstanceTypes []struct{ ID string }
		}
		get := func(n int) page {
			t.Helper()
			resp := admin.MustDo(t, `query($p: Int) {
				instanceTypesConnection(page: $p) { pageInfo { currentPage totalPage hasNextPage } edges { node { id } } }
				instanceTypes(page: $p) { id } }`, map[string]any{"p": n})
			var p page
			if err := errorsOf(resp); err != nil {
				t.Fatal(err)
			}
			if err := resp.Decode(&p); err != nil {
				t.Fatal(err)
			}
			return p
		}
		seen := map[string]bool{}
		for n, want := range map[int]int{1: 10, 2: 10, 3: 5, 4: 0, 9: 0} {
			p := get(n)
			c := p.InstanceTypesConnection
			if len(c.Edges) != want || len(p.InstanceTypes) != want {
				t.Errorf("page %d: %d edges, %d in the list, want %d", n, len(c.Edges), len(p.InstanceTypes), want)
			}
			if c.PageInfo.CurrentPage == nil || *c.PageInfo.CurrentPage != n || c.PageInfo.TotalPage == nil || *c.PageInfo.TotalPage != 3 {
				t.Errorf("page %d: currentPage %v, totalPage %v; want %d and 3", n, deref(c.PageInfo.CurrentPage), deref(c.PageInfo.TotalPage), n)
			}
			if c.PageInfo.HasNextPage != (n < 3) {
				t.Errorf("page %d: hasNextPage %v", n, c.PageInfo.HasNextPage)
			}
			for i, e := range c.Edges {
				if seen[e.Node.ID] {
					t.Errorf("page %d repeats %s", n, e.Node.ID)
				}
				seen[e.Node.ID] = true
				if p.InstanceTypes[i].ID != e.Node.ID {
					t.Errorf("page %d: the list and the connection differ at %d", n, i)
				}
			}
		}
		if len(seen) != 25 {
			t.Errorf("the pages held %d instance types, want 25", len(seen))
		}
		resp := admin.MustDo(t, `{ instanceTypes(page: 0) { id } }`, nil)
		if !hasCode(resp, B) {
			t.Errorf("page 0: %s, want BAD_USER_INPUT", resp.Body)
		}
	})

	t.Run("usersConnection after is a page number", func(t *testing.T) {
		prefix := "pg-" + w.sfx
		var wg sync.WaitGroup
		for i := range 25 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				w.mkUser(t, directory.User{Username: fmt.Sprintf("%s-%02d", prefix, i)})
			}()
		}
		wg.Wait()
		type conn struct {
			UsersConnection struct {
				PageInfo struct {
					HasNextPage, HasPreviousPage bool
					EndCursor                    *string
				}
				Edges []struct{ Node struct{ ID string } }
			}
		}
		get := func(after *string) conn {
			t.Helper()
			vars := map[string]any{"q": prefix, "after": after}
			resp := admin.MustDo(t, `query($q: String, $after: String) {
				usersConnection(where: {username_contains: $q}, first: 10, after: $after) {
					pageInfo { hasNextPage hasPreviousPage endCursor } edges { node { id } } } }`, vars)
			var c conn
			if err := errorsOf(resp); err != nil {
				t.Fatal(err)
			}
			if err := resp.Decode(&c); err != nil {
				t.Fatal(err)
			}
			return c
		}
		var after *string
		var got []string
		for i, want := range []int{10, 10, 5} {
			c := get(after).UsersConnection
			if len(c.Edges) != want {
				t.Errorf("page %d: %d users, want %d", i, len(c.Edges), want)
			}
			for _, e := range c.Edges {
				got = append(got, e.Node.ID)
			}
			if i < 2 && (c.PageInfo.EndCursor == nil || *c.PageInfo.EndCursor != fmt.Sprint(i+1) || !c.PageInfo.HasNextPage) {
				t.Errorf("page %d: endCursor %v, hasNextPage %v; want %q and true", i, deref(c.PageInfo.EndCursor), c.PageInfo.HasNextPage, fmt.Sprint(i+1))
			}
			if i == 2 && (c.PageInfo.HasNextPage || c.PageInfo.EndCursor != nil) {
				t.Errorf("last page: hasNextPage %v, endCursor %v", c.PageInfo.HasNextPage, deref(c.PageInfo.EndCursor))
			}
			after = c.PageInfo.EndCursor
		}
		for i, u := range got {
			if want := fmt.Sprintf("%s-%02d", prefix, i); u != want {
				t.Fatalf("users in page order: %v", got)
			}
		}
		// Past the end: an empty page.
		past := "7"
		if c := get(&past).UsersConnection; len(c.Edges) != 0 || c.PageInfo.HasNextPage {
			t.Errorf("after 7: %d users, hasNextPage %v", len(c.Edges), c.PageInfo.HasNextPage)
		}
		resp := admin.MustDo(t, `{ usersConnection(after: "abc") { edges { node { id } } } }`, nil)
		if !hasCode(resp, B) {
			t.Errorf("after abc: %s, want BAD_USER_INPUT", resp.Body)
		}
	})

	// More cases in errors_test.go.
	t.Run("not found is worded as Kubernetes words it", func(t *testing.T) {
		for _, c := range []struct{ op, query, message string }{
			{"updateInstanceType", `mutation { updateInstanceType(where: {id: "nope"}, data: {displayName: "x"}) { id } }`, `instancetypes.primehub.io "nope" not found`},
			{"updateDataset", `mutation { updateDataset(where: {id: "nope"}, data: {displayName: "x"}) { id } }`, `volumes.primehub.io "nope" not found`},
		} {
			t.Run(c.op, func(t *testing.T) {
				resp := admin.MustDo(t, c.query, nil)
				if len(resp.Errors) != 1 || resp.Errors[0].Code() != "NOT_FOUND" || resp.Errors[0].Message != c.message {
					t.Errorf("answered %s; want one error %q with code NOT_FOUND", resp.Body, c.message)
				}
			})
		}
	})

	t.Run("bad input names the field and writes nothing", func(t *testing.T) {
		sfx := unique()
		for _, c := range []struct {
			name, query string
			field       string // the message names it
			written     func() bool
		}{
			{"bad instance type name", `mutation { createInstanceType(data: {name: "Bad_Name", cpuLimit: 1, memoryLimit: 1}) { id } }`, "name",
				func() bool { return exists(t, &v1beta1.InstanceType{ObjectMeta: meta(w.ns, "Bad_Name")}) }},
			{"negative cpu", `mutation { createInstanceType(data: {name: "neg-` + sfx + `", cpuLimit: -1, memoryLimit: 1}) { id } }`, "cpuLimit",
				func() bool { return exists(t, &v1beta1.InstanceType{ObjectMeta: meta(w.ns, "neg-"+sfx)}) }},
			{"negative gpu", `mutation { createInstanceType(data: {name: "gpu-` + sfx + `", cpuLimit: 1, memoryLimit: 1, gpuLimit: -1}) { id } }`, "gpuLimit",
				func() bool { return exists(t, &v1beta1.InstanceType{ObjectMeta: meta(w.ns, "gpu-"+sfx)}) }},
			{"negative group quota", `mutation { createGroup(data: {name: "q-` + sfx + `", quotaCpu: -2}) { id } }`, "quotaCpu",
				func() bool { return groupExists(w, "q-"+sfx) }},
			{"bad group name", `mutation { createGroup(data: {name: "bad name!"}) { id } }`, "name",
				func() bool { return groupExists(w, "bad name!") }},
			{"bad username", `mutation { createUser(data: {username: "bad name!"}) { id } }`, "username",
				func() bool { return userExists(w, "bad name!") }},
			{"pv dataset without a size", `mutation { createDataset(data: {name: "pv-` + sfx + `", type: "pv"}) { id } }`, "volumeSize",
				func() bool { return exists(t, &v1beta1.Volume{ObjectMeta: meta(w.ns, "pv-"+sfx)}) }},
			{"image of a bad type", `mutation { createImage(data: {name: "bt-` + sfx + `", url: "x", type: "tpu"}) { id } }`, "type",
				func() bool { return exists(t, &v1beta1.Image{ObjectMeta: meta(w.ns, "bt-"+sfx)}) }},
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

	t.Run("depth and complexity limits", func(t *testing.T) {
		deep := "{ id }"
		for i := range 12 {
			if i%2 == 0 {
				deep = "{ users " + deep + " }"
			} else {
				deep = "{ groups " + deep + " }"
			}
		}
		resp := admin.MustDo(t, "{ me "+deep+" }", nil)
		if len(resp.Errors) == 0 || resp.Errors[0].Code() == "" || !strings.Contains(resp.Body, "deep") {
			t.Errorf("a query 14 fields deep: %s, want refused with a code", resp.Body)
		}
		if string(resp.Data) != "" && string(resp.Data) != "null" {
			t.Errorf("a refused query answered data: %s", resp.Data)
		}
		var wide strings.Builder
		wide.WriteString("{")
		// Each me { groups } costs 21 objects (a list counts 20 without first): 3,000 of them
		// cost 63,000, over the limit of 50,000.
		for i := range 3000 {
			fmt.Fprintf(&wide, " a%d: me { groups { id } }", i)
		}
		wide.WriteString(" }")
		resp = admin.MustDo(t, wide.String(), nil)
		if len(resp.Errors) == 0 || resp.Errors[0].Code() == "" || !strings.Contains(resp.Body, "more than the limit of") {
			t.Errorf("a query of cost 63,000: %.300s, want refused with a code", resp.Body)
		}
		// Within the limits: answered.
		resp = admin.MustDo(t, "{ me { groups { users { id } } } }", nil)
		if err := errorsOf(resp); err != nil {
			t.Errorf("a shallow query: %v", err)
		}
	})
}

func hasCode(resp *framework.GraphQLResponse, code string) bool {
	return len(resp.Errors) > 0 && resp.Errors[0].Code() == code
}

func groupExists(w *world, name string) bool {
	_, err := w.g.Directory.GetGroup(context.Background(), name)
	return err == nil
}

func userExists(w *world, name string) bool {
	_, err := w.g.Directory.GetUser(context.Background(), name)
	return err == nil
}

func deref[T any](p *T) any {
	if p == nil {
		return nil
	}
	return *p
}

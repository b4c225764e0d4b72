// Package tenancy_test checks, as the people who use the platform, that nobody acts as
// another user: kubectl with a user's id_token and GraphQL with it, against `primehub
// serve` over HTTPS and a kube-apiserver that trusts its issuer (docs/admission.md).
package tenancy_test

import (
	"context"
	"fmt"
	"os"
	"testing"

	rbacv1 "k8s.io/api/rbac/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"sigs.k8s.io/controller-runtime/pkg/client"

	"github.com/primehub/primehub/internal/directory"
	"github.com/primehub/primehub/test/framework"
)

func TestMain(m *testing.M) { os.Exit(framework.RunWithAuthentication(m)) }

// people are the users of these tests: alice and bob share group team; bob alone is in
// group other; dave administers team; carol is a system administrator in no group.
var people = []directory.User{{Username: "alice"}, {Username: "bob"}, {Username: "dave"}, {Username: "carol", Admin: true}}

// world is serve, its users and their id_tokens, trusted by the API server.
type world struct {
	s      *framework.Served
	dir    directory.Directory
	tokens map[string]string
}

func newWorld(t *testing.T) *world {
	t.Helper()
	ctx := context.Background()
	s := framework.StartServeHTTPS(t, "primehub-tenancy")
	d := framework.StartBuiltinDirectory(t, s.Namespace, framework.Logger(t))
	for _, u := range people {
		if _, err := d.CreateUser(ctx, u); err != nil {
			t.Fatal(err)
		}
		if err := d.SetPassword(ctx, u.Username, password(u.Username)); err != nil {
			t.Fatal(err)
		}
	}
	for _, g := range []directory.Group{
		{Name: "team", Members: []string{"alice", "bob", "dave"}, Admins: []string{"dave"}},
		{Name: "other", Members: []string{"bob"}},
	} {
		if _, err := d.CreateGroup(ctx, g); err != nil {
			t.Fatal(err)
		}
	}
	w := &world{s: s, dir: d, tokens: map[string]string{}}
	// Log in once the groups exist: a token carries the groups of its login.
	for _, u := range people {
		w.tokens[u.Username] = s.Login(t, u.Username, password(u.Username))
	}
	s.TrustIssuer(t, w.tokens["alice"])
	return w
}

func password(username string) string { return username + "-password-1" }

// bindRole binds the ClusterRole role to user in namespace, as a cluster administrator.
func bindRole(t *testing.T, namespace, user, role string) {
	t.Helper()
	rb := &rbacv1.RoleBinding{
		ObjectMeta: metav1.ObjectMeta{Name: fmt.Sprintf("%s-%s", user, role), Namespace: namespace},
		RoleRef:    rbacv1.RoleRef{APIGroup: rbacv1.GroupName, Kind: "ClusterRole", Name: role},
		Subjects:   []rbacv1.Subject{{APIGroup: rbacv1.GroupName, Kind: rbacv1.UserKind, Name: user}},
	}
	if err := framework.Client().Create(context.Background(), rb); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = framework.Client().Delete(context.Background(), rb) })
}

// exists reports whether obj is there, reading it into obj.
func exists(t *testing.T, obj client.Object) bool {
	t.Helper()
	err := framework.Client().Get(context.Background(), client.ObjectKeyFromObject(obj), obj)
	if err != nil && client.IgnoreNotFound(err) != nil {
		t.Fatal(err)
	}
	return err == nil
}

// Package graphql_test tests the GraphQL API (/api/graphql) against the real control
// plane: the API served as `primehub serve` wires it, the builtin directory, personal API
// tokens and the shared secret, over loopback HTTP.
package graphql_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"slices"
	"strconv"
	"sync/atomic"
	"testing"
	"time"

	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"sigs.k8s.io/controller-runtime/pkg/client"

	"github.com/primehub/primehub/api/v1beta1"
	"github.com/primehub/primehub/internal/directory"
	"github.com/primehub/primehub/internal/graphql"
	"github.com/primehub/primehub/test/framework"
)

func TestMain(m *testing.M) { os.Exit(framework.Run(m)) }

// The roles every operation is tried as.
type role int

const (
	anonymous  role = iota // no Authorization header
	plainUser              // a user in no group but everyone
	member                 // a member of the world's group
	groupAdmin             // a member and administrator of the world's group
	sysAdmin               // a system administrator
	secret                 // the shared secret
)

var roles = []role{anonymous, plainUser, member, groupAdmin, sysAdmin, secret}

func (r role) String() string {
	return [...]string{"anonymous", "user", "member", "groupadmin", "admin", "secret"}[r]
}

// world is a platform with one of each kind of thing, seen from each role.
type world struct {
	g   *framework.GraphQL
	ns  string
	sfx string
	// group is the group member and groupAdmin belong to; other a group none of the roles
	// belong to, whose member is outsider.
	group, other string
	users        map[role]string
	outsider     string
	tokens       map[role]string

	// Instance types, images and volumes granted to group, to other and to everyone;
	// group images of group and of other.
	itGroup, itOther, itGlobal       string
	imgGroup, imgOther, imgGlobal    string
	gimgGroup, gimgOther             string
	volGroup, volOther, volGlobal    string
	opaqueSecret, pullSecret         string
	notebook, job, schedule, profile string // member's, in group
	deployment                       string // member's, in group
}

// newWorld serves the API in a namespace of its own and makes the world's fixtures.
func newWorld(t *testing.T) *world {
	t.Helper()
	ns := framework.NewNamespace(t)
	g := framework.StartGraphQL(t, ns, framework.GraphQLOptions{})
	sfx := ns[len("test-"):]
	w := &world{g: g, ns: ns, sfx: sfx, group: "team-" + sfx, other: "other-" + sfx,
		users: map[role]string{}, tokens: map[role]string{}, outsider: "outsider-" + sfx}
	for _, r := range []role{plainUser, member, groupAdmin, sysAdmin} {
		w.users[r] = r.String() + "-" + sfx
		w.mkUser(t, directory.User{Username: w.users[r], Email: w.users[r] + "@example.com", Admin: r == sysAdmin})
		w.tokens[r] = g.Token(t, w.users[r])
	}
	w.tokens[secret] = g.SharedSecret
	w.mkUser(t, directory.User{Username: w.outsider})
	w.mkGroup(t, directory.Group{Name: w.group, Members: []string{w.users[member], w.users[groupAdmin]}, Admins: []string{w.users[groupAdmin]},
		Deployments: &v1beta1.GroupDeployments{Enabled: true, AllowPublicEndpoints: true}}) // the SDK's example deploys a public endpoint
	w.mkGroup(t, directory.Group{Name: w.other, Members: []string{w.outsider}})

	w.itGroup, w.itOther, w.itGlobal = "it-group", "it-other", "it-global"
	w.imgGroup, w.imgOther, w.imgGlobal = "img-group", "img-other", "img-global"
	w.gimgGroup, w.gimgOther = "gimg-group", "gimg-other"
	w.volGroup, w.volOther, w.volGlobal = "vol-group", "vol-other", "vol-global"
	w.opaqueSecret, w.pullSecret = "git-credentials", "registry"
	w.notebook, w.job, w.schedule, w.profile = "nb-member", "job-member", "schedule-member", "profile-"+sfx
	w.deployment = "deploy-member"
	w.create(t,
		framework.MakeInstanceType(w.itGroup).Namespace(ns).Group(w.group).Obj(),
		framework.MakeInstanceType(w.itOther).Namespace(ns).Group(w.other).Obj(),
		framework.MakeInstanceType(w.itGlobal).Namespace(ns).Global().Obj(),
		framework.MakeImage(w.imgGroup).Namespace(ns).Group(w.group).Obj(),
		framework.MakeImage(w.imgOther).Namespace(ns).Group(w.other).Obj(),
		framework.MakeImage(w.imgGlobal).Namespace(ns).Global().Obj(),
		framework.MakeImage(w.gimgGroup).Namespace(ns).GroupName(w.group).Obj(),
		framework.MakeImage(w.gimgOther).Namespace(ns).GroupName(w.other).Obj(),
		framework.MakeVolume(w.volGroup).Namespace(ns).Env("A", "1").Group(w.group, true).Obj(),
		framework.MakeVolume(w.volOther).Namespace(ns).Env("A", "1").Group(w.other, true).Obj(),
		framework.MakeVolume(w.volGlobal).Namespace(ns).Env("A", "1").Global().Obj(),
		w.secretObj(w.opaqueSecret, corev1.SecretTypeOpaque),
		w.secretObj(w.pullSecret, corev1.SecretTypeDockerConfigJson),
		w.notebookObj(w.notebook, false),
		w.jobObj(w.job),
		w.scheduleObj(w.schedule),
		framework.MakeProfile(w.profile).Owner(w.users[member]).Obj(),
		w.deploymentObj(w.deployment),
	)
	w.create(t, appFixtures(w)...)

	return w
}

func (w *world) mkUser(t *testing.T, u directory.User) {
	t.Helper()
	ctx := context.Background()
	if _, err := w.g.Directory.CreateUser(ctx, u); err != nil {
		t.Fatalf("user %s: %v", u.Username, err)
	}
	t.Cleanup(func() { _ = w.g.Directory.DeleteUser(context.Background(), u.Username) })
}

func (w *world) mkGroup(t *testing.T, g directory.Group) {
	t.Helper()
	if _, err := w.g.Directory.CreateGroup(context.Background(), g); err != nil {
		t.Fatalf("group %s: %v", g.Name, err)
	}
	t.Cleanup(func() { _ = w.g.Directory.DeleteGroup(context.Background(), g.Name) })
}

// create makes objects (in the world's namespace unless cluster-scoped or set) and waits
// until the API's cache holds them.
func (w *world) create(t *testing.T, objs ...client.Object) {
	t.Helper()
	ctx := context.Background()
	for _, o := range objs {
		if _, cluster := o.(*v1beta1.Profile); !cluster && o.GetNamespace() == "" {
			o.SetNamespace(w.ns)
		}
		if err := framework.Client().Create(ctx, o); err != nil {
			t.Fatalf("create %T %s: %v", o, o.GetName(), err)
		}
		if _, cluster := o.(*v1beta1.Profile); cluster {
			t.Cleanup(func() { _ = framework.Client().Delete(context.Background(), o) })
		}
	}
	for _, o := range objs {
		w.cached(t, o)
	}
}

// cached waits until the API's cache holds o.
func (w *world) cached(t *testing.T, o client.Object) {
	t.Helper()
	var reader client.Reader = w.g.Manager.GetCache()
	if _, ok := o.(*corev1.Secret); ok {
		reader = w.g.Resolver.SecretReader
	}
	into := o.DeepCopyObject().(client.Object)
	framework.Eventually(t, 10*time.Second, func(ctx context.Context) error {
		return reader.Get(ctx, client.ObjectKeyFromObject(o), into)
	})
}

// exists reads o's name from the API server itself into o.
func exists(t *testing.T, o client.Object) bool {
	t.Helper()
	err := framework.Client().Get(context.Background(), client.ObjectKeyFromObject(o), o)
	if apierrors.IsNotFound(err) {
		return false
	}
	if err != nil {
		t.Fatalf("get %T %s: %v", o, o.GetName(), err)
	}
	return true
}

func (w *world) secretObj(name string, typ corev1.SecretType) *corev1.Secret {
	s := &corev1.Secret{
		ObjectMeta: metav1.ObjectMeta{Name: name, Namespace: w.ns, Labels: map[string]string{graphql.SecretLabel: "true"}},
		Type:       typ,
		Data:       map[string][]byte{"secret": []byte("s3cr3t-value")},
	}
	if typ == corev1.SecretTypeDockerConfigJson {
		s.Annotations = map[string]string{"primehub.io/registry-host": "registry.example.com", "primehub.io/registry-username": "bot"}
		s.Data = map[string][]byte{corev1.DockerConfigJsonKey: []byte(`{"auths":{"registry.example.com":{"username":"bot","password":"hunter2","auth":"Ym90Omh1bnRlcjI="}}}`)}
	}
	return s
}

func (w *world) notebookObj(name string, stopped bool) *v1beta1.Notebook {
	b := framework.MakeNotebook(name).Namespace(w.ns).User(w.users[member]).Group(w.group).InstanceType(w.itGroup).Image(w.imgGroup)
	if stopped {
		b = b.Stopped()
	}
	return b.Obj()
}

func (w *world) jobObj(name string) *v1beta1.PhJob {
	return framework.MakePhJob(name).Namespace(w.ns).User(w.users[member]).Group(w.group).InstanceType(w.itGroup).Image(w.imgGroup).Obj()
}

// deploymentObj is a model deployment of the member's in group, stopped (nothing runs
// here).
func (w *world) deploymentObj(name string) *v1beta1.PhDeployment {
	return &v1beta1.PhDeployment{ObjectMeta: meta(w.ns, name), Spec: v1beta1.PhDeploymentSpec{User: w.users[member], Group: w.group, Stop: true,
		PhDeploymentModel: v1beta1.PhDeploymentModel{ModelImage: w.imgGroup, InstanceType: w.itGroup, Replicas: 1}}}
}

func (w *world) scheduleObj(name string) *v1beta1.PhSchedule {
	return framework.MakePhSchedule(name).Namespace(w.ns).
		JobSpec(w.jobObj("").Spec).Recurrence(v1beta1.RecurrenceInactive, "").Obj()
}

// client is the API as r.
func (w *world) client(r role) *framework.GraphQLClient { return w.g.Client(w.tokens[r]) }

// inGroup tells whether r sees what the world's group may use: its members and those who
// see everything.
func inGroup(r role) bool { return r == member || r == groupAdmin || r == sysAdmin || r == secret }

// seesAll tells whether r sees everything.
func seesAll(r role) bool { return r == sysAdmin || r == secret }

// names reads the ids of a list answered at data.<field>, as a plain list or a connection.
func names(t *testing.T, resp *framework.GraphQLResponse, field string) []string {
	t.Helper()
	var data map[string]any
	if err := resp.Decode(&data); err != nil {
		t.Fatalf("%s: %v", field, err)
	}
	var items []any
	switch v := data[field].(type) {
	case []any:
		items = v
	case map[string]any:
		for _, e := range v["edges"].([]any) {
			items = append(items, e.(map[string]any)["node"])
		}
	default:
		t.Fatalf("%s: not a list: %v", field, data[field])
	}
	var out []string
	for _, it := range items {
		out = append(out, it.(map[string]any)["id"].(string))
	}
	return out
}

// sees checks that the list holds each of want exactly when it should.
func sees(t *testing.T, got []string, want map[string]bool) {
	t.Helper()
	for name, shown := range want {
		if slices.Contains(got, name) != shown {
			t.Errorf("%s shown: %v, want %v (list %v)", name, !shown, shown, got)
		}
	}
}

func errorsOf(resp *framework.GraphQLResponse) error {
	if len(resp.Errors) == 0 {
		return nil
	}
	return errors.New(resp.Body)
}

var counter atomic.Int64

// unique is a short name part no other call answers.
func unique() string { return strconv.FormatInt(counter.Add(1), 36) }

var _ = fmt.Sprintf

// Package deployment_test runs model deployments on the real control plane with kwok
// nodes, as the group's members drive them through GraphQL with their own tokens: the
// controller makes a Deployment whose pods the quota webhook admits, the endpoint through
// primehub reaches a model server standing at the pods' IPs, only with a client
// credential, and stop, start and update work.
package deployment_test

import (
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/go-logr/logr"
	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	networkingv1 "k8s.io/api/networking/v1"
	"k8s.io/apimachinery/pkg/api/resource"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/client-go/kubernetes"
	"k8s.io/utils/ptr"
	ctrl "sigs.k8s.io/controller-runtime"
	"sigs.k8s.io/controller-runtime/pkg/client"

	"github.com/primehub/primehub/api/v1beta1"
	"github.com/primehub/primehub/internal/auth"
	"github.com/primehub/primehub/internal/controller/deployment"
	"github.com/primehub/primehub/internal/controller/notebook"
	"github.com/primehub/primehub/internal/controller/phjob"
	"github.com/primehub/primehub/internal/directory"
	"github.com/primehub/primehub/internal/endpoint"
	"github.com/primehub/primehub/internal/graphql"
	"github.com/primehub/primehub/internal/names"
	"github.com/primehub/primehub/internal/quota"
	"github.com/primehub/primehub/test/framework"
)

func TestMain(m *testing.M) { os.Exit(framework.Run(m)) }

// env is one test's platform: GraphQL, the deployment controller with the webhooks, and
// the endpoint proxy, in a namespace of their own.
type env struct {
	ns       string
	g        *framework.GraphQL
	endpoint *httptest.Server
	// alice and bob are members of group ml (deployments enabled, maxDeploy 1; 4 cpu in
	// all); carol is in no group; nodeploy is alice's group without deployments.
	alice, bob, carol, ml, nodeploy string
	tokens                          map[string]string
	// writes counts the controller's API writes.
	writes *framework.Writes
}

func setup(t *testing.T) *env {
	t.Helper()
	ctx := context.Background()
	ns := framework.NewNamespace(t)
	sfx := ns[len("test-"):]
	e := &env{ns: ns, alice: "alice-" + sfx, bob: "bob-" + sfx, carol: "carol-" + sfx, ml: "ml_" + sfx, nodeploy: "nodeploy_" + sfx,
		tokens: map[string]string{}, writes: &framework.Writes{}}
	e.g = framework.StartGraphQL(t, ns, framework.GraphQLOptions{})
	dir := e.g.Directory
	for _, u := range []string{e.alice, e.bob, e.carol} {
		if _, err := dir.CreateUser(ctx, directory.User{Username: u}); err != nil {
			t.Fatal(err)
		}
		e.tokens[u] = e.g.Token(t, u)
	}
	for _, g := range []directory.Group{
		{Name: e.ml, Members: []string{e.alice, e.bob}, Deployments: &v1beta1.GroupDeployments{Enabled: true, Max: ptr.To[int32](1)},
			Quota: v1beta1.GroupQuota{Total: v1beta1.QuotaResources{CPU: ptr.To(resource.MustParse("4"))}}},
		{Name: e.nodeploy, Members: []string{e.alice}},
	} {
		if _, err := dir.CreateGroup(ctx, g); err != nil {
			t.Fatal(err)
		}
	}
	t.Cleanup(func() {
		for _, u := range []string{e.alice, e.bob, e.carol} {
			_ = dir.DeleteUser(ctx, u)
		}
		_ = dir.DeleteGroup(ctx, e.ml)
		_ = dir.DeleteGroup(ctx, e.nodeploy)
	})
	for _, o := range []client.Object{
		framework.MakeImage("model").Namespace(ns).Global().Obj(),
		framework.MakeInstanceType("cpu-1").Namespace(ns).CPU("1", "1").Memory("1Gi", "1Gi").Global().Obj(),
	} {
		if err := framework.Client().Create(ctx, o); err != nil {
			t.Fatal(err)
		}
	}
	mgr := framework.StartManager(t, func(mgr ctrl.Manager) error {
		counted, err := e.writes.Client(mgr)
		if err != nil {
			return err
		}
		r := &deployment.Reconciler{Client: counted, Launcher: framework.Launcher(mgr, dir, ns), Recorder: mgr.GetEventRecorder("phdeployment"),
			Proxies: &notebook.Proxies{Namespace: "primehub", Pods: metav1.LabelSelector{MatchLabels: map[string]string{"app.kubernetes.io/name": "primehub"}}}}
		if err := r.SetupWithManager(mgr); err != nil {
			return err
		}
		// Deployment pods carry the admission guard: only the webhook lets them start.
		return framework.SetupWebhooks(t, mgr, ns)
	})
	framework.WaitWebhooks(t, ns)
	pods, err := kubernetes.NewForConfig(framework.Config())
	if err != nil {
		t.Fatal(err)
	}
	authn := auth.New(auth.Options{SharedSecret: e.g.SharedSecret, Directory: dir, Tokens: e.g.Tokens, Log: logr.Discard()})
	mux := http.NewServeMux()
	mux.Handle(endpoint.Prefix, &endpoint.Proxy{Reader: mgr.GetClient(), Groups: dir, Namespace: ns, Log: logr.Discard()})
	mux.Handle(phjob.LogsPrefix, &phjob.Logs{Reader: mgr.GetClient(), Pods: pods, Authenticate: authn.Authenticate, Log: logr.Discard()})
	e.endpoint = httptest.NewServer(mux)
	t.Cleanup(e.endpoint.Close)
	return e
}

// as runs a GraphQL operation with user's token and answers the data or the error's code
// and message.
func (e *env) as(t *testing.T, user, query string, vars map[string]any, into any) (code, message string) {
	t.Helper()
	resp := e.g.Client(e.tokens[user]).MustDo(t, query, vars)
	if len(resp.Errors) > 0 {
		return resp.Errors[0].Code(), resp.Errors[0].Message
	}
	if into != nil {
		if err := resp.Decode(into); err != nil {
			t.Fatal(err)
		}
	}
	return "", ""
}

// must runs an operation that must succeed.
func (e *env) must(t *testing.T, user, query string, vars map[string]any, into any) {
	t.Helper()
	if code, msg := e.as(t, user, query, vars, into); code != "" {
		t.Fatalf("%s as %s: %s %s", query, user, code, msg)
	}
}

// waitFor waits until the deployment's status satisfies ok, and answers it.
func (e *env) waitFor(t *testing.T, id string, what string, ok func(d *v1beta1.PhDeployment) bool) *v1beta1.PhDeployment {
	t.Helper()
	d := &v1beta1.PhDeployment{}
	framework.Eventually(t, 90*time.Second, func(ctx context.Context) error {
		if err := framework.Client().Get(ctx, client.ObjectKey{Namespace: e.ns, Name: id}, d); err != nil {
			return err
		}
		if d.Status.ObservedGeneration != d.Generation || !ok(d) {
			return fmt.Errorf("deployment %s not %s: %s %s: %s (%d/%d available)", id, what, d.Status.Phase, d.Status.Reason, d.Status.Message,
				d.Status.AvailableReplicas, d.Spec.Replicas)
		}
		return nil
	})
	return d
}

func deployed(replicas int32) func(d *v1beta1.PhDeployment) bool {
	return func(d *v1beta1.PhDeployment) bool {
		return d.Status.Phase == v1beta1.PhDeploymentDeployed && d.Status.AvailableReplicas == replicas
	}
}

// pods are the deployment's pods that are not going away.
func (e *env) pods(t *testing.T, id string) []corev1.Pod {
	t.Helper()
	var list corev1.PodList
	if err := framework.Client().List(context.Background(), &list, client.InNamespace(e.ns), client.MatchingLabels{deployment.LabelDeployment: id}); err != nil {
		t.Fatal(err)
	}
	return slices.DeleteFunc(list.Items, func(p corev1.Pod) bool { return !p.DeletionTimestamp.IsZero() })
}

// modelServers stand a model server at each pod's IP, on the model port, answering who
// it is, the path it was called at and whether it saw an Authorization header.
func modelServers(t *testing.T, pods []corev1.Pod) {
	t.Helper()
	for _, p := range pods {
		l, err := net.Listen("tcp", net.JoinHostPort(p.Status.PodIP, strconv.Itoa(deployment.Port)))
		if err != nil {
			t.Fatalf("listen at pod %s's IP %s: %v", p.Name, p.Status.PodIP, err)
		}
		srv := &http.Server{ReadHeaderTimeout: 5 * time.Second, Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			// A cookie of the console's name: a model server must not set cookies on
			// primehub's origin.
			http.SetCookie(w, &http.Cookie{Name: "session", Value: "planted", Path: "/"})
			fmt.Fprintf(w, "model at %s path %s authorization %q cookie %q", p.Status.PodIP, r.URL.Path, r.Header.Get("Authorization"), r.Header.Get("Cookie"))
		})}
		go func() { _ = srv.Serve(l) }()
		t.Cleanup(func() { _ = srv.Close() })
	}
}

// call POSTs to the deployment's endpoint with an HTTP Basic credential (none when name
// is empty).
func (e *env) call(t *testing.T, id, name, secret string) (int, string) {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, e.endpoint.URL+endpoint.Prefix+id+"/api/v1.0/predictions", strings.NewReader(`{"data":{"ndarray":[[1,2,3,4]]}}`))
	if err != nil {
		t.Fatal(err)
	}
	if name != "" {
		req.Header.Set("Authorization", "Basic "+base64.StdEncoding.EncodeToString([]byte(name+":"+secret)))
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(body)
}

// eventuallyCall waits until a call with the credential is answered code (the proxy reads
// the deployment from its cache).
func (e *env) eventuallyCall(t *testing.T, id, name, secret string, code int) string {
	t.Helper()
	var body string
	framework.Eventually(t, 30*time.Second, func(context.Context) error {
		var got int
		got, body = e.call(t, id, name, secret)
		if got != code {
			return fmt.Errorf("endpoint answered %d %s, want %d", got, body, code)
		}
		return nil
	})
	return body
}

const create = `mutation($data: PhDeploymentCreateInput!) { createPhDeployment(data: $data) { id status endpoint endpointAccessType } }`

type created struct {
	CreatePhDeployment struct{ ID, Status, Endpoint, EndpointAccessType string }
}

// A member deploys a model; it runs on kwok with its pods admitted and counted by the
// quota, and its private endpoint answers only with a client credential a member made.
func TestDeploymentRunsAndItsEndpointNeedsAClientCredential(t *testing.T) {
	e := setup(t)
	var c created
	e.must(t, e.alice, create, map[string]any{"data": map[string]any{"id": "iris", "name": "Iris", "groupId": e.ml, "instanceType": "cpu-1",
		"modelImage": "model", "replicas": 2, "env": []map[string]any{{"name": "MODEL_NAME", "value": "iris"}}}}, &c)
	if c.CreatePhDeployment.EndpointAccessType != "private" || !strings.HasSuffix(c.CreatePhDeployment.Endpoint, "/deployment/iris/") {
		t.Errorf("created %+v: want a private endpoint at /deployment/iris/", c.CreatePhDeployment)
	}
	d := e.waitFor(t, "iris", "deployed", deployed(2))
	if len(d.Status.History) != 1 || d.Status.History[0].User != e.alice {
		t.Errorf("history %+v, want one revision by %s", d.Status.History, e.alice)
	}

	// A Deployment and a Service the deployment controls; pods Running on kwok, admitted
	// by the webhook (no guard left), labelled for the quota as alice's in ml.
	ctx := context.Background()
	dep := &appsv1.Deployment{}
	if err := framework.Client().Get(ctx, client.ObjectKey{Namespace: e.ns, Name: "deploy-iris"}, dep); err != nil {
		t.Fatal(err)
	}
	svc := &corev1.Service{}
	if err := framework.Client().Get(ctx, client.ObjectKey{Namespace: e.ns, Name: "deploy-iris"}, svc); err != nil {
		t.Fatal(err)
	}
	// Only primehub's pods may reach the model servers: the credential is checked by its proxy.
	np := &networkingv1.NetworkPolicy{}
	if err := framework.Client().Get(ctx, client.ObjectKey{Namespace: e.ns, Name: "deploy-iris"}, np); err != nil {
		t.Fatal(err)
	}
	if dep.OwnerReferences[0].UID != d.UID || svc.OwnerReferences[0].UID != d.UID || np.OwnerReferences[0].UID != d.UID {
		t.Errorf("owners: deployment %v, service %v, network policy %v", dep.OwnerReferences, svc.OwnerReferences, np.OwnerReferences)
	}
	if len(np.Spec.Ingress) != 1 || np.Spec.PodSelector.MatchLabels[deployment.LabelDeployment] != "iris" ||
		np.Spec.Ingress[0].From[0].PodSelector.MatchLabels["app.kubernetes.io/name"] != "primehub" {
		t.Errorf("network policy %+v", np.Spec)
	}
	pods := e.pods(t, "iris")
	if len(pods) != 2 {
		t.Fatalf("%d pods, want 2", len(pods))
	}
	for _, p := range pods {
		if p.Status.Phase != corev1.PodRunning || quota.Guarded(&p.Spec) || p.Labels[quota.LabelUser] != names.Label(e.alice) || p.Labels[quota.LabelGroup] != names.Label(e.ml) {
			t.Errorf("pod %s: %s, guarded %v, labels %v", p.Name, p.Status.Phase, quota.Guarded(&p.Spec), p.Labels)
		}
		if !strings.HasPrefix(p.Name, "deploy-iris-") {
			t.Errorf("pod %s: PrimeHub's clients find a deployment's pods by the prefix deploy-<id>", p.Name)
		}
	}
	modelServers(t, pods)

	// The quota counts them: with 2 of the group's 4 cores in use, a pod of 3 more is refused.
	over := framework.MakePod("over", e.ns).Group(e.ml).User(e.bob).Limits("3", "1Gi", 0).Obj()
	if err := framework.Client().Create(ctx, over, client.DryRunAll); err == nil || !strings.Contains(err.Error(), "GROUP "+e.ml+" exceeded cpu quota: 4, requesting 5") {
		t.Errorf("a pod over what the deployment leaves of the group's quota: %v", err)
	}

	// The pods' logs: for the group's members, through the logEndpoint PrimeHub's SDK reads.
	var logs struct {
		PhDeployment struct {
			Pods []struct{ Name, LogEndpoint string }
		}
	}
	e.must(t, e.bob, `{ phDeployment(where: {id: "iris"}) { pods { name logEndpoint } } }`, nil, &logs)
	if len(logs.PhDeployment.Pods) != 2 {
		t.Fatalf("pods %+v", logs.PhDeployment.Pods)
	}
	logURL := e.endpoint.URL + logs.PhDeployment.Pods[0].LogEndpoint
	if code, body := framework.Get(t, logURL+"?tailLines=10", e.tokens[e.bob]); code != http.StatusOK || !strings.Contains(body, "simulated by kwok") {
		t.Errorf("a member reading a pod's logs: %d %s", code, body)
	}
	if code, body := framework.Get(t, logURL, e.tokens[e.carol]); code != http.StatusNotFound {
		t.Errorf("a non-member reading a pod's logs: %d %s, want 404", code, body)
	}
	other := e.endpoint.URL + phjob.LogsPrefix + "namespaces/" + e.ns + "/phdeployments/iris/pods/not-its-pod"
	if code, body := framework.Get(t, other, e.tokens[e.bob]); code != http.StatusNotFound {
		t.Errorf("a pod that is not the deployment's: %d %s, want 404", code, body)
	}

	// Without a credential, and with a wrong one: refused.
	if code, body := e.call(t, "iris", "", ""); code != http.StatusUnauthorized || !strings.Contains(body, "private") {
		t.Errorf("no credential: %d %s, want 401", code, body)
	}
	// bob, another member, makes a client; its secret is shown once.
	var made struct {
		CreatePhDeploymentClient struct{ Name, PlainTextToken string }
	}
	e.must(t, e.bob, `mutation($id: ID!) { createPhDeploymentClient(data: {deploymentId: $id, name: "app"}) { name plainTextToken } }`,
		map[string]any{"id": "iris"}, &made)
	secret := made.CreatePhDeploymentClient.PlainTextToken
	if secret == "" {
		t.Fatal("no secret answered")
	}
	body := e.eventuallyCall(t, "iris", "app", secret, http.StatusOK)
	if !strings.Contains(body, "path /api/v1.0/predictions") || !strings.Contains(body, `authorization ""`) || !strings.Contains(body, `cookie ""`) {
		t.Errorf("model server saw %q: want the path without the prefix, and neither credential nor cookies passed on", body)
	}
	// What the model server answers is sandboxed on primehub's origin and sets no cookie.
	req, _ := http.NewRequest(http.MethodGet, e.endpoint.URL+endpoint.Prefix+"iris/", nil)
	req.SetBasicAuth("app", secret)
	req.AddCookie(&http.Cookie{Name: "session", Value: "console-session"})
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	page, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if csp := resp.Header.Get("Content-Security-Policy"); csp != "sandbox" || len(resp.Cookies()) != 0 || resp.Header.Get("X-Content-Type-Options") != "nosniff" {
		t.Errorf("answer headers %v: want Content-Security-Policy sandbox, nosniff and no Set-Cookie", resp.Header)
	}
	if strings.Contains(string(page), "console-session") {
		t.Errorf("the caller's cookies reached the model server: %s", page)
	}
	for _, wrong := range [][2]string{{"app", secret + "x"}, {"app", ""}, {"other", secret}} {
		if code, body := e.call(t, "iris", wrong[0], wrong[1]); code != http.StatusUnauthorized {
			t.Errorf("client %q with a wrong secret: %d %s, want 401", wrong[0], code, body)
		}
	}
	// The secret is kept nowhere: the deployment holds its hash only.
	if err := framework.Client().Get(ctx, client.ObjectKeyFromObject(d), d); err != nil {
		t.Fatal(err)
	}
	if len(d.Spec.Endpoint.Clients) != 1 || d.Spec.Endpoint.Clients[0].SecretHash != deployment.HashSecret(secret) {
		t.Errorf("clients %+v", d.Spec.Endpoint.Clients)
	}
	// carol, no member, can neither make a client nor see the deployment.
	if code, msg := e.as(t, e.carol, `mutation { createPhDeploymentClient(data: {deploymentId: "iris", name: "mine"}) { plainTextToken } }`, nil, nil); code != graphql.CodeForbidden {
		t.Errorf("a non-member making a client: %s %s, want FORBIDDEN", code, msg)
	}
	// Revoked, the credential is refused.
	e.must(t, e.alice, `mutation { deletePhDeploymentClient(where: {deploymentId: "iris", name: "app"}) { id } }`, nil, nil)
	e.eventuallyCall(t, "iris", "app", secret, http.StatusUnauthorized)
}

// An endpoint is public only while its group allows public endpoints (the group's
// allowPublicDeploymentEndpoints, off by default, which system administrators alone set):
// members are refused making one public otherwise, and an administrator turning the
// setting off makes the group's public endpoints private at once.
func TestPublicEndpointOnlyWhileTheGroupAllowsIt(t *testing.T) {
	e := setup(t)
	ctx := context.Background()
	admin := "admin-" + e.ns[len("test-"):]
	if _, err := e.g.Directory.CreateUser(ctx, directory.User{Username: admin, Admin: true}); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = e.g.Directory.DeleteUser(ctx, admin) })
	e.tokens[admin] = e.g.Token(t, admin)
	allow := func(user string, allowed bool) (code, message string) {
		return e.as(t, user, `mutation($id: ID!, $allow: Boolean) { updateGroup(where: {id: $id}, data: {allowPublicDeploymentEndpoints: $allow}) { id } }`,
			map[string]any{"id": e.ml, "allow": allowed}, nil)
	}
	const makePublic = `mutation { updatePhDeployment(where: {id: "open"}, data: {endpointAccessType: "public"}) { id } }`
	accessType := func() v1beta1.EndpointAccessType {
		d := &v1beta1.PhDeployment{}
		if err := framework.Client().Get(ctx, client.ObjectKey{Namespace: e.ns, Name: "open"}, d); err != nil {
			t.Fatal(err)
		}
		return d.Spec.Endpoint.AccessType
	}

	// Not allowed: creating a public endpoint is refused, naming the setting, and nothing is made.
	data := map[string]any{"id": "open", "name": "Open", "groupId": e.ml, "instanceType": "cpu-1", "modelImage": "model", "endpointAccessType": "public"}
	if code, msg := e.as(t, e.alice, create, map[string]any{"data": data}, nil); code != graphql.CodeForbidden || !strings.Contains(msg, "allowPublicDeploymentEndpoints") {
		t.Errorf("a public endpoint in a group that does not allow it: %s %s, want FORBIDDEN naming allowPublicDeploymentEndpoints", code, msg)
	}
	if err := framework.Client().Get(ctx, client.ObjectKey{Namespace: e.ns, Name: "open"}, &v1beta1.PhDeployment{}); err == nil {
		t.Fatal("the refused public deployment was made")
	}
	data["endpointAccessType"] = "private"
	e.must(t, e.alice, create, map[string]any{"data": data}, nil)
	e.waitFor(t, "open", "deployed", deployed(1))
	modelServers(t, e.pods(t, "open"))
	// Nor can a member make it public, which changes nothing.
	if code, msg := e.as(t, e.bob, makePublic, nil, nil); code != graphql.CodeForbidden || !strings.Contains(msg, "allowPublicDeploymentEndpoints") {
		t.Errorf("making an endpoint public in a group that does not allow it: %s %s, want FORBIDDEN naming allowPublicDeploymentEndpoints", code, msg)
	}
	if got := accessType(); got != v1beta1.EndpointPrivate {
		t.Errorf("after the refused update the endpoint is %q, want private", got)
	}
	if code, body := e.call(t, "open", "", ""); code != http.StatusUnauthorized {
		t.Errorf("no credential: %d %s, want 401", code, body)
	}

	// A member cannot allow it; a system administrator can, and the members see it.
	if code, msg := allow(e.alice, true); code != graphql.CodeForbidden {
		t.Errorf("a member allowing public endpoints: %s %s, want FORBIDDEN", code, msg)
	}
	if code, msg := allow(admin, true); code != "" {
		t.Fatalf("an administrator allowing public endpoints: %s %s", code, msg)
	}
	var me struct {
		Me struct {
			EffectiveGroups []struct {
				Name                           string
				AllowPublicDeploymentEndpoints bool
			}
		}
	}
	e.must(t, e.bob, `{ me { effectiveGroups { name allowPublicDeploymentEndpoints } } }`, nil, &me)
	if !slices.ContainsFunc(me.Me.EffectiveGroups, func(g struct {
		Name                           string
		AllowPublicDeploymentEndpoints bool
	}) bool {
		return g.Name == e.ml && g.AllowPublicDeploymentEndpoints
	}) {
		t.Errorf("a member's groups %+v: want %s allowing public endpoints", me.Me.EffectiveGroups, e.ml)
	}

	// Allowed: a member makes it public, and anyone calls it.
	e.must(t, e.bob, makePublic, nil, nil)
	e.eventuallyCall(t, "open", "", "", http.StatusOK)

	// Turned off: the endpoint is private at once, though its spec still says public;
	// its clients still call it.
	var made struct {
		CreatePhDeploymentClient struct{ PlainTextToken string }
	}
	e.must(t, e.bob, `mutation { createPhDeploymentClient(data: {deploymentId: "open", name: "app"}) { plainTextToken } }`, nil, &made)
	if code, msg := allow(admin, false); code != "" {
		t.Fatalf("an administrator disallowing public endpoints: %s %s", code, msg)
	}
	// At once: the endpoint reads the group from the directory's cache at each call, so
	// only the cache's own delay (well under a second) passes.
	framework.Eventually(t, 3*time.Second, func(context.Context) error {
		if code, body := e.call(t, "open", "", ""); code != http.StatusUnauthorized || !strings.Contains(body, "allowPublicDeploymentEndpoints") {
			return fmt.Errorf("without a credential: %d %s, want 401 naming allowPublicDeploymentEndpoints", code, body)
		}
		return nil
	})
	if got := accessType(); got != v1beta1.EndpointPublic {
		t.Errorf("the spec says %q; want it left public (the group decides at each call)", got)
	}
	e.eventuallyCall(t, "open", "app", made.CreatePhDeploymentClient.PlainTextToken, http.StatusOK)
}

// Stop scales to zero and start brings the deployment back; an update rolls out a new
// revision, which the history names with who made it.
func TestStopStartAndUpdate(t *testing.T) {
	e := setup(t)
	e.must(t, e.alice, create, map[string]any{"data": map[string]any{"id": "life", "name": "Life", "groupId": e.ml, "instanceType": "cpu-1", "modelImage": "model"}}, nil)
	e.waitFor(t, "life", "deployed", deployed(1))
	first := e.pods(t, "life")

	e.must(t, e.bob, `mutation { stopPhDeployment(where: {id: "life"}) { id stop } }`, nil, nil)
	e.waitFor(t, "life", "stopped", func(d *v1beta1.PhDeployment) bool { return d.Status.Phase == v1beta1.PhDeploymentStopped })
	framework.Eventually(t, 30*time.Second, func(context.Context) error {
		if n := len(e.pods(t, "life")); n != 0 {
			return fmt.Errorf("%d pods left", n)
		}
		return nil
	})
	if code, body := e.call(t, "life", "", ""); code != http.StatusUnauthorized && code != http.StatusServiceUnavailable {
		t.Errorf("a stopped deployment answered %d %s", code, body)
	}
	e.must(t, e.alice, `mutation { deployPhDeployment(where: {id: "life"}) { id } }`, nil, nil)
	e.waitFor(t, "life", "deployed again", deployed(1))

	// bob rolls out a new image with a message: new pods, a second revision by bob.
	e.must(t, e.bob, `mutation { updatePhDeployment(where: {id: "life"}, data: {modelImage: "registry.example/model:2", updateMessage: "v2"}) { id } }`, nil, nil)
	d := e.waitFor(t, "life", "rolled out", func(d *v1beta1.PhDeployment) bool {
		return deployed(1)(d) && len(d.Status.History) == 2
	})
	pods := e.pods(t, "life")
	if len(pods) != 1 || pods[0].Spec.Containers[0].Image != "registry.example/model:2" || slices.ContainsFunc(first, func(p corev1.Pod) bool { return p.Name == pods[0].Name }) {
		t.Errorf("after the update, pods %v", podImages(pods))
	}
	var got struct {
		PhDeployment struct {
			History []struct {
				Time       string
				Deployment struct{ UserName, ModelImage, UpdateMessage string }
			}
		}
	}
	e.must(t, e.alice, `{ phDeployment(where: {id: "life"}) { history { time deployment { userName modelImage updateMessage } } } }`, nil, &got)
	h := got.PhDeployment.History
	if len(h) != 2 || h[0].Deployment.UserName != e.bob || h[0].Deployment.ModelImage != "registry.example/model:2" || h[0].Deployment.UpdateMessage != "v2" ||
		h[1].Deployment.UserName != e.alice || h[1].Deployment.ModelImage != "model" {
		t.Errorf("history (newest first) %+v, status %+v", h, d.Status.History)
	}
}

// Who may not deploy is refused with the reason, and nothing runs: a non-member, a group
// without deployments, one deployment over maxDeploy, more replicas than the quota.
func TestDeploymentRefusals(t *testing.T) {
	e := setup(t)
	data := func(id, group string, replicas int) map[string]any {
		return map[string]any{"data": map[string]any{"id": id, "name": id, "groupId": group, "instanceType": "cpu-1", "modelImage": "model", "replicas": replicas}}
	}
	tests := []struct {
		name, user, id, group string
		replicas              int
		code, message         string
	}{
		{"a non-member", e.carol, "carols", e.ml, 1, graphql.CodeForbidden, "is not a member of group " + e.ml},
		{"a group without deployments", e.alice, "nodeploy", e.nodeploy, 1, graphql.CodeForbidden, "may not deploy models: its deployments are not enabled"},
		{"more replicas than the group's quota", e.alice, "huge", e.ml, 5, graphql.CodeBadInput, "exceeded cpu quota: 4, requesting 5"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, msg := e.as(t, tt.user, create, data(tt.id, tt.group, tt.replicas), nil)
			if code != tt.code || !strings.Contains(msg, tt.message) {
				t.Errorf("%s: %s, want %s with %q", code, msg, tt.code, tt.message)
			}
			if err := framework.Client().Get(context.Background(), client.ObjectKey{Namespace: e.ns, Name: tt.id}, &v1beta1.PhDeployment{}); err == nil {
				t.Errorf("deployment %s was made", tt.id)
			}
		})
	}
	// maxDeploy 1: a second running deployment is refused; stopping the first makes room.
	e.must(t, e.alice, create, data("one", e.ml, 1), nil)
	if code, msg := e.as(t, e.bob, create, data("two", e.ml, 1), nil); code != graphql.CodeForbidden || !strings.Contains(msg, "runs 1 deployments, as many as its maxDeploy (1) allows") {
		t.Errorf("over maxDeploy: %s %s", code, msg)
	}
	e.must(t, e.alice, `mutation { stopPhDeployment(where: {id: "one"}) { id } }`, nil, nil)
	framework.Eventually(t, 10*time.Second, func(ctx context.Context) error {
		if code, msg := e.as(t, e.bob, create, data("two", e.ml, 1), nil); code != "" {
			return errors.New(msg)
		}
		return nil
	})
	// GraphQL counts the group's running deployments from its cache: once it lists two, it
	// refuses to start one again.
	framework.Eventually(t, 10*time.Second, func(ctx context.Context) error {
		if code, msg := e.as(t, e.bob, `{ phDeployment(where: {id: "two"}) { id } }`, nil, nil); code != "" {
			return errors.New(msg)
		}
		return nil
	})
	if code, msg := e.as(t, e.alice, `mutation { deployPhDeployment(where: {id: "one"}) { id } }`, nil, nil); code != graphql.CodeForbidden || !strings.Contains(msg, "maxDeploy") {
		t.Errorf("starting one over maxDeploy: %s %s", code, msg)
	}

	// Made past GraphQL (as the cluster's admin), the controller refuses it all the same.
	sneaky := &v1beta1.PhDeployment{ObjectMeta: metav1.ObjectMeta{Namespace: e.ns, Name: "sneaky"}, Spec: v1beta1.PhDeploymentSpec{User: e.alice, Group: e.nodeploy,
		PhDeploymentModel: v1beta1.PhDeploymentModel{ModelImage: "model", InstanceType: "cpu-1", Replicas: 1}}}
	if err := framework.Client().Create(context.Background(), sneaky); err != nil {
		t.Fatal(err)
	}
	d := e.waitFor(t, "sneaky", "failed", func(d *v1beta1.PhDeployment) bool { return d.Status.Phase == v1beta1.PhDeploymentFailed })
	if d.Status.Reason != "DeploymentsDisabled" {
		t.Errorf("status %s: %s", d.Status.Reason, d.Status.Message)
	}
	if err := framework.Client().Get(context.Background(), client.ObjectKey{Namespace: e.ns, Name: "deploy-sneaky"}, &appsv1.Deployment{}); err == nil {
		t.Error("a Deployment was made for a group without deployments")
	}
}

// A deployment whose spec is met is left alone: a reconcile with nothing to do writes
// nothing.
func TestIdleReconcileMakesNoWrites(t *testing.T) {
	e := setup(t)
	e.must(t, e.alice, create, map[string]any{"data": map[string]any{"id": "steady", "name": "Steady", "groupId": e.ml, "instanceType": "cpu-1", "modelImage": "model"}}, nil)
	d := e.waitFor(t, "steady", "deployed", deployed(1))
	e.writes.Settle(t, e.ns)
	before := e.writes.For(e.ns)
	// As it is once the controller has settled (it may have written its status since).
	if err := framework.Client().Get(context.Background(), client.ObjectKeyFromObject(d), d); err != nil {
		t.Fatal(err)
	}
	// A label change makes the controller reconcile a deployment with nothing to do.
	d.Labels = map[string]string{"touched": "yes"}
	if err := framework.Client().Update(context.Background(), d); err != nil {
		t.Fatal(err)
	}
	time.Sleep(2 * time.Second)
	if n := e.writes.For(e.ns) - before; n != 0 {
		t.Errorf("an idle reconcile made %d API writes, want 0", n)
	}
}

func podImages(pods []corev1.Pod) []string {
	var out []string
	for _, p := range pods {
		out = append(out, p.Name+"="+p.Spec.Containers[0].Image)
	}
	return out
}

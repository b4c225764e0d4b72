// Package app_test installs applications on the real control plane with kwok nodes: the
// GraphQL API with users' tokens, the application controller, the quota webhook, the
// garbage collector and the app proxy, which reaches a test server at the pod's IP.
package app_test

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/go-logr/logr"
	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	networkingv1 "k8s.io/api/networking/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	"k8s.io/apimachinery/pkg/api/resource"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/client-go/kubernetes"
	ctrl "sigs.k8s.io/controller-runtime"
	"sigs.k8s.io/controller-runtime/pkg/client"

	"github.com/primehub/primehub/api/v1beta1"
	"github.com/primehub/primehub/internal/appproxy"
	"github.com/primehub/primehub/internal/auth"
	"github.com/primehub/primehub/internal/controller/app"
	"github.com/primehub/primehub/internal/controller/phjob"
	"github.com/primehub/primehub/internal/directory"
	"github.com/primehub/primehub/internal/hop"
	"github.com/primehub/primehub/internal/quota"
	"github.com/primehub/primehub/test/framework"
)

func TestMain(m *testing.M) { os.Exit(framework.RunWithCluster(m)) }

// port is where the test template's web UI listens.
const port = 8080

type env struct {
	ns, alice, bob, group string
	g                     *framework.GraphQL
	authn                 *auth.Authenticator
	gate                  *hop.Gate
	proxy                 *httptest.Server
	// logs serves pods' logs (phjob.LogsPrefix), as primehub does.
	logs   *httptest.Server
	writes *framework.Writes
}

// setup serves the API and the app proxy and runs the application controller and the
// webhooks for a platform namespace of its own, with alice in the group and bob outside
// it, a global instance type and a template with a web UI and a volume.
func setup(t *testing.T) *env {
	t.Helper()
	ctx := context.Background()
	ns := framework.NewNamespace(t)
	sfx := ns[len("test-"):]
	e := &env{ns: ns, alice: "alice-" + sfx, bob: "bob-" + sfx, group: "team-" + sfx, writes: &framework.Writes{}}
	e.g = framework.StartGraphQL(t, ns, framework.GraphQLOptions{})
	for _, u := range []string{e.alice, e.bob} {
		if _, err := e.g.Directory.CreateUser(ctx, directory.User{Username: u}); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := e.g.Directory.CreateGroup(ctx, directory.Group{Name: e.group, Members: []string{e.alice}}); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_ = e.g.Directory.DeleteUser(ctx, e.alice)
		_ = e.g.Directory.DeleteUser(ctx, e.bob)
		_ = e.g.Directory.DeleteGroup(ctx, e.group)
	})
	for _, o := range []client.Object{
		framework.MakeInstanceType("cpu-1").Namespace(ns).CPU("1", "1").Memory("1Gi", "1Gi").Global().Obj(),
		&v1beta1.PhAppTemplate{ObjectMeta: metav1.ObjectMeta{Namespace: ns, Name: "web"}, Spec: v1beta1.PhAppTemplateSpec{
			DisplayName: "Web", Image: "web:1", Ports: []v1beta1.AppPort{{Name: "http", Port: port}}, HTTP: &v1beta1.AppHTTP{Port: port},
			DefaultEnvs: []v1beta1.AppEnv{{Name: "GREETING", DefaultValue: "hello"}},
			Volume:      &v1beta1.AppVolume{MountPath: "/data", Capacity: resource.MustParse("1Gi")}}},
	} {
		if err := framework.Client().Create(ctx, o); err != nil {
			t.Fatal(err)
		}
	}
	e.authn = auth.New(auth.Options{Directory: e.g.Directory, Tokens: e.g.Tokens})
	e.gate = appproxy.NewGate(hop.Gate{Bearer: e.authn.Authenticate, Identify: e.authn.Identify,
		Sessions: hop.NewSessions([]byte("test-app-session-key-" + ns)), LoginURL: "http://console.invalid/console/notebook-login"})
	p := &appproxy.Proxy{Namespace: ns, Gate: e.gate}
	pods, err := kubernetes.NewForConfig(framework.Config())
	if err != nil {
		t.Fatal(err)
	}
	logs := &phjob.Logs{Pods: pods, Authenticate: e.authn.Authenticate, Log: logr.Discard()}
	framework.StartManager(t, func(mgr ctrl.Manager) error {
		p.Reader = mgr.GetClient()
		logs.Reader = mgr.GetClient()
		counted, err := e.writes.Client(mgr)
		if err != nil {
			return err
		}
		r := &app.Reconciler{Client: counted, Launcher: framework.Launcher(mgr, e.g.Directory, ns),
			Platform: app.Platform{URL: "http://127.0.0.1", ProxyNamespace: "primehub"}, Recorder: mgr.GetEventRecorder("phapplication")}
		if err := r.SetupWithManager(mgr); err != nil {
			return err
		}
		// App pods carry the admission guard: only the webhook lets them start.
		return framework.SetupWebhooks(t, mgr, ns)
	})
	framework.WaitWebhooks(t, ns)
	e.proxy = httptest.NewServer(p)
	e.gate.Origin = e.proxy.URL
	t.Cleanup(e.proxy.Close)
	e.logs = httptest.NewServer(logs)
	t.Cleanup(e.logs.Close)
	return e
}

// do runs a GraphQL operation as token and fails the test on errors.
func (e *env) do(t *testing.T, token, query string, vars map[string]any) {
	t.Helper()
	resp := e.g.Client(token).MustDo(t, query, vars)
	if len(resp.Errors) > 0 {
		t.Fatalf("%s: %s", query, resp.Body)
	}
}

// waitPhase waits for the application's phase.
func waitPhase(t *testing.T, ns, id string, phase v1beta1.PhApplicationPhase) *v1beta1.PhApplication {
	t.Helper()
	a := &v1beta1.PhApplication{}
	framework.Eventually(t, time.Minute, func(ctx context.Context) error {
		if err := framework.Client().Get(ctx, client.ObjectKey{Namespace: ns, Name: id}, a); err != nil {
			return err
		}
		if a.Status.Phase != phase || a.Status.ObservedGeneration != a.Generation {
			return fmt.Errorf("phase %s (%s: %s), want %s", a.Status.Phase, a.Status.Reason, a.Status.Message, phase)
		}
		return nil
	})
	return a
}

// runningPod waits for the application's pod to run, and answers it.
func runningPod(t *testing.T, ns, id string) *corev1.Pod {
	t.Helper()
	var pod *corev1.Pod
	framework.Eventually(t, time.Minute, func(ctx context.Context) error {
		pods := &corev1.PodList{}
		if err := framework.Client().List(ctx, pods, client.InNamespace(ns), client.MatchingLabels{app.LabelApp: id}); err != nil {
			return err
		}
		for i := range pods.Items {
			if p := &pods.Items[i]; p.Status.Phase == corev1.PodRunning && p.Status.PodIP != "" && p.DeletionTimestamp == nil {
				pod = p
				return nil
			}
		}
		return fmt.Errorf("no running pod among %d", len(pods.Items))
	})
	return pod
}

// serveAt stands the application's web UI at the pod's IP: it echoes what it was asked.
func serveAt(t *testing.T, podIP string) {
	t.Helper()
	l, err := net.Listen("tcp", net.JoinHostPort(podIP, strconv.Itoa(port)))
	if err != nil {
		t.Fatalf("listen at the pod IP %s: %v", podIP, err)
	}
	srv := &http.Server{ReadHeaderTimeout: 5 * time.Second, Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintf(w, "app: path=%s authorization=%q cookie=%q", r.URL.Path, r.Header.Get("Authorization"), r.Header.Get("Cookie"))
	})}
	go func() { _ = srv.Serve(l) }()
	t.Cleanup(func() { _ = srv.Close() })
}

// get asks the proxy for path with token (if any), as an API client.
func (e *env) get(t *testing.T, path, token string) (int, string) {
	t.Helper()
	return framework.Get(t, e.proxy.URL+path, token)
}

const install = `mutation($id: ID!, $g: String!, $scope: String) {
	createPhApplication(data: {id: $id, templateId: "web", groupName: $g, instanceType: "cpu-1", scope: $scope, env: [{name: "GREETING", value: "hi"}]}) { id appUrl } }`

// An application a member installs runs as a Deployment whose pod the webhook admitted,
// with its Service, NetworkPolicy and volume; the member reaches it through the proxy,
// a non-member and nobody are refused; public, anyone reaches it; it stops and starts;
// uninstalled, nothing of it is left.
func TestAppLifecycle(t *testing.T) {
	e := setup(t)
	ctx := context.Background()
	alice, bob := e.g.Token(t, e.alice), e.g.Token(t, e.bob)
	const id, other = "web-one", "web-two"
	e.do(t, alice, install, map[string]any{"id": id, "g": e.group})
	e.do(t, alice, install, map[string]any{"id": other, "g": e.group})
	a := waitPhase(t, e.ns, id, v1beta1.PhAppReady)
	waitPhase(t, e.ns, other, v1beta1.PhAppReady)
	serveAt(t, runningPod(t, e.ns, other).Status.PodIP)
	if a.Spec.User != e.alice || a.Status.ServiceName != app.ResourceName(id) {
		t.Errorf("installed %+v", a)
	}
	pod := runningPod(t, e.ns, id)
	if quota.Guarded(&pod.Spec) || pod.Labels[quota.LabelGroup] == "" || pod.Labels[quota.LabelUser] == "" {
		t.Errorf("pod %s: guarded %v, labels %v", pod.Name, quota.Guarded(&pod.Spec), pod.Labels)
	}
	env := map[string]string{}
	for _, v := range pod.Spec.Containers[0].Env {
		env[v.Name] = v.Value
	}
	if env["GREETING"] != "hi" || env["PRIMEHUB_APP_ROOT"] != "/data" || env["PRIMEHUB_APP_BASE_URL"] != "/app/"+id {
		t.Errorf("env %v", env)
	}
	serveAt(t, pod.Status.PodIP)

	path := "/app/" + id + "/page"
	if code, body := e.get(t, path, alice); code != http.StatusOK || !strings.Contains(body, "path="+path) || !strings.Contains(body, `authorization=""`) {
		t.Errorf("member: %d %s, want the app's page, without her token", code, body)
	}
	if code, body := e.get(t, path, bob); code != http.StatusForbidden {
		t.Errorf("non-member: %d %s, want 403", code, body)
	}
	if code, body := e.get(t, path, ""); code != http.StatusUnauthorized {
		t.Errorf("nobody: %d %s, want 401", code, body)
	}
	e.browser(t, path, "/app/"+other+"/", alice)

	// Public: anyone.
	e.do(t, alice, `mutation($id: ID!) { updatePhApplication(where: {id: $id}, data: {scope: "public"}) { id } }`, map[string]any{"id": id})
	framework.Eventually(t, 10*time.Second, func(context.Context) error {
		if code, body := e.get(t, path, ""); code != http.StatusOK {
			return fmt.Errorf("public app without login: %d %s", code, body)
		}
		return nil
	})

	// Stop: no pod; start: a pod again.
	e.do(t, alice, `mutation($id: ID!) { stopPhApplication(where: {id: $id}) { id } }`, map[string]any{"id": id})
	waitPhase(t, e.ns, id, v1beta1.PhAppStopped)
	framework.Eventually(t, 30*time.Second, func(ctx context.Context) error {
		pods := &corev1.PodList{}
		if err := framework.Client().List(ctx, pods, client.InNamespace(e.ns), client.MatchingLabels{app.LabelApp: id}); err != nil {
			return err
		}
		if len(pods.Items) > 0 {
			return fmt.Errorf("%d pods left", len(pods.Items))
		}
		return nil
	})
	if code, body := e.get(t, path, alice); code != http.StatusServiceUnavailable {
		t.Errorf("stopped app: %d %s, want 503", code, body)
	}
	e.do(t, alice, `mutation($id: ID!) { startPhApplication(where: {id: $id}) { id } }`, map[string]any{"id": id})
	waitPhase(t, e.ns, id, v1beta1.PhAppReady)
	runningPod(t, e.ns, id)

	// Uninstall: the Deployment, its pods, the Service, the NetworkPolicy and the volume go.
	e.do(t, alice, `mutation($id: ID!) { deletePhApplication(where: {id: $id}) { id } }`, map[string]any{"id": id})
	name := app.ResourceName(id)
	framework.Eventually(t, time.Minute, func(ctx context.Context) error {
		for _, o := range []client.Object{&v1beta1.PhApplication{}, &appsv1.Deployment{}, &corev1.Service{}, &networkingv1.NetworkPolicy{}, &corev1.PersistentVolumeClaim{}} {
			key := client.ObjectKey{Namespace: e.ns, Name: name}
			if _, ok := o.(*v1beta1.PhApplication); ok {
				key.Name = id
			}
			err := framework.Client().Get(ctx, key, o)
			if err == nil && o.GetDeletionTimestamp() == nil {
				return fmt.Errorf("%T %s is left", o, key.Name)
			}
			if err != nil && !apierrors.IsNotFound(err) {
				return err
			}
		}
		pods := &corev1.PodList{}
		if err := framework.Client().List(ctx, pods, client.InNamespace(e.ns), client.MatchingLabels{app.LabelApp: id}); err != nil {
			return err
		}
		if len(pods.Items) > 0 {
			return fmt.Errorf("%d pods left", len(pods.Items))
		}
		return nil
	})
	_ = ctx
}

// browser takes a browser into a group app through the login hop: sent to the console's
// login page, it brings the ticket the console would hand it back to the app's origin and
// gets a session for that app alone, which is never passed on to the app.
func (e *env) browser(t *testing.T, path, other, token string) {
	t.Helper()
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	page := func(u string) *http.Response {
		req, _ := http.NewRequest(http.MethodGet, u, nil)
		req.Header.Set("Accept", "text/html")
		resp, err := c.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		return resp
	}
	resp := page(e.proxy.URL + path)
	resp.Body.Close()
	login, err := url.Parse(resp.Header.Get("Location"))
	if resp.StatusCode != http.StatusFound || err != nil || login.Host != "console.invalid" {
		t.Fatalf("a browser without a session: %d to %q, want the console's login", resp.StatusCode, resp.Header.Get("Location"))
	}
	req, _ := http.NewRequest(http.MethodGet, "/", nil)
	req.Header.Set("Authorization", "Bearer "+token)
	who, err := e.authn.Authenticate(req)
	if err != nil {
		t.Fatal(err)
	}
	ticketURL, err := e.gate.TicketURL(who.Username, who.Generation, login.Query().Get("state"), login.Query().Get("redirect"))
	if err != nil {
		t.Fatal(err)
	}
	resp = page(ticketURL)
	resp.Body.Close()
	if resp.StatusCode != http.StatusFound || resp.Header.Get("Location") != path {
		t.Fatalf("bringing the ticket: %d to %q, want %s", resp.StatusCode, resp.Header.Get("Location"), path)
	}
	resp = page(e.proxy.URL + path)
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || !strings.Contains(string(b), `cookie=""`) {
		t.Errorf("with the session: %d %s, want the app's page without the session cookie", resp.StatusCode, b)
	}
	// The same session is no key to another application, even sent there by hand.
	u, _ := url.Parse(e.proxy.URL + path)
	req, _ = http.NewRequest(http.MethodGet, e.proxy.URL+other, nil)
	for _, c := range jar.Cookies(u) {
		req.AddCookie(c)
	}
	resp, err = http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusUnauthorized {
		t.Errorf("the session of %s at %s: %d, want 401", path, other, resp.StatusCode)
	}
}

// An application changed with nothing to do makes no writes; an update rolls out a pod of
// the new size.
func TestAppIdleAndUpdate(t *testing.T) {
	e := setup(t)
	ctx := context.Background()
	alice := e.g.Token(t, e.alice)
	const id = "steady"
	e.do(t, alice, install, map[string]any{"id": id, "g": e.group})
	waitPhase(t, e.ns, id, v1beta1.PhAppReady)
	first := runningPod(t, e.ns, id)
	e.writes.Settle(t, e.ns)
	before := e.writes.For(e.ns)
	a := &v1beta1.PhApplication{}
	if err := framework.Client().Get(ctx, client.ObjectKey{Namespace: e.ns, Name: id}, a); err != nil {
		t.Fatal(err)
	}
	a.Annotations = map[string]string{"touched": "yes"}
	if err := framework.Client().Update(ctx, a); err != nil {
		t.Fatal(err)
	}
	time.Sleep(2 * time.Second)
	if n := e.writes.For(e.ns) - before; n != 0 {
		t.Errorf("an idle reconcile made %d API writes, want 0", n)
	}

	if err := framework.Client().Create(ctx, framework.MakeInstanceType("cpu-2").Namespace(e.ns).CPU("2", "2").Memory("1Gi", "1Gi").Global().Obj()); err != nil {
		t.Fatal(err)
	}
	framework.Eventually(t, 10*time.Second, func(ctx context.Context) error {
		resp, err := e.g.Client(alice).Do(ctx, `mutation($id: ID!) { updatePhApplication(where: {id: $id}, data: {instanceType: "cpu-2"}) { id } }`, map[string]any{"id": id})
		if err != nil {
			return err
		}
		if len(resp.Errors) > 0 {
			return fmt.Errorf("%s", resp.Body) // the API's cache may not hold cpu-2 yet
		}
		return nil
	})
	framework.Eventually(t, time.Minute, func(ctx context.Context) error {
		pod := runningPod(t, e.ns, id)
		if pod.UID == first.UID || !pod.Spec.Containers[0].Resources.Limits.Cpu().Equal(resource.MustParse("2")) {
			return fmt.Errorf("pod %s with %v cpu", pod.Name, pod.Spec.Containers[0].Resources.Limits.Cpu())
		}
		return nil
	})
	waitPhase(t, e.ns, id, v1beta1.PhAppReady)
}

// The controller decides an application made past GraphQL with the launch path: one whose
// installer is not a member of its group, or whose template is missing, is in error and
// runs nothing; a Deployment of its name that it does not control is left alone.
func TestAppRefusals(t *testing.T) {
	e := setup(t)
	ctx := context.Background()
	c := framework.Client()
	mk := func(name, user, template string) {
		t.Helper()
		a := &v1beta1.PhApplication{ObjectMeta: metav1.ObjectMeta{Namespace: e.ns, Name: name},
			Spec: v1beta1.PhApplicationSpec{User: user, Group: e.group, Template: template, InstanceType: "cpu-1"}}
		if err := c.Create(ctx, a); err != nil {
			t.Fatal(err)
		}
	}
	reason := func(name, want string) {
		t.Helper()
		a := waitPhase(t, e.ns, name, v1beta1.PhAppError)
		if a.Status.Reason != want {
			t.Errorf("%s: reason %s (%s), want %s", name, a.Status.Reason, a.Status.Message, want)
		}
		if err := c.Get(ctx, client.ObjectKey{Namespace: e.ns, Name: app.ResourceName(name)}, &appsv1.Deployment{}); !apierrors.IsNotFound(err) {
			t.Errorf("%s: a deployment was made (%v)", name, err)
		}
	}
	mk("outsider", e.bob, "web")
	reason("outsider", "NotMember")
	mk("no-template", e.alice, "nope")
	reason("no-template", app.ReasonTemplateNotFound)

	squatter := &appsv1.Deployment{
		ObjectMeta: metav1.ObjectMeta{Namespace: e.ns, Name: app.ResourceName("taken")},
		Spec: appsv1.DeploymentSpec{Replicas: new(int32), Selector: &metav1.LabelSelector{MatchLabels: map[string]string{"x": "y"}},
			Template: corev1.PodTemplateSpec{ObjectMeta: metav1.ObjectMeta{Labels: map[string]string{"x": "y"}},
				Spec: corev1.PodSpec{Containers: []corev1.Container{{Name: "c", Image: "other:1"}}}}},
	}
	if err := c.Create(ctx, squatter); err != nil {
		t.Fatal(err)
	}
	mk("taken", e.alice, "web")
	a := waitPhase(t, e.ns, "taken", v1beta1.PhAppError)
	if a.Status.Reason != app.ReasonNameTaken {
		t.Errorf("taken: reason %s (%s), want %s", a.Status.Reason, a.Status.Message, app.ReasonNameTaken)
	}
	got := &appsv1.Deployment{}
	if err := c.Get(ctx, client.ObjectKeyFromObject(squatter), got); err != nil || got.Spec.Template.Spec.Containers[0].Image != "other:1" || len(got.OwnerReferences) != 0 {
		t.Errorf("the squatter's deployment was changed: %v %+v", err, got.Spec.Template.Spec.Containers)
	}
}

// The quota counts application pods like any other: in a group with room for one cpu-1
// pod, a second application's pod is refused by the quota webhook and the application says
// why, until the first one stops.
func TestAppPodsCountAgainstTheQuota(t *testing.T) {
	e := setup(t)
	ctx := context.Background()
	g, err := e.g.Directory.GetGroup(ctx, e.group)
	if err != nil {
		t.Fatal(err)
	}
	one := resource.MustParse("1")
	g.Quota.Total.CPU = &one
	if _, err := e.g.Directory.UpdateGroup(ctx, g); err != nil {
		t.Fatal(err)
	}
	alice := e.g.Token(t, e.alice)
	e.do(t, alice, install, map[string]any{"id": "first", "g": e.group})
	waitPhase(t, e.ns, "first", v1beta1.PhAppReady)
	e.do(t, alice, install, map[string]any{"id": "second", "g": e.group})
	a := waitPhase(t, e.ns, "second", v1beta1.PhAppError)
	if !strings.Contains(a.Status.Message, "exceeded cpu quota") {
		t.Errorf("second app: %s: %s, want the quota webhook's refusal", a.Status.Reason, a.Status.Message)
	}
	e.do(t, alice, `mutation { stopPhApplication(where: {id: "first"}) { id } }`, nil)
	waitPhase(t, e.ns, "second", v1beta1.PhAppReady)
}

// An application's pods' logs: PrimeHub's pods { name logEndpoint }, read by the group's
// members only, and only of the application's own pods.
func TestAppPodLogs(t *testing.T) {
	e := setup(t)
	alice, bob := e.g.Token(t, e.alice), e.g.Token(t, e.bob)
	e.do(t, alice, install, map[string]any{"id": "logged", "g": e.group})
	waitPhase(t, e.ns, "logged", v1beta1.PhAppReady)
	pod := runningPod(t, e.ns, "logged")
	var got struct {
		PhApplication struct {
			Pods []struct{ Name, LogEndpoint string }
		}
	}
	framework.Eventually(t, 10*time.Second, func(context.Context) error {
		resp := e.g.Client(alice).MustDo(t, `{ phApplication(where: {id: "logged"}) { pods { name logEndpoint } } }`, nil)
		if err := resp.Decode(&got); err != nil {
			return err
		}
		if len(got.PhApplication.Pods) != 1 || got.PhApplication.Pods[0].Name != pod.Name {
			return fmt.Errorf("pods %+v, want %s", got.PhApplication.Pods, pod.Name)
		}
		return nil
	})
	endpoint := got.PhApplication.Pods[0].LogEndpoint
	want := phjob.LogsPrefix + "namespaces/" + e.ns + "/phapplications/logged/pods/" + pod.Name
	if endpoint != want {
		t.Fatalf("logEndpoint %q, want %q", endpoint, want)
	}
	read := func(path, token string) (int, string) { return framework.Get(t, e.logs.URL+path, token) }
	if code, body := read(endpoint+"?tailLines=10", alice); code != http.StatusOK || !strings.Contains(body, "simulated by kwok") {
		t.Errorf("a member reading the app's pod's logs: %d %s", code, body)
	}
	if code, body := read(endpoint, bob); code != http.StatusNotFound {
		t.Errorf("a non-member reading the app's pod's logs: %d %s, want 404", code, body)
	}
	// Only the application's own pods: another pod of the namespace is not its.
	other := framework.MakePod("not-the-apps", e.ns).Obj()
	if err := framework.Client().Create(context.Background(), other); err != nil {
		t.Fatal(err)
	}
	if code, body := read(phjob.LogsPrefix+"namespaces/"+e.ns+"/phapplications/logged/pods/not-the-apps", alice); code != http.StatusNotFound {
		t.Errorf("a pod that is not the app's: %d %s, want 404", code, body)
	}
}

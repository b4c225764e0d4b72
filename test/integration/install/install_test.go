package install_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	admissionregistrationv1 "k8s.io/api/admissionregistration/v1"
	appsv1 "k8s.io/api/apps/v1"
	authorizationv1 "k8s.io/api/authorization/v1"
	corev1 "k8s.io/api/core/v1"
	apiextensionsv1 "k8s.io/apiextensions-apiserver/pkg/apis/apiextensions/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"sigs.k8s.io/controller-runtime/pkg/client"

	"github.com/primehub/primehub/internal/webhook"
	"github.com/primehub/primehub/test/framework"
)

const (
	release   = "ph"
	namespace = "primehub-install"
	// The chart's names for the release.
	fullname       = "ph-primehub"
	serviceAccount = "system:serviceaccount:" + namespace + ":" + fullname
	adminPassword  = "admin-password-0123"
)

// TestInstall installs the chart and runs primehub as it would run in the cluster: the
// core journey, least privilege, a change of leader and an upgrade, in that order.
func TestInstall(t *testing.T) {
	ctx := context.Background()
	c := framework.Client()
	for _, o := range []client.Object{
		&corev1.Namespace{ObjectMeta: metav1.ObjectMeta{Name: namespace}},
		&corev1.Secret{ObjectMeta: metav1.ObjectMeta{Namespace: namespace, Name: "admin"}, StringData: map[string]string{"password": adminPassword}},
		&corev1.Secret{ObjectMeta: metav1.ObjectMeta{Namespace: namespace, Name: "graphql"}, StringData: map[string]string{"secret": "shared-secret-0123"}},
	} {
		if err := c.Create(ctx, o); err != nil {
			t.Fatal(err)
		}
	}
	values := map[string]any{
		"externalURL":   "https://primehub.example.com",
		"image":         map[string]any{"repository": "registry.example.com/primehub"},
		"directory":     map[string]any{"builtin": map[string]any{"adminPasswordSecret": map[string]any{"name": "admin"}}},
		"graphqlSecret": map[string]any{"name": "graphql"},
		// The devcluster's API server publishes no endpoints (--endpoint-reconciler-type=none)
		// for the chart to look up.
		"networkPolicy": map[string]any{"apiServerCIDRs": []any{"127.0.0.1/32"}},
	}
	helmInstall(t, release, namespace, values)

	// The ReplicaSet makes the two replicas (kwok runs no container in them): the processes
	// below stand for them.
	pods := &corev1.PodList{}
	framework.Eventually(t, 60*time.Second, func(ctx context.Context) error {
		if err := c.List(ctx, pods, client.InNamespace(namespace), client.MatchingLabels{"app.kubernetes.io/instance": release}); err != nil {
			return err
		}
		if len(pods.Items) != 2 {
			return fmt.Errorf("%d primehub pods, want 2", len(pods.Items))
		}
		return nil
	})
	dep := &appsv1.Deployment{}
	if err := c.Get(ctx, client.ObjectKey{Namespace: namespace, Name: fullname}, dep); err != nil {
		t.Fatal(err)
	}
	container := dep.Spec.Template.Spec.Containers[0]
	kubeconfig := saKubeconfig(t, namespace, fullname)
	logs := t.TempDir()
	a := startReplica(t, container, namespace, kubeconfig, pods.Items[0].Name, filepath.Join(logs, "a.log"))
	t.Logf("replica a at %s, logs in %s", a.base, logs)

	t.Run("journey", func(t *testing.T) { journey(t, a, kubeconfig) })
	t.Run("least privilege", leastPrivilege)
	b := startReplica(t, container, namespace, kubeconfig, pods.Items[1].Name, filepath.Join(logs, "b.log"))
	t.Run("change of leader", func(t *testing.T) { changeOfLeader(t, a, b, pods.Items[0].Name, pods.Items[1].Name) })
	t.Run("upgrade keeps data", func(t *testing.T) { upgradeKeepsData(t, values) })
	t.Run("quota across replicas", func(t *testing.T) {
		c := startReplica(t, container, namespace, kubeconfig, "", filepath.Join(logs, "c.log"))
		quotaAcrossReplicas(t, b, c)
	})
	t.Run("a missing CRD stops the start", func(t *testing.T) { missingCRD(t, container, kubeconfig) })

	// Whatever primehub did, its ServiceAccount was allowed to.
	for _, name := range []string{"a.log", "b.log", "c.log"} {
		log, err := os.ReadFile(filepath.Join(logs, name))
		if errors.Is(err, fs.ErrNotExist) {
			continue // its subtest did not run (-run)
		}
		if err != nil {
			t.Fatal(err)
		}
		for _, line := range strings.Split(string(log), "\n") {
			if strings.Contains(strings.ToLower(line), "forbidden") {
				t.Errorf("%s: %s", name, line)
			}
		}
	}
}

func gql(base, token string) *framework.GraphQLClient {
	return &framework.GraphQLClient{URL: base + "/api/graphql", Token: token, HTTP: http.DefaultClient}
}

// journey: an admin creates a user, an instance type, an image and a group; the user runs
// a job, launches a notebook that runs and makes a profile that becomes ready; a pod over
// the group's quota is refused.
func journey(t *testing.T, a *replica, kubeconfig string) {
	admin := gql(a.base, login(t, a.base, "phadmin", adminPassword))
	admin.MustDo(t, `mutation { createUser(data: {username: "alice", password: "alice-password-0123"}) { id } }`, nil)
	admin.MustDo(t, `mutation { createInstanceType(data: {name: "cpu-1", cpuLimit: 1, memoryLimit: 1, cpuRequest: 0.5, memoryRequest: 0.5}) { id } }`, nil)
	admin.MustDo(t, `mutation { createImage(data: {name: "base", url: "jupyter/base-notebook", type: "cpu"}) { id } }`, nil)
	admin.MustDo(t, `mutation { createGroup(data: {name: "team", quotaCpu: 1, users: {connect: [{id: "alice"}]},
		instanceTypes: {set: ["cpu-1"]}, images: {set: ["base"]}}) { id } }`, nil)

	alice := gql(a.base, login(t, a.base, "alice", "alice-password-0123"))
	var job struct {
		CreatePhJob struct{ ID string } `json:"createPhJob"`
	}
	if err := alice.MustDo(t, `mutation { createPhJob(data: {groupId: "team", instanceType: "cpu-1", image: "base", command: "echo hello"}) { id } }`, nil).Decode(&job); err != nil {
		t.Fatal(err)
	}
	framework.Eventually(t, 60*time.Second, func(ctx context.Context) error {
		var got struct {
			PhJob struct{ Phase, Message string }
		}
		resp, err := alice.Do(ctx, `query($id: ID!) { phJob(where: {id: $id}) { phase message } }`, map[string]any{"id": job.CreatePhJob.ID})
		if err == nil {
			err = resp.Decode(&got)
		}
		if err == nil && got.PhJob.Phase != "Succeeded" {
			err = fmt.Errorf("job %s: %s", got.PhJob.Phase, got.PhJob.Message)
		}
		return err
	})

	var nb struct {
		CreateNotebook struct{ ID string } `json:"createNotebook"`
	}
	if err := alice.MustDo(t, `mutation { createNotebook(data: {groupName: "team", instanceType: "cpu-1", image: "base"}) { id } }`, nil).Decode(&nb); err != nil {
		t.Fatal(err)
	}
	framework.Eventually(t, 60*time.Second, func(ctx context.Context) error {
		var got struct {
			Notebook struct{ Phase, Message string }
		}
		resp, err := alice.Do(ctx, `query($id: ID!) { notebook(where: {id: $id}) { phase message } }`, map[string]any{"id": nb.CreateNotebook.ID})
		if err == nil {
			err = resp.Decode(&got)
		}
		if err == nil && got.Notebook.Phase != "Running" {
			err = fmt.Errorf("notebook %s: %s", got.Notebook.Phase, got.Notebook.Message)
		}
		return err
	})

	alice.MustDo(t, `mutation { createProfile(data: {name: "alice-lab"}) { id } }`, nil)
	framework.Eventually(t, 60*time.Second, func(ctx context.Context) error {
		var got struct{ Profile struct{ Ready bool } }
		resp, err := alice.Do(ctx, `query { profile(where: {id: "alice-lab"}) { ready } }`, nil)
		if err == nil {
			err = resp.Decode(&got)
		}
		if err == nil && !got.Profile.Ready {
			err = fmt.Errorf("profile alice-lab not ready")
		}
		return err
	})

	// alice's notebook holds the group's whole CPU quota: primehub itself (its
	// ServiceAccount may label pods for any user) cannot start another pod of hers.
	pod := framework.MakePod("over-quota", namespace).User("alice").Group("team").Limits("1", "1Gi", 0).Obj()
	err := framework.ClientFor(t, kubeconfig).Create(context.Background(), pod)
	if err == nil || !strings.Contains(err.Error(), "exceeded cpu quota") {
		t.Fatalf("a pod over quota: %v, want it refused for exceeding the cpu quota", err)
	}
}

// leastPrivilege asks the API server what the chart's ServiceAccount may do.
func leastPrivilege(t *testing.T) {
	for _, tt := range []struct {
		attrs authorizationv1.ResourceAttributes
		want  bool
	}{
		{authorizationv1.ResourceAttributes{Namespace: namespace, Verb: "get", Resource: "secrets"}, true},
		{authorizationv1.ResourceAttributes{Namespace: "kube-system", Verb: "get", Resource: "secrets"}, false},
		{authorizationv1.ResourceAttributes{Namespace: "default", Verb: "list", Resource: "secrets"}, false},
		{authorizationv1.ResourceAttributes{Verb: "list", Resource: "secrets"}, false},
		{authorizationv1.ResourceAttributes{Namespace: "alice-lab", Verb: "get", Resource: "secrets"}, false},
		{authorizationv1.ResourceAttributes{Verb: "escalate", Group: "rbac.authorization.k8s.io", Resource: "clusterroles"}, false},
		{authorizationv1.ResourceAttributes{Namespace: "default", Verb: "escalate", Group: "rbac.authorization.k8s.io", Resource: "roles"}, false},
		{authorizationv1.ResourceAttributes{Verb: "bind", Group: "rbac.authorization.k8s.io", Resource: "clusterroles", Name: "cluster-admin"}, false},
		{authorizationv1.ResourceAttributes{Verb: "bind", Group: "rbac.authorization.k8s.io", Resource: "clusterroles", Name: "primehub-profile-admin"}, true},
		{authorizationv1.ResourceAttributes{Verb: "create", Group: "rbac.authorization.k8s.io", Resource: "clusterrolebindings"}, false},
		{authorizationv1.ResourceAttributes{Verb: "impersonate", Resource: "users"}, false},
		// Its own webhooks only: another would see every request it names.
		{authorizationv1.ResourceAttributes{Verb: "create", Group: "admissionregistration.k8s.io", Resource: "mutatingwebhookconfigurations"}, false},
		{authorizationv1.ResourceAttributes{Verb: "create", Group: "admissionregistration.k8s.io", Resource: "validatingwebhookconfigurations", Name: "other"}, false},
		{authorizationv1.ResourceAttributes{Verb: "patch", Group: "admissionregistration.k8s.io", Resource: "mutatingwebhookconfigurations", Name: "primehub"}, true},
		// Quota labels are set once: pods are changed nowhere but primehub's own.
		{authorizationv1.ResourceAttributes{Namespace: "alice-lab", Verb: "patch", Resource: "pods"}, false},
		{authorizationv1.ResourceAttributes{Namespace: namespace, Verb: "patch", Resource: "pods"}, true},
		{authorizationv1.ResourceAttributes{Verb: "create", Resource: "nodes"}, false},
		{authorizationv1.ResourceAttributes{Verb: "patch", Resource: "nodes"}, false},
		{authorizationv1.ResourceAttributes{Verb: "delete", Resource: "nodes"}, false},
		{authorizationv1.ResourceAttributes{Verb: "update", Resource: "nodes", Subresource: "status"}, false},
	} {
		sar := &authorizationv1.SubjectAccessReview{Spec: authorizationv1.SubjectAccessReviewSpec{
			User: serviceAccount, Groups: []string{"system:serviceaccounts", "system:serviceaccounts:" + namespace, "system:authenticated"},
			ResourceAttributes: &tt.attrs}}
		if err := framework.Client().Create(context.Background(), sar); err != nil {
			t.Fatal(err)
		}
		if sar.Status.Allowed != tt.want {
			t.Errorf("%s may %s %+v: %v, want %v (%s)", serviceAccount, tt.attrs.Verb, tt.attrs, sar.Status.Allowed, tt.want, sar.Status.Reason)
		}
	}
}

// changeOfLeader: when the leader stops, the other replica takes over the webhooks with
// the same CA, so the API server trusts it at once and keeps checking pods; the webhook
// Service's label moves to its pod.
func changeOfLeader(t *testing.T, a, b *replica, podA, podB string) {
	ctx := context.Background()
	c := framework.Client()
	labelled := func(want string) {
		t.Helper()
		framework.Eventually(t, 60*time.Second, func(ctx context.Context) error {
			pods := &corev1.PodList{}
			if err := c.List(ctx, pods, client.InNamespace(namespace), client.MatchingLabels{webhook.LabelLeader: "true"}); err != nil {
				return err
			}
			if len(pods.Items) != 1 || pods.Items[0].Name != want {
				return fmt.Errorf("%d pods labelled %s, want only %s", len(pods.Items), webhook.LabelLeader, want)
			}
			return nil
		})
	}
	labelled(podA)
	configuration := func() (url string, bundle []byte) {
		t.Helper()
		m := &admissionregistrationv1.MutatingWebhookConfiguration{}
		if err := c.Get(ctx, client.ObjectKey{Name: "primehub"}, m); err != nil {
			t.Fatal(err)
		}
		cc := m.Webhooks[0].ClientConfig
		return *cc.URL, cc.CABundle
	}
	url, bundle := configuration()
	if !strings.HasPrefix(url, a.webhookURL) {
		t.Fatalf("webhooks at %s, want the leader's %s", url, a.webhookURL)
	}
	a.stop(t)
	framework.Eventually(t, 60*time.Second, func(context.Context) error {
		if url, _ := configuration(); !strings.HasPrefix(url, b.webhookURL) {
			return fmt.Errorf("webhooks still at %s", url)
		}
		return nil
	})
	labelled(podB)
	if _, got := configuration(); !bytes.Equal(got, bundle) {
		t.Error("the new leader published another CA bundle: the CA changed with the leader")
	}
	// The API server reaches the new leader with the bundle it had.
	framework.WaitWebhooks(t, namespace)
}

// upgradeKeepsData upgrades the release with a changed value and finds every object
// primehub keeps as it was.
func upgradeKeepsData(t *testing.T, values map[string]any) {
	before := snapshot(t)
	values["resources"] = map[string]any{"requests": map[string]any{"cpu": "300m", "memory": "300Mi"}}
	rel := helmUpgrade(t, release, namespace, values)
	if rel.Version != 2 {
		t.Errorf("release version %d after the upgrade", rel.Version)
	}
	dep := &appsv1.Deployment{}
	if err := framework.Client().Get(context.Background(), client.ObjectKey{Namespace: namespace, Name: fullname}, dep); err != nil {
		t.Fatal(err)
	}
	if got := dep.Spec.Template.Spec.Containers[0].Resources.Requests.Cpu().String(); got != "300m" {
		t.Errorf("cpu request %s after the upgrade, want 300m", got)
	}
	after := snapshot(t)
	for key, was := range before {
		if now, ok := after[key]; !ok {
			t.Errorf("%s is gone after the upgrade", key)
		} else if !reflect.DeepEqual(was, now) {
			t.Errorf("%s changed in the upgrade:\nbefore %v\nafter  %v", key, was, now)
		}
	}
}

// snapshot is the data of what primehub keeps: its objects, and the Secrets and
// ConfigMaps of the platform namespace.
func snapshot(t *testing.T) map[string]any {
	t.Helper()
	out := map[string]any{}
	kinds := []schema.GroupVersionKind{
		{Version: "v1", Kind: "SecretList"}, {Version: "v1", Kind: "ConfigMapList"},
	}
	for _, k := range []string{"User", "Group", "InstanceType", "Image", "Notebook", "Profile"} {
		kinds = append(kinds, schema.GroupVersionKind{Group: "primehub.io", Version: "v1beta1", Kind: k + "List"})
	}
	for _, gvk := range kinds {
		list := &unstructured.UnstructuredList{}
		list.SetGroupVersionKind(gvk)
		opts := []client.ListOption{}
		if gvk.Group == "" {
			opts = append(opts, client.InNamespace(namespace))
		}
		if err := framework.Client().List(context.Background(), list, opts...); err != nil {
			t.Fatal(err)
		}
		for _, o := range list.Items {
			if o.GetKind() == "Secret" && o.Object["type"] == "helm.sh/release.v1" {
				continue // Helm's own record of the release changes with it
			}
			key := gvk.Kind + " " + o.GetNamespace() + "/" + o.GetName()
			out[key] = []any{o.Object["spec"], o.Object["data"]}
		}
	}
	if len(out) < 8 {
		t.Fatalf("snapshot of %d objects: the journey made more", len(out))
	}
	return out
}

// missingCRD: with --manifests=check (the chart's), primehub does not install a missing
// CRD, which its ServiceAccount may not, but stops and says which one to install.
func missingCRD(t *testing.T, c corev1.Container, kubeconfig string) {
	crd := &apiextensionsv1.CustomResourceDefinition{ObjectMeta: metav1.ObjectMeta{Name: "phschedules.primehub.io"}}
	if err := framework.Client().Delete(context.Background(), crd); err != nil {
		t.Fatal(err)
	}
	framework.Eventually(t, 60*time.Second, func(ctx context.Context) error {
		err := framework.Client().Get(ctx, client.ObjectKeyFromObject(crd), crd)
		if err == nil {
			return fmt.Errorf("CRD %s still there", crd.Name)
		}
		return client.IgnoreNotFound(err)
	})
	args := append(slices.Clone(c.Args[1:]), "--kubeconfig="+kubeconfig, "--http-addr=127.0.0.1:0", "--metrics-addr=0", "--webhook-addr=0")
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	out, err := exec.CommandContext(ctx, primehubBin, append([]string{"serve"}, args...)...).CombinedOutput()
	if err == nil || !strings.Contains(string(out), "CRD phschedules.primehub.io is not installed") {
		t.Fatalf("primehub serve without a CRD: %v\n%s", err, out)
	}
}

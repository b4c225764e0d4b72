package helm

import (
	"os"
	"slices"
	"strings"
	"testing"

	"helm.sh/helm/v4/pkg/chart/v2/lint"
	"helm.sh/helm/v4/pkg/chart/v2/lint/support"
	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	networkingv1 "k8s.io/api/networking/v1"
	policyv1 "k8s.io/api/policy/v1"
	rbacv1 "k8s.io/api/rbac/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/runtime"
	psapi "k8s.io/pod-security-admission/api"
	"k8s.io/pod-security-admission/policy"

	"github.com/primehub/primehub/internal/webhook"
)

// minimal are the values an install needs.
func minimal() map[string]any {
	return map[string]any{
		"externalURL":   "https://primehub.example.com",
		"networkPolicy": map[string]any{"apiServerCIDRs": []any{"10.0.0.1/32"}},
	}
}

func render(t *testing.T, values map[string]any) []*unstructured.Unstructured {
	t.Helper()
	c, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	objs, err := Render(c, "ph", "hub", values)
	if err != nil {
		t.Fatal(err)
	}
	return objs
}

// find converts the one object of kind and name into out.
func find(t *testing.T, objs []*unstructured.Unstructured, kind, name string, out any) {
	t.Helper()
	for _, o := range objs {
		if o.GetKind() == kind && o.GetName() == name {
			if err := runtime.DefaultUnstructuredConverter.FromUnstructured(o.Object, out); err != nil {
				t.Fatal(err)
			}
			return
		}
	}
	t.Fatalf("no %s %s rendered", kind, name)
}

func TestLint(t *testing.T) {
	for _, values := range []map[string]any{minimal(), {"externalURL": "http://127.0.0.1:8080", "networkPolicy": map[string]any{"enabled": false}}} {
		result := lint.RunAll(ChartDir(), values, "hub")
		for _, m := range result.Messages {
			if m.Severity >= support.WarningSev {
				t.Errorf("helm lint: %s", m)
			}
		}
	}
}

func TestDeployment(t *testing.T) {
	var d appsv1.Deployment
	find(t, render(t, minimal()), "Deployment", "ph-primehub", &d)
	if *d.Spec.Replicas != 2 {
		t.Errorf("replicas = %d, want 2", *d.Spec.Replicas)
	}
	pod := d.Spec.Template
	c := pod.Spec.Containers[0]
	for _, want := range []string{"serve", "--namespace=hub", "--manifests=check", "--leader-elect=true",
		"--external-url=https://primehub.example.com", "--directory=builtin", "--webhook-service=ph-primehub-webhook"} {
		if !slices.Contains(c.Args, want) {
			t.Errorf("args %q lack %s", c.Args, want)
		}
	}
	for _, a := range c.Args {
		// The platform's identity is its ServiceAccount, which serve asks the API server for.
		if strings.HasPrefix(a, "--platform-users") {
			t.Errorf("args set %s", a)
		}
	}

	values := minimal()
	values["trustedProxies"] = []any{"10.42.0.0/16", "10.43.0.0/16"}
	find(t, render(t, values), "Deployment", "ph-primehub", &d)
	if want := "--trusted-proxies=10.42.0.0/16,10.43.0.0/16"; !slices.Contains(d.Spec.Template.Spec.Containers[0].Args, want) {
		t.Errorf("args %q lack %s", d.Spec.Template.Spec.Containers[0].Args, want)
	}
	if pod.Spec.ServiceAccountName != "ph-primehub" {
		t.Errorf("serviceAccountName = %q", pod.Spec.ServiceAccountName)
	}
	if c.ReadinessProbe.HTTPGet.Path != "/readyz" || c.LivenessProbe.HTTPGet.Path != "/healthz" {
		t.Errorf("probes on %s and %s", c.ReadinessProbe.HTTPGet.Path, c.LivenessProbe.HTTPGet.Path)
	}
	if c.Resources.Requests.Cpu().IsZero() || c.Resources.Requests.Memory().IsZero() || c.Resources.Limits.Memory().IsZero() {
		t.Errorf("resources = %+v", c.Resources)
	}
	if len(pod.Spec.TopologySpreadConstraints) == 0 || pod.Spec.TopologySpreadConstraints[0].LabelSelector == nil {
		t.Errorf("topology spread = %+v", pod.Spec.TopologySpreadConstraints)
	}
	if c.SecurityContext.ReadOnlyRootFilesystem == nil || !*c.SecurityContext.ReadOnlyRootFilesystem {
		t.Error("root file system is writable")
	}
	env := map[string]corev1.EnvVar{}
	for _, e := range c.Env {
		env[e.Name] = e
	}
	if e := env["PRIMEHUB_WEBHOOK_POD_NAME"]; e.ValueFrom == nil || e.ValueFrom.FieldRef.FieldPath != "metadata.name" {
		t.Errorf("PRIMEHUB_WEBHOOK_POD_NAME = %+v", e)
	}

	eval, err := policy.NewEvaluator(policy.DefaultChecks(), nil)
	if err != nil {
		t.Fatal(err)
	}
	result := policy.AggregateCheckResults(eval.EvaluatePod(psapi.LevelVersion{Level: psapi.LevelRestricted, Version: psapi.LatestVersion()}, &pod.ObjectMeta, &pod.Spec))
	if !result.Allowed {
		t.Errorf("the pod is not at the restricted Pod Security level: %s: %s", result.ForbiddenReason(), result.ForbiddenDetail())
	}
}

// TestValues: secrets are passed by reference, the directory and the namespace as set.
func TestValues(t *testing.T) {
	values := minimal()
	values["namespace"] = "platform"
	values["graphqlSecret"] = map[string]any{"name": "gql", "key": "token"}
	values["directory"] = map[string]any{"type": "keycloak", "keycloak": map[string]any{
		"url": "https://id.example.com", "clientSecret": map[string]any{"name": "kc", "key": "secret"}}}
	objs := render(t, values)
	var d appsv1.Deployment
	find(t, objs, "Deployment", "ph-primehub", &d)
	c := d.Spec.Template.Spec.Containers[0]
	for _, want := range []string{"--namespace=platform", "--directory=keycloak", "--keycloak-url=https://id.example.com", "--keycloak-realm=primehub"} {
		if !slices.Contains(c.Args, want) {
			t.Errorf("args %q lack %s", c.Args, want)
		}
	}
	refs := map[string]string{}
	for _, e := range c.Env {
		if e.Value != "" {
			t.Errorf("env %s has a value in the Deployment", e.Name)
		}
		if e.ValueFrom != nil && e.ValueFrom.SecretKeyRef != nil {
			refs[e.Name] = e.ValueFrom.SecretKeyRef.Name + "/" + e.ValueFrom.SecretKeyRef.Key
		}
	}
	if refs["PRIMEHUB_GRAPHQL_SECRET"] != "gql/token" || refs["PRIMEHUB_KEYCLOAK_CLIENT_SECRET"] != "kc/secret" {
		t.Errorf("secret references = %v", refs)
	}
	for _, o := range objs {
		if ns := o.GetNamespace(); ns != "" && ns != "platform" {
			t.Errorf("%s %s in namespace %s", o.GetKind(), o.GetName(), ns)
		}
	}
}

func TestRequiredValues(t *testing.T) {
	c, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		values map[string]any
		want   string
	}{
		{map[string]any{"networkPolicy": map[string]any{"enabled": false}}, "externalURL is required"},
		{map[string]any{"externalURL": "https://x.example.com/hub", "networkPolicy": map[string]any{"enabled": false}}, "without a path"},
		{map[string]any{"externalURL": "https://x.example.com"}, "networkPolicy.apiServerCIDRs is required"},
		{map[string]any{"externalURL": "https://x.example.com", "networkPolicy": map[string]any{"enabled": false}, "directory": map[string]any{"type": "ldap"}},
			"directory.type must be builtin or keycloak"},
		{map[string]any{"externalURL": "https://x.example.com", "networkPolicy": map[string]any{"enabled": false}, "directory": map[string]any{"type": "keycloak"}},
			"directory.keycloak.url is required"},
	} {
		_, err := Render(c, "ph", "hub", tt.values)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("values %v: error %v, want one saying %q", tt.values, err, tt.want)
		}
	}
}

// TestRBAC: least privilege. No wildcard, no escalate or impersonate, bind only to the
// profile roles, Secrets, ConfigMaps and Leases only in the platform namespace, nothing on
// nodes, and no binding to a role the chart does not make.
func TestRBAC(t *testing.T) {
	objs := render(t, minimal())
	var cr rbacv1.ClusterRole
	find(t, objs, "ClusterRole", "ph-primehub", &cr)
	var role rbacv1.Role
	find(t, objs, "Role", "ph-primehub", &role)
	if role.Namespace != "hub" {
		t.Errorf("Role in %q", role.Namespace)
	}
	check := func(where string, rules []rbacv1.PolicyRule) {
		for _, r := range rules {
			all := slices.Concat(r.APIGroups, r.Resources, r.Verbs, r.ResourceNames)
			if slices.Contains(all, "*") {
				t.Errorf("%s: wildcard in %+v", where, r)
			}
			for _, v := range []string{"escalate", "impersonate"} {
				if slices.Contains(r.Verbs, v) {
					t.Errorf("%s: %s in %+v", where, v, r)
				}
			}
			if slices.Contains(r.Verbs, "bind") && (!slices.Equal(r.Resources, []string{"clusterroles"}) ||
				!slices.Equal(r.ResourceNames, []string{"primehub-profile-admin", "primehub-profile-edit", "primehub-profile-view"})) {
				t.Errorf("%s: bind beyond the profile roles: %+v", where, r)
			}
			if slices.Contains(r.Resources, "nodes") {
				t.Errorf("%s: nodes in %+v", where, r)
			}
		}
	}
	check("ClusterRole", cr.Rules)
	check("Role", role.Rules)
	for _, r := range cr.Rules {
		for _, res := range []string{"secrets", "configmaps", "leases"} {
			// Notebook tokens reach their pods in Secrets beside them, which primehub
			// creates and never reads.
			if slices.Contains(r.Resources, res) && !(res == "secrets" && slices.Equal(r.Verbs, []string{"create"})) {
				t.Errorf("ClusterRole grants %s everywhere: %+v", res, r)
			}
		}
	}
	for _, kind := range []string{"ClusterRoleBinding", "RoleBinding"} {
		var b rbacv1.ClusterRoleBinding
		find(t, objs, kind, "ph-primehub", &b)
		if b.RoleRef.Name != "ph-primehub" || len(b.Subjects) != 1 || b.Subjects[0].Name != "ph-primehub" || b.Subjects[0].Namespace != "hub" {
			t.Errorf("%s binds %+v to %+v", kind, b.RoleRef, b.Subjects)
		}
	}
}

// TestServicesAndPolicies: the webhook Service selects the leader; the webhook port is
// open to the API server alone; notebooks to this release's pods alone; the PDB keeps one replica.
func TestServicesAndPolicies(t *testing.T) {
	objs := render(t, minimal())
	var svc corev1.Service
	find(t, objs, "Service", "ph-primehub-webhook", &svc)
	if svc.Spec.Selector[webhook.LabelLeader] != "true" || svc.Spec.Selector["app.kubernetes.io/instance"] != "ph" {
		t.Errorf("webhook Service selects %v", svc.Spec.Selector)
	}
	find(t, objs, "Service", "ph-primehub-metrics", &svc)
	find(t, objs, "Service", "ph-primehub", &svc)

	var np networkingv1.NetworkPolicy
	find(t, objs, "NetworkPolicy", "ph-primehub", &np)
	webhookFrom := "none"
	for _, r := range np.Spec.Ingress {
		if r.Ports[0].Port.String() == "webhook" {
			if len(r.From) != 1 || r.From[0].IPBlock == nil {
				t.Fatalf("webhook port open to %+v", r.From)
			}
			webhookFrom = r.From[0].IPBlock.CIDR
		}
	}
	if webhookFrom != "10.0.0.1/32" {
		t.Errorf("webhook port open to %s, want the API server's 10.0.0.1/32", webhookFrom)
	}
	// The notebooks' policy is the controller's (one a namespace, named
	// notebook.PolicyName), admitting the pods the chart names: a policy of the chart's
	// own in the platform namespace would share its name with a release named primehub
	// and be rewritten by each side in turn.
	for _, o := range objs {
		if o.GetKind() == "NetworkPolicy" && o.GetName() != "ph-primehub" {
			t.Errorf("the chart makes NetworkPolicy %s", o.GetName())
		}
	}
	var d appsv1.Deployment
	find(t, objs, "Deployment", "ph-primehub", &d)
	if want := "--notebook-ingress-pods=app.kubernetes.io/name=primehub,app.kubernetes.io/instance=ph"; !slices.Contains(d.Spec.Template.Spec.Containers[0].Args, want) {
		t.Errorf("args %q lack %s", d.Spec.Template.Spec.Containers[0].Args, want)
	}
	var pdb policyv1.PodDisruptionBudget
	find(t, objs, "PodDisruptionBudget", "ph-primehub", &pdb)
	if pdb.Spec.MinAvailable.IntValue() != 1 || pdb.Spec.Selector.MatchLabels["app.kubernetes.io/instance"] != "ph" {
		t.Errorf("PDB = %+v", pdb.Spec)
	}
	for _, o := range objs {
		if o.GetKind() == "Ingress" {
			t.Error("an Ingress without ingress.enabled")
		}
	}

	values := minimal()
	values["ingress"] = map[string]any{"enabled": true, "className": "nginx", "tlsSecretName": "primehub-tls"}
	var ing networkingv1.Ingress
	find(t, render(t, values), "Ingress", "ph-primehub", &ing)
	if ing.Spec.Rules[0].Host != "primehub.example.com" || ing.Spec.TLS[0].SecretName != "primehub-tls" || *ing.Spec.IngressClassName != "nginx" {
		t.Errorf("ingress = %+v", ing.Spec)
	}
}

// TestCRDs: the chart carries every CRD, kept on uninstall, and the profile roles.
func TestCRDs(t *testing.T) {
	objs := render(t, minimal())
	crds := 0
	for _, o := range objs {
		if o.GetKind() == "CustomResourceDefinition" {
			crds++
			if o.GetAnnotations()["helm.sh/resource-policy"] != "keep" {
				t.Errorf("CRD %s is deleted on uninstall", o.GetName())
			}
		}
	}
	bases, err := os.ReadDir("../../config/crd/bases")
	if err != nil {
		t.Fatal(err)
	}
	if crds != len(bases) {
		t.Errorf("%d CRDs, want %d (config/crd/bases)", crds, len(bases))
	}
	var admin rbacv1.ClusterRole
	find(t, objs, "ClusterRole", "primehub-profile-admin", &admin)
	values := minimal()
	values["installCRDs"] = false
	for _, o := range render(t, values) {
		if o.GetKind() == "CustomResourceDefinition" || strings.HasPrefix(o.GetName(), "primehub-profile-") {
			t.Errorf("%s %s with installCRDs=false", o.GetKind(), o.GetName())
		}
	}
}

// Notebooks and applications on origins of their own: serve is told them, and the Ingress
// routes every host, with one certificate for all.
func TestOwnOrigins(t *testing.T) {
	values := minimal()
	values["notebookURL"] = "https://notebooks.example.com"
	values["appURL"] = "https://apps.example.com"
	values["ingress"] = map[string]any{"enabled": true, "tlsSecretName": "tls"}
	objs := render(t, values)
	var d appsv1.Deployment
	find(t, objs, "Deployment", "ph-primehub", &d)
	if args := d.Spec.Template.Spec.Containers[0].Args; !slices.Contains(args, "--notebook-url=https://notebooks.example.com") ||
		!slices.Contains(args, "--app-url=https://apps.example.com") {
		t.Errorf("args %q lack --notebook-url or --app-url", args)
	}
	var ing networkingv1.Ingress
	find(t, objs, "Ingress", "ph-primehub", &ing)
	var hosts []string
	for _, r := range ing.Spec.Rules {
		hosts = append(hosts, r.Host)
	}
	if len(ing.Spec.TLS) != 1 || !slices.Equal(ing.Spec.TLS[0].Hosts, hosts) ||
		!slices.Equal(hosts, []string{"primehub.example.com", "notebooks.example.com", "apps.example.com"}) {
		t.Errorf("ingress rules for %q, TLS %+v", hosts, ing.Spec.TLS)
	}
}

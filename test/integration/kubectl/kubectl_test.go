// Package kubectl_test checks kubectl as the user on the real control plane: `primehub
// serve` over HTTPS (--tls-cert-dir), a kube-apiserver whose structured authentication
// configuration trusts its embedded OpenID issuer, and `kubectl --token <id_token>` acting
// as the person who logged in, with RBAC and the webhooks deciding, as `make run` sets it
// up.
package kubectl_test

import (
	"context"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	corev1 "k8s.io/api/core/v1"
	rbacv1 "k8s.io/api/rbac/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	"k8s.io/apimachinery/pkg/api/meta"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/client-go/kubernetes"
	"sigs.k8s.io/controller-runtime/pkg/client"

	"github.com/primehub/primehub/api/v1beta1"
	"github.com/primehub/primehub/internal/controller/profile"
	"github.com/primehub/primehub/internal/directory"
	"github.com/primehub/primehub/test/framework"
)

func TestMain(m *testing.M) { os.Exit(framework.RunWithAuthentication(m)) }

func createUser(t *testing.T, d directory.Directory, username, password string) {
	t.Helper()
	ctx := context.Background()
	if _, err := d.CreateUser(ctx, directory.User{Username: username, DisplayName: username}); err != nil {
		t.Fatal(err)
	}
	if err := d.SetPassword(ctx, username, password); err != nil {
		t.Fatal(err)
	}
}

func bindClusterRole(t *testing.T, user, role string) {
	t.Helper()
	crb := &rbacv1.ClusterRoleBinding{
		ObjectMeta: metav1.ObjectMeta{Name: user + "-" + role},
		RoleRef:    rbacv1.RoleRef{APIGroup: rbacv1.GroupName, Kind: "ClusterRole", Name: role},
		Subjects:   []rbacv1.Subject{{APIGroup: rbacv1.GroupName, Kind: rbacv1.UserKind, Name: user}},
	}
	if err := framework.Client().Create(context.Background(), crb); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = framework.Client().Delete(context.Background(), crb) })
}

const profileManifest = `apiVersion: primehub.io/v1beta1
kind: Profile
metadata:
  name: %s
spec:
  owner:
    apiGroup: rbac.authorization.k8s.io
    kind: User
    name: %s
`

const podManifest = `apiVersion: v1
kind: Pod
metadata:
  name: %s
  namespace: %s
spec:
  containers:
  - name: main
    image: busybox
`

// TestKubectlAsUser: people log in to the embedded issuer and use kubectl with the
// id_token; the API server knows them by username, so the profile controller's
// RoleBindings and the profile webhook decide what they may do.
func TestKubectlAsUser(t *testing.T) {
	s := framework.StartServeHTTPS(t, "primehub-kubectl")
	ctx := context.Background()
	d := framework.StartBuiltinDirectory(t, s.Namespace, framework.Logger(t))
	createUser(t, d, "alice", "alice-password")
	createUser(t, d, "mallory", "mallory-password")
	alice := s.Login(t, "alice", "alice-password")
	mallory := s.Login(t, "mallory", "mallory-password")

	// The API server knows no issuer yet: a token is nobody.
	if _, err := framework.Whoami(ctx, alice); !apierrors.IsUnauthorized(err) {
		t.Fatalf("before the issuer is trusted: got %v, want Unauthorized", err)
	}

	// Trusting the issuer is a change of the file the API server watches, as in make run.
	took := s.TrustIssuer(t, alice)
	t.Logf("the API server trusted the issuer %s after the configuration changed", took.Round(100*time.Millisecond))
	info, err := framework.Whoami(ctx, alice)
	if err != nil {
		t.Fatal(err)
	}
	if info.Username != "alice" || !contains(info.Groups, "primehub:everyone") || !contains(info.Groups, "system:authenticated") {
		t.Errorf("alice is %q in groups %v, want alice in primehub:everyone and system:authenticated", info.Username, info.Groups)
	}

	kc := framework.UserKubeconfig(t)
	if out, err := framework.KubectlWithToken(t, kc, alice, "", "auth", "whoami"); err != nil || !strings.Contains(out, "alice") {
		t.Errorf("kubectl auth whoami as alice: %v\n%s", err, out)
	}

	// Alice, granted profile creation, makes her profile with kubectl; the webhook sees her
	// by the name in her token.
	bindClusterRole(t, "alice", "primehub-profile-creator")
	bindClusterRole(t, "mallory", "primehub-profile-creator")
	out, err := framework.KubectlWithToken(t, kc, mallory, fmt.Sprintf(profileManifest, "not-mallorys", "alice"), "create", "-f", "-")
	if err == nil || !strings.Contains(out, "user mallory may only create profiles owned by themselves") {
		t.Errorf("mallory creating a profile for alice: %v\n%s", err, out)
	}
	if out, err := framework.KubectlWithToken(t, kc, alice, fmt.Sprintf(profileManifest, "alice", "alice"), "create", "-f", "-"); err != nil {
		t.Fatalf("alice creating her profile: %v\n%s", err, out)
	}
	t.Cleanup(func() {
		_ = framework.Client().Delete(context.Background(), &v1beta1.Profile{ObjectMeta: metav1.ObjectMeta{Name: "alice"}})
	})
	framework.Eventually(t, 60*time.Second, func(ctx context.Context) error {
		p := &v1beta1.Profile{}
		if err := framework.Client().Get(ctx, client.ObjectKey{Name: "alice"}, p); err != nil {
			return err
		}
		if c := meta.FindStatusCondition(p.Status.Conditions, profile.ConditionReady); c == nil || c.Status != metav1.ConditionTrue {
			return fmt.Errorf("profile alice not Ready: %v", p.Status.Conditions)
		}
		// Pods are refused until the controller manager has made the default ServiceAccount.
		return framework.Client().Get(ctx, client.ObjectKey{Namespace: "alice", Name: "default"}, &corev1.ServiceAccount{})
	})

	// The owner creates a pod in her namespace, with kubectl and with client-go.
	if out, err := framework.KubectlWithToken(t, kc, alice, fmt.Sprintf(podManifest, "by-kubectl", "alice"), "create", "-f", "-"); err != nil {
		t.Errorf("alice creating a pod in her namespace: %v\n%s", err, out)
	}
	aliceCS, err := kubernetes.NewForConfig(framework.TokenConfig(alice))
	if err != nil {
		t.Fatal(err)
	}
	pod := &corev1.Pod{ObjectMeta: metav1.ObjectMeta{Name: "by-client", Namespace: "alice"},
		Spec: corev1.PodSpec{Containers: []corev1.Container{{Name: "main", Image: "busybox"}}}}
	if _, err := aliceCS.CoreV1().Pods("alice").Create(ctx, pod, metav1.CreateOptions{}); err != nil {
		t.Errorf("alice creating a pod through the API: %v", err)
	}

	// A stranger is known but not allowed: 403.
	out, err = framework.KubectlWithToken(t, kc, mallory, fmt.Sprintf(podManifest, "intruder", "alice"), "create", "-f", "-")
	if err == nil || !strings.Contains(out, `User "mallory" cannot create resource "pods"`) {
		t.Errorf("mallory creating a pod in alice's namespace: %v\n%s", err, out)
	}
	malloryCS, err := kubernetes.NewForConfig(framework.TokenConfig(mallory))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := malloryCS.CoreV1().Pods("alice").List(ctx, metav1.ListOptions{}); !apierrors.IsForbidden(err) {
		t.Errorf("mallory listing alice's pods: got %v, want Forbidden (403)", err)
	}

	t.Run("profile tenancy", func(t *testing.T) { profileTenancy(t, s, kc, alice, mallory) })

	// A token that is not the issuer's is nobody: 401.
	for name, bad := range map[string]string{
		"tampered signature": alice[:len(alice)-4] + flip(alice[len(alice)-4:]),
		"not a JWT":          "not-a-token",
	} {
		if _, err := framework.Whoami(ctx, bad); !apierrors.IsUnauthorized(err) {
			t.Errorf("%s: got %v, want Unauthorized (401)", name, err)
		}
		if out, err := framework.KubectlWithToken(t, kc, bad, "", "get", "pods", "-n", "alice"); err == nil || !strings.Contains(out, "Unauthorized") {
			t.Errorf("kubectl with a %s: %v\n%s", name, err, out)
		}
	}
}

const privilegedPodManifest = `apiVersion: v1
kind: Pod
metadata:
  name: %s
  namespace: %s
spec:
  containers:
  - name: main
    image: busybox
    securityContext:
      privileged: true
`

// profileTenancy: in her profile "alice" (made above), alice runs only what the profile's
// Pod Security level admits, sets no limits of her own, squats no group's name, and nobody
// else deletes her profile; a system administrator changes the level.
func profileTenancy(t *testing.T, s *framework.Served, kc, alice, mallory string) {
	must := func(out string, err error, what string) {
		t.Helper()
		if err != nil {
			t.Fatalf("%s: %v\n%s", what, err, out)
		}
	}
	refused := func(out string, err error, what, want string) {
		t.Helper()
		if err == nil || !strings.Contains(out, want) {
			t.Errorf("%s: %v\n%s\nwant refused with %q", what, err, out, want)
		}
	}

	// Pod Security: baseline, enforced by the API server's PodSecurity admission.
	out, err := framework.KubectlWithToken(t, kc, alice, fmt.Sprintf(privilegedPodManifest, "privileged", "alice"), "create", "-f", "-")
	refused(out, err, "alice creating a privileged pod in her profile", `violates PodSecurity "baseline:latest": privileged`)
	out, err = framework.KubectlWithToken(t, kc, alice, fmt.Sprintf(podManifest, "baseline", "alice"), "create", "-f", "-")
	must(out, err, "alice creating a baseline pod in her profile")

	// Her limits are the administrators' to set.
	quota := `{"apiVersion": "primehub.io/v1beta1", "kind": "Profile", "metadata": {"name": "alice-big"},
	  "spec": {"owner": {"kind": "User", "apiGroup": "rbac.authorization.k8s.io", "name": "alice"}, "resourceQuota": {"hard": {"limits.cpu": "1000"}}}}`
	out, err = framework.KubectlWithToken(t, kc, alice, quota, "create", "-f", "-")
	refused(out, err, "alice creating a profile with a quota of her own", "spec.resourceQuota is set by administrators only: user alice may not set it on profile alice-big")
	out, err = framework.KubectlWithToken(t, kc, alice, fmt.Sprintf(profileManifest, "group-research", "alice"), "create", "-f", "-")
	refused(out, err, "alice squatting a group profile's name", `names beginning with "group-" are reserved for groups' profiles`)

	// Patching profiles is granted to alice and the administrator alike: the webhook tells
	// them apart.
	updater := &rbacv1.ClusterRole{
		ObjectMeta: metav1.ObjectMeta{Name: "primehub-profile-updater-for-test"},
		Rules:      []rbacv1.PolicyRule{{APIGroups: []string{"primehub.io"}, Resources: []string{"profiles"}, Verbs: []string{"get", "patch"}}},
	}
	if err := framework.Client().Create(context.Background(), updater); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = framework.Client().Delete(context.Background(), updater) })
	bindClusterRole(t, "alice", updater.Name)
	bindClusterRole(t, "phadmin", updater.Name)
	privileged := `{"spec": {"podSecurity": "privileged"}}`
	framework.Eventually(t, 10*time.Second, func(context.Context) error {
		out, err := framework.KubectlWithToken(t, kc, alice, "", "patch", "profile", "alice", "--type=merge", "-p", privileged)
		if err != nil && strings.Contains(out, "spec.podSecurity is set by administrators only: user alice may not change it on profile alice") {
			return nil
		}
		return fmt.Errorf("alice making her profile privileged: %v\n%s", err, out)
	})
	quotaPatch := `{"spec": {"resourceQuota": {"hard": {"limits.cpu": "1000"}}}}`
	out, err = framework.KubectlWithToken(t, kc, alice, "", "patch", "profile", "alice", "--type=merge", "-p", quotaPatch)
	refused(out, err, "alice giving her profile a quota", "spec.resourceQuota is set by administrators only: user alice may not change it")

	admin := s.Login(t, "phadmin", "admin-password-1")
	out, err = framework.KubectlWithToken(t, kc, admin, "", "patch", "profile", "alice", "--type=merge", "-p", privileged)
	must(out, err, "the administrator making alice's profile privileged")
	framework.Eventually(t, 30*time.Second, func(context.Context) error {
		out, err := framework.KubectlWithToken(t, kc, alice, fmt.Sprintf(privilegedPodManifest, "privileged", "alice"), "create", "-f", "-")
		if err != nil {
			return fmt.Errorf("alice's privileged pod once allowed: %v\n%s", err, out)
		}
		return nil
	})

	// Deleting: mallory, granted the deleter role, still cannot delete alice's profile.
	bindClusterRole(t, "mallory", "primehub-profile-deleter")
	bindClusterRole(t, "alice", "primehub-profile-deleter")
	framework.Eventually(t, 10*time.Second, func(context.Context) error {
		out, err := framework.KubectlWithToken(t, kc, mallory, "", "delete", "profile", "alice", "--wait=false")
		if err != nil && strings.Contains(out, "user mallory may not delete profile alice: only its owner (User alice) and administrators may") {
			return nil
		}
		return fmt.Errorf("mallory deleting alice's profile: %v\n%s", err, out)
	})
	p := &v1beta1.Profile{}
	if err := framework.Client().Get(context.Background(), client.ObjectKey{Name: "alice"}, p); err != nil || !p.DeletionTimestamp.IsZero() {
		t.Fatalf("alice's profile after mallory's attempt: %v, deleting since %v", err, p.DeletionTimestamp)
	}
	out, err = framework.KubectlWithToken(t, kc, alice, "", "delete", "profile", "alice", "--wait=false")
	must(out, err, "alice deleting her own profile")
}

// flip changes every character of s, within the base64url alphabet.
func flip(s string) string {
	b := []byte(s)
	for i, c := range b {
		if c == 'A' {
			b[i] = 'B'
		} else {
			b[i] = 'A'
		}
	}
	return string(b)
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

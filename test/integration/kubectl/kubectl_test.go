// Package kubectl_test checks kubectl as the user on the real control plane: `primehub
// serve` over HTTPS (--tls-cert-dir), a kube-apiserver whose structured authentication
// configuration trusts its embedded OpenID issuer, and `kubectl --token <id_token>` acting
// as the person who logged in, with RBAC and the webhooks deciding, as `make run` sets it
// up.
package kubectl_test

import (
	"bytes"
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"golang.org/x/oauth2"
	authenticationv1 "k8s.io/api/authentication/v1"
	corev1 "k8s.io/api/core/v1"
	rbacv1 "k8s.io/api/rbac/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	"k8s.io/apimachinery/pkg/api/meta"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/client-go/kubernetes"
	"k8s.io/client-go/rest"
	"k8s.io/client-go/tools/clientcmd"
	clientcmdapi "k8s.io/client-go/tools/clientcmd/api"
	"sigs.k8s.io/controller-runtime/pkg/client"

	"github.com/primehub/primehub/api/v1beta1"
	"github.com/primehub/primehub/internal/controller/profile"
	"github.com/primehub/primehub/internal/directory"
	"github.com/primehub/primehub/internal/serve"
	"github.com/primehub/primehub/test/framework"
)

// authnConfig is the kube-apiserver's --authentication-config. The cluster starts with no
// issuer in it, as the sandbox's first run does: primehub makes its CA only once it runs.
var authnConfig string

const noIssuer = "apiVersion: apiserver.config.k8s.io/v1\nkind: AuthenticationConfiguration\njwt: []\n"

func TestMain(m *testing.M) {
	if os.Getenv(framework.KubeconfigEnv) != "" {
		// A running cluster was not started with our authentication configuration.
		fmt.Fprintf(os.Stderr, "kubectl tests need a cluster of their own; skipped with %s set\n", framework.KubeconfigEnv)
		os.Exit(0)
	}
	os.Exit(run(m))
}

func run(m *testing.M) int {
	dir, err := os.MkdirTemp("", "primehub-kubectl-test-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer os.RemoveAll(dir)
	authnConfig = filepath.Join(dir, "authentication-config.yaml")
	if err := os.WriteFile(authnConfig, []byte(noIssuer), 0o600); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	return framework.RunWithCluster(m, "--authentication-config="+authnConfig)
}

// issuerConfig trusts the issuer, signed by the CA in caPEM, for the client primehub:
// users by their preferred_username as it is (as the profile controller names them in
// RoleBindings), groups as primehub:<group>; hack/run.sh writes the same.
func issuerConfig(issuer string, caPEM []byte) string {
	var b strings.Builder
	fmt.Fprintf(&b, `apiVersion: apiserver.config.k8s.io/v1
kind: AuthenticationConfiguration
jwt:
- issuer:
    url: %s
    audiences: [primehub]
    certificateAuthority: |
`, issuer)
	for _, line := range strings.Split(strings.TrimSpace(string(caPEM)), "\n") {
		b.WriteString("      " + line + "\n")
	}
	b.WriteString(`  claimMappings:
    username:
      claim: preferred_username
      prefix: ""
    groups:
      claim: groups
      prefix: "primehub:"
  userValidationRules:
  - expression: "!user.username.startsWith('system:')"
    message: "usernames beginning with system: are the cluster's own"
`)
	return b.String()
}

// served is primehub serve over HTTPS in the test process.
type served struct {
	base      string
	namespace string
	// client trusts serve's CA.
	client *http.Client
	caPEM  []byte
}

func startServe(t *testing.T) *served {
	t.Helper()
	ports, err := framework.FreePorts(2)
	if err != nil {
		t.Fatal(err)
	}
	ns := &corev1.Namespace{ObjectMeta: metav1.ObjectMeta{Name: "primehub-kubectl"}}
	if err := framework.Client().Create(context.Background(), ns); err != nil {
		t.Fatal(err)
	}
	addr := "127.0.0.1:" + strconv.Itoa(ports[0])
	webhookAddr := "127.0.0.1:" + strconv.Itoa(ports[1])
	certDir := t.TempDir()
	o := serve.Options{
		Kubeconfig:  framework.Kubeconfig(),
		Namespace:   ns.Name,
		HTTPAddr:    addr,
		TLSCertDir:  filepath.Join(certDir, "tls"),
		MetricsAddr: "0",
		LogFormat:   "json",
		Identity: serve.IdentityOptions{
			Directory:     "builtin",
			ExternalURL:   "https://" + addr,
			OIDCClientID:  "primehub",
			KeyRotation:   24 * time.Hour,
			AdminUsername: "phadmin",
			AdminPassword: "admin-password-1",
		},
		Webhook: serve.WebhookOptions{
			Addr:          webhookAddr,
			URL:           "https://" + webhookAddr,
			CertDir:       filepath.Join(certDir, "webhook"),
			PlatformUsers: []string{"kubernetes-admin"},
		},
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- serve.Run(ctx, o) }()
	t.Cleanup(func() {
		cancel()
		<-done
	})

	s := &served{base: "https://" + addr, namespace: ns.Name}
	framework.Eventually(t, 90*time.Second, func(context.Context) error {
		select {
		case err := <-done:
			t.Fatalf("serve exited: %v", err)
		default:
		}
		if s.client == nil {
			ca, err := os.ReadFile(filepath.Join(o.TLSCertDir, "ca.crt"))
			if err != nil {
				return err
			}
			pool := x509.NewCertPool()
			if !pool.AppendCertsFromPEM(ca) {
				t.Fatalf("%s/ca.crt holds no certificate", o.TLSCertDir)
			}
			s.caPEM = ca
			s.client = &http.Client{Timeout: 30 * time.Second,
				Transport: &http.Transport{TLSClientConfig: &tls.Config{RootCAs: pool, MinVersion: tls.VersionTLS12}}}
		}
		resp, err := s.client.Get(s.base + "/readyz")
		if err != nil {
			return err
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			return errors.New(resp.Status)
		}
		return nil
	})
	return s
}

var authRequestIDPattern = regexp.MustCompile(`name="authRequestID" value="([^"]+)"`)

// login logs username in as the console does (code with PKCE, client primehub) and
// answers the id_token. serve's directory reads users from its cache, so a user just
// created is retried for a while.
func (s *served) login(t *testing.T, username, password string) string {
	t.Helper()
	var idt string
	framework.Eventually(t, 30*time.Second, func(context.Context) error {
		var err error
		idt, err = s.tryLogin(username, password)
		return err
	})
	return idt
}

func (s *served) tryLogin(username, password string) (string, error) {
	issuer := s.base + "/oidc"
	redirect := s.base + "/console/callback"
	jar, _ := cookiejar.New(nil)
	browser := &http.Client{Jar: jar, Transport: s.client.Transport, Timeout: 30 * time.Second,
		CheckRedirect: func(req *http.Request, _ []*http.Request) error {
			if strings.HasPrefix(req.URL.String(), redirect) {
				return http.ErrUseLastResponse
			}
			return nil
		}}
	oc := oauth2.Config{ClientID: "primehub", RedirectURL: redirect, Scopes: []string{"openid", "profile", "email"},
		Endpoint: oauth2.Endpoint{AuthURL: issuer + "/authorize", TokenURL: issuer + "/oauth/token", AuthStyle: oauth2.AuthStyleInParams}}
	verifier := oauth2.GenerateVerifier()
	resp, err := browser.Get(oc.AuthCodeURL("state-1", oauth2.S256ChallengeOption(verifier)))
	if err != nil {
		return "", err
	}
	body := readAll(resp)
	m := authRequestIDPattern.FindStringSubmatch(body)
	if m == nil {
		return "", fmt.Errorf("authorization answered %s, not the login form: %s", resp.Status, body)
	}
	// The login form redirects to the issuer's callback, which redirects to the client.
	resp, err = browser.PostForm(issuer+"/login", url.Values{"authRequestID": {m[1]}, "username": {username}, "password": {password}})
	if err != nil {
		return "", err
	}
	body = readAll(resp)
	back, err := url.Parse(resp.Header.Get("Location"))
	if resp.StatusCode != http.StatusFound || err != nil || back.Query().Get("code") == "" {
		return "", fmt.Errorf("login as %s: %s to %q: %s", username, resp.Status, resp.Header.Get("Location"), body)
	}
	tok, err := oc.Exchange(context.WithValue(context.Background(), oauth2.HTTPClient, browser),
		back.Query().Get("code"), oauth2.VerifierOption(verifier))
	if err != nil {
		return "", fmt.Errorf("exchange the code: %w", err)
	}
	idt, _ := tok.Extra("id_token").(string)
	if idt == "" {
		return "", errors.New("no id_token")
	}
	return idt, nil
}

func readAll(resp *http.Response) string {
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return string(b)
}

// tokenConfig is a rest config of the test cluster with token as its only credential.
func tokenConfig(token string) *rest.Config {
	admin := framework.Config()
	return &rest.Config{Host: admin.Host, BearerToken: token,
		TLSClientConfig: rest.TLSClientConfig{CAData: admin.CAData, CAFile: admin.CAFile}}
}

// userKubeconfig writes a kubeconfig naming the cluster and no credentials, as `make run`
// does, for `kubectl --token`: beside the admin's client certificate, the certificate wins.
func userKubeconfig(t *testing.T) string {
	t.Helper()
	admin := framework.Config()
	ca := admin.CAData
	if len(ca) == 0 {
		var err error
		if ca, err = os.ReadFile(admin.CAFile); err != nil {
			t.Fatal(err)
		}
	}
	cfg := clientcmdapi.NewConfig()
	cfg.Clusters["devcluster"] = &clientcmdapi.Cluster{Server: admin.Host, CertificateAuthorityData: ca}
	cfg.Contexts["devcluster"] = &clientcmdapi.Context{Cluster: "devcluster"}
	cfg.CurrentContext = "devcluster"
	path := filepath.Join(t.TempDir(), "user.kubeconfig")
	if err := clientcmd.WriteToFile(*cfg, path); err != nil {
		t.Fatal(err)
	}
	return path
}

// kubectl runs `bin/devcluster kubectl --token token` with the credential-less kubeconfig.
func kubectl(t *testing.T, kubeconfig, token, stdin string, args ...string) (string, error) {
	t.Helper()
	bin, err := framework.BinPath("devcluster")
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, append([]string{"kubectl", "--kubeconfig", kubeconfig, "--token", token}, args...)...)
	cmd.Stdin = strings.NewReader(stdin)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	err = cmd.Run()
	return out.String(), err
}

func whoami(ctx context.Context, token string) (*authenticationv1.UserInfo, error) {
	cs, err := kubernetes.NewForConfig(tokenConfig(token))
	if err != nil {
		return nil, err
	}
	r, err := cs.AuthenticationV1().SelfSubjectReviews().Create(ctx, &authenticationv1.SelfSubjectReview{}, metav1.CreateOptions{})
	if err != nil {
		return nil, err
	}
	return &r.Status.UserInfo, nil
}

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
	s := startServe(t)
	ctx := context.Background()
	d := framework.StartBuiltinDirectory(t, s.namespace, framework.Logger(t))
	createUser(t, d, "alice", "alice-password")
	createUser(t, d, "mallory", "mallory-password")
	alice := s.login(t, "alice", "alice-password")
	mallory := s.login(t, "mallory", "mallory-password")

	// The API server knows no issuer yet: a token is nobody.
	if _, err := whoami(ctx, alice); !apierrors.IsUnauthorized(err) {
		t.Fatalf("before the issuer is trusted: got %v, want Unauthorized", err)
	}

	// Trusting the issuer is a change of the file the API server watches, as in make run.
	cfg := issuerConfig(s.base+"/oidc", s.caPEM)
	if err := os.WriteFile(authnConfig+".tmp", []byte(cfg), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(authnConfig+".tmp", authnConfig); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	var info *authenticationv1.UserInfo
	framework.Eventually(t, 2*time.Minute, func(ctx context.Context) error {
		var err error
		info, err = whoami(ctx, alice)
		return err
	})
	t.Logf("the API server trusted the issuer %s after the configuration changed", time.Since(start).Round(100*time.Millisecond))
	if info.Username != "alice" || !contains(info.Groups, "primehub:everyone") || !contains(info.Groups, "system:authenticated") {
		t.Errorf("alice is %q in groups %v, want alice in primehub:everyone and system:authenticated", info.Username, info.Groups)
	}

	kc := userKubeconfig(t)
	if out, err := kubectl(t, kc, alice, "", "auth", "whoami"); err != nil || !strings.Contains(out, "alice") {
		t.Errorf("kubectl auth whoami as alice: %v\n%s", err, out)
	}

	// Alice, granted profile creation, makes her profile with kubectl; the webhook sees her
	// by the name in her token.
	bindClusterRole(t, "alice", "primehub-profile-creator")
	bindClusterRole(t, "mallory", "primehub-profile-creator")
	out, err := kubectl(t, kc, mallory, fmt.Sprintf(profileManifest, "not-mallorys", "alice"), "create", "-f", "-")
	if err == nil || !strings.Contains(out, "user mallory may only create profiles owned by themselves") {
		t.Errorf("mallory creating a profile for alice: %v\n%s", err, out)
	}
	if out, err := kubectl(t, kc, alice, fmt.Sprintf(profileManifest, "alice", "alice"), "create", "-f", "-"); err != nil {
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
	if out, err := kubectl(t, kc, alice, fmt.Sprintf(podManifest, "by-kubectl", "alice"), "create", "-f", "-"); err != nil {
		t.Errorf("alice creating a pod in her namespace: %v\n%s", err, out)
	}
	aliceCS, err := kubernetes.NewForConfig(tokenConfig(alice))
	if err != nil {
		t.Fatal(err)
	}
	pod := &corev1.Pod{ObjectMeta: metav1.ObjectMeta{Name: "by-client", Namespace: "alice"},
		Spec: corev1.PodSpec{Containers: []corev1.Container{{Name: "main", Image: "busybox"}}}}
	if _, err := aliceCS.CoreV1().Pods("alice").Create(ctx, pod, metav1.CreateOptions{}); err != nil {
		t.Errorf("alice creating a pod through the API: %v", err)
	}

	// A stranger is known but not allowed: 403.
	out, err = kubectl(t, kc, mallory, fmt.Sprintf(podManifest, "intruder", "alice"), "create", "-f", "-")
	if err == nil || !strings.Contains(out, `User "mallory" cannot create resource "pods"`) {
		t.Errorf("mallory creating a pod in alice's namespace: %v\n%s", err, out)
	}
	malloryCS, err := kubernetes.NewForConfig(tokenConfig(mallory))
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
		if _, err := whoami(ctx, bad); !apierrors.IsUnauthorized(err) {
			t.Errorf("%s: got %v, want Unauthorized (401)", name, err)
		}
		if out, err := kubectl(t, kc, bad, "", "get", "pods", "-n", "alice"); err == nil || !strings.Contains(out, "Unauthorized") {
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
func profileTenancy(t *testing.T, s *served, kc, alice, mallory string) {
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
	out, err := kubectl(t, kc, alice, fmt.Sprintf(privilegedPodManifest, "privileged", "alice"), "create", "-f", "-")
	refused(out, err, "alice creating a privileged pod in her profile", `violates PodSecurity "baseline:latest": privileged`)
	out, err = kubectl(t, kc, alice, fmt.Sprintf(podManifest, "baseline", "alice"), "create", "-f", "-")
	must(out, err, "alice creating a baseline pod in her profile")

	// Her limits are the administrators' to set.
	quota := `{"apiVersion": "primehub.io/v1beta1", "kind": "Profile", "metadata": {"name": "alice-big"},
	  "spec": {"owner": {"kind": "User", "apiGroup": "rbac.authorization.k8s.io", "name": "alice"}, "resourceQuota": {"hard": {"limits.cpu": "1000"}}}}`
	out, err = kubectl(t, kc, alice, quota, "create", "-f", "-")
	refused(out, err, "alice creating a profile with a quota of her own", "spec.resourceQuota is set by administrators only: user alice may not set it on profile alice-big")
	out, err = kubectl(t, kc, alice, fmt.Sprintf(profileManifest, "group-research", "alice"), "create", "-f", "-")
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
		out, err := kubectl(t, kc, alice, "", "patch", "profile", "alice", "--type=merge", "-p", privileged)
		if err != nil && strings.Contains(out, "spec.podSecurity is set by administrators only: user alice may not change it on profile alice") {
			return nil
		}
		return fmt.Errorf("alice making her profile privileged: %v\n%s", err, out)
	})
	quotaPatch := `{"spec": {"resourceQuota": {"hard": {"limits.cpu": "1000"}}}}`
	out, err = kubectl(t, kc, alice, "", "patch", "profile", "alice", "--type=merge", "-p", quotaPatch)
	refused(out, err, "alice giving her profile a quota", "spec.resourceQuota is set by administrators only: user alice may not change it")

	admin := s.login(t, "phadmin", "admin-password-1")
	out, err = kubectl(t, kc, admin, "", "patch", "profile", "alice", "--type=merge", "-p", privileged)
	must(out, err, "the administrator making alice's profile privileged")
	framework.Eventually(t, 30*time.Second, func(context.Context) error {
		out, err := kubectl(t, kc, alice, fmt.Sprintf(privilegedPodManifest, "privileged", "alice"), "create", "-f", "-")
		if err != nil {
			return fmt.Errorf("alice's privileged pod once allowed: %v\n%s", err, out)
		}
		return nil
	})

	// Deleting: mallory, granted the deleter role, still cannot delete alice's profile.
	bindClusterRole(t, "mallory", "primehub-profile-deleter")
	bindClusterRole(t, "alice", "primehub-profile-deleter")
	framework.Eventually(t, 10*time.Second, func(context.Context) error {
		out, err := kubectl(t, kc, mallory, "", "delete", "profile", "alice", "--wait=false")
		if err != nil && strings.Contains(out, "user mallory may not delete profile alice: only its owner (User alice) and administrators may") {
			return nil
		}
		return fmt.Errorf("mallory deleting alice's profile: %v\n%s", err, out)
	})
	p := &v1beta1.Profile{}
	if err := framework.Client().Get(context.Background(), client.ObjectKey{Name: "alice"}, p); err != nil || !p.DeletionTimestamp.IsZero() {
		t.Fatalf("alice's profile after mallory's attempt: %v, deleting since %v", err, p.DeletionTimestamp)
	}
	out, err = kubectl(t, kc, alice, "", "delete", "profile", "alice", "--wait=false")
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

package framework

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
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/client-go/kubernetes"
	"k8s.io/client-go/rest"
	"k8s.io/client-go/tools/clientcmd"
	clientcmdapi "k8s.io/client-go/tools/clientcmd/api"

	"github.com/primehub/primehub/internal/serve"
)

// Acting as the people who use the platform, as `make run` lets them: `primehub serve` over
// HTTPS with its embedded OpenID issuer, a kube-apiserver whose structured authentication
// configuration trusts that issuer, and users' id_tokens for kubectl and GraphQL.

// authnConfigPath is the kube-apiserver's --authentication-config, set by
// RunWithAuthentication.
var authnConfigPath string

const noIssuerConfig = "apiVersion: apiserver.config.k8s.io/v1\nkind: AuthenticationConfiguration\njwt: []\n"

// RunWithAuthentication is RunWithCluster with a structured authentication configuration
// that trusts no issuer yet, as the sandbox's first run has: primehub makes its CA only once
// it runs, and Served.TrustIssuer writes it in. A running cluster named by KubeconfigEnv
// was not started with it, so the tests are skipped then.
func RunWithAuthentication(m *testing.M, upArgs ...string) int {
	if os.Getenv(KubeconfigEnv) != "" {
		fmt.Fprintf(os.Stderr, "these tests need a cluster of their own (an authentication config); skipped with %s set\n", KubeconfigEnv)
		return 0
	}
	dir, err := os.MkdirTemp("", "primehub-authn-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer os.RemoveAll(dir)
	authnConfigPath = filepath.Join(dir, "authentication-config.yaml")
	if err := os.WriteFile(authnConfigPath, []byte(noIssuerConfig), 0o600); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	return RunWithCluster(m, append([]string{"--authentication-config=" + authnConfigPath}, upArgs...)...)
}

// IssuerConfig trusts the issuer, signed by the CA in caPEM, for the client primehub:
// users by their preferred_username as it is (as the profile controller names them in
// RoleBindings), groups as primehub:<group>; hack/run.sh writes the same.
func IssuerConfig(issuer string, caPEM []byte) string {
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

// Served is `primehub serve` over HTTPS in the test process.
type Served struct {
	// Base is serve's https URL; Namespace the platform namespace.
	Base, Namespace string
	// HTTP trusts serve's CA.
	HTTP  *http.Client
	CAPEM []byte
}

// StartServeHTTPS runs serve for the platform namespace (created here) over HTTPS, with the
// builtin directory, its embedded issuer and the webhooks, until the test ends.
func StartServeHTTPS(t *testing.T, namespace string) *Served {
	t.Helper()
	ports, err := FreePorts(2)
	if err != nil {
		t.Fatal(err)
	}
	ns := &corev1.Namespace{ObjectMeta: metav1.ObjectMeta{Name: namespace}}
	if err := Client().Create(context.Background(), ns); err != nil {
		t.Fatal(err)
	}
	addr := "127.0.0.1:" + strconv.Itoa(ports[0])
	webhookAddr := "127.0.0.1:" + strconv.Itoa(ports[1])
	certDir := t.TempDir()
	o := serve.Options{
		Kubeconfig:  Kubeconfig(),
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

	s := &Served{Base: "https://" + addr, Namespace: ns.Name}
	Eventually(t, 90*time.Second, func(context.Context) error {
		select {
		case err := <-done:
			t.Fatalf("serve exited: %v", err)
		default:
		}
		if s.HTTP == nil {
			ca, err := os.ReadFile(filepath.Join(o.TLSCertDir, "ca.crt"))
			if err != nil {
				return err
			}
			pool := x509.NewCertPool()
			if !pool.AppendCertsFromPEM(ca) {
				t.Fatalf("%s/ca.crt holds no certificate", o.TLSCertDir)
			}
			s.CAPEM = ca
			s.HTTP = &http.Client{Timeout: 30 * time.Second,
				Transport: &http.Transport{TLSClientConfig: &tls.Config{RootCAs: pool, MinVersion: tls.VersionTLS12}}}
		}
		resp, err := s.HTTP.Get(s.Base + "/readyz")
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

// TrustIssuer writes serve's issuer into the API server's authentication configuration, a
// file it watches, as make run does, and waits until the API server knows token's user. It
// answers how long that took.
func (s *Served) TrustIssuer(t *testing.T, token string) time.Duration {
	t.Helper()
	if authnConfigPath == "" {
		t.Fatal("TrustIssuer needs the cluster of RunWithAuthentication")
	}
	cfg := IssuerConfig(s.Base+"/oidc", s.CAPEM)
	if err := os.WriteFile(authnConfigPath+".tmp", []byte(cfg), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(authnConfigPath+".tmp", authnConfigPath); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	Eventually(t, 2*time.Minute, func(ctx context.Context) error {
		_, err := Whoami(ctx, token)
		return err
	})
	return time.Since(start)
}

// GraphQL is a client of serve's GraphQL API with token as its Bearer credential.
func (s *Served) GraphQL(token string) *GraphQLClient {
	return &GraphQLClient{URL: s.Base + "/api/graphql", Token: token, HTTP: s.HTTP}
}

var authRequestIDPattern = regexp.MustCompile(`name="authRequestID" value="([^"]+)"`)

// Login logs username in as the console does (code with PKCE, client primehub) and
// answers the id_token. serve's directory reads users from its cache, so a user just
// created is retried for a while.
func (s *Served) Login(t *testing.T, username, password string) string {
	return Login(t, s.Base, s.HTTP.Transport, username, password)
}

// Login logs username in at the embedded issuer of the primehub at base, as the console
// does, through transport (nil: the default), and answers the id_token. A user just
// created is retried for a while.
func Login(t testing.TB, base string, transport http.RoundTripper, username, password string) string {
	t.Helper()
	var idt string
	Eventually(t, 30*time.Second, func(context.Context) error {
		var err error
		idt, err = tryLogin(base, transport, username, password)
		return err
	})
	return idt
}

func tryLogin(base string, transport http.RoundTripper, username, password string) (string, error) {
	issuer := base + "/oidc"
	redirect := base + "/console/callback"
	jar, _ := cookiejar.New(nil)
	browser := &http.Client{Jar: jar, Transport: transport, Timeout: 30 * time.Second,
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
	body := readBody(resp)
	m := authRequestIDPattern.FindStringSubmatch(body)
	if m == nil {
		return "", fmt.Errorf("authorization answered %s, not the login form: %s", resp.Status, body)
	}
	// The login form redirects to the issuer's callback, which redirects to the client.
	resp, err = browser.PostForm(issuer+"/login", url.Values{"authRequestID": {m[1]}, "username": {username}, "password": {password}})
	if err != nil {
		return "", err
	}
	body = readBody(resp)
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

func readBody(resp *http.Response) string {
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return string(b)
}

// TokenConfig is a rest config of the test cluster with token as its only credential.
func TokenConfig(token string) *rest.Config {
	admin := Config()
	return &rest.Config{Host: admin.Host, BearerToken: token,
		TLSClientConfig: rest.TLSClientConfig{CAData: admin.CAData, CAFile: admin.CAFile}}
}

// Whoami is whom the API server takes token for.
func Whoami(ctx context.Context, token string) (*authenticationv1.UserInfo, error) {
	cs, err := kubernetes.NewForConfig(TokenConfig(token))
	if err != nil {
		return nil, err
	}
	r, err := cs.AuthenticationV1().SelfSubjectReviews().Create(ctx, &authenticationv1.SelfSubjectReview{}, metav1.CreateOptions{})
	if err != nil {
		return nil, err
	}
	return &r.Status.UserInfo, nil
}

// UserKubeconfig writes a kubeconfig naming the cluster and no credentials, as `make run`
// does, for `kubectl --token`: beside the admin's client certificate, the certificate wins.
func UserKubeconfig(t *testing.T) string {
	t.Helper()
	admin := Config()
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

// KubectlWithToken runs `bin/devcluster kubectl --token token` with a credential-less
// kubeconfig (UserKubeconfig), stdin as its input, and answers its output.
func KubectlWithToken(t *testing.T, kubeconfig, token, stdin string, args ...string) (string, error) {
	t.Helper()
	bin, err := BinPath("devcluster")
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

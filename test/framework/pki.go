package framework

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"fmt"
	"math/big"
	"os"
	"path/filepath"
	"testing"
	"time"

	"k8s.io/client-go/rest"
	"sigs.k8s.io/controller-runtime/pkg/client"
)

// pkiDir is the test cluster's certificate directory: <data-dir>/pki beside its admin
// kubeconfig, or the sandbox's (.primehub-dev/kubeconfig beside cluster/pki).
func pkiDir() string {
	dir := filepath.Dir(kubeconfigPath)
	for _, d := range []string{filepath.Join(dir, "pki"), filepath.Join(dir, "cluster", "pki")} {
		if _, err := os.Stat(filepath.Join(d, "ca.crt")); err == nil {
			return d
		}
	}
	return filepath.Join(dir, "pki")
}

// WebhookClientCA is the file of the CA that signs the client certificate the test
// cluster's API server presents to webhooks (`primehub serve --webhook-client-ca`).
func WebhookClientCA() string { return filepath.Join(pkiDir(), "webhook-client-ca.crt") }

// WebhookCaller is the client certificate the test cluster's API server presents to
// webhooks, for a test that calls a webhook as the API server does.
func WebhookCaller() (tls.Certificate, error) {
	dir := pkiDir()
	return tls.LoadX509KeyPair(filepath.Join(dir, "apiserver-webhook-client.crt"), filepath.Join(dir, "apiserver-webhook-client.key"))
}

// UserClient is a client of the test cluster authenticated as username (in groups) by a
// client certificate the cluster CA signs: the API server sees that user, as it would a
// user of kubectl, with no impersonation by the admin. RBAC decides what it may do.
func UserClient(t testing.TB, username string, groups ...string) client.Client {
	t.Helper()
	cfg, err := UserConfig(username, groups...)
	if err != nil {
		t.Fatal(err)
	}
	c, err := client.New(cfg, client.Options{Scheme: Scheme})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// UserConfig is the rest config of UserClient.
func UserConfig(username string, groups ...string) (*rest.Config, error) {
	cert, key, err := signClientCert(username, groups)
	if err != nil {
		return nil, fmt.Errorf("client certificate of %s: %w", username, err)
	}
	cfg := rest.AnonymousClientConfig(Config())
	cfg.CertData, cfg.KeyData = cert, key
	return cfg, nil
}

// UserCertificate is a client certificate of username (in groups) that the cluster CA
// signs, as a TLS client presents it.
func UserCertificate(username string, groups ...string) (tls.Certificate, error) {
	cert, key, err := signClientCert(username, groups)
	if err != nil {
		return tls.Certificate{}, fmt.Errorf("client certificate of %s: %w", username, err)
	}
	return tls.X509KeyPair(cert, key)
}

// signClientCert makes a key and a client certificate for username, signed by the
// cluster CA; PEM.
func signClientCert(username string, groups []string) (certPEM, keyPEM []byte, err error) {
	ca, err := tls.LoadX509KeyPair(filepath.Join(pkiDir(), "ca.crt"), filepath.Join(pkiDir(), "ca.key"))
	if err != nil {
		return nil, nil, fmt.Errorf("cluster CA: %w", err)
	}
	caCert, err := x509.ParseCertificate(ca.Certificate[0])
	if err != nil {
		return nil, nil, err
	}
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return nil, nil, err
	}
	serial, err := rand.Int(rand.Reader, new(big.Int).Lsh(big.NewInt(1), 62))
	if err != nil {
		return nil, nil, err
	}
	der, err := x509.CreateCertificate(rand.Reader, &x509.Certificate{
		SerialNumber: serial,
		Subject:      pkix.Name{CommonName: username, Organization: groups},
		NotBefore:    time.Now().Add(-time.Minute),
		NotAfter:     time.Now().Add(24 * time.Hour),
		KeyUsage:     x509.KeyUsageDigitalSignature,
		ExtKeyUsage:  []x509.ExtKeyUsage{x509.ExtKeyUsageClientAuth},
	}, caCert, &key.PublicKey, ca.PrivateKey)
	if err != nil {
		return nil, nil, err
	}
	keyDER, err := x509.MarshalECPrivateKey(key)
	if err != nil {
		return nil, nil, err
	}
	return pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}),
		pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: keyDER}), nil
}

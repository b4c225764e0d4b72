package main

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"errors"
	"fmt"
	"math/big"
	"net"
	"os"
	"path/filepath"
	"time"
)

// pki holds the certificates of one cluster, kept under <data-dir>/pki so that a restarted
// cluster keeps its identity and old kubeconfigs stay valid.
type pki struct {
	dir string
	// cluster signs the components' certificates and every client certificate the API
	// server accepts.
	cluster ca
	// webhookClient signs only the client certificate kube-apiserver presents to admission
	// webhooks, so a webhook trusting it answers the API server and nobody else (the
	// cluster CA would also let in every user with a client certificate).
	webhookClient ca
}

// ca is a certificate authority: its certificate and key.
type ca struct {
	cert *x509.Certificate
	key  crypto.Signer
}

// Names (.crt, .key) of the webhooks' client authentication under the pki directory.
const (
	// webhookClientCA is the CA a webhook server trusts for its callers: `primehub serve
	// --webhook-client-ca <data-dir>/pki/webhook-client-ca.crt`.
	webhookClientCA = "webhook-client-ca"
	// webhookClient is the certificate kube-apiserver presents to webhooks.
	webhookClient = "apiserver-webhook-client"
)

// identity is who a client certificate says it is.
type identity struct {
	file   string
	user   string
	groups []string
}

var (
	adminIdentity             = identity{file: "admin", user: "kubernetes-admin", groups: []string{"system:masters"}}
	controllerManagerIdentity = identity{file: "controller-manager", user: "system:kube-controller-manager"}
	schedulerIdentity         = identity{file: "scheduler", user: "system:kube-scheduler"}
)

// ensurePKI loads the cluster CA from dir, or creates it with every certificate the
// components need when it is missing.
func ensurePKI(dir string) (*pki, error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("create %s: %w", dir, err)
	}
	p := &pki{dir: dir}
	var err error
	if p.cluster, err = p.loadOrCreateCA("ca", "devcluster-ca"); err != nil {
		return nil, err
	}
	if p.webhookClient, err = p.loadOrCreateCA(webhookClientCA, "devcluster-webhook-client-ca"); err != nil {
		return nil, err
	}
	if err := p.issue(p.webhookClient, webhookClient, &x509.Certificate{
		Subject:     pkix.Name{CommonName: "kube-apiserver-webhook-client"},
		ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageClientAuth},
	}); err != nil {
		return nil, err
	}
	if err := p.ensureServing("apiserver",
		[]string{"localhost", "kubernetes", "kubernetes.default", "kubernetes.default.svc", "kubernetes.default.svc.cluster.local"},
		[]net.IP{net.ParseIP("127.0.0.1"), net.ParseIP(serviceIP)}); err != nil {
		return nil, err
	}
	for _, id := range []identity{adminIdentity, controllerManagerIdentity, schedulerIdentity} {
		if err := p.ensureClient(id); err != nil {
			return nil, err
		}
	}
	if !exists(p.path("sa.key")) {
		key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
		if err != nil {
			return nil, err
		}
		if err := writeKey(p.path("sa.key"), key); err != nil {
			return nil, err
		}
		pub, err := x509.MarshalPKIXPublicKey(&key.PublicKey)
		if err != nil {
			return nil, err
		}
		if err := writePEM(p.path("sa.pub"), "PUBLIC KEY", pub, 0o644); err != nil {
			return nil, err
		}
	}
	return p, nil
}

func (p *pki) path(name string) string { return filepath.Join(p.dir, name) }

// loadOrCreateCA loads the CA <name>.crt and <name>.key, or creates it.
func (p *pki) loadOrCreateCA(name, commonName string) (ca, error) {
	if exists(p.path(name + ".crt")) {
		cert, key, err := loadPair(p.path(name+".crt"), p.path(name+".key"))
		if err != nil {
			return ca{}, fmt.Errorf("load CA %s: %w", name, err)
		}
		return ca{cert: cert, key: key}, nil
	}
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return ca{}, err
	}
	tmpl := &x509.Certificate{
		SerialNumber:          serial(),
		Subject:               pkix.Name{CommonName: commonName},
		NotBefore:             time.Now().Add(-time.Hour),
		NotAfter:              time.Now().AddDate(10, 0, 0),
		KeyUsage:              x509.KeyUsageCertSign | x509.KeyUsageDigitalSignature,
		BasicConstraintsValid: true,
		IsCA:                  true,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		return ca{}, fmt.Errorf("create CA %s: %w", name, err)
	}
	if err := writeKey(p.path(name+".key"), key); err != nil {
		return ca{}, err
	}
	if err := writePEM(p.path(name+".crt"), "CERTIFICATE", der, 0o644); err != nil {
		return ca{}, err
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		return ca{}, err
	}
	return ca{cert: cert, key: key}, nil
}

func (p *pki) ensureServing(name string, dnsNames []string, ips []net.IP) error {
	return p.issue(p.cluster, name, &x509.Certificate{
		Subject:     pkix.Name{CommonName: name},
		DNSNames:    dnsNames,
		IPAddresses: ips,
		ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
	})
}

func (p *pki) ensureClient(id identity) error {
	return p.issue(p.cluster, id.file, &x509.Certificate{
		Subject:     pkix.Name{CommonName: id.user, Organization: id.groups},
		ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageClientAuth},
	})
}

// issue signs tmpl with by into <name>.crt and <name>.key unless they already exist.
func (p *pki) issue(by ca, name string, tmpl *x509.Certificate) error {
	if exists(p.path(name + ".crt")) {
		return nil
	}
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return err
	}
	tmpl.SerialNumber = serial()
	tmpl.NotBefore = time.Now().Add(-time.Hour)
	tmpl.NotAfter = time.Now().AddDate(10, 0, 0)
	tmpl.KeyUsage = x509.KeyUsageDigitalSignature
	der, err := x509.CreateCertificate(rand.Reader, tmpl, by.cert, &key.PublicKey, by.key)
	if err != nil {
		return fmt.Errorf("issue %s certificate: %w", name, err)
	}
	if err := writeKey(p.path(name+".key"), key); err != nil {
		return err
	}
	return writePEM(p.path(name+".crt"), "CERTIFICATE", der, 0o644)
}

func loadPair(certFile, keyFile string) (*x509.Certificate, crypto.Signer, error) {
	certPEM, err := os.ReadFile(certFile)
	if err != nil {
		return nil, nil, err
	}
	keyPEM, err := os.ReadFile(keyFile)
	if err != nil {
		return nil, nil, err
	}
	cb, _ := pem.Decode(certPEM)
	kb, _ := pem.Decode(keyPEM)
	if cb == nil || kb == nil {
		return nil, nil, errors.New("not PEM")
	}
	cert, err := x509.ParseCertificate(cb.Bytes)
	if err != nil {
		return nil, nil, err
	}
	key, err := x509.ParseECPrivateKey(kb.Bytes)
	if err != nil {
		return nil, nil, err
	}
	return cert, key, nil
}

func writeKey(path string, key *ecdsa.PrivateKey) error {
	der, err := x509.MarshalECPrivateKey(key)
	if err != nil {
		return err
	}
	return writePEM(path, "EC PRIVATE KEY", der, 0o600)
}

func writePEM(path, typ string, der []byte, mode os.FileMode) error {
	data := pem.EncodeToMemory(&pem.Block{Type: typ, Bytes: der})
	if err := os.WriteFile(path, data, mode); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}

func serial() *big.Int {
	n, _ := rand.Int(rand.Reader, new(big.Int).Lsh(big.NewInt(1), 62))
	return n
}

func exists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}

// Package certs keeps the webhook server's TLS material: a CA of its own and a serving
// certificate it signs, kept in a Store (a Secret in the platform namespace, or a
// directory) so a restart or a change of leader keeps them, and the caBundle the API
// server trusts stays valid. Replicas sharing a Secret share one CA: a write made after
// another replica's is refused (resourceVersion) and the other's certificates are taken
// instead. It renews each when a third of its lifetime is left. A new CA is trusted beside
// the old one until the old expires, and a new serving certificate is only served once
// its CA is published (Activate), so rotation never leaves the API server unable to
// verify the webhook. No cert-manager is needed.
package certs

import (
	"bytes"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"errors"
	"fmt"
	"maps"
	"math/big"
	"net"
	"slices"
	"sync"
	"time"
)

// The files in the store.
const (
	CAFile         = "ca.crt"
	caKeyFile      = "ca.key"
	previousCAFile = "ca-previous.crt"
	CertFile       = "tls.crt"
	KeyFile        = "tls.key"
)

// saveAttempts bounds how often Ensure loads again after another replica saved first.
const saveAttempts = 5

// Manager creates, loads and renews the certificates in Store (or Dir) for Hosts.
type Manager struct {
	// Store keeps the files; a DirStore of Dir when nil.
	Store Store
	// Dir keeps the files when Store is nil; it is created if missing.
	Dir string
	// Hosts are the DNS names and IP addresses the API server calls the webhook by.
	Hosts []string
	// CAValidity and CertValidity are the lifetimes of new certificates.
	CAValidity, CertValidity time.Duration
	// Now is the clock; time.Now when nil.
	Now func() time.Time

	mu       sync.RWMutex
	serving  *tls.Certificate
	next     *tls.Certificate
	caBundle []byte
}

// Ensure loads the certificates, creating or renewing what is missing, expiring, or not
// for Hosts, and reports whether it created or renewed any, or the CA bundle changed. The
// serving certificate it prepares is served after Activate.
func (m *Manager) Ensure() (bool, error) {
	store := m.Store
	if store == nil {
		store = DirStore{Dir: m.Dir}
	}
	for attempt := 1; ; attempt++ {
		snap, err := store.Load()
		if err != nil {
			return false, err
		}
		files := maps.Clone(snap.Files)
		if files == nil {
			files = map[string][]byte{}
		}
		renewed, err := m.renew(files)
		if err != nil {
			return false, err
		}
		if renewed {
			err = store.Save(Snapshot{Files: files, Version: snap.Version})
			if errors.Is(err, ErrConflict) && attempt < saveAttempts {
				continue // another replica saved first: take its certificates
			}
			if err != nil {
				return false, err
			}
		}
		changed, err := m.use(files)
		return renewed || changed, err
	}
}

// renew makes in files what is missing or due, and tells whether it made anything.
func (m *Manager) renew(files map[string][]byte) (bool, error) {
	changed := false
	ca, caKey, err := loadPair(files, CAFile, caKeyFile)
	if err != nil || m.renewable(ca) {
		if ca != nil && m.now().Before(ca.NotAfter) {
			// Keep trusting the old CA: the serving certificate it signed is still in use.
			files[previousCAFile] = encodeCert(ca.Raw)
		}
		if ca, caKey, err = m.newCA(files); err != nil {
			return false, err
		}
		changed = true
	}
	leaf, _, err := loadPair(files, CertFile, KeyFile)
	if changed || err != nil || m.renewable(leaf) || leaf.CheckSignatureFrom(ca) != nil || !m.covers(leaf) {
		if err := m.newLeaf(files, ca, caKey); err != nil {
			return false, err
		}
		changed = true
	}
	return changed, nil
}

// use prepares the serving certificate and the CA bundle of files, and tells whether the
// bundle changed.
func (m *Manager) use(files map[string][]byte) (bool, error) {
	pair, err := tls.X509KeyPair(files[CertFile], files[KeyFile])
	if err != nil {
		return false, fmt.Errorf("load webhook serving certificate: %w", err)
	}
	bundle := m.bundle(files)
	m.mu.Lock()
	defer m.mu.Unlock()
	switch {
	case m.serving == nil:
		m.serving = &pair
	case !bytes.Equal(m.serving.Certificate[0], pair.Certificate[0]):
		m.next = &pair
	}
	// An old CA dropped from the bundle is a change to publish too, and so is a serving
	// certificate another replica renewed.
	changed := m.next != nil || (m.caBundle != nil && !bytes.Equal(bundle, m.caBundle))
	m.caBundle = bundle
	return changed, nil
}

// Activate serves the certificate the last Ensure prepared. Call it once the CA bundle
// is published.
func (m *Manager) Activate() {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.next != nil {
		m.serving, m.next = m.next, nil
	}
}

// CABundle is the PEM of every CA the webhook's certificates may be signed by.
func (m *Manager) CABundle() []byte {
	m.mu.RLock()
	defer m.mu.RUnlock()
	return m.caBundle
}

// GetCertificate serves the active certificate (tls.Config.GetCertificate).
func (m *Manager) GetCertificate(*tls.ClientHelloInfo) (*tls.Certificate, error) {
	m.mu.RLock()
	defer m.mu.RUnlock()
	if m.serving == nil {
		return nil, errors.New("webhook serving certificate not ready")
	}
	return m.serving, nil
}

func (m *Manager) now() time.Time {
	if m.Now != nil {
		return m.Now()
	}
	return time.Now()
}

// renewable: less than a third of the certificate's lifetime is left.
func (m *Manager) renewable(c *x509.Certificate) bool {
	if c == nil {
		return true
	}
	return m.now().After(c.NotAfter.Add(-c.NotAfter.Sub(c.NotBefore) / 3))
}

func (m *Manager) covers(c *x509.Certificate) bool {
	for _, h := range m.Hosts {
		if ip := net.ParseIP(h); ip != nil {
			if !slices.ContainsFunc(c.IPAddresses, ip.Equal) {
				return false
			}
		} else if !slices.Contains(c.DNSNames, h) {
			return false
		}
	}
	return true
}

func loadPair(files map[string][]byte, certFile, keyFile string) (*x509.Certificate, *ecdsa.PrivateKey, error) {
	pair, err := tls.X509KeyPair(files[certFile], files[keyFile])
	if err != nil {
		return nil, nil, err
	}
	cert, err := x509.ParseCertificate(pair.Certificate[0])
	if err != nil {
		return nil, nil, err
	}
	key, ok := pair.PrivateKey.(*ecdsa.PrivateKey)
	if !ok {
		return nil, nil, fmt.Errorf("%s: not an ECDSA key", keyFile)
	}
	return cert, key, nil
}

func (m *Manager) newCA(files map[string][]byte) (*x509.Certificate, *ecdsa.PrivateKey, error) {
	tmpl := m.template("primehub-webhook-ca", m.CAValidity)
	tmpl.IsCA = true
	tmpl.BasicConstraintsValid = true
	tmpl.KeyUsage = x509.KeyUsageCertSign | x509.KeyUsageDigitalSignature
	der, key, err := sign(tmpl, nil, nil)
	if err != nil {
		return nil, nil, fmt.Errorf("create webhook CA: %w", err)
	}
	if err := putPair(files, CAFile, caKeyFile, der, key); err != nil {
		return nil, nil, err
	}
	ca, err := x509.ParseCertificate(der)
	return ca, key, err
}

func (m *Manager) newLeaf(files map[string][]byte, ca *x509.Certificate, caKey *ecdsa.PrivateKey) error {
	name := "primehub-webhook"
	if len(m.Hosts) > 0 {
		name = m.Hosts[0]
	}
	tmpl := m.template(name, m.CertValidity)
	tmpl.KeyUsage = x509.KeyUsageDigitalSignature
	tmpl.ExtKeyUsage = []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}
	for _, h := range m.Hosts {
		if ip := net.ParseIP(h); ip != nil {
			tmpl.IPAddresses = append(tmpl.IPAddresses, ip)
		} else {
			tmpl.DNSNames = append(tmpl.DNSNames, h)
		}
	}
	der, key, err := sign(tmpl, ca, caKey)
	if err != nil {
		return fmt.Errorf("create webhook serving certificate: %w", err)
	}
	return putPair(files, CertFile, KeyFile, der, key)
}

func (m *Manager) template(cn string, validity time.Duration) *x509.Certificate {
	serial, _ := rand.Int(rand.Reader, new(big.Int).Lsh(big.NewInt(1), 127)) // crypto/rand does not fail.
	now := m.now()
	return &x509.Certificate{
		SerialNumber: serial,
		Subject:      pkix.Name{CommonName: cn},
		// A little back-dated, so a clock slightly behind ours still accepts it.
		NotBefore: now.Add(-time.Minute),
		NotAfter:  now.Add(validity),
	}
}

// sign makes a P-256 key and a certificate for it, signed by parent (self-signed when nil).
func sign(tmpl, parent *x509.Certificate, parentKey *ecdsa.PrivateKey) ([]byte, *ecdsa.PrivateKey, error) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return nil, nil, err
	}
	if parent == nil {
		parent, parentKey = tmpl, key
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, parent, &key.PublicKey, parentKey)
	return der, key, err
}

func putPair(files map[string][]byte, certFile, keyFile string, der []byte, key *ecdsa.PrivateKey) error {
	keyDER, err := x509.MarshalECPrivateKey(key)
	if err != nil {
		return err
	}
	files[keyFile] = pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: keyDER})
	files[certFile] = encodeCert(der)
	return nil
}

// bundle is the current CA, and the previous one while it is still valid.
func (m *Manager) bundle(files map[string][]byte) []byte {
	current := files[CAFile]
	if block, _ := pem.Decode(files[previousCAFile]); block != nil {
		if c, err := x509.ParseCertificate(block.Bytes); err == nil && m.now().Before(c.NotAfter) {
			return append(slices.Clip(current), files[previousCAFile]...)
		}
	}
	return current
}

func encodeCert(der []byte) []byte {
	return pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der})
}

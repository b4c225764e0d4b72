package certs

import (
	"bytes"
	"crypto/tls"
	"crypto/x509"
	"encoding/pem"
	"fmt"
	"testing"
	"time"
)

func newManager(t *testing.T, dir string, now *time.Time) *Manager {
	return &Manager{Dir: dir, Hosts: []string{"127.0.0.1", "primehub-webhook.primehub.svc"},
		CAValidity: 300 * 24 * time.Hour, CertValidity: 30 * 24 * time.Hour, Now: func() time.Time { return *now }}
}

func serving(t *testing.T, m *Manager) *x509.Certificate {
	t.Helper()
	c, err := m.GetCertificate(&tls.ClientHelloInfo{})
	if err != nil {
		t.Fatal(err)
	}
	leaf, err := x509.ParseCertificate(c.Certificate[0])
	if err != nil {
		t.Fatal(err)
	}
	return leaf
}

// verify checks the served certificate against the published bundle, as the API server does.
func verify(t *testing.T, m *Manager, now time.Time) {
	t.Helper()
	pool := x509.NewCertPool()
	if !pool.AppendCertsFromPEM(m.CABundle()) {
		t.Fatal("CA bundle holds no certificate")
	}
	for _, host := range []string{"127.0.0.1", "primehub-webhook.primehub.svc"} {
		if _, err := serving(t, m).Verify(x509.VerifyOptions{Roots: pool, DNSName: host, CurrentTime: now}); err != nil {
			t.Fatalf("served certificate not trusted for %s: %v", host, err)
		}
	}
}

func bundleSize(m *Manager) int {
	n := 0
	for rest := m.CABundle(); ; n++ {
		var block *pem.Block
		if block, rest = pem.Decode(rest); block == nil {
			return n
		}
	}
}

func TestCertificatesAreKeptAndRenewed(t *testing.T) {
	dir := t.TempDir()
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	m := newManager(t, dir, &now)
	if _, err := m.GetCertificate(nil); err == nil {
		t.Fatal("a certificate served before Ensure")
	}
	if changed, err := m.Ensure(); err != nil || !changed {
		t.Fatalf("first Ensure: changed %v, %v", changed, err)
	}
	m.Activate()
	verify(t, m, now)
	first := serving(t, m)

	// A restart finds the same certificates.
	again := newManager(t, dir, &now)
	if changed, err := again.Ensure(); err != nil || changed {
		t.Fatalf("Ensure on a kept directory: changed %v, %v", changed, err)
	}
	if !serving(t, again).Equal(first) {
		t.Fatal("restart made a new serving certificate")
	}

	// With a third of its life left, the serving certificate is renewed, and served only
	// once activated (after the bundle is published).
	now = now.Add(21 * 24 * time.Hour)
	if changed, err := m.Ensure(); err != nil || !changed {
		t.Fatalf("Ensure near expiry: changed %v, %v", changed, err)
	}
	if !serving(t, m).Equal(first) {
		t.Fatal("renewed certificate served before Activate")
	}
	m.Activate()
	if serving(t, m).Equal(first) {
		t.Fatal("renewed certificate not served after Activate")
	}
	verify(t, m, now)

	// The CA is renewed too; the old one stays trusted beside the new until it expires.
	now = now.Add(200 * 24 * time.Hour)
	if changed, err := m.Ensure(); err != nil || !changed {
		t.Fatalf("Ensure near CA expiry: changed %v, %v", changed, err)
	}
	if n := bundleSize(m); n != 2 {
		t.Fatalf("bundle holds %d CAs after the CA was renewed, want the new and the old", n)
	}
	m.Activate()
	verify(t, m, now)
	now = now.Add(101 * 24 * time.Hour)
	if _, err := m.Ensure(); err != nil {
		t.Fatal(err)
	}
	if n := bundleSize(m); n != 1 {
		t.Fatalf("bundle holds %d CAs after the old CA expired, want 1", n)
	}

	// New hosts need a new serving certificate.
	m.Hosts = append(m.Hosts, "example.internal")
	if changed, err := m.Ensure(); err != nil || !changed {
		t.Fatalf("Ensure with a new host: changed %v, %v", changed, err)
	}
}

// memStore is a Store with versions, as a Secret has; before, when set, runs once before
// the next Save, as another replica saving first would.
type memStore struct {
	snap   Snapshot
	n      int
	before func()
}

func (s *memStore) Load() (Snapshot, error) { return s.snap, nil }

func (s *memStore) Save(snap Snapshot) error {
	if f := s.before; f != nil {
		s.before = nil
		f()
	}
	if snap.Version != s.snap.Version {
		return ErrConflict
	}
	s.n++
	s.snap = Snapshot{Files: snap.Files, Version: fmt.Sprint(s.n)}
	return nil
}

// TestReplicasShareCertificates: replicas sharing a store serve certificates of one CA,
// also when two make them at once, and a replica takes up what another renewed.
func TestReplicasShareCertificates(t *testing.T) {
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	store := &memStore{}
	leader, other := newManager(t, "", &now), newManager(t, "", &now)
	leader.Store, other.Store = store, store
	// Both find the store empty; the leader saves first.
	store.before = func() {
		if _, err := leader.Ensure(); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := other.Ensure(); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(leader.CABundle(), other.CABundle()) || !serving(t, leader).Equal(serving(t, other)) {
		t.Fatal("replicas made certificates of their own")
	}
	if store.n != 1 {
		t.Fatalf("%d saves, want 1", store.n)
	}
	verify(t, other, now)

	// The leader renews; the other replica, elected next, serves the renewed certificate
	// under the same CA.
	now = now.Add(21 * 24 * time.Hour)
	if changed, err := leader.Ensure(); err != nil || !changed {
		t.Fatalf("leader renews: changed %v, %v", changed, err)
	}
	leader.Activate()
	if changed, err := other.Ensure(); err != nil || !changed {
		t.Fatalf("other replica takes the renewal: changed %v, %v", changed, err)
	}
	other.Activate()
	if !serving(t, leader).Equal(serving(t, other)) || !bytes.Equal(leader.CABundle(), other.CABundle()) {
		t.Fatal("the other replica serves another certificate than the leader renewed")
	}
	verify(t, other, now)
}

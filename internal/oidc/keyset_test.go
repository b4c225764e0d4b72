package oidc

import (
	"testing"
	"time"
)

func TestKeySetRotatesAndRoundTrips(t *testing.T) {
	t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	s, err := newKeySet(t0)
	if err != nil {
		t.Fatal(err)
	}
	first := s.current().ID
	for i := 1; i <= 3; i++ {
		if s, err = s.rotated(t0.Add(time.Duration(i) * time.Hour)); err != nil {
			t.Fatal(err)
		}
	}
	if len(s.Keys) != keepKeys {
		t.Fatalf("%d keys after 3 rotations, want %d", len(s.Keys), keepKeys)
	}
	for _, k := range s.Keys {
		if k.ID == first {
			t.Error("the oldest key was kept beyond keepKeys")
		}
	}
	if !s.current().Created.Equal(t0.Add(3 * time.Hour)) {
		t.Errorf("current key created %v, want the newest", s.current().Created)
	}
	data, err := s.encode()
	if err != nil {
		t.Fatal(err)
	}
	back, err := decodeKeySet(data)
	if err != nil {
		t.Fatal(err)
	}
	if back.CryptoKey != s.CryptoKey || len(back.Keys) != len(s.Keys) {
		t.Fatal("decoded key set differs")
	}
	for i := range s.Keys {
		if back.Keys[i].ID != s.Keys[i].ID || !back.Keys[i].Private.Equal(s.Keys[i].Private) || !back.Keys[i].Created.Equal(s.Keys[i].Created) {
			t.Errorf("key %d differs after a round trip", i)
		}
	}
}

func TestDecodeKeySetRejectsDamage(t *testing.T) {
	s, err := newKeySet(time.Now())
	if err != nil {
		t.Fatal(err)
	}
	good, _ := s.encode()
	tests := []struct {
		name   string
		mutate func(map[string][]byte)
	}{
		{"no keys", func(d map[string][]byte) { d[signingKeysKey] = []byte("[]") }},
		{"not json", func(d map[string][]byte) { d[signingKeysKey] = []byte("{") }},
		{"short encryption key", func(d map[string][]byte) { d[cryptoKeyKey] = []byte("short") }},
		{"not pem", func(d map[string][]byte) { d[signingKeysKey] = []byte(`[{"kid":"a","pem":"x"}]`) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := map[string][]byte{}
			for k, v := range good {
				d[k] = v
			}
			tt.mutate(d)
			if _, err := decodeKeySet(d); err == nil {
				t.Error("decoded a damaged key set")
			}
		})
	}
}

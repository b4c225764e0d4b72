package oidc

import (
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/hex"
	"encoding/json"
	"encoding/pem"
	"errors"
	"fmt"
	"time"
)

// keepKeys is how many signing keys the issuer publishes: the newest signs, the older ones
// still verify the tokens they signed before a rotation.
const keepKeys = 3

// signingKey is one RSA key of the issuer.
type signingKey struct {
	ID      string
	Created time.Time
	Private *rsa.PrivateKey
}

// keySet is the issuer's keys, oldest first, and the key that encrypts opaque access tokens.
type keySet struct {
	Keys      []signingKey
	CryptoKey [32]byte
}

// storedKey is how a key is kept in the Secret.
type storedKey struct {
	ID      string    `json:"kid"`
	Created time.Time `json:"created"`
	PEM     string    `json:"pem"`
}

func newSigningKey(now time.Time) (signingKey, error) {
	priv, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		return signingKey{}, fmt.Errorf("generate signing key: %w", err)
	}
	id := make([]byte, 8)
	if _, err := rand.Read(id); err != nil {
		return signingKey{}, fmt.Errorf("signing key id: %w", err)
	}
	return signingKey{ID: hex.EncodeToString(id), Created: now.UTC(), Private: priv}, nil
}

func newKeySet(now time.Time) (keySet, error) {
	k, err := newSigningKey(now)
	if err != nil {
		return keySet{}, err
	}
	s := keySet{Keys: []signingKey{k}}
	if _, err := rand.Read(s.CryptoKey[:]); err != nil {
		return keySet{}, fmt.Errorf("token encryption key: %w", err)
	}
	return s, nil
}

// current is the key that signs new tokens.
func (s keySet) current() signingKey { return s.Keys[len(s.Keys)-1] }

// rotated is s with a new signing key, keeping the newest keepKeys keys.
func (s keySet) rotated(now time.Time) (keySet, error) {
	k, err := newSigningKey(now)
	if err != nil {
		return keySet{}, err
	}
	keys := append(append([]signingKey(nil), s.Keys...), k)
	if len(keys) > keepKeys {
		keys = keys[len(keys)-keepKeys:]
	}
	return keySet{Keys: keys, CryptoKey: s.CryptoKey}, nil
}

// Secret keys.
const (
	signingKeysKey = "signing-keys.json"
	cryptoKeyKey   = "token-encryption-key"
)

func (s keySet) encode() (map[string][]byte, error) {
	stored := make([]storedKey, 0, len(s.Keys))
	for _, k := range s.Keys {
		der := x509.MarshalPKCS1PrivateKey(k.Private)
		stored = append(stored, storedKey{ID: k.ID, Created: k.Created, PEM: string(pem.EncodeToMemory(&pem.Block{Type: "RSA PRIVATE KEY", Bytes: der}))})
	}
	b, err := json.Marshal(stored)
	if err != nil {
		return nil, fmt.Errorf("encode signing keys: %w", err)
	}
	return map[string][]byte{signingKeysKey: b, cryptoKeyKey: s.CryptoKey[:]}, nil
}

func decodeKeySet(data map[string][]byte) (keySet, error) {
	var stored []storedKey
	if err := json.Unmarshal(data[signingKeysKey], &stored); err != nil {
		return keySet{}, fmt.Errorf("decode signing keys: %w", err)
	}
	if len(stored) == 0 {
		return keySet{}, errors.New("no signing keys stored")
	}
	var s keySet
	if len(data[cryptoKeyKey]) != len(s.CryptoKey) {
		return keySet{}, fmt.Errorf("token encryption key has %d bytes, want %d", len(data[cryptoKeyKey]), len(s.CryptoKey))
	}
	copy(s.CryptoKey[:], data[cryptoKeyKey])
	for _, sk := range stored {
		block, _ := pem.Decode([]byte(sk.PEM))
		if block == nil {
			return keySet{}, fmt.Errorf("signing key %s is not PEM", sk.ID)
		}
		priv, err := x509.ParsePKCS1PrivateKey(block.Bytes)
		if err != nil {
			return keySet{}, fmt.Errorf("signing key %s: %w", sk.ID, err)
		}
		s.Keys = append(s.Keys, signingKey{ID: sk.ID, Created: sk.Created, Private: priv})
	}
	return s, nil
}

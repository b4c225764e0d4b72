package oidc

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/hkdf"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
)

// sealer keeps state in what it hands out instead of in a replica's memory: a value is
// encrypted and authenticated (AES-256-GCM) with a key that every replica derives from the
// Secret's encryption key, one key per purpose, so that a value sealed for one purpose
// (an access token) never opens as another (a login in progress).
type sealer struct {
	aead cipher.AEAD
	// max bounds what open reads, before any work.
	max int
}

func newSealer(secret [32]byte, purpose string, max int) (*sealer, error) {
	key, err := hkdf.Key(sha256.New, secret[:], nil, "primehub oidc "+purpose, 32)
	if err != nil {
		return nil, fmt.Errorf("derive the %s key: %w", purpose, err)
	}
	block, err := aes.NewCipher(key)
	if err != nil {
		return nil, fmt.Errorf("%s cipher: %w", purpose, err)
	}
	aead, err := cipher.NewGCM(block)
	if err != nil {
		return nil, fmt.Errorf("%s cipher: %w", purpose, err)
	}
	return &sealer{aead: aead, max: max}, nil
}

// seal answers v, as JSON, encrypted under a random nonce, in base64url.
func (s *sealer) seal(v any) (string, error) {
	plain, err := json.Marshal(v)
	if err != nil {
		return "", fmt.Errorf("seal: %w", err)
	}
	nonce := make([]byte, s.aead.NonceSize(), s.aead.NonceSize()+len(plain)+s.aead.Overhead())
	if _, err := rand.Read(nonce); err != nil {
		return "", fmt.Errorf("seal: %w", err)
	}
	return base64.RawURLEncoding.EncodeToString(s.aead.Seal(nonce, nonce, plain, nil)), nil
}

var errNotSealed = errors.New("not sealed by this issuer")

// open reads into v what seal made, refusing anything else.
func (s *sealer) open(sealed string, v any) error {
	if len(sealed) > s.max {
		return fmt.Errorf("%w: %d bytes, more than %d", errNotSealed, len(sealed), s.max)
	}
	raw, err := base64.RawURLEncoding.DecodeString(sealed)
	if err != nil || len(raw) < s.aead.NonceSize() {
		return errNotSealed
	}
	plain, err := s.aead.Open(nil, raw[:s.aead.NonceSize()], raw[s.aead.NonceSize():], nil)
	if err != nil {
		return errNotSealed
	}
	if err := json.Unmarshal(plain, v); err != nil {
		return fmt.Errorf("%w: %v", errNotSealed, err)
	}
	return nil
}

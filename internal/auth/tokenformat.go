package auth

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"strings"
)

// Personal API tokens look like phat_<16 hex id>_<43 base64url secret>. The prefix lets a
// request be told apart from an id_token without trying both, and lets secret scanners
// find leaked tokens; the id names the stored record; only a hash of the secret is kept.
const (
	tokenPrefix = "phat_"
	idLen       = 16
)

// newAPIToken returns a fresh token and its id.
func newAPIToken() (token, id string, err error) {
	b := make([]byte, idLen/2+32)
	if _, err := rand.Read(b); err != nil {
		return "", "", fmt.Errorf("random token: %w", err)
	}
	id = hex.EncodeToString(b[:idLen/2])
	return tokenPrefix + id + "_" + base64.RawURLEncoding.EncodeToString(b[idLen/2:]), id, nil
}

// parseAPIToken splits a token into id and secret; ok is false if it is not one.
func parseAPIToken(token string) (id, secret string, ok bool) {
	rest, found := strings.CutPrefix(token, tokenPrefix)
	if !found || len(rest) < idLen+2 || rest[idLen] != '_' {
		return "", "", false
	}
	id, secret = rest[:idLen], rest[idLen+1:]
	if _, err := hex.DecodeString(id); err != nil || strings.ToLower(id) != id {
		return "", "", false
	}
	return id, secret, true
}

// secretHash is what is stored of a token's secret. A fast hash is enough: the secret is
// 256 random bits, which no dictionary holds.
func secretHash(secret string) string {
	sum := sha256.Sum256([]byte(secret))
	return hex.EncodeToString(sum[:])
}

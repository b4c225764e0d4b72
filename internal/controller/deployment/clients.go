package deployment

import (
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"

	"github.com/primehub/primehub/api/v1beta1"
)

// NewClientSecret makes the secret of a new client credential (26 base32 characters, 130
// random bits), to be shown once; only its hash is kept.
func NewClientSecret() (secret, hash string) {
	secret = rand.Text()
	return secret, HashSecret(secret)
}

// HashSecret is how a client's secret is kept: hex SHA-256. The secrets are random, so a
// fast hash suffices; no password a person chose is ever hashed so.
func HashSecret(secret string) string {
	sum := sha256.Sum256([]byte(secret))
	return hex.EncodeToString(sum[:])
}

// ClientAllowed tells whether name and secret are the credential of one of the
// deployment's clients, in constant time in the secret.
func ClientAllowed(d *v1beta1.PhDeployment, name, secret string) bool {
	hash := HashSecret(secret)
	ok := false
	for _, c := range d.Spec.Endpoint.Clients {
		if c.Name == name && subtle.ConstantTimeCompare([]byte(c.SecretHash), []byte(hash)) == 1 {
			ok = true
		}
	}
	return ok
}

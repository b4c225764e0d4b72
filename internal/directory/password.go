package directory

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"golang.org/x/crypto/argon2"
)

// argon2id parameters: RFC 9106's second recommended option (64 MiB, 3 passes), which
// keeps one check near 100 ms on a small server.
const (
	argonTime    = 3
	argonMemory  = 64 * 1024
	argonThreads = 2
	argonKeyLen  = 32
	saltLen      = 16
	// MinPasswordLength is the shortest password accepted.
	MinPasswordLength = 8
)

var b64 = base64.RawStdEncoding

// HashPassword returns an argon2id hash of password in the PHC string format, with a
// random salt, so the parameters travel with the hash and can be raised later.
func HashPassword(password string) (string, error) {
	if err := ValidatePassword(password); err != nil {
		return "", err
	}
	salt := make([]byte, saltLen)
	if _, err := rand.Read(salt); err != nil {
		return "", fmt.Errorf("password salt: %w", err)
	}
	key := argon2.IDKey([]byte(password), salt, argonTime, argonMemory, argonThreads, argonKeyLen)
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s", argon2.Version, argonMemory, argonTime, argonThreads,
		b64.EncodeToString(salt), b64.EncodeToString(key)), nil
}

// ValidatePassword reports why password may not be set.
func ValidatePassword(password string) error {
	if len(password) < MinPasswordLength {
		return fmt.Errorf("%w: a password needs at least %d characters", ErrInvalid, MinPasswordLength)
	}
	return nil
}

// Bounds on the parameters a stored hash may ask for. A hash is data: one saying m=4194304
// would take 4 GiB a check, p=0 would panic in argon2.
const (
	maxArgonMemory  = 1 << 20 // KiB: 1 GiB
	maxArgonTime    = 16
	maxArgonThreads = 16
	minArgonKeyLen  = 16
	maxArgonKeyLen  = 64
	minSaltLen      = 8
)

// argonHash is a parsed argon2id PHC string.
type argonHash struct {
	memory, time uint32
	threads      uint8
	salt, key    []byte
}

// parseHash reads an argon2id PHC string, within the bounds above.
func parseHash(hash string) (argonHash, error) {
	var h argonHash
	parts := strings.Split(hash, "$")
	if len(parts) != 6 || parts[0] != "" || parts[1] != "argon2id" {
		return h, errors.New("password hash is not an argon2id PHC string")
	}
	if parts[2] != fmt.Sprintf("v=%d", argon2.Version) {
		return h, fmt.Errorf("password hash has unsupported argon2 version %q", parts[2])
	}
	params := map[string]uint64{}
	for _, kv := range strings.Split(parts[3], ",") {
		k, v, ok := strings.Cut(kv, "=")
		n, err := strconv.ParseUint(v, 10, 32)
		if _, dup := params[k]; !ok || err != nil || dup {
			return h, fmt.Errorf("password hash parameters %q: want m=<KiB>,t=<passes>,p=<threads>", parts[3])
		}
		params[k] = n
	}
	m, t, p := params["m"], params["t"], params["p"]
	if len(params) != 3 || t < 1 || t > maxArgonTime || p < 1 || p > maxArgonThreads || m < 8*p || m > maxArgonMemory {
		return h, fmt.Errorf("password hash parameters %q are out of bounds (t 1-%d, p 1-%d, m 8*p-%d)", parts[3], maxArgonTime, maxArgonThreads, maxArgonMemory)
	}
	h.memory, h.time, h.threads = uint32(m), uint32(t), uint8(p)
	var err error
	if h.salt, err = b64.DecodeString(parts[4]); err != nil || len(h.salt) < minSaltLen {
		return h, errors.New("password hash salt is not base64 of at least 8 bytes")
	}
	if h.key, err = b64.DecodeString(parts[5]); err != nil || len(h.key) < minArgonKeyLen || len(h.key) > maxArgonKeyLen {
		return h, fmt.Errorf("password hash key is not base64 of %d to %d bytes", minArgonKeyLen, maxArgonKeyLen)
	}
	return h, nil
}

// VerifyPassword reports whether password matches hash, comparing in constant time.
func VerifyPassword(hash, password string) (bool, error) {
	h, err := parseHash(hash)
	if err != nil {
		return false, err
	}
	got := argon2.IDKey([]byte(password), h.salt, h.time, h.memory, h.threads, uint32(len(h.key)))
	return subtle.ConstantTimeCompare(got, h.key) == 1, nil
}

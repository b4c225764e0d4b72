// Package names derives Kubernetes object names and label values from names as people
// write them (an email address as a username, data_science as a group), so that the name
// people see is kept and the derived one is stable and collision-free.
package names

import (
	"crypto/sha256"
	"encoding/hex"
	"regexp"
	"strings"
)

const (
	maxLen  = 63
	hashLen = 10
)

var (
	dnsLabel   = regexp.MustCompile(`^[a-z0-9]([-a-z0-9]*[a-z0-9])?$`)
	hashSuffix = regexp.MustCompile(`-[0-9a-f]{10}$`)
	unsafeRuns = regexp.MustCompile(`[^a-z0-9]+`)
)

// Label is a DNS-1123 label (a valid object name and label value) for name.
//
// A name that already is one, and does not end like a derived one, is kept as it is, so
// `alice` stays `alice`. Any other name becomes a readable prefix plus a hash of the whole
// name: `Alice@Example.com` becomes `alice-example-com-<10 hex>`. The two forms cannot
// meet, which is what makes the mapping collision-free.
func Label(name string) string {
	if dnsLabel.MatchString(name) && len(name) <= maxLen && !hashSuffix.MatchString(name) {
		return name
	}
	sum := sha256.Sum256([]byte(name))
	suffix := hex.EncodeToString(sum[:])[:hashLen]
	prefix := strings.Trim(unsafeRuns.ReplaceAllString(strings.ToLower(name), "-"), "-")
	if limit := maxLen - hashLen - 1; len(prefix) > limit {
		prefix = strings.TrimRight(prefix[:limit], "-")
	}
	if prefix == "" {
		return "x-" + suffix
	}
	return prefix + "-" + suffix
}

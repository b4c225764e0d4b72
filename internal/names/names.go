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

var unsafeRuns = regexp.MustCompile(`[^a-z0-9]+`)

// Label is a DNS-1123 label (a valid object name and label value) for name.
//
// A name that already is one, and does not end like a derived one, is kept as it is, so
// `alice` stays `alice`. Any other name becomes a readable prefix plus a hash of the whole
// name: `Alice@Example.com` becomes `alice-example-com-<10 hex>`. The two forms cannot
// meet, which is what makes the mapping collision-free.
func Label(name string) string {
	if isLabel(name) && !looksDerived(name) {
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

// isLabel reports whether s is a DNS-1123 label: lower-case letters, digits and inner
// dashes, at most 63 long. By hand rather than by regexp, as Label runs for every user a
// GraphQL query lists.
func isLabel(s string) bool {
	if s == "" || len(s) > maxLen || s[0] == '-' || s[len(s)-1] == '-' {
		return false
	}
	for i := range len(s) {
		if c := s[i]; !('a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '-') {
			return false
		}
	}
	return true
}

// looksDerived reports whether s ends like a derived label: a dash and 10 hex digits.
func looksDerived(s string) bool {
	if len(s) <= hashLen || s[len(s)-hashLen-1] != '-' {
		return false
	}
	for i := len(s) - hashLen; i < len(s); i++ {
		if c := s[i]; !('0' <= c && c <= '9' || 'a' <= c && c <= 'f') {
			return false
		}
	}
	return true
}

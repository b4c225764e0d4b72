package names

import (
	"regexp"
	"strings"
	"testing"
)

// The definitions isLabel and looksDerived implement by hand.
var (
	dnsLabel   = regexp.MustCompile(`^[a-z0-9]([-a-z0-9]*[a-z0-9])?$`)
	hashSuffix = regexp.MustCompile(`-[0-9a-f]{10}$`)
)

func TestLabelChecksMatchTheirRegexps(t *testing.T) {
	for _, s := range []string{"", "a", "-", "a-", "-a", "a-b", "a--b", "A", "a_b", "a.b", "中文", "0",
		strings.Repeat("a", 63), strings.Repeat("a", 64), "x-0123456789", "0123456789", "-0123456789",
		"x-012345678g", "x-012345678A", "x_0123456789", "x-01234567890"} {
		if got, want := isLabel(s), dnsLabel.MatchString(s) && len(s) <= maxLen; got != want {
			t.Errorf("isLabel(%q) = %v, want %v", s, got, want)
		}
		if got, want := looksDerived(s), hashSuffix.MatchString(s); got != want {
			t.Errorf("looksDerived(%q) = %v, want %v", s, got, want)
		}
	}
}

func TestLabel(t *testing.T) {
	tests := []struct {
		name string
		want string // exact, or a prefix when wantHashed
		hash bool
	}{
		{name: "alice", want: "alice"},
		{name: "team-1", want: "team-1"},
		{name: "Alice", want: "alice-", hash: true},
		{name: "alice@example.com", want: "alice-example-com-", hash: true},
		{name: "data_science", want: "data-science-", hash: true},
		{name: "-lead", want: "lead-", hash: true},
		{name: "__", want: "x-", hash: true},
		{name: "中文", want: "x-", hash: true},
		{name: strings.Repeat("a", 64), want: strings.Repeat("a", 52) + "-", hash: true},
		// A name that looks derived is derived again, so no one can take another's name.
		{name: "data-science-0123456789", want: "data-science-0123456789-", hash: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Label(tt.name)
			if !dnsLabel.MatchString(got) || len(got) > maxLen {
				t.Fatalf("Label(%q) = %q is not a DNS-1123 label", tt.name, got)
			}
			if !tt.hash {
				if got != tt.want {
					t.Errorf("Label(%q) = %q, want %q", tt.name, got, tt.want)
				}
				return
			}
			if !strings.HasPrefix(got, tt.want) || len(got) != len(tt.want)+hashLen {
				t.Errorf("Label(%q) = %q, want %q followed by a %d-digit hash", tt.name, got, tt.want, hashLen)
			}
			if Label(tt.name) != got {
				t.Errorf("Label(%q) is not stable", tt.name)
			}
		})
	}
}

func TestLabelKeepsApartNamesThatLookAlike(t *testing.T) {
	seen := map[string]string{}
	for _, n := range []string{"data_science", "data-science", "Data-Science", "data.science", "data science",
		"alice", "Alice", "ALICE", "alice@example.com", "alice.example.com", "alice-example-com"} {
		l := Label(n)
		if other, ok := seen[l]; ok {
			t.Errorf("%q and %q both map to %q", n, other, l)
		}
		seen[l] = n
	}
}

package graphql

import "testing"

func TestAtLeast(t *testing.T) {
	for _, c := range []struct {
		got, want string
		ok        bool
	}{
		{"42", "42", true},
		{"43", "42", true},
		{"41", "42", false},
		{"100", "99", true}, // compared as numbers, not strings
		{"abc", "abc", true},
		{"abd", "abc", false},
		{"", "42", false},
	} {
		if got := atLeast(c.got, c.want); got != c.ok {
			t.Errorf("atLeast(%q, %q) = %v, want %v", c.got, c.want, got, c.ok)
		}
	}
}

package names

import "testing"

// FuzzLabel: every name gets a valid label, and two different names never get the same one.
func FuzzLabel(f *testing.F) {
	f.Add("alice", "Alice")
	f.Add("alice-0123456789", "alice")
	f.Add("data_science", "data-science")
	f.Fuzz(func(t *testing.T, a, b string) {
		la, lb := Label(a), Label(b)
		if !isLabel(la) {
			t.Errorf("Label(%q) = %q is not a DNS-1123 label", a, la)
		}
		if a != b && la == lb {
			t.Errorf("Label(%q) = Label(%q) = %q", a, b, la)
		}
	})
}

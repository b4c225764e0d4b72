package directory

import "testing"

// FuzzParsePasswordHash: a stored hash, whatever it holds, parses to parameters within the
// bounds a login may spend (or is refused); it never panics.
func FuzzParsePasswordHash(f *testing.F) {
	f.Add("$argon2id$v=19$m=65536,t=3,p=2$c2FsdHNhbHRzYWx0c2FsdA$a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2U")
	f.Fuzz(func(t *testing.T, hash string) {
		h, err := parseHash(hash)
		if err != nil {
			return
		}
		if h.time < 1 || h.time > maxArgonTime || h.threads < 1 || h.threads > maxArgonThreads ||
			h.memory < 8*uint32(h.threads) || h.memory > maxArgonMemory ||
			len(h.salt) < minSaltLen || len(h.key) < minArgonKeyLen || len(h.key) > maxArgonKeyLen {
			t.Errorf("parseHash(%q) = %+v: out of bounds", hash, h)
		}
	})
}

func TestParseHashRefusesCostlyOrBrokenParameters(t *testing.T) {
	const salt, key = "c2FsdHNhbHRzYWx0c2FsdA", "a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2U"
	for _, params := range []string{"m=4194304,t=3,p=2", "m=65536,t=3,p=0", "m=65536,t=0,p=2", "m=65536,t=100,p=2",
		"m=65536,t=3", "m=65536,t=3,p=2,p=2", "m=-1,t=3,p=2", "m=4,t=3,p=2"} {
		if _, err := parseHash("$argon2id$v=19$" + params + "$" + salt + "$" + key); err == nil {
			t.Errorf("%s: parsed", params)
		}
	}
	if _, err := parseHash("$argon2id$v=19$m=65536,t=3,p=2$" + salt + "$" + key); err != nil {
		t.Errorf("the default parameters: %v", err)
	}
}

package auth

import (
	"encoding/hex"
	"strings"
	"testing"
)

// FuzzParseAPIToken: whatever a Bearer header holds, parsing answers a well-formed id and
// the secret that follows it, or not a token; the two put together give the token back.
func FuzzParseAPIToken(f *testing.F) {
	token, _, err := newAPIToken()
	if err != nil {
		f.Fatal(err)
	}
	f.Add(token)
	f.Fuzz(func(t *testing.T, token string) {
		id, secret, ok := parseAPIToken(token)
		if !ok {
			return
		}
		if _, err := hex.DecodeString(id); err != nil || len(id) != idLen || strings.ToLower(id) != id {
			t.Errorf("parseAPIToken(%q): id %q is not %d lower-case hex digits", token, id, idLen)
		}
		if tokenPrefix+id+"_"+secret != token {
			t.Errorf("parseAPIToken(%q) = %q, %q: does not give the token back", token, id, secret)
		}
	})
}

package graphql

import (
	"bytes"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/go-logr/logr"

	"github.com/primehub/primehub/internal/auth"
)

// Operations of the same query at once, some with variables and some without, each get
// the answer it would get alone: what the executor shares between operations (the fields
// collected from a cached document) and what it takes from pooled chunks (objects, field
// contexts) is not written by one while another reads it. Run it with -race.
func TestConcurrentOperations(t *testing.T) {
	h := (&Resolver{Log: logr.Discard()}).Handler(func(*http.Request) (*auth.Identity, error) { return nil, auth.ErrUnauthenticated })
	const query = `query Q($full: Boolean!) { __schema { queryType { name } types { name kind fields @include(if: $full) { name args { name } type { name kind ofType { name } } } } } }`
	do := func(vars string) string {
		body := `{"query":` + quote(query) + `,"variables":` + vars + `}`
		if vars == "" {
			body = `{"query":` + quote(strings.Replace(strings.Replace(query, "query Q($full: Boolean!)", "", 1), "$full", "true", 1)) + `}`
		}
		r := httptest.NewRequest(http.MethodPost, Path, strings.NewReader(body))
		r.Header.Set("Content-Type", "application/json")
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		b, _ := io.ReadAll(w.Result().Body)
		return string(b)
	}
	want := map[string]string{}
	for _, vars := range []string{"", `{"full":true}`, `{"full":false}`} {
		want[vars] = do(vars)
		if !strings.Contains(want[vars], `"queryType":{"name":"Query"}`) {
			t.Fatalf("alone, with variables %q: %.300s", vars, want[vars])
		}
	}
	if want[""] != want[`{"full":true}`] || want[""] == want[`{"full":false}`] {
		t.Fatalf("@include(if: true) as a literal and as a variable should answer alike, and differ from false")
	}
	var wg sync.WaitGroup
	for g := range 6 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 10 {
				vars := []string{"", `{"full":true}`, `{"full":false}`}[(g+i)%3]
				if got := do(vars); got != want[vars] {
					t.Errorf("at once, with variables %q: %d bytes, want the %d bytes it answers alone", vars, len(got), len(want[vars]))
					return
				}
			}
		}()
	}
	wg.Wait()
}

func quote(s string) string {
	var b bytes.Buffer
	b.WriteByte('"')
	b.WriteString(strings.NewReplacer(`"`, `\"`, "\n", `\n`).Replace(s))
	b.WriteByte('"')
	return b.String()
}

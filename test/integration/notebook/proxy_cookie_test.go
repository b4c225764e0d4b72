package notebook_test

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/go-logr/logr"

	"github.com/primehub/primehub/internal/auth"
	"github.com/primehub/primehub/internal/proxy"
	"github.com/primehub/primehub/test/framework"
)

// A browser's notebook requests carry the console's cookie, not a header: the proxy
// authenticates with the cookie only when there is no Authorization header.
func TestProxyCookieToken(t *testing.T) {
	ns := framework.NewNamespace(t)
	tests := []struct {
		name       string
		header     string
		cookie     string
		wantBearer string
	}{
		{"cookie when no header", "", "idtoken", "Bearer idtoken"},
		{"header wins over cookie", "Bearer apitoken", "idtoken", "Bearer apitoken"},
		{"neither", "", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got string
			p := &proxy.Proxy{
				Reader: framework.Client(),
				Authenticate: func(r *http.Request) (*auth.Identity, error) {
					got = r.Header.Get("Authorization")
					return &auth.Identity{Username: "alice"}, nil
				},
				Log: logr.Discard(),
			}
			r := httptest.NewRequest(http.MethodGet, "/notebook/"+ns+"/nb/lab", nil)
			if tt.header != "" {
				r.Header.Set("Authorization", tt.header)
			}
			if tt.cookie != "" {
				r.AddCookie(&http.Cookie{Name: proxy.TokenCookie, Value: tt.cookie})
			}
			w := httptest.NewRecorder()
			p.ServeHTTP(w, r)
			if got != tt.wantBearer {
				t.Errorf("Authenticate saw %q, want %q", got, tt.wantBearer)
			}
			// Authenticated, then the notebook does not exist.
			if w.Code != http.StatusNotFound {
				t.Errorf("status %d, want 404", w.Code)
			}
		})
	}
}

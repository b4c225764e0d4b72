package proxy

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"
	"testing"

	"k8s.io/apimachinery/pkg/runtime"
	"sigs.k8s.io/controller-runtime/pkg/client/fake"

	"github.com/primehub/primehub/api/v1beta1"
	"github.com/primehub/primehub/internal/auth"
)

func TestParse(t *testing.T) {
	tests := []struct {
		path     string
		ns, name string
		ok       bool
	}{
		{"/notebook/primehub/nb1/", "primehub", "nb1", true},
		{"/notebook/primehub/nb1/lab/tree/x.ipynb", "primehub", "nb1", true},
		{"/notebook/primehub/nb1", "primehub", "nb1", true},
		{"/notebook/primehub/", "", "", false},
		{"/notebook//nb1/", "", "", false},
		{"/notebooks/primehub/nb1/", "", "", false},
	}
	for _, tt := range tests {
		ns, name, ok := parse(tt.path)
		if ns != tt.ns || name != tt.name || ok != tt.ok {
			t.Errorf("parse(%q) = %q, %q, %v; want %q, %q, %v", tt.path, ns, name, ok, tt.ns, tt.name, tt.ok)
		}
	}
}

func TestCookieToken(t *testing.T) {
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
			p := &Proxy{
				Reader: fake.NewClientBuilder().WithScheme(scheme(t)).Build(),
				Authenticate: func(r *http.Request) (*auth.Identity, error) {
					got = r.Header.Get("Authorization")
					return &auth.Identity{Username: "alice"}, nil
				},
			}
			r := httptest.NewRequest(http.MethodGet, "/notebook/primehub/nb/lab", nil)
			if tt.header != "" {
				r.Header.Set("Authorization", tt.header)
			}
			if tt.cookie != "" {
				r.AddCookie(&http.Cookie{Name: TokenCookie, Value: tt.cookie})
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

func TestExpiredCookieSendsBrowserToLogin(t *testing.T) {
	p := &Proxy{
		Reader: fake.NewClientBuilder().WithScheme(scheme(t)).Build(),
		Authenticate: func(*http.Request) (*auth.Identity, error) {
			return nil, fmt.Errorf("%w: id_token expired", auth.ErrUnauthenticated)
		},
		LoginURL: "/console/login",
	}
	r := httptest.NewRequest(http.MethodGet, "/notebook/primehub/nb/lab?x=1", nil)
	r.Header.Set("Accept", "text/html")
	r.AddCookie(&http.Cookie{Name: TokenCookie, Value: "expired"})
	w := httptest.NewRecorder()
	p.ServeHTTP(w, r)
	if want := "/console/login?redirect=%2Fnotebook%2Fprimehub%2Fnb%2Flab%3Fx%3D1"; w.Code != http.StatusFound || w.Header().Get("Location") != want {
		t.Errorf("got %d to %q, want 302 to %q", w.Code, w.Header().Get("Location"), want)
	}
}

func TestDropTokenCookie(t *testing.T) {
	r := httptest.NewRequest(http.MethodGet, "/notebook/primehub/nb/", nil)
	r.Header.Add("Cookie", "_xsrf=2|ab|cd; "+TokenCookie+"=secret")
	r.Header.Add("Cookie", "username-x=\"quoted value\"")
	dropTokenCookie(r)
	if got, want := r.Header.Values("Cookie"), []string{`_xsrf=2|ab|cd; username-x="quoted value"`}; !slices.Equal(got, want) {
		t.Errorf("Cookie = %q, want %q", got, want)
	}
	r = httptest.NewRequest(http.MethodGet, "/notebook/primehub/nb/", nil)
	r.Header.Set("Cookie", TokenCookie+"=secret")
	dropTokenCookie(r)
	if _, ok := r.Header["Cookie"]; ok {
		t.Errorf("Cookie header kept: %q", r.Header.Values("Cookie"))
	}
}

func scheme(t *testing.T) *runtime.Scheme {
	s := runtime.NewScheme()
	if err := v1beta1.AddToScheme(s); err != nil {
		t.Fatal(err)
	}
	return s
}

package serve

import (
	"bytes"
	"context"
	"regexp"
	"testing"
	"time"

	"github.com/go-logr/logr/testr"

	"github.com/primehub/primehub/internal/directory/keycloak"
	"github.com/primehub/primehub/internal/directory/keycloak/keycloaktest"
)

func TestIdentityDefaultsAndValidation(t *testing.T) {
	o := IdentityOptions{}.withDefaults(":8080")
	if o.Directory != "builtin" || o.ExternalURL != "http://127.0.0.1:8080" || o.OIDCClientID != "primehub" ||
		o.AdminUsername != "phadmin" || o.KeyRotation != 30*24*time.Hour {
		t.Errorf("defaults %+v", o)
	}
	if got := (IdentityOptions{}).withDefaults("10.0.0.5:9000").ExternalURL; got != "http://10.0.0.5:9000" {
		t.Errorf("external URL from a host address = %q", got)
	}
	tests := []struct {
		name    string
		change  func(*IdentityOptions)
		wantErr bool
	}{
		{"defaults", func(*IdentityOptions) {}, false},
		{"https external URL", func(o *IdentityOptions) { o.ExternalURL = "https://primehub.example.com/" }, false},
		{"keycloak without its flags", func(o *IdentityOptions) { o.Directory = "keycloak" }, true},
		{"keycloak", func(o *IdentityOptions) {
			o.Directory, o.KeycloakURL, o.KeycloakRealm, o.KeycloakClientID, o.KeycloakClientSecret = "keycloak", "https://id.example.com", "primehub", "c", "s"
		}, false},
		{"unknown directory", func(o *IdentityOptions) { o.Directory = "ldap" }, true},
		{"external URL with a path", func(o *IdentityOptions) { o.ExternalURL = "https://example.com/hub" }, true},
		{"external URL without scheme", func(o *IdentityOptions) { o.ExternalURL = "example.com" }, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := IdentityOptions{}.withDefaults(":8080")
			tt.change(&o)
			if err := o.validate(); (err != nil) != tt.wantErr {
				t.Errorf("validate() = %v, want error %v", err, tt.wantErr)
			}
		})
	}
}

// The bootstrap is tested on the stand-in Keycloak (keycloaktest: no Keycloak can run
// here), which needs no cluster; the builtin directory's is tested by test/integration.
func TestBootstrapPrintsAGeneratedPasswordOnce(t *testing.T) {
	kc := keycloaktest.Start()
	defer kc.Close()
	d := keycloak.New(keycloak.Options{URL: kc.URL, Realm: kc.Realm, ClientID: kc.ClientID, ClientSecret: kc.ClientSecret, Log: testr.New(t)})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go func() { _ = d.Start(ctx) }()
	if !d.WaitForCacheSync(ctx) {
		t.Fatal("realm not read")
	}
	o := IdentityOptions{}.withDefaults(":8080")
	noSettings := func(context.Context) (bool, error) { return false, nil }
	var out bytes.Buffer
	if err := bootstrap(ctx, o, d, noSettings, &out, testr.New(t)); err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`created administrator "phadmin" with password (\S+)`).FindStringSubmatch(out.String())
	if m == nil {
		t.Fatalf("printed %q", out.String())
	}
	if u, err := d.Authenticate(ctx, "phadmin", m[1]); err != nil || !u.Admin {
		t.Fatalf("log in with the printed password: %+v, %v", u, err)
	}
	out.Reset()
	o.AdminPassword = "another-password"
	if err := bootstrap(ctx, o, d, noSettings, &out, testr.New(t)); err != nil || out.Len() != 0 {
		t.Fatalf("second start: %v, printed %q", err, out.String())
	}
	if _, err := d.Authenticate(ctx, "phadmin", "another-password"); err == nil {
		t.Error("a second start with --admin-password changed the administrator's password")
	}
}

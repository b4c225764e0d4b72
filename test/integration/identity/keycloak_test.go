package identity_test

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"testing"
	"time"

	"github.com/go-logr/logr/testr"

	"github.com/primehub/primehub/internal/directory/keycloak"
	"github.com/primehub/primehub/internal/directory/keycloak/keycloaktest"
	"github.com/primehub/primehub/internal/serve"
	"github.com/primehub/primehub/test/framework"
)

// TestServeWithKeycloak runs serve on a stand-in Keycloak (keycloaktest: no Keycloak can
// run where these tests run): the first start makes the administrator in the realm, the
// embedded issuer is off, and resources' access becomes realm roles.
func TestServeWithKeycloak(t *testing.T) {
	kc := keycloaktest.Start()
	t.Cleanup(kc.Close)
	s, err := startServe(func(o *serve.Options) {
		o.Identity.Directory = "keycloak"
		o.Identity.KeycloakURL, o.Identity.KeycloakRealm = kc.URL, kc.Realm
		o.Identity.KeycloakClientID, o.Identity.KeycloakClientSecret = kc.ClientID, kc.ClientSecret
	})
	if err != nil {
		t.Fatal(err)
	}
	d := keycloak.New(keycloak.Options{URL: kc.URL, Realm: kc.Realm, ClientID: kc.ClientID, ClientSecret: kc.ClientSecret, Log: testr.New(t)})
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	go func() { _ = d.Start(ctx) }()
	if !d.WaitForCacheSync(ctx) {
		t.Fatal("realm not read")
	}
	admin, err := d.GetUser(ctx, "phadmin")
	if err != nil || !admin.Admin {
		t.Fatalf("the administrator in the realm: %+v, %v", admin, err)
	}
	if _, err := d.Authenticate(ctx, "phadmin", adminPassword); err != nil {
		t.Errorf("the administrator's password: %v", err)
	}
	resp, err := http.Get(s.base + "/oidc/.well-known/openid-configuration")
	if err != nil {
		t.Fatal(err)
	}
	readBody(t, resp)
	if resp.StatusCode != http.StatusNotFound {
		t.Errorf("the embedded issuer answers %s with Keycloak", resp.Status)
	}
	it := framework.MakeInstanceType("shared-cpu").Namespace(s.namespace).CPU("1", "1").Global().Obj()
	if err := framework.Client().Create(ctx, it); err != nil {
		t.Fatal(err)
	}
	framework.Eventually(t, 20*time.Second, func(context.Context) error {
		if roles := kc.GroupRoles("everyone"); !slices.Contains(roles, "it:shared-cpu") {
			return fmt.Errorf("everyone's roles %v", roles)
		}
		return nil
	})
}

package keycloak_test

import (
	"context"
	"testing"
	"time"

	"github.com/go-logr/logr/testr"

	"github.com/primehub/primehub/internal/directory"
	"github.com/primehub/primehub/internal/directory/directorytest"
	"github.com/primehub/primehub/internal/directory/keycloak"
	"github.com/primehub/primehub/internal/directory/keycloak/keycloaktest"
)

// start runs the backend against a stand-in Keycloak (keycloaktest: no Keycloak can run
// where these tests run) until the test ends.
func start(t *testing.T) (*keycloak.Directory, *keycloaktest.Server) {
	t.Helper()
	kc := keycloaktest.Start()
	t.Cleanup(kc.Close)
	d := keycloak.New(keycloak.Options{URL: kc.URL, Realm: kc.Realm, ClientID: kc.ClientID, ClientSecret: kc.ClientSecret,
		Resync: 200 * time.Millisecond, Log: testr.New(t)})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { defer close(done); _ = d.Start(ctx) }()
	t.Cleanup(func() { cancel(); <-done })
	syncCtx, syncCancel := context.WithTimeout(ctx, 10*time.Second)
	defer syncCancel()
	if !d.WaitForCacheSync(syncCtx) {
		t.Fatal("the realm was not read")
	}
	return d, kc
}

func TestKeycloakConformance(t *testing.T) {
	directorytest.Run(t, func(t *testing.T) directory.Directory {
		d, _ := start(t)
		return d
	})
}

package auth_test

import (
	"context"
	"crypto"
	"crypto/rand"
	"crypto/rsa"
	"encoding/json"
	"errors"
	"slices"
	"testing"
	"time"

	jose "github.com/go-jose/go-jose/v4"
	"github.com/go-logr/logr/testr"

	"github.com/primehub/primehub/internal/auth"
	"github.com/primehub/primehub/internal/directory"
	"github.com/primehub/primehub/internal/directory/keycloak"
	"github.com/primehub/primehub/internal/directory/keycloak/keycloaktest"
)

// Keycloak's id_tokens name the user by id (sub) and by lowercased username; PrimeHub must
// find the user as written. The directory runs on a stand-in Keycloak (keycloaktest: no
// Keycloak can run where these tests run); the tokens are signed here, as Keycloak would.
func TestKeycloakTokensNameUsersBySubject(t *testing.T) {
	kc := keycloaktest.Start()
	defer kc.Close()
	d := keycloak.New(keycloak.Options{URL: kc.URL, Realm: kc.Realm, ClientID: kc.ClientID, ClientSecret: kc.ClientSecret, Log: testr.New(t)})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go func() { _ = d.Start(ctx) }()
	if !d.WaitForCacheSync(ctx) {
		t.Fatal("realm not read")
	}
	if _, err := d.CreateUser(ctx, directory.User{Username: "Alice_Smith", Admin: true}); err != nil {
		t.Fatal(err)
	}
	if _, err := d.CreateGroup(ctx, directory.Group{Name: "ml_team", Members: []string{"Alice_Smith"}, Admins: []string{"Alice_Smith"}}); err != nil {
		t.Fatal(err)
	}
	sub, err := kc.UserID("alice_smith")
	if err != nil {
		t.Fatal(err)
	}

	key, _ := rsa.GenerateKey(rand.Reader, 2048)
	issuer := kc.URL + "/realms/" + kc.Realm
	a := auth.New(auth.Options{Issuer: issuer, ClientID: "primehub", Directory: d, Log: testr.New(t),
		IssuerKeys: func(context.Context) ([]crypto.PublicKey, error) { return []crypto.PublicKey{&key.PublicKey}, nil }})
	token := func(sub string) string {
		claims := map[string]any{"iss": issuer, "aud": "primehub", "sub": sub, "preferred_username": "alice_smith",
			"exp": time.Now().Add(time.Hour).Unix(), "iat": time.Now().Unix()}
		signer, _ := jose.NewSigner(jose.SigningKey{Algorithm: jose.RS256, Key: key}, nil)
		payload, _ := json.Marshal(claims)
		jws, _ := signer.Sign(payload)
		s, _ := jws.CompactSerialize()
		return s
	}
	id, err := a.AuthenticateToken(ctx, token(sub))
	if err != nil {
		t.Fatal(err)
	}
	if id.Username != "Alice_Smith" || !id.Admin || !slices.Equal(id.Groups, []string{"everyone", "ml_team"}) || !slices.Equal(id.AdminOf, []string{"ml_team"}) {
		t.Errorf("identity %+v", id)
	}
	if _, err := a.AuthenticateToken(ctx, token("no-such-id")); !errors.Is(err, auth.ErrUnauthenticated) {
		t.Errorf("unknown subject: %v, want ErrUnauthenticated", err)
	}
}

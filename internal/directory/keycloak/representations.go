package keycloak

// The subset of Keycloak's Admin REST API representations (org.keycloak.representations.idm)
// this backend reads and writes, with Keycloak's JSON field names.
//
// Fields are sent even when empty where Keycloak reads a missing field as "unchanged": an
// empty email clears it, empty attributes remove them all.

type userRep struct {
	ID            string              `json:"id,omitempty"`
	Username      string              `json:"username"`
	Email         string              `json:"email"`
	FirstName     string              `json:"firstName"`
	LastName      string              `json:"lastName"`
	Enabled       bool                `json:"enabled"`
	EmailVerified bool                `json:"emailVerified,omitempty"`
	Attributes    map[string][]string `json:"attributes,omitempty"`
}

type groupRep struct {
	ID         string              `json:"id,omitempty"`
	Name       string              `json:"name"`
	Path       string              `json:"path,omitempty"`
	Attributes map[string][]string `json:"attributes"`
}

type credentialRep struct {
	Type      string `json:"type"`
	Value     string `json:"value"`
	Temporary bool   `json:"temporary"`
}

type roleRep struct {
	ID          string              `json:"id,omitempty"`
	Name        string              `json:"name"`
	Description string              `json:"description,omitempty"`
	ClientRole  bool                `json:"clientRole,omitempty"`
	ContainerID string              `json:"containerId,omitempty"`
	Attributes  map[string][]string `json:"attributes,omitempty"`
}

type clientRep struct {
	ID       string `json:"id"`
	ClientID string `json:"clientId"`
}

type realmRep struct {
	Realm      string            `json:"realm,omitempty"`
	Attributes map[string]string `json:"attributes,omitempty"`
}

// tokenResponse is the token endpoint's answer (RFC 6749 section 5.1).
type tokenResponse struct {
	AccessToken string `json:"access_token"`
	ExpiresIn   int    `json:"expires_in"`
}

// Package keycloaktest is a stand-in Keycloak for tests: no Keycloak can run where
// PrimeHub's tests run, so this in-memory server implements the parts of Keycloak's Admin
// REST API and token endpoint that the keycloak backend uses, built from Keycloak's
// documented JSON representations (UserRepresentation, GroupRepresentation,
// CredentialRepresentation, RoleRepresentation, ClientRepresentation,
// RealmRepresentation) and its documented behaviour where the backend relies on it:
// usernames are lowercased, usernames and emails are unique (409), new users join the
// realm's default groups, top-level group names are unique (409), created objects are
// answered 201 with a Location, and admin calls need a service-account Bearer token.
package keycloaktest

import (
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
)

// Server is one realm with one confidential client.
type Server struct {
	*httptest.Server
	Realm, ClientID, ClientSecret string

	mu        sync.Mutex
	tokens    map[string]bool
	users     map[string]*user
	groups    map[string]*group
	realmAttr map[string]string
	defaults  []string // default group ids
	roles     map[string]*role
	rmClient  string                     // id of realm-management
	realmAdm  *role                      // realm-management's realm-admin
	clientMap map[string]map[string]bool // user id → client role ids
}

type user struct {
	rep      map[string]any
	password string
	groups   map[string]bool
}

type group struct {
	rep   map[string]any
	roles map[string]bool // realm role names
}

type role struct {
	rep map[string]any
}

// Start serves a realm whose default group is everyone.
func Start() *Server {
	s := &Server{
		Realm: "primehub", ClientID: "primehub-admin", ClientSecret: newID(),
		tokens: map[string]bool{}, users: map[string]*user{}, groups: map[string]*group{},
		realmAttr: map[string]string{}, roles: map[string]*role{}, clientMap: map[string]map[string]bool{},
		rmClient: newID(),
	}
	s.realmAdm = &role{rep: map[string]any{"id": newID(), "name": "realm-admin", "clientRole": true, "containerId": s.rmClient}}
	everyone := newID()
	s.groups[everyone] = &group{rep: map[string]any{"id": everyone, "name": "everyone", "path": "/everyone", "attributes": map[string]any{}}, roles: map[string]bool{}}
	s.defaults = []string{everyone}

	mux := http.NewServeMux()
	realm := "/realms/" + s.Realm
	admin := "/admin/realms/" + s.Realm
	mux.HandleFunc("POST "+realm+"/protocol/openid-connect/token", s.token)
	route := func(pattern string, h func(http.ResponseWriter, *http.Request)) {
		method, path, _ := strings.Cut(pattern, " ")
		mux.HandleFunc(method+" "+admin+path, s.authorized(h))
	}
	route("GET ", s.getRealm)
	route("PUT ", s.putRealm)
	route("GET /users", s.listUsers)
	route("POST /users", s.createUser)
	route("GET /users/{id}", s.getUser)
	route("PUT /users/{id}", s.putUser)
	route("DELETE /users/{id}", s.deleteUser)
	route("PUT /users/{id}/reset-password", s.resetPassword)
	route("PUT /users/{id}/groups/{gid}", s.joinGroup)
	route("DELETE /users/{id}/groups/{gid}", s.leaveGroup)
	route("POST /users/{id}/role-mappings/clients/{cid}", s.mapClientRoles)
	route("DELETE /users/{id}/role-mappings/clients/{cid}", s.unmapClientRoles)
	route("GET /groups", s.listGroups)
	route("POST /groups", s.createGroup)
	route("GET /groups/{id}", s.getGroup)
	route("PUT /groups/{id}", s.putGroup)
	route("DELETE /groups/{id}", s.deleteGroup)
	route("GET /groups/{id}/members", s.members)
	route("GET /groups/{id}/role-mappings/realm", s.groupRoles)
	route("POST /groups/{id}/role-mappings/realm", s.addGroupRoles)
	route("DELETE /groups/{id}/role-mappings/realm", s.removeGroupRoles)
	route("GET /clients", s.listClients)
	route("GET /clients/{cid}/roles/{role}", s.getClientRole)
	route("GET /clients/{cid}/roles/{role}/users", s.clientRoleUsers)
	route("GET /roles", s.listRoles)
	route("POST /roles", s.createRole)
	route("GET /roles/{name}", s.getRole)
	route("PUT /roles/{name}", s.putRole)
	route("DELETE /roles/{name}", s.deleteRole)
	s.Server = httptest.NewServer(mux)
	return s
}

func newID() string {
	b := make([]byte, 16)
	_, _ = rand.Read(b)
	h := hex.EncodeToString(b)
	return h[:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:]
}

func writeJSON(w http.ResponseWriter, code int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(code)
	_ = json.NewEncoder(w).Encode(v)
}

func errorJSON(w http.ResponseWriter, code int, msg string) {
	writeJSON(w, code, map[string]string{"errorMessage": msg})
}

func (s *Server) authorized(h func(http.ResponseWriter, *http.Request)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		token, _ := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
		s.mu.Lock()
		defer s.mu.Unlock()
		if !s.tokens[token] {
			writeJSON(w, http.StatusUnauthorized, map[string]string{"error": "HTTP 401 Unauthorized"})
			return
		}
		h(w, r)
	}
}

func (s *Server) token(w http.ResponseWriter, r *http.Request) {
	_ = r.ParseForm()
	if r.PostForm.Get("client_id") != s.ClientID || r.PostForm.Get("client_secret") != s.ClientSecret {
		writeJSON(w, http.StatusUnauthorized, map[string]string{"error": "unauthorized_client"})
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	switch r.PostForm.Get("grant_type") {
	case "client_credentials":
	case "password":
		u := s.userByName(strings.ToLower(r.PostForm.Get("username")))
		if u == nil || u.password == "" || u.password != r.PostForm.Get("password") || u.rep["enabled"] != true {
			writeJSON(w, http.StatusUnauthorized, map[string]string{"error": "invalid_grant", "error_description": "Invalid user credentials"})
			return
		}
	default:
		writeJSON(w, http.StatusBadRequest, map[string]string{"error": "unsupported_grant_type"})
		return
	}
	t := newID()
	s.tokens[t] = true
	writeJSON(w, http.StatusOK, map[string]any{"access_token": t, "expires_in": 300, "token_type": "Bearer"})
}

func (s *Server) getRealm(w http.ResponseWriter, _ *http.Request) {
	writeJSON(w, http.StatusOK, map[string]any{"realm": s.Realm, "attributes": s.realmAttr})
}

func (s *Server) putRealm(w http.ResponseWriter, r *http.Request) {
	var rep struct {
		Attributes map[string]string `json:"attributes"`
	}
	if json.NewDecoder(r.Body).Decode(&rep) != nil {
		errorJSON(w, http.StatusBadRequest, "unreadable realm")
		return
	}
	if rep.Attributes != nil {
		s.realmAttr = rep.Attributes
	}
	w.WriteHeader(http.StatusNoContent)
}

func (s *Server) userByName(name string) *user {
	for _, u := range s.users {
		if u.rep["username"] == name {
			return u
		}
	}
	return nil
}

// page applies first and max, Keycloak's paging parameters.
func page[T any](r *http.Request, items []T) []T {
	first, _ := strconv.Atoi(r.URL.Query().Get("first"))
	max, err := strconv.Atoi(r.URL.Query().Get("max"))
	if err != nil {
		max = 100
	}
	if first > len(items) {
		first = len(items)
	}
	return items[first:min(len(items), first+max)]
}

func sortedValues[V any](m map[string]V, key func(V) string) []V {
	out := make([]V, 0, len(m))
	for _, v := range m {
		out = append(out, v)
	}
	sort.Slice(out, func(i, j int) bool { return key(out[i]) < key(out[j]) })
	return out
}

func (s *Server) listUsers(w http.ResponseWriter, r *http.Request) {
	var reps []map[string]any
	for _, u := range sortedValues(s.users, func(u *user) string { return u.rep["username"].(string) }) {
		if name := r.URL.Query().Get("username"); name != "" && u.rep["username"] != strings.ToLower(name) {
			continue
		}
		reps = append(reps, u.rep)
	}
	writeJSON(w, http.StatusOK, page(r, reps))
}

func decodeRep(w http.ResponseWriter, r *http.Request) (map[string]any, bool) {
	var rep map[string]any
	if err := json.NewDecoder(r.Body).Decode(&rep); err != nil {
		errorJSON(w, http.StatusBadRequest, "unreadable representation")
		return nil, false
	}
	return rep, true
}

func (s *Server) conflicts(id string, rep map[string]any) string {
	for uid, u := range s.users {
		if uid == id {
			continue
		}
		if u.rep["username"] == rep["username"] {
			return "User exists with same username"
		}
		if e, _ := rep["email"].(string); e != "" && strings.EqualFold(e, stringOf(u.rep["email"])) {
			return "User exists with same email"
		}
	}
	return ""
}

func stringOf(v any) string { s, _ := v.(string); return s }

func (s *Server) createUser(w http.ResponseWriter, r *http.Request) {
	rep, ok := decodeRep(w, r)
	if !ok {
		return
	}
	name := strings.ToLower(stringOf(rep["username"]))
	if name == "" {
		errorJSON(w, http.StatusBadRequest, "User name is missing")
		return
	}
	rep["username"] = name
	if msg := s.conflicts("", rep); msg != "" {
		errorJSON(w, http.StatusConflict, msg)
		return
	}
	id := newID()
	rep["id"] = id
	if _, ok := rep["enabled"]; !ok {
		rep["enabled"] = false
	}
	u := &user{rep: rep, groups: map[string]bool{}}
	for _, g := range s.defaults {
		u.groups[g] = true
	}
	s.users[id] = u
	w.Header().Set("Location", s.URL+"/admin/realms/"+s.Realm+"/users/"+id)
	w.WriteHeader(http.StatusCreated)
}

func (s *Server) lookupUser(w http.ResponseWriter, r *http.Request) *user {
	u, ok := s.users[r.PathValue("id")]
	if !ok {
		errorJSON(w, http.StatusNotFound, "User not found")
		return nil
	}
	return u
}

func (s *Server) getUser(w http.ResponseWriter, r *http.Request) {
	if u := s.lookupUser(w, r); u != nil {
		writeJSON(w, http.StatusOK, u.rep)
	}
}

// putUser updates the fields given, as Keycloak does; attributes, when given, replace all.
func (s *Server) putUser(w http.ResponseWriter, r *http.Request) {
	u := s.lookupUser(w, r)
	if u == nil {
		return
	}
	rep, ok := decodeRep(w, r)
	if !ok {
		return
	}
	if name, ok := rep["username"].(string); ok && strings.ToLower(name) != u.rep["username"] {
		errorJSON(w, http.StatusBadRequest, "error-user-attribute-read-only")
		return
	}
	merged := map[string]any{}
	for k, v := range u.rep {
		merged[k] = v
	}
	for k, v := range rep {
		if k != "id" && k != "username" {
			merged[k] = v
		}
	}
	if msg := s.conflicts(r.PathValue("id"), merged); msg != "" {
		errorJSON(w, http.StatusConflict, msg)
		return
	}
	u.rep = merged
	w.WriteHeader(http.StatusNoContent)
}

func (s *Server) deleteUser(w http.ResponseWriter, r *http.Request) {
	if u := s.lookupUser(w, r); u != nil {
		delete(s.users, r.PathValue("id"))
		delete(s.clientMap, r.PathValue("id"))
		w.WriteHeader(http.StatusNoContent)
	}
}

func (s *Server) resetPassword(w http.ResponseWriter, r *http.Request) {
	u := s.lookupUser(w, r)
	if u == nil {
		return
	}
	var cred struct {
		Type  string `json:"type"`
		Value string `json:"value"`
	}
	if json.NewDecoder(r.Body).Decode(&cred) != nil || cred.Type != "password" || cred.Value == "" {
		errorJSON(w, http.StatusBadRequest, "invalid credential")
		return
	}
	u.password = cred.Value
	w.WriteHeader(http.StatusNoContent)
}

func (s *Server) joinGroup(w http.ResponseWriter, r *http.Request) {
	u := s.lookupUser(w, r)
	if u == nil {
		return
	}
	if _, ok := s.groups[r.PathValue("gid")]; !ok {
		errorJSON(w, http.StatusNotFound, "Could not find group by id")
		return
	}
	u.groups[r.PathValue("gid")] = true
	w.WriteHeader(http.StatusNoContent)
}

func (s *Server) leaveGroup(w http.ResponseWriter, r *http.Request) {
	if u := s.lookupUser(w, r); u != nil {
		delete(u.groups, r.PathValue("gid"))
		w.WriteHeader(http.StatusNoContent)
	}
}

func (s *Server) roleIDs(w http.ResponseWriter, r *http.Request) ([]string, bool) {
	var roles []struct {
		ID string `json:"id"`
	}
	if json.NewDecoder(r.Body).Decode(&roles) != nil {
		errorJSON(w, http.StatusBadRequest, "unreadable roles")
		return nil, false
	}
	var ids []string
	for _, role := range roles {
		if role.ID != s.realmAdm.rep["id"] || r.PathValue("cid") != s.rmClient {
			errorJSON(w, http.StatusNotFound, "Role not found")
			return nil, false
		}
		ids = append(ids, role.ID)
	}
	return ids, true
}

func (s *Server) mapClientRoles(w http.ResponseWriter, r *http.Request) {
	if s.lookupUser(w, r) == nil {
		return
	}
	ids, ok := s.roleIDs(w, r)
	if !ok {
		return
	}
	id := r.PathValue("id")
	if s.clientMap[id] == nil {
		s.clientMap[id] = map[string]bool{}
	}
	for _, rid := range ids {
		s.clientMap[id][rid] = true
	}
	w.WriteHeader(http.StatusNoContent)
}

func (s *Server) unmapClientRoles(w http.ResponseWriter, r *http.Request) {
	if s.lookupUser(w, r) == nil {
		return
	}
	ids, ok := s.roleIDs(w, r)
	if !ok {
		return
	}
	for _, rid := range ids {
		delete(s.clientMap[r.PathValue("id")], rid)
	}
	w.WriteHeader(http.StatusNoContent)
}

func (s *Server) listGroups(w http.ResponseWriter, r *http.Request) {
	var reps []map[string]any
	for _, g := range sortedValues(s.groups, func(g *group) string { return g.rep["name"].(string) }) {
		rep := g.rep
		if r.URL.Query().Get("briefRepresentation") != "false" {
			rep = map[string]any{"id": g.rep["id"], "name": g.rep["name"], "path": g.rep["path"]}
		}
		reps = append(reps, rep)
	}
	writeJSON(w, http.StatusOK, page(r, reps))
}

func (s *Server) createGroup(w http.ResponseWriter, r *http.Request) {
	rep, ok := decodeRep(w, r)
	if !ok {
		return
	}
	name := stringOf(rep["name"])
	if name == "" {
		errorJSON(w, http.StatusBadRequest, "Group name is missing")
		return
	}
	for _, g := range s.groups {
		if g.rep["name"] == name {
			errorJSON(w, http.StatusConflict, "Top level group named '"+name+"' already exists.")
			return
		}
	}
	id := newID()
	rep["id"], rep["path"] = id, "/"+name
	if rep["attributes"] == nil {
		rep["attributes"] = map[string]any{}
	}
	s.groups[id] = &group{rep: rep, roles: map[string]bool{}}
	w.Header().Set("Location", s.URL+"/admin/realms/"+s.Realm+"/groups/"+id)
	w.WriteHeader(http.StatusCreated)
}

func (s *Server) lookupGroup(w http.ResponseWriter, r *http.Request) *group {
	g, ok := s.groups[r.PathValue("id")]
	if !ok {
		errorJSON(w, http.StatusNotFound, "Could not find group by id")
		return nil
	}
	return g
}

func (s *Server) getGroup(w http.ResponseWriter, r *http.Request) {
	if g := s.lookupGroup(w, r); g != nil {
		writeJSON(w, http.StatusOK, g.rep)
	}
}

func (s *Server) putGroup(w http.ResponseWriter, r *http.Request) {
	g := s.lookupGroup(w, r)
	if g == nil {
		return
	}
	rep, ok := decodeRep(w, r)
	if !ok {
		return
	}
	if name := stringOf(rep["name"]); name != "" && name != g.rep["name"] {
		g.rep["name"], g.rep["path"] = name, "/"+name
	}
	if attrs, ok := rep["attributes"]; ok {
		g.rep["attributes"] = attrs
	}
	w.WriteHeader(http.StatusNoContent)
}

func (s *Server) deleteGroup(w http.ResponseWriter, r *http.Request) {
	if g := s.lookupGroup(w, r); g != nil {
		id := r.PathValue("id")
		delete(s.groups, id)
		for _, u := range s.users {
			delete(u.groups, id)
		}
		w.WriteHeader(http.StatusNoContent)
	}
}

func (s *Server) members(w http.ResponseWriter, r *http.Request) {
	if s.lookupGroup(w, r) == nil {
		return
	}
	var reps []map[string]any
	for _, u := range sortedValues(s.users, func(u *user) string { return u.rep["username"].(string) }) {
		if u.groups[r.PathValue("id")] {
			reps = append(reps, map[string]any{"id": u.rep["id"], "username": u.rep["username"]})
		}
	}
	writeJSON(w, http.StatusOK, page(r, reps))
}

func (s *Server) listClients(w http.ResponseWriter, r *http.Request) {
	clients := []map[string]any{{"id": s.rmClient, "clientId": "realm-management"}, {"id": newID(), "clientId": s.ClientID}}
	if id := r.URL.Query().Get("clientId"); id != "" {
		clients = slices.DeleteFunc(clients, func(c map[string]any) bool { return c["clientId"] != id })
	}
	writeJSON(w, http.StatusOK, clients)
}

func (s *Server) getClientRole(w http.ResponseWriter, r *http.Request) {
	if r.PathValue("cid") != s.rmClient || r.PathValue("role") != "realm-admin" {
		errorJSON(w, http.StatusNotFound, "Could not find role")
		return
	}
	writeJSON(w, http.StatusOK, s.realmAdm.rep)
}

func (s *Server) clientRoleUsers(w http.ResponseWriter, r *http.Request) {
	if r.PathValue("cid") != s.rmClient || r.PathValue("role") != "realm-admin" {
		errorJSON(w, http.StatusNotFound, "Could not find role")
		return
	}
	var reps []map[string]any
	for id, roles := range s.clientMap {
		if roles[s.realmAdm.rep["id"].(string)] {
			reps = append(reps, s.users[id].rep)
		}
	}
	sort.Slice(reps, func(i, j int) bool { return reps[i]["username"].(string) < reps[j]["username"].(string) })
	writeJSON(w, http.StatusOK, page(r, reps))
}

func (s *Server) listRoles(w http.ResponseWriter, r *http.Request) {
	var reps []map[string]any
	for _, role := range sortedValues(s.roles, func(r *role) string { return r.rep["name"].(string) }) {
		reps = append(reps, role.rep)
	}
	writeJSON(w, http.StatusOK, page(r, reps))
}

func (s *Server) createRole(w http.ResponseWriter, r *http.Request) {
	rep, ok := decodeRep(w, r)
	if !ok {
		return
	}
	name := stringOf(rep["name"])
	if name == "" {
		errorJSON(w, http.StatusBadRequest, "Role name is missing")
		return
	}
	if _, ok := s.roles[name]; ok {
		errorJSON(w, http.StatusConflict, "Role with name "+name+" already exists")
		return
	}
	rep["id"] = newID()
	s.roles[name] = &role{rep: rep}
	w.Header().Set("Location", s.URL+"/admin/realms/"+s.Realm+"/roles/"+name)
	w.WriteHeader(http.StatusCreated)
}

func (s *Server) lookupRole(w http.ResponseWriter, r *http.Request) *role {
	role, ok := s.roles[r.PathValue("name")]
	if !ok {
		errorJSON(w, http.StatusNotFound, "Could not find role")
		return nil
	}
	return role
}

func (s *Server) getRole(w http.ResponseWriter, r *http.Request) {
	if role := s.lookupRole(w, r); role != nil {
		writeJSON(w, http.StatusOK, role.rep)
	}
}

func (s *Server) putRole(w http.ResponseWriter, r *http.Request) {
	role := s.lookupRole(w, r)
	if role == nil {
		return
	}
	rep, ok := decodeRep(w, r)
	if !ok {
		return
	}
	for k, v := range rep {
		if k != "id" && k != "name" {
			role.rep[k] = v
		}
	}
	w.WriteHeader(http.StatusNoContent)
}

func (s *Server) deleteRole(w http.ResponseWriter, r *http.Request) {
	if role := s.lookupRole(w, r); role != nil {
		delete(s.roles, r.PathValue("name"))
		for _, g := range s.groups {
			delete(g.roles, r.PathValue("name"))
		}
		w.WriteHeader(http.StatusNoContent)
	}
}

func (s *Server) groupRoles(w http.ResponseWriter, r *http.Request) {
	g := s.lookupGroup(w, r)
	if g == nil {
		return
	}
	reps := []map[string]any{}
	for name := range g.roles {
		reps = append(reps, s.roles[name].rep)
	}
	sort.Slice(reps, func(i, j int) bool { return reps[i]["name"].(string) < reps[j]["name"].(string) })
	writeJSON(w, http.StatusOK, reps)
}

func (s *Server) groupRoleNames(w http.ResponseWriter, r *http.Request) ([]string, bool) {
	var roles []struct {
		Name string `json:"name"`
	}
	if json.NewDecoder(r.Body).Decode(&roles) != nil {
		errorJSON(w, http.StatusBadRequest, "unreadable roles")
		return nil, false
	}
	var names []string
	for _, role := range roles {
		if _, ok := s.roles[role.Name]; !ok {
			errorJSON(w, http.StatusNotFound, "Could not find role")
			return nil, false
		}
		names = append(names, role.Name)
	}
	return names, true
}

func (s *Server) addGroupRoles(w http.ResponseWriter, r *http.Request) {
	g := s.lookupGroup(w, r)
	if g == nil {
		return
	}
	names, ok := s.groupRoleNames(w, r)
	if !ok {
		return
	}
	for _, n := range names {
		g.roles[n] = true
	}
	w.WriteHeader(http.StatusNoContent)
}

func (s *Server) removeGroupRoles(w http.ResponseWriter, r *http.Request) {
	g := s.lookupGroup(w, r)
	if g == nil {
		return
	}
	names, ok := s.groupRoleNames(w, r)
	if !ok {
		return
	}
	for _, n := range names {
		delete(g.roles, n)
	}
	w.WriteHeader(http.StatusNoContent)
}

// GroupRoles answers the realm roles mapped to the group named name, sorted.
func (s *Server) GroupRoles(name string) []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []string
	for _, g := range s.groups {
		if g.rep["name"] == name {
			for r := range g.roles {
				out = append(out, r)
			}
		}
	}
	slices.Sort(out)
	return out
}

// Roles answers the names of the realm roles, sorted.
func (s *Server) Roles() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []string
	for n := range s.roles {
		out = append(out, n)
	}
	slices.Sort(out)
	return out
}

// UserID answers the id Keycloak gave the user named username (as Keycloak keeps it,
// lowercased): the subject of that user's tokens.
func (s *Server) UserID(username string) (string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if u := s.userByName(username); u != nil {
		return u.rep["id"].(string), nil
	}
	return "", fmt.Errorf("no user %q", username)
}

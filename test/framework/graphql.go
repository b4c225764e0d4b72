package framework

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/go-logr/logr"
	corev1 "k8s.io/api/core/v1"
	ctrl "sigs.k8s.io/controller-runtime"
	"sigs.k8s.io/controller-runtime/pkg/client"

	"github.com/primehub/primehub/api/v1beta1"
	"github.com/primehub/primehub/internal/auth"
	"github.com/primehub/primehub/internal/directory/builtin"
	"github.com/primehub/primehub/internal/graphql"
)

// GraphQL is the GraphQL API served as `primehub serve` wires it (internal/serve/graphql.go):
// resolvers reading a controller manager's cache, the builtin directory, personal API
// tokens and the shared secret, on a loopback HTTP port.
type GraphQL struct {
	// URL is where the API answers (…/api/graphql).
	URL string
	// Namespace is the platform namespace.
	Namespace string
	// SharedSecret is the Bearer token with full permission.
	SharedSecret string
	Directory    *builtin.Directory
	Tokens       *auth.APITokens
	Manager      ctrl.Manager
	Resolver     *graphql.Resolver
	// Authenticator is what the server checks credentials with.
	Authenticator *auth.Authenticator
	// Mux routes the server's requests: a test may add handlers beside the API's.
	Mux *http.ServeMux
}

// GraphQLOptions change what StartGraphQL starts.
type GraphQLOptions struct {
	// Log receives the server's logs (default: discarded).
	Log logr.Logger
	// Directory, when set, is used instead of starting one.
	Directory *builtin.Directory
}

// StartGraphQL serves the API for the platform namespace until the test ends. The
// directory's settings are stored first, as serve's first start does.
func StartGraphQL(t testing.TB, namespace string, o GraphQLOptions) *GraphQL {
	t.Helper()
	log := o.Log
	if log.GetSink() == nil {
		log = logr.Discard()
	}
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	dir := o.Directory
	if dir == nil {
		dir = StartBuiltinDirectory(t, namespace, log)
	}
	if _, err := dir.EnsureSettings(ctx); err != nil {
		t.Fatalf("settings: %v", err)
	}
	tokens, err := auth.NewAPITokens(Config(), Scheme, namespace, log)
	if err != nil {
		t.Fatal(err)
	}
	go func() { _ = tokens.Start(ctx) }()
	if !tokens.WaitForCacheSync(ctx) {
		t.Fatal("API token cache did not sync")
	}
	g := &GraphQL{Namespace: namespace, SharedSecret: "graphql-test-secret-" + namespace, Directory: dir, Tokens: tokens}
	g.Manager = StartManager(t, func(mgr ctrl.Manager) error {
		secrets, err := graphql.NewSecretCache(mgr.GetConfig(), mgr.GetScheme(), namespace)
		if err != nil {
			return err
		}
		if err := mgr.Add(secrets); err != nil {
			return err
		}
		if err := graphql.IndexFields(ctx, mgr.GetCache()); err != nil {
			return err
		}
		g.Resolver = &graphql.Resolver{
			Reader: mgr.GetClient(), Informers: mgr.GetCache(), Client: mgr.GetClient(), APIReader: mgr.GetAPIReader(), SecretReader: secrets,
			Directory: dir, Launcher: Launcher(mgr, dir, namespace), Tokens: tokens, Namespace: namespace, ExternalURL: "http://127.0.0.1", Log: log.WithName("graphql"),
		}
		return nil
	})
	syncCtx, syncCancel := context.WithTimeout(ctx, 30*time.Second)
	defer syncCancel()
	if !g.Manager.GetCache().WaitForCacheSync(syncCtx) {
		t.Fatal("manager cache did not start")
	}
	// The informers the resolvers read start on first use: start them now, so the first
	// request of a test does not wait for a list.
	for _, l := range []client.ObjectList{&v1beta1.InstanceTypeList{}, &v1beta1.ImageList{}, &v1beta1.VolumeList{},
		&v1beta1.NotebookList{}, &v1beta1.PhJobList{}, &v1beta1.PhScheduleList{}, &v1beta1.ProfileList{}} {
		if err := g.Manager.GetCache().List(ctx, l, client.Limit(1)); err != nil {
			t.Fatalf("warm cache %T: %v", l, err)
		}
	}
	if err := g.Resolver.SecretReader.List(ctx, &corev1.SecretList{}, client.InNamespace(namespace)); err != nil {
		t.Fatalf("warm secret cache: %v", err)
	}
	g.Authenticator = auth.New(auth.Options{SharedSecret: g.SharedSecret, Directory: dir, Tokens: tokens, Log: log.WithName("auth")})
	mux := http.NewServeMux()
	mux.Handle(graphql.Path, g.Resolver.Handler(g.Authenticator.Authenticate))
	g.Mux = mux
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second}
	go func() { _ = srv.Serve(l) }()
	t.Cleanup(func() { _ = srv.Close() })
	g.URL = "http://" + l.Addr().String() + graphql.Path
	return g
}

// Token makes a personal API token of username, as createApiToken would.
func (g *GraphQL) Token(t testing.TB, username string) string {
	t.Helper()
	tok, _, err := g.Tokens.Create(context.Background(), username, "test")
	if err != nil {
		t.Fatalf("API token of %s: %v", username, err)
	}
	return tok
}

// Client is a client of the API with token as its Bearer credential ("" sends none).
func (g *GraphQL) Client(token string) *GraphQLClient {
	return &GraphQLClient{URL: g.URL, Token: token, HTTP: http.DefaultClient}
}

// GraphQLClient posts operations to the API.
type GraphQLClient struct {
	URL, Token string
	HTTP       *http.Client
}

// GraphQLResponse is an answer of the API.
type GraphQLResponse struct {
	Status int
	Data   json.RawMessage `json:"data"`
	Errors []GraphQLError  `json:"errors"`
	// Body is the raw answer.
	Body string `json:"-"`
}

// GraphQLError is one of an answer's errors.
type GraphQLError struct {
	Message    string         `json:"message"`
	Path       []any          `json:"path"`
	Extensions map[string]any `json:"extensions"`
}

// Code is the error's extensions.code.
func (e GraphQLError) Code() string {
	c, _ := e.Extensions["code"].(string)
	return c
}

// Codes lists the codes of the answer's errors.
func (r *GraphQLResponse) Codes() []string {
	var out []string
	for _, e := range r.Errors {
		out = append(out, e.Code())
	}
	return out
}

// Decode reads the answer's data into v.
func (r *GraphQLResponse) Decode(v any) error {
	if len(r.Data) == 0 || string(r.Data) == "null" {
		return fmt.Errorf("no data: %s", r.Body)
	}
	return json.Unmarshal(r.Data, v)
}

// Do posts query with variables as JSON.
func (c *GraphQLClient) Do(ctx context.Context, query string, variables map[string]any) (*GraphQLResponse, error) {
	body, err := json.Marshal(map[string]any{"query": query, "variables": variables})
	if err != nil {
		return nil, err
	}
	return c.post(ctx, "application/json", bytes.NewReader(body))
}

// DoForm posts query with variables as a form (variables a JSON string), as PrimeHub's
// clients may.
func (c *GraphQLClient) DoForm(ctx context.Context, query string, variables map[string]any) (*GraphQLResponse, error) {
	form := url.Values{"query": {query}}
	if variables != nil {
		v, err := json.Marshal(variables)
		if err != nil {
			return nil, err
		}
		form.Set("variables", string(v))
	}
	return c.post(ctx, "application/x-www-form-urlencoded", strings.NewReader(form.Encode()))
}

func (c *GraphQLClient) post(ctx context.Context, contentType string, body io.Reader) (*GraphQLResponse, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.URL, body)
	if err != nil {
		return nil, err
	}
	req.Header.Set("Content-Type", contentType)
	if c.Token != "" {
		req.Header.Set("Authorization", "Bearer "+c.Token)
	}
	hc := c.HTTP
	if hc == nil {
		hc = http.DefaultClient
	}
	resp, err := hc.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil, err
	}
	out := &GraphQLResponse{Status: resp.StatusCode, Body: string(raw)}
	if strings.HasPrefix(strings.TrimSpace(string(raw)), "{") {
		if err := json.Unmarshal(raw, out); err != nil {
			return nil, fmt.Errorf("decode answer %q: %w", raw, err)
		}
	}
	return out, nil
}

// MustDo is Do that fails the test on a transport error.
func (c *GraphQLClient) MustDo(t testing.TB, query string, variables map[string]any) *GraphQLResponse {
	t.Helper()
	r, err := c.Do(context.Background(), query, variables)
	if err != nil {
		t.Fatalf("POST %s: %v", c.URL, err)
	}
	return r
}

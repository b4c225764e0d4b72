package auth

import (
	"context"
	"crypto/subtle"
	"errors"
	"fmt"
	"slices"
	"sync"
	"time"

	"github.com/go-logr/logr"
	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	"k8s.io/apimachinery/pkg/api/meta"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/labels"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/types"
	"k8s.io/apimachinery/pkg/util/wait"
	"k8s.io/client-go/rest"
	"sigs.k8s.io/controller-runtime/pkg/cache"
	"sigs.k8s.io/controller-runtime/pkg/client"

	"github.com/primehub/primehub/internal/directory"
)

// Where personal API tokens are kept: one Secret each in the platform namespace.
const (
	APITokenLabel       = "primehub.io/api-token"
	usernameAnnotation  = "primehub.io/username"
	nameAnnotation      = "primehub.io/token-name"
	lastUsedAnnotation  = "primehub.io/last-used"
	expiresAnnotation   = "primehub.io/expires"
	tokenHashKey        = "hash"
	lastUsedGranularity = time.Minute
)

// ErrTokenNotFound means no such token of that user.
var ErrTokenNotFound = errors.New("API token not found")

// APIToken is what anyone may see of a token: never its value or hash.
type APIToken struct {
	ID       string
	Name     string
	Username string
	Created  time.Time
	// LastUsed is zero when the token was never used; it is recorded to the minute.
	LastUsed time.Time
	// Expires is zero for a token that does not expire.
	Expires time.Time
}

// APITokens stores personal API tokens hashed in Secrets, read through an informer limited
// to those Secrets.
type APITokens struct {
	cache     cache.Cache
	client    client.Client
	namespace string
	log       logr.Logger
	now       func() time.Time

	mu       sync.Mutex
	lastSeen map[string]time.Time // by token id: when last-used was last written
}

// NewAPITokens keeps tokens in namespace. Start it before use.
func NewAPITokens(cfg *rest.Config, scheme *runtime.Scheme, namespace string, log logr.Logger) (*APITokens, error) {
	c, err := client.New(cfg, client.Options{Scheme: scheme})
	if err != nil {
		return nil, fmt.Errorf("API token client: %w", err)
	}
	// A cache limited to one namespace maps the kind it is asked for on every read (Get:
	// Secret, List: SecretList); a mapper that knows Secrets alone does it without
	// discovery's mappers, which made errors to find it (half the allocations of checking
	// a token).
	mapper := meta.NewDefaultRESTMapper(nil)
	for _, kind := range []string{"Secret", "SecretList"} {
		mapper.Add(corev1.SchemeGroupVersion.WithKind(kind), meta.RESTScopeNamespace)
	}
	ca, err := cache.New(cfg, cache.Options{
		Scheme:           scheme,
		Mapper:           mapper,
		DefaultTransform: cache.TransformStripManagedFields(),
		ByObject: map[client.Object]cache.ByObject{&corev1.Secret{}: {
			Namespaces: map[string]cache.Config{namespace: {}},
			Label:      labels.SelectorFromSet(labels.Set{APITokenLabel: "true"}),
		}},
	})
	if err != nil {
		return nil, fmt.Errorf("API token cache: %w", err)
	}
	return &APITokens{cache: ca, client: c, namespace: namespace, log: log, now: time.Now, lastSeen: map[string]time.Time{}}, nil
}

// Start runs the informer until ctx ends.
func (t *APITokens) Start(ctx context.Context) error { return t.cache.Start(ctx) }

// WaitForCacheSync waits until the informer has listed the tokens once.
func (t *APITokens) WaitForCacheSync(ctx context.Context) bool { return t.cache.WaitForCacheSync(ctx) }

// NeedLeaderElection is false: every replica authenticates.
func (t *APITokens) NeedLeaderElection() bool { return false }

func secretName(id string) string { return "api-token-" + id }

// Create makes a token for username that does not expire, and returns its value, which is
// shown this once and never kept.
func (t *APITokens) Create(ctx context.Context, username, name string) (string, APIToken, error) {
	return t.CreateExpiring(ctx, username, name, time.Time{})
}

// CreateExpiring makes a token for username that works until expires (zero: no end), and
// returns its value, which is shown this once and never kept.
func (t *APITokens) CreateExpiring(ctx context.Context, username, name string, expires time.Time) (string, APIToken, error) {
	token, id, err := newAPIToken()
	if err != nil {
		return "", APIToken{}, err
	}
	_, secret, _ := parseAPIToken(token)
	s := &corev1.Secret{
		ObjectMeta: metav1.ObjectMeta{
			Name: secretName(id), Namespace: t.namespace,
			Labels:      map[string]string{APITokenLabel: "true"},
			Annotations: map[string]string{usernameAnnotation: username, nameAnnotation: name},
		},
		Type: corev1.SecretTypeOpaque,
		Data: map[string][]byte{tokenHashKey: []byte(secretHash(secret))},
	}
	if !expires.IsZero() {
		s.Annotations[expiresAnnotation] = expires.UTC().Format(time.RFC3339)
	}
	if err := t.client.Create(ctx, s); err != nil {
		return "", APIToken{}, fmt.Errorf("store API token of %q: %w", username, err)
	}
	if err := t.await(ctx, s.Name, true); err != nil {
		return "", APIToken{}, err
	}
	return token, tokenFromSecret(s), nil
}

// List lists username's tokens, oldest first.
func (t *APITokens) List(ctx context.Context, username string) ([]APIToken, error) {
	list := &corev1.SecretList{}
	if err := t.cache.List(ctx, list, client.InNamespace(t.namespace)); err != nil {
		return nil, fmt.Errorf("list API tokens: %w", err)
	}
	var out []APIToken
	for i := range list.Items {
		if list.Items[i].Annotations[usernameAnnotation] == username {
			out = append(out, tokenFromSecret(&list.Items[i]))
		}
	}
	slices.SortFunc(out, func(a, b APIToken) int { return a.Created.Compare(b.Created) })
	return out, nil
}

// Revoke deletes username's token id; it stops working before Revoke returns.
func (t *APITokens) Revoke(ctx context.Context, username, id string) error {
	s := &corev1.Secret{}
	if err := t.cache.Get(ctx, client.ObjectKey{Namespace: t.namespace, Name: secretName(id)}, s); err != nil ||
		s.Annotations[usernameAnnotation] != username {
		return fmt.Errorf("%s of %q: %w", id, username, ErrTokenNotFound)
	}
	if err := t.client.Delete(ctx, s, client.Preconditions{UID: &s.UID}); err != nil && !apierrors.IsNotFound(err) {
		return fmt.Errorf("revoke API token %s: %w", id, err)
	}
	return t.await(ctx, s.Name, false)
}

// lookup answers the username owning token, or ErrTokenNotFound.
func (t *APITokens) lookup(ctx context.Context, token string) (string, error) {
	id, secret, ok := parseAPIToken(token)
	if !ok {
		return "", ErrTokenNotFound
	}
	s := &corev1.Secret{}
	// Not copied: s is only read, and a copy of the record for every request was a tenth
	// of what authenticating one cost.
	if err := t.cache.Get(ctx, client.ObjectKey{Namespace: t.namespace, Name: secretName(id)}, s, client.UnsafeDisableDeepCopy); err != nil {
		return "", ErrTokenNotFound
	}
	if subtle.ConstantTimeCompare([]byte(secretHash(secret)), s.Data[tokenHashKey]) != 1 {
		return "", ErrTokenNotFound
	}
	if exp := tokenFromSecret(s).Expires; !exp.IsZero() && !t.now().Before(exp) {
		return "", fmt.Errorf("%w: it expired at %s", ErrTokenNotFound, exp.Format(time.RFC3339))
	}
	t.touch(s)
	return s.Annotations[usernameAnnotation], nil
}

// touch records the token's use, at most once per lastUsedGranularity and off the
// request's path, so using a token costs no write per request.
func (t *APITokens) touch(s *corev1.Secret) {
	now := t.now().UTC().Truncate(time.Second)
	t.mu.Lock()
	id := s.Name
	if seen, ok := t.lastSeen[id]; ok && now.Sub(seen) < lastUsedGranularity {
		t.mu.Unlock()
		return
	}
	t.lastSeen[id] = now
	t.mu.Unlock()
	go func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		patch := fmt.Sprintf(`{"metadata":{"annotations":{%q:%q}}}`, lastUsedAnnotation, now.Format(time.RFC3339))
		target := &corev1.Secret{ObjectMeta: metav1.ObjectMeta{Name: s.Name, Namespace: s.Namespace}}
		if err := t.client.Patch(ctx, target, client.RawPatch(types.MergePatchType, []byte(patch))); err != nil && !apierrors.IsNotFound(err) {
			t.log.Error(err, "record API token use", "token", id)
		}
	}()
}

// await waits until the informer sees the token Secret name (present), or no longer does.
func (t *APITokens) await(ctx context.Context, name string, present bool) error {
	err := wait.PollUntilContextTimeout(ctx, 20*time.Millisecond, 10*time.Second, true, func(ctx context.Context) (bool, error) {
		err := t.cache.Get(ctx, client.ObjectKey{Namespace: t.namespace, Name: name}, &corev1.Secret{})
		return (err == nil) == present, nil
	})
	if err != nil {
		return fmt.Errorf("API token %s not yet seen by the cache: %w", name, err)
	}
	return nil
}

// RevokeOnUserDeletion revokes the tokens of users dir no longer has: once now, then on
// every user change dir reports, until ctx ends. Otherwise a user made later under a
// deleted user's name would inherit the deleted user's tokens.
func (t *APITokens) RevokeOnUserDeletion(ctx context.Context, dir directory.Directory) {
	t.revokeOrphans(ctx, dir, "")
	dir.Subscribe(ctx, func(c directory.Change) {
		if c.Kind == directory.UserChanged {
			t.revokeOrphans(ctx, dir, c.Name)
		}
	})
}

// revokeOrphans deletes the tokens of username, or of anyone when username is empty, whose
// user is gone. Every replica does it; deleting twice is harmless.
func (t *APITokens) revokeOrphans(ctx context.Context, dir directory.Directory, username string) {
	list := &corev1.SecretList{}
	if err := t.cache.List(ctx, list, client.InNamespace(t.namespace)); err != nil {
		t.log.Error(err, "list API tokens")
		return
	}
	for i := range list.Items {
		s := &list.Items[i]
		owner := s.Annotations[usernameAnnotation]
		if username != "" && owner != username {
			continue
		}
		if _, err := dir.GetUser(ctx, owner); !errors.Is(err, directory.ErrNotFound) {
			continue
		}
		if err := t.client.Delete(ctx, s, client.Preconditions{UID: &s.UID}); err != nil && !apierrors.IsNotFound(err) {
			t.log.Error(err, "revoke API token of a deleted user", "token", s.Name, "username", owner)
			continue
		}
		t.log.Info("revoked API token of a deleted user", "token", s.Name, "username", owner)
	}
}

func tokenFromSecret(s *corev1.Secret) APIToken {
	tok := APIToken{
		ID:       s.Name[len("api-token-"):],
		Name:     s.Annotations[nameAnnotation],
		Username: s.Annotations[usernameAnnotation],
		Created:  s.CreationTimestamp.Time,
	}
	if v, err := time.Parse(time.RFC3339, s.Annotations[lastUsedAnnotation]); err == nil {
		tok.LastUsed = v
	}
	if v, ok := s.Annotations[expiresAnnotation]; ok {
		// An expiry that does not parse was not written by Create: it has passed.
		tok.Expires = time.Unix(0, 0).UTC()
		if e, err := time.Parse(time.RFC3339, v); err == nil {
			tok.Expires = e
		}
	}
	return tok
}

package oidc

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/go-logr/logr"
	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/types"
	"sigs.k8s.io/controller-runtime/pkg/client"

	"github.com/primehub/primehub/internal/names"
)

// Refresh tokens come in families: the tokens descended, one refresh after another, from
// one code exchange. A family is a Secret in the platform namespace, so every replica
// sees the same one and a restart keeps it. A code exchange without offline_access makes
// one too, without a refresh token, for its access token, until that expires. It holds the hash of the family's current
// token only; a refresh replaces it by compare-and-swap on the Secret's resourceVersion,
// so two replicas cannot both accept one token. A token of the family that is not the
// current one was copied: the family is revoked, the thief's tokens and the owner's alike.

// Labels of a family's Secret: every family, and the family's user (names.Label).
const (
	FamilyLabel      = "primehub.io/oidc-refresh-family"
	familyUserLabel  = "primehub.io/oidc-user"
	familySecretName = "primehub-oidc-rt-"
)

// maxFamiliesPerUser bounds the live families, and so the Secrets, one user can make by
// logging in again and again: the oldest are revoked. Each browser tab of the console
// holds one family.
const maxFamiliesPerUser = 50

// family is one login's refresh state.
type family struct {
	ID         string
	Subject    string
	ClientID   string
	Generation string
	Scopes     []string
	AuthTime   time.Time
	// Created is when the code was exchanged, to the nanosecond: the oldest families of a
	// user are revoked first.
	Created time.Time
	// Expires slides: each refresh extends it by refreshLifetime. A revoked family
	// expires once its code has (codeLifetime), and is then deleted.
	Expires   time.Time
	TokenHash string
	Revoked   bool
	// secret is the Secret as read, whose resourceVersion guards the next write.
	secret *corev1.Secret
}

// familyOf is the family a code exchange makes, named after the authorization request, so
// that a code exchanged twice, on any replica, meets the family of the first exchange.
func familyOf(ref string) string {
	sum := sha256.Sum256([]byte("refresh family of " + ref))
	return hex.EncodeToString(sum[:16])
}

// isFamilyID guards the Secret name made from a token: 32 lower-case hex digits.
func isFamilyID(s string) bool {
	if len(s) != 32 {
		return false
	}
	for _, c := range s {
		if (c < '0' || c > '9') && (c < 'a' || c > 'f') {
			return false
		}
	}
	return true
}

// A refresh token is its family's id and a random secret: <family>.<secret>.
func newRefreshToken(familyID string) string { return familyID + "." + randomID() }

func parseRefreshToken(token string) (familyID string, ok bool) {
	id, secret, ok := strings.Cut(token, ".")
	return id, ok && isFamilyID(id) && secret != ""
}

// Secret data keys of a family.
const (
	famSubject    = "subject"
	famClient     = "client-id"
	famGeneration = "session-generation"
	famScopes     = "scopes"
	famAuthTime   = "auth-time"
	famCreated    = "created"
	famExpires    = "expires"
	famTokenHash  = "token-hash"
	famRevoked    = "revoked"
)

// toSecret is f as its Secret in namespace; f.secret, when set, is updated in place.
func (f *family) toSecret(namespace string) *corev1.Secret {
	s := f.secret
	if s == nil {
		s = &corev1.Secret{ObjectMeta: metav1.ObjectMeta{Name: familySecretName + f.ID, Namespace: namespace}, Type: corev1.SecretTypeOpaque}
	} else {
		s = s.DeepCopy()
	}
	s.Labels = map[string]string{FamilyLabel: "true", familyUserLabel: names.Label(f.Subject), "app.kubernetes.io/managed-by": "primehub"}
	s.Data = map[string][]byte{
		famSubject: []byte(f.Subject), famClient: []byte(f.ClientID), famGeneration: []byte(f.Generation),
		famScopes: []byte(strings.Join(f.Scopes, " ")), famAuthTime: []byte(strconv.FormatInt(f.AuthTime.Unix(), 10)),
		famCreated: []byte(strconv.FormatInt(f.Created.UnixNano(), 10)),
		famExpires: []byte(strconv.FormatInt(f.Expires.Unix(), 10)), famTokenHash: []byte(f.TokenHash),
	}
	if f.Revoked {
		s.Data[famRevoked] = []byte("true")
	}
	return s
}

// familyFromSecret reads a family's Secret.
func familyFromSecret(s *corev1.Secret) (*family, error) {
	id, ok := strings.CutPrefix(s.Name, familySecretName)
	if !ok || !isFamilyID(id) {
		return nil, fmt.Errorf("secret %s is not a refresh family", s.Name)
	}
	unix := func(key string) (time.Time, error) {
		n, err := strconv.ParseInt(string(s.Data[key]), 10, 64)
		if err != nil {
			return time.Time{}, fmt.Errorf("refresh family %s: %s: %w", id, key, err)
		}
		return time.Unix(n, 0), nil
	}
	f := &family{ID: id, Subject: string(s.Data[famSubject]), ClientID: string(s.Data[famClient]),
		Generation: string(s.Data[famGeneration]), Scopes: strings.Fields(string(s.Data[famScopes])),
		TokenHash: string(s.Data[famTokenHash]), Revoked: string(s.Data[famRevoked]) == "true", secret: s}
	var err error
	if f.AuthTime, err = unix(famAuthTime); err != nil {
		return nil, err
	}
	if f.Expires, err = unix(famExpires); err != nil {
		return nil, err
	}
	created, err := strconv.ParseInt(string(s.Data[famCreated]), 10, 64)
	if err != nil {
		return nil, fmt.Errorf("refresh family %s: %s: %w", id, famCreated, err)
	}
	f.Created = time.Unix(0, created)
	if f.Subject == "" || f.ClientID == "" {
		return nil, fmt.Errorf("refresh family %s names no user or client", id)
	}
	return f, nil
}

// live says whether f's tokens work at now.
func (f *family) live(now time.Time) bool { return !f.Revoked && now.Before(f.Expires) }

// families keeps refresh families in the API server.
type families struct {
	client    client.Client
	namespace string
	now       func() time.Time
	log       logr.Logger
}

var (
	errCodeReused = errors.New("authorization code used twice: the tokens it gave are revoked")
	errConflict   = errors.New("the refresh family changed meanwhile")
)

// create stores a new family; one of that id already there means its code was exchanged
// before.
func (fs *families) create(ctx context.Context, f *family) error {
	s := f.toSecret(fs.namespace)
	if err := fs.client.Create(ctx, s); err != nil {
		if apierrors.IsAlreadyExists(err) {
			return errCodeReused
		}
		return fmt.Errorf("store refresh family: %w", err)
	}
	f.secret = s
	return nil
}

// get reads a family; errUnknown when there is none.
func (fs *families) get(ctx context.Context, id string) (*family, error) {
	s := &corev1.Secret{}
	err := fs.client.Get(ctx, client.ObjectKey{Namespace: fs.namespace, Name: familySecretName + id}, s)
	if apierrors.IsNotFound(err) {
		return nil, fmt.Errorf("refresh token: %w", errUnknown)
	}
	if err != nil {
		return nil, fmt.Errorf("read refresh family: %w", err)
	}
	return familyFromSecret(s)
}

// save writes f over the Secret it was read from; errConflict when the Secret changed
// since (another replica spent the token, or revoked the family).
func (fs *families) save(ctx context.Context, f *family) error {
	s := f.toSecret(fs.namespace)
	if err := fs.client.Update(ctx, s); err != nil {
		if apierrors.IsConflict(err) || apierrors.IsNotFound(err) {
			return errConflict
		}
		return fmt.Errorf("store refresh family: %w", err)
	}
	f.secret = s
	return nil
}

// revoke ends a family: none of its tokens works again. Its Secret stays until its code
// expires, so that the code cannot make it again.
func (fs *families) revoke(ctx context.Context, id, reason string) error {
	for range 5 {
		f, err := fs.get(ctx, id)
		if errors.Is(err, errUnknown) {
			return nil
		}
		if err != nil {
			return err
		}
		if f.Revoked {
			return nil
		}
		f.Revoked, f.TokenHash = true, ""
		f.Expires = f.Created.Add(codeLifetime)
		if err := fs.save(ctx, f); errors.Is(err, errConflict) {
			continue
		} else if err != nil {
			return err
		}
		fs.log.Info("revoked a login's refresh tokens", "reason", reason, "username", f.Subject)
		return nil
	}
	return fmt.Errorf("revoke refresh family: %w", errConflict)
}

// ofUser lists the families of a user.
func (fs *families) ofUser(ctx context.Context, subject string) ([]*family, error) {
	return fs.list(ctx, client.MatchingLabels{FamilyLabel: "true", familyUserLabel: names.Label(subject)})
}

func (fs *families) list(ctx context.Context, sel client.MatchingLabels) ([]*family, error) {
	var l corev1.SecretList
	if err := fs.client.List(ctx, &l, client.InNamespace(fs.namespace), sel); err != nil {
		return nil, fmt.Errorf("list refresh families: %w", err)
	}
	out := make([]*family, 0, len(l.Items))
	for i := range l.Items {
		f, err := familyFromSecret(&l.Items[i])
		if err != nil {
			fs.log.Error(err, "skipping a malformed refresh family", "secret", l.Items[i].Name)
			continue
		}
		out = append(out, f)
	}
	return out, nil
}

// revokeUser revokes the families of a user at a client (logout).
func (fs *families) revokeUser(ctx context.Context, subject, clientID, reason string) error {
	all, err := fs.ofUser(ctx, subject)
	if err != nil {
		return err
	}
	var errs []error
	for _, f := range all {
		if f.Subject == subject && f.ClientID == clientID && !f.Revoked {
			errs = append(errs, fs.revoke(ctx, f.ID, reason))
		}
	}
	return errors.Join(errs...)
}

// overflowing answers the oldest live families of fams beyond max, to revoke.
func overflowing(fams []*family, now time.Time, max int) []*family {
	var live []*family
	for _, f := range fams {
		if f.live(now) {
			live = append(live, f)
		}
	}
	if len(live) <= max {
		return nil
	}
	slices.SortFunc(live, func(a, b *family) int {
		if c := a.Created.Compare(b.Created); c != 0 {
			return c
		}
		return strings.Compare(a.ID, b.ID)
	})
	return live[:len(live)-max]
}

// cap revokes a user's oldest families beyond maxFamiliesPerUser.
func (fs *families) cap(ctx context.Context, subject string) error {
	all, err := fs.ofUser(ctx, subject)
	if err != nil {
		return err
	}
	var errs []error
	for _, f := range overflowing(all, fs.now(), maxFamiliesPerUser) {
		errs = append(errs, fs.revoke(ctx, f.ID, "too many logins of the user"))
	}
	return errors.Join(errs...)
}

// clean deletes the families that expired, unless changed since they were read, reading
// them a page at a time.
func (fs *families) clean(ctx context.Context) error {
	n, next := 0, ""
	for {
		var l corev1.SecretList
		if err := fs.client.List(ctx, &l, client.InNamespace(fs.namespace), client.MatchingLabels{FamilyLabel: "true"},
			client.Limit(500), client.Continue(next)); err != nil {
			return fmt.Errorf("list refresh families: %w", err)
		}
		for i := range l.Items {
			s := &l.Items[i]
			f, err := familyFromSecret(s)
			if err != nil {
				fs.log.Error(err, "skipping a malformed refresh family", "secret", s.Name)
				continue
			}
			if fs.now().Before(f.Expires) {
				continue
			}
			rv := s.ResourceVersion
			err = fs.client.Delete(ctx, s, client.Preconditions{UID: ptrUID(s.UID), ResourceVersion: &rv})
			if err != nil && !apierrors.IsNotFound(err) && !apierrors.IsConflict(err) {
				return fmt.Errorf("delete expired refresh family: %w", err)
			}
			n++
		}
		if next = l.Continue; next == "" {
			break
		}
	}
	if n > 0 {
		fs.log.V(1).Info("deleted expired refresh families", "count", n)
	}
	return nil
}

func ptrUID(u types.UID) *types.UID { return &u }

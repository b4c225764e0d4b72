package builtin

import (
	"context"
	"errors"
	"fmt"

	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"sigs.k8s.io/controller-runtime/pkg/client"
	"sigs.k8s.io/controller-runtime/pkg/controller/controllerutil"

	"github.com/primehub/primehub/api/v1beta1"
	"github.com/primehub/primehub/internal/directory"
	"github.com/primehub/primehub/internal/names"
)

// PasswordLabel marks the Secrets that hold password hashes.
const PasswordLabel = "primehub.io/password"

const hashKey = "hash"

// passwordSecretName is the Secret of username's password hash.
func passwordSecretName(username string) string { return "password-" + names.Label(username) }

// SetPassword implements directory.Directory, and revokes the user's sessions. The Secret
// is owned by the User, so it goes when the user goes, however the user is deleted.
func (d *Directory) SetPassword(ctx context.Context, username, password string) error {
	cr, err := d.cachedUser(username)
	if err != nil {
		return err
	}
	hash, err := directory.HashPassword(password)
	if err != nil {
		return err
	}
	s := &corev1.Secret{ObjectMeta: metav1.ObjectMeta{Name: passwordSecretName(username), Namespace: d.namespace}}
	_, err = controllerutil.CreateOrUpdate(ctx, d.client, s, func() error {
		s.Labels = map[string]string{PasswordLabel: "true"}
		s.Annotations = map[string]string{"primehub.io/username": username}
		s.Type = corev1.SecretTypeOpaque
		s.Data = map[string][]byte{hashKey: []byte(hash)}
		return controllerutil.SetOwnerReference(cr, s, d.client.Scheme())
	})
	if err != nil {
		return fmt.Errorf("store password of %q: %w", username, err)
	}
	// After the hash is stored: a login that reads the new generation then reads the new
	// hash too, so no session made with the old password outlives the change.
	if _, err := d.updateUser(ctx, username, true, func(*v1beta1.UserSpec) {}); err != nil {
		return fmt.Errorf("password of %q set, but revoking their sessions failed: %w", username, err)
	}
	return nil
}

// Authenticate implements directory.Directory. The hash is read from the API server, never
// cached, so no replica keeps every user's hash in memory.
func (d *Directory) Authenticate(ctx context.Context, username, password string) (directory.User, error) {
	cr, err := d.cachedUser(username)
	if errors.Is(err, directory.ErrNotFound) {
		// Spend the time a check takes, so timing does not tell which usernames exist.
		_, _ = directory.VerifyPassword(dummyHash, password)
		return directory.User{}, directory.ErrBadCredentials
	}
	if err != nil {
		return directory.User{}, err
	}
	s := &corev1.Secret{}
	if err := d.client.Get(ctx, client.ObjectKey{Namespace: d.namespace, Name: passwordSecretName(username)}, s); err != nil {
		if apierrors.IsNotFound(err) {
			_, _ = directory.VerifyPassword(dummyHash, password)
			return directory.User{}, directory.ErrBadCredentials
		}
		return directory.User{}, fmt.Errorf("read password of %q: %w", username, err)
	}
	ok, err := directory.VerifyPassword(string(s.Data[hashKey]), password)
	if err != nil {
		return directory.User{}, fmt.Errorf("password of %q: %w", username, err)
	}
	if !ok || cr.Spec.Disabled {
		return directory.User{}, directory.ErrBadCredentials
	}
	return userFromCR(cr), nil
}

func (d *Directory) deletePassword(ctx context.Context, username string) error {
	s := &corev1.Secret{ObjectMeta: metav1.ObjectMeta{Name: passwordSecretName(username), Namespace: d.namespace}}
	if err := d.client.Delete(ctx, s); err != nil && !apierrors.IsNotFound(err) {
		return fmt.Errorf("delete password of %q: %w", username, err)
	}
	return nil
}

// dummyHash is checked against when there is no real hash; its password is unknown.
var dummyHash = func() string {
	h, err := directory.HashPassword("no user has this password: " + names.Label("dummy"))
	if err != nil {
		panic(err)
	}
	return h
}()

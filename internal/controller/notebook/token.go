package notebook

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"fmt"

	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"sigs.k8s.io/controller-runtime/pkg/client"
	"sigs.k8s.io/controller-runtime/pkg/controller/controllerutil"

	"github.com/primehub/primehub/api/v1beta1"
)

// TokenKeySecret is the Secret, in the platform namespace, holding the key notebooks'
// tokens are made with; every replica reads the same one.
const TokenKeySecret = "primehub-notebook-token-key"

// Tokens makes notebooks' tokens and the names of the Secrets that hand them to the pods.
// Each is an HMAC of the notebook's UID under the platform's key, so the proxy and the
// culler know a notebook's token without reading its Secret back: primehub only creates
// Secrets outside its namespace, and never reads them. The Secret's name carries an HMAC
// too, so nobody can make a Secret of that name before the notebook does.
type Tokens struct{ key []byte }

// NewTokens makes tokens with key.
func NewTokens(key []byte) *Tokens { return &Tokens{key: key} }

// LoadTokens reads the platform's token key from namespace, making it on first use. Two
// replicas making it at once both end with the one that was stored.
func LoadTokens(ctx context.Context, c client.Client, namespace string) (*Tokens, error) {
	key := client.ObjectKey{Namespace: namespace, Name: TokenKeySecret}
	s := &corev1.Secret{}
	err := c.Get(ctx, key, s)
	if apierrors.IsNotFound(err) {
		raw := make([]byte, 32)
		if _, err := rand.Read(raw); err != nil {
			return nil, fmt.Errorf("make the notebook token key: %w", err)
		}
		s = &corev1.Secret{ObjectMeta: metav1.ObjectMeta{Namespace: namespace, Name: TokenKeySecret},
			Type: corev1.SecretTypeOpaque, Data: map[string][]byte{"key": raw}}
		if err = c.Create(ctx, s); apierrors.IsAlreadyExists(err) {
			err = c.Get(ctx, key, s)
		}
	}
	if err != nil {
		return nil, fmt.Errorf("notebook token key %s: %w", key, err)
	}
	if len(s.Data["key"]) < 32 {
		return nil, fmt.Errorf("notebook token key %s: its key is shorter than 32 bytes", key)
	}
	return NewTokens(s.Data["key"]), nil
}

func (t *Tokens) mac(purpose string, nb *v1beta1.Notebook) string {
	h := hmac.New(sha256.New, t.key)
	h.Write([]byte(purpose + "/" + string(nb.UID)))
	return hex.EncodeToString(h.Sum(nil))
}

// Key derives the key of another of the platform's signatures (browsers' notebook
// sessions) from the notebook key, so it needs no Secret of its own and its signatures
// never pass for notebooks' tokens.
func (t *Tokens) Key(purpose string) []byte {
	h := hmac.New(sha256.New, t.key)
	h.Write([]byte("key/" + purpose))
	return h.Sum(nil)
}

// Token is the notebook's token: its server takes no request without it.
func (t *Tokens) Token(nb *v1beta1.Notebook) string { return t.mac("token", nb) }

// SecretName names the Secret that hands the notebook's token to its pod.
func (t *Tokens) SecretName(nb *v1beta1.Notebook) string {
	return ResourceName(nb.Name) + "-token-" + t.mac("secret", nb)[:10]
}

// ensureToken makes the notebook's token Secret, which the notebook controls. It exists
// already only if the notebook made it: nobody else knows its name.
func (r *Reconciler) ensureToken(ctx context.Context, nb *v1beta1.Notebook) error {
	s := &corev1.Secret{
		ObjectMeta: metav1.ObjectMeta{Namespace: nb.Namespace, Name: r.Tokens.SecretName(nb), Labels: map[string]string{LabelToken: nb.Name}},
		Type:       corev1.SecretTypeOpaque,
		Data:       map[string][]byte{TokenKey: []byte(r.Tokens.Token(nb))},
	}
	if err := controllerutil.SetControllerReference(nb, s, r.Client.Scheme()); err != nil {
		return err
	}
	if err := r.Client.Create(ctx, s); err != nil && !apierrors.IsAlreadyExists(err) {
		return fmt.Errorf("create token secret: %w", err)
	}
	return nil
}

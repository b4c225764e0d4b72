package oidc

import (
	"context"
	"crypto"
	"fmt"
	"sync"
	"time"

	"github.com/go-logr/logr"
	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"sigs.k8s.io/controller-runtime/pkg/client"
)

// KeysSecret is the Secret, in the platform namespace, that keeps the issuer's keys across
// restarts and replicas.
const KeysSecret = "primehub-oidc-keys"

// reloadAfter bounds how long a replica signs with a key another replica rotated away.
const reloadAfter = time.Minute

// Keys are the issuer's signing keys, kept in a Secret. Every replica reads the same
// Secret; a rotation by one is seen by the others within reloadAfter.
type Keys struct {
	client    client.Client
	namespace string
	log       logr.Logger
	now       func() time.Time

	mu       sync.Mutex
	set      keySet
	loadedAt time.Time
}

// NewKeys loads the keys from the Secret in namespace, creating it on first start.
func NewKeys(ctx context.Context, c client.Client, namespace string, log logr.Logger) (*Keys, error) {
	k := &Keys{client: c, namespace: namespace, log: log, now: time.Now}
	if err := k.load(ctx); err != nil {
		return nil, err
	}
	return k, nil
}

func (k *Keys) load(ctx context.Context) error {
	s := &corev1.Secret{}
	err := k.client.Get(ctx, client.ObjectKey{Namespace: k.namespace, Name: KeysSecret}, s)
	if apierrors.IsNotFound(err) {
		set, err := newKeySet(k.now())
		if err != nil {
			return err
		}
		data, err := set.encode()
		if err != nil {
			return err
		}
		s = &corev1.Secret{ObjectMeta: metav1.ObjectMeta{Name: KeysSecret, Namespace: k.namespace}, Type: corev1.SecretTypeOpaque, Data: data}
		if err := k.client.Create(ctx, s); err != nil {
			if apierrors.IsAlreadyExists(err) { // another replica made it first
				return k.load(ctx)
			}
			return fmt.Errorf("store OIDC signing keys: %w", err)
		}
		k.log.Info("created OIDC signing key", "kid", set.current().ID)
		k.store(set)
		return nil
	}
	if err != nil {
		return fmt.Errorf("read OIDC signing keys: %w", err)
	}
	set, err := decodeKeySet(s.Data)
	if err != nil {
		return fmt.Errorf("secret %s/%s: %w", k.namespace, KeysSecret, err)
	}
	k.store(set)
	return nil
}

func (k *Keys) store(set keySet) {
	k.mu.Lock()
	defer k.mu.Unlock()
	k.set, k.loadedAt = set, k.now()
}

// current answers the keys, reloading them when they may be stale.
func (k *Keys) current(ctx context.Context) (keySet, error) {
	k.mu.Lock()
	stale := k.now().Sub(k.loadedAt) > reloadAfter
	set := k.set
	k.mu.Unlock()
	if !stale {
		return set, nil
	}
	if err := k.load(ctx); err != nil {
		// Keep signing with the keys we have: the Secret is only briefly unreadable.
		k.log.Error(err, "reload OIDC signing keys")
		return set, nil
	}
	k.mu.Lock()
	defer k.mu.Unlock()
	return k.set, nil
}

// cryptoKey encrypts opaque access tokens; it never changes, so a rotation does not end
// sessions.
func (k *Keys) cryptoKey() [32]byte {
	k.mu.Lock()
	defer k.mu.Unlock()
	return k.set.CryptoKey
}

// PublicKeys are the keys tokens of the issuer may be signed with, newest last.
func (k *Keys) PublicKeys(ctx context.Context) ([]crypto.PublicKey, error) {
	set, err := k.current(ctx)
	if err != nil {
		return nil, err
	}
	keys := make([]crypto.PublicKey, 0, len(set.Keys))
	for _, sk := range set.Keys {
		keys = append(keys, &sk.Private.PublicKey)
	}
	return keys, nil
}

// Rotate adds a new signing key; tokens signed by the previous keys keep verifying until
// keepKeys rotations later.
func (k *Keys) Rotate(ctx context.Context) error {
	return k.rotateIf(ctx, func(keySet) bool { return true })
}

// RotateIfOlder rotates when the signing key is older than maxAge.
func (k *Keys) RotateIfOlder(ctx context.Context, maxAge time.Duration) error {
	return k.rotateIf(ctx, func(s keySet) bool { return k.now().Sub(s.current().Created) > maxAge })
}

func (k *Keys) rotateIf(ctx context.Context, due func(keySet) bool) error {
	for {
		s := &corev1.Secret{}
		if err := k.client.Get(ctx, client.ObjectKey{Namespace: k.namespace, Name: KeysSecret}, s); err != nil {
			return fmt.Errorf("read OIDC signing keys: %w", err)
		}
		set, err := decodeKeySet(s.Data)
		if err != nil {
			return fmt.Errorf("secret %s/%s: %w", k.namespace, KeysSecret, err)
		}
		if !due(set) {
			k.store(set)
			return nil
		}
		next, err := set.rotated(k.now())
		if err != nil {
			return err
		}
		if s.Data, err = next.encode(); err != nil {
			return err
		}
		// The update carries the resourceVersion read, so two replicas rotating at once
		// cannot both win: the loser re-reads and finds the key fresh.
		err = k.client.Update(ctx, s)
		if apierrors.IsConflict(err) {
			continue
		}
		if err != nil {
			return fmt.Errorf("store rotated OIDC signing keys: %w", err)
		}
		k.log.Info("rotated OIDC signing key", "kid", next.current().ID, "previous", set.current().ID)
		k.store(next)
		return nil
	}
}

// RotateEvery checks once an hour, until ctx ends, whether the signing key is older than
// maxAge and rotates it if so.
func (k *Keys) RotateEvery(ctx context.Context, maxAge time.Duration) {
	t := time.NewTicker(time.Hour)
	defer t.Stop()
	for {
		if err := k.RotateIfOlder(ctx, maxAge); err != nil {
			k.log.Error(err, "rotate OIDC signing key")
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

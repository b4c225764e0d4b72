package certs

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"sigs.k8s.io/controller-runtime/pkg/client"
)

// Store keeps the certificate files.
type Store interface {
	// Load reads the files; none when nothing is stored yet.
	Load() (Snapshot, error)
	// Save stores the files, or answers ErrConflict when someone saved since the Load
	// that gave the snapshot's Version.
	Save(Snapshot) error
}

// Snapshot is the stored files at one version of the store.
type Snapshot struct {
	Files   map[string][]byte
	Version string
}

// ErrConflict: another writer saved first; load again.
var ErrConflict = errors.New("the webhook certificates were saved by someone else")

var files = []string{CAFile, caKeyFile, previousCAFile, CertFile, KeyFile}

// DirStore keeps the files in a directory, for one process (outside a cluster).
type DirStore struct{ Dir string }

func (d DirStore) Load() (Snapshot, error) {
	if err := os.MkdirAll(d.Dir, 0o700); err != nil {
		return Snapshot{}, fmt.Errorf("webhook certificate directory: %w", err)
	}
	snap := Snapshot{Files: map[string][]byte{}}
	for _, name := range files {
		data, err := os.ReadFile(filepath.Join(d.Dir, name))
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return Snapshot{}, fmt.Errorf("read webhook certificates: %w", err)
		}
		snap.Files[name] = data
	}
	return snap, nil
}

func (d DirStore) Save(snap Snapshot) error {
	for name, data := range snap.Files {
		if err := writeFile(filepath.Join(d.Dir, name), data); err != nil {
			return err
		}
	}
	return nil
}

// writeFile replaces path atomically, so a reader never sees half a key.
func writeFile(path string, data []byte) error {
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, data, 0o600); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := os.Rename(tmp, path); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}

// SecretStore keeps the files in a Secret, shared by every replica. Reader should read
// the API server directly (a manager's APIReader): a cache could answer an old version.
type SecretStore struct {
	Reader    client.Reader
	Writer    client.Writer
	Namespace string
	Name      string
}

// timeout bounds each call to the API server.
const timeout = 10 * time.Second

func (s SecretStore) Load() (Snapshot, error) {
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	secret := &corev1.Secret{}
	err := s.Reader.Get(ctx, client.ObjectKey{Namespace: s.Namespace, Name: s.Name}, secret)
	if apierrors.IsNotFound(err) {
		return Snapshot{Files: map[string][]byte{}}, nil
	}
	if err != nil {
		return Snapshot{}, fmt.Errorf("read webhook certificates from Secret %s/%s: %w", s.Namespace, s.Name, err)
	}
	return Snapshot{Files: secret.Data, Version: secret.ResourceVersion}, nil
}

func (s SecretStore) Save(snap Snapshot) error {
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	secret := &corev1.Secret{
		ObjectMeta: metav1.ObjectMeta{Namespace: s.Namespace, Name: s.Name, ResourceVersion: snap.Version,
			Labels: map[string]string{"app.kubernetes.io/managed-by": "primehub"}},
		Type: corev1.SecretTypeOpaque,
		Data: snap.Files,
	}
	var err error
	if snap.Version == "" {
		err = s.Writer.Create(ctx, secret)
	} else {
		err = s.Writer.Update(ctx, secret)
	}
	if apierrors.IsAlreadyExists(err) || apierrors.IsConflict(err) {
		return ErrConflict
	}
	if err != nil {
		return fmt.Errorf("save webhook certificates in Secret %s/%s: %w", s.Namespace, s.Name, err)
	}
	return nil
}

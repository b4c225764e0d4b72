package graphql

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"strings"

	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	"sigs.k8s.io/controller-runtime/pkg/client"

	"github.com/primehub/primehub/internal/graphql/model"
)

// Secrets are Kubernetes Secrets of the platform namespace, labelled SecretLabel. An opaque
// secret keeps its value under secretKey (git credentials); a kubernetes one is an image
// pull secret (.dockerconfigjson). Values never leave the server: secret and password
// always read null.
const (
	secretKey             = "secret"
	displayNameAnnotation = "primehub.io/display-name"
	registryAnnotation    = "primehub.io/registry-host"
	usernameAnnotation    = "primehub.io/registry-username"
)

// secret reads a platform secret from the cache, worded as not found when absent.
func (r *Resolver) secret(ctx context.Context, name string) (*model.Secret, error) {
	s := &corev1.Secret{}
	if err := r.SecretReader.Get(ctx, client.ObjectKey{Namespace: r.Namespace, Name: name}, s); err != nil {
		if apierrors.IsNotFound(err) {
			return nil, notFound("secrets", name)
		}
		return nil, err
	}
	return secretModel(s), nil
}

// secretRef reads the secret field names; a missing one is bad input.
func (r *Resolver) secretRef(ctx context.Context, field, name string) (*model.Secret, error) {
	s, err := r.secret(ctx, name)
	var ae *apiError
	if errors.As(err, &ae) && ae.code == CodeNotFound {
		return nil, unknownRef(field, "secrets", name)
	}
	return s, err
}

func secretModel(s *corev1.Secret) *model.Secret {
	out := &model.Secret{ID: s.Name, Name: s.Name, Type: model.SecretTypeOpaque, DisplayName: model.Optional(s.Annotations[displayNameAnnotation])}
	if s.Type == corev1.SecretTypeDockerConfigJson {
		out.Type = model.SecretTypeKubernetes
		out.RegistryHost = model.Optional(s.Annotations[registryAnnotation])
		out.Username = model.Optional(s.Annotations[usernameAnnotation])
	}
	return out
}

// secretFields are what secrets are created and updated with.
type secretFields struct {
	displayName, value, registryHost, username, password *string
}

// applySecretInput sets on s the fields given. A pull secret's registry, username and
// password are all needed to write its .dockerconfigjson; those left out keep the values
// stored (the password from the stored config).
func applySecretInput(s *corev1.Secret, in secretFields) error {
	if s.Annotations == nil {
		s.Annotations = map[string]string{}
	}
	if in.displayName != nil {
		s.Annotations[displayNameAnnotation] = *in.displayName
	}
	if s.Type != corev1.SecretTypeDockerConfigJson {
		if in.registryHost != nil || in.username != nil || in.password != nil {
			return badInput("registryHost, username and password are for image pull secrets (type kubernetes)")
		}
		if in.value != nil {
			s.Data = map[string][]byte{secretKey: []byte(*in.value)}
		}
		return nil
	}
	if in.value != nil {
		return badInput("secret is for opaque secrets; an image pull secret takes registryHost, username and password")
	}
	host, user := s.Annotations[registryAnnotation], s.Annotations[usernameAnnotation]
	password := storedPassword(s, host)
	if in.registryHost != nil {
		host = strings.TrimSpace(*in.registryHost)
	}
	if in.username != nil {
		user = *in.username
	}
	if in.password != nil {
		password = *in.password
	}
	if host == "" || user == "" || password == "" {
		return badInput("an image pull secret needs registryHost, username and password")
	}
	config, err := json.Marshal(dockerConfig{Auths: map[string]dockerAuth{host: {
		Username: user, Password: password, Auth: base64.StdEncoding.EncodeToString([]byte(user + ":" + password)),
	}}})
	if err != nil {
		return err
	}
	s.Annotations[registryAnnotation], s.Annotations[usernameAnnotation] = host, user
	s.Data = map[string][]byte{corev1.DockerConfigJsonKey: config}
	return nil
}

type dockerConfig struct {
	Auths map[string]dockerAuth `json:"auths"`
}

type dockerAuth struct {
	Username string `json:"username"`
	Password string `json:"password"`
	Auth     string `json:"auth"`
}

func storedPassword(s *corev1.Secret, host string) string {
	var c dockerConfig
	if err := json.Unmarshal(s.Data[corev1.DockerConfigJsonKey], &c); err != nil {
		return ""
	}
	return c.Auths[host].Password
}

func secretMatches(s *corev1.Secret, where *model.SecretWhereInput) bool {
	return where == nil || (where.ID == nil || *where.ID == s.Name) &&
		(where.IfDockerConfigJSON == nil || *where.IfDockerConfigJSON == (s.Type == corev1.SecretTypeDockerConfigJson))
}

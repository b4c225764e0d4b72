package serve

import (
	"context"
	"fmt"
	"slices"

	authenticationv1 "k8s.io/api/authentication/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/client-go/kubernetes"
	"k8s.io/client-go/rest"
)

// platformUsers are the usernames primehub runs as: those --platform-users names, and the
// one its own credentials stand for, so that in a cluster its ServiceAccount is one without
// anyone saying so. The quota webhook lets their pods carry any user's label, and the
// API server's admission policy lets them create workloads for any user.
func platformUsers(ctx context.Context, cfg *rest.Config, named []string) ([]string, error) {
	self, err := whoAmI(ctx, cfg)
	if err != nil {
		return nil, err
	}
	if slices.Contains(named, self) {
		return named, nil
	}
	return append(slices.Clone(named), self), nil
}

// whoAmI asks the API server which username primehub's credentials stand for.
func whoAmI(ctx context.Context, cfg *rest.Config) (string, error) {
	cs, err := kubernetes.NewForConfig(cfg)
	if err != nil {
		return "", err
	}
	review, err := cs.AuthenticationV1().SelfSubjectReviews().Create(ctx, &authenticationv1.SelfSubjectReview{}, metav1.CreateOptions{})
	if err != nil {
		return "", fmt.Errorf("ask the API server who primehub runs as (SelfSubjectReview): %w", err)
	}
	return review.Status.UserInfo.Username, nil
}

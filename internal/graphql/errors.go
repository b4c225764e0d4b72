package graphql

import (
	"context"
	"errors"
	"fmt"
	"strings"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/99designs/gqlgen/graphql"
	"github.com/go-logr/logr"
	"github.com/vektah/gqlparser/v2/gqlerror"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	"k8s.io/apimachinery/pkg/runtime/schema"

	"github.com/primehub/primehub/internal/directory"
)

// Codes in a GraphQL error's extensions, so clients tell failures apart without parsing
// messages.
const (
	CodeUnauthenticated = "UNAUTHENTICATED"
	CodeForbidden       = "FORBIDDEN"
	CodeNotFound        = "NOT_FOUND"
	CodeBadInput        = "BAD_USER_INPUT"
	CodeAlreadyExists   = "ALREADY_EXISTS"
	CodeConflict        = "CONFLICT"
	CodeInternal        = "INTERNAL_SERVER_ERROR"
)

// apiError is an error whose message is for the client, with its code.
type apiError struct {
	code string
	msg  string
}

func (e *apiError) Error() string { return e.msg }

func newError(code, format string, args ...any) error {
	return &apiError{code: code, msg: fmt.Sprintf(format, args...)}
}

func badInput(format string, args ...any) error { return newError(CodeBadInput, format, args...) }

func forbidden(format string, args ...any) error { return newError(CodeForbidden, format, args...) }

// unknownRef is bad input: field names something that does not exist.
func unknownRef(field, resource, name string) error {
	return badInput("%s: %s", field, notFoundMessage(resource, name))
}

// notFound words a missing resource as Kubernetes does: instancetypes.primehub.io "x" not found.
func notFound(resource, name string) error {
	return newError(CodeNotFound, "%s", notFoundMessage(resource, name))
}

func notFoundMessage(resource, name string) string {
	return apierrors.NewNotFound(schema.GroupResource{Group: "primehub.io", Resource: resource}, name).Error()
}

// presentError turns what a resolver returned into a GraphQL error with a code. Errors of
// Kubernetes and the directory that concern the request keep their message; any other is
// logged and answered as an internal error, so nothing of the server's inside leaks.
func presentError(log logr.Logger) graphql.ErrorPresenterFunc {
	return func(ctx context.Context, err error) *gqlerror.Error {
		var gqlErr *gqlerror.Error
		if errors.As(err, &gqlErr) && gqlErr.Extensions["code"] != nil {
			return gqlErr
		}
		out := graphql.DefaultErrorPresenter(ctx, err)
		code, msg := classify(err)
		if code == CodeInternal {
			log.Error(err, "GraphQL operation failed", "path", out.Path.String())
		}
		out.Message = msg
		if out.Extensions == nil {
			out.Extensions = map[string]any{}
		}
		out.Extensions["code"] = code
		return out
	}
}

func classify(err error) (code, msg string) {
	var gqlErr *gqlerror.Error
	if errors.As(err, &gqlErr) && gqlErr.Err != nil {
		err = gqlErr.Err // the resolver's own error, without gqlgen's position and path
	}
	var ae *apiError
	var status apierrors.APIStatus
	switch {
	case errors.As(err, &ae):
		return ae.code, ae.msg
	case errors.As(err, &status) && apierrors.IsNotFound(err):
		return CodeNotFound, kubernetesNotFound(status.Status())
	case errors.As(err, &status) && apierrors.IsAlreadyExists(err):
		return CodeAlreadyExists, status.Status().Message
	case errors.As(err, &status) && (apierrors.IsInvalid(err) || apierrors.IsBadRequest(err)):
		return CodeBadInput, status.Status().Message
	case errors.As(err, &status) && apierrors.IsConflict(err):
		return CodeConflict, "the object changed while it was being written; try again"
	case errors.As(err, &status) && apierrors.IsForbidden(err):
		// A webhook's refusal: its message says why.
		return CodeForbidden, status.Status().Message
	case errors.Is(err, directory.ErrNotFound):
		return CodeNotFound, err.Error()
	case errors.Is(err, directory.ErrAlreadyExists):
		return CodeAlreadyExists, err.Error()
	case errors.Is(err, directory.ErrInvalid):
		return CodeBadInput, err.Error()
	}
	if errors.As(err, &gqlErr) {
		// gqlgen's own: a bad variable, an unknown field.
		return CodeBadInput, gqlErr.Message
	}
	return CodeInternal, "internal error"
}

// kubernetesNotFound words a not-found as the API server does. The informer cache words it
// with the Kind (InstanceType.primehub.io "x"); our kinds' resources are their Kinds in
// lower case and plural.
func kubernetesNotFound(s metav1.Status) string {
	d := s.Details
	if d == nil || d.Kind == "" || d.Kind == strings.ToLower(d.Kind) {
		return s.Message
	}
	return apierrors.NewNotFound(schema.GroupResource{Group: d.Group, Resource: strings.ToLower(d.Kind) + "s"}, d.Name).Error()
}

package framework

import (
	"context"

	"github.com/primehub/primehub/internal/controller/notebook"
)

// NotebookTokens are the notebooks' tokens as serve makes them, with the key of namespace
// (made on first use), for the notebook controller and the proxy.
func NotebookTokens(namespace string) (*notebook.Tokens, error) {
	return notebook.LoadTokens(context.Background(), Client(), namespace)
}

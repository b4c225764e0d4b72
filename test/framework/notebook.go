package framework

import (
	ctrl "sigs.k8s.io/controller-runtime"
	"sigs.k8s.io/controller-runtime/pkg/cache"

	"github.com/primehub/primehub/internal/controller/notebook"
)

// NotebookTokens runs the cache of the notebooks' token Secrets with mgr, as serve does,
// for the notebook controller and the proxy.
func NotebookTokens(mgr ctrl.Manager) (cache.Cache, error) {
	tokens, err := notebook.NewTokenCache(mgr.GetConfig(), mgr.GetScheme())
	if err != nil {
		return nil, err
	}
	return tokens, mgr.Add(tokens)
}

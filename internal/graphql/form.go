package graphql

import (
	"encoding/json"
	"mime"
	"net/http"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/gqlerror"
)

// formPost takes a query POSTed as an HTML form, as PrimeHub's clients send it: fields
// query, operationName and variables, the last a JSON string. (gqlgen's own form transport
// reads no variables.)
type formPost struct{}

var _ graphql.Transport = formPost{}

// maxFormBytes bounds a form body, as the JSON transport bounds its own.
const maxFormBytes = 1 << 20

func (formPost) Supports(r *http.Request) bool {
	mediaType, _, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	return err == nil && r.Method == http.MethodPost && mediaType == "application/x-www-form-urlencoded"
}

func (formPost) Do(w http.ResponseWriter, r *http.Request, exec graphql.GraphExecutor) {
	ctx := r.Context()
	w.Header().Set("Content-Type", "application/json")
	fail := func(status int, format string, args ...any) {
		w.WriteHeader(status)
		writeJSON(w, exec.DispatchError(ctx, gqlerror.List{gqlerror.Errorf(format, args...)}))
	}
	r.Body = http.MaxBytesReader(w, r.Body, maxFormBytes)
	if err := r.ParseForm(); err != nil {
		fail(http.StatusBadRequest, "could not read the form: %v", err)
		return
	}
	params := &graphql.RawParams{
		Query:         r.PostForm.Get("query"),
		OperationName: r.PostForm.Get("operationName"),
		Headers:       r.Header,
	}
	if v := r.PostForm.Get("variables"); v != "" {
		if err := json.Unmarshal([]byte(v), &params.Variables); err != nil {
			fail(http.StatusBadRequest, "variables must be a JSON object: %v", err)
			return
		}
	}
	rc, opErr := exec.CreateOperationContext(ctx, params)
	if opErr != nil {
		w.WriteHeader(http.StatusUnprocessableEntity)
		writeJSON(w, exec.DispatchError(graphql.WithOperationContext(ctx, rc), opErr))
		return
	}
	responses, ctx := exec.DispatchOperation(ctx, rc)
	writeJSON(w, responses(ctx))
}

func writeJSON(w http.ResponseWriter, response *graphql.Response) {
	b, err := json.Marshal(response)
	if err != nil {
		http.Error(w, "could not encode the response", http.StatusInternalServerError)
		return
	}
	_, _ = w.Write(b)
}

package graphql

import (
	"encoding/json"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strings"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/errcode"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/primehub/primehub/internal/graphql/generated"
)

// post takes a query POSTed as JSON, or as an HTML form as PrimeHub's clients send it
// (fields query, operationName and variables, the last a JSON string; gqlgen's own form
// transport reads no variables). It stands in for gqlgen's JSON transport, which
// re-encodes the whole answer through json.Marshal: that validated and copied the data a
// second time, a tenth of the CPU of a large answer such as `me`'s.
type post struct{}

var _ graphql.Transport = post{}

// maxBodyBytes bounds a request body; maxResponseBytes an answer's data, which the cost
// limit (cost.go) bounds only in the number of objects, not in their size.
const (
	maxBodyBytes     = 1 << 20
	maxResponseBytes = 16 << 20
)

func (post) Supports(r *http.Request) bool {
	mediaType, _, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	return err == nil && r.Method == http.MethodPost &&
		(mediaType == "application/json" || mediaType == "application/x-www-form-urlencoded")
}

func (post) Do(w http.ResponseWriter, r *http.Request, exec graphql.GraphExecutor) {
	ctx := r.Context()
	w.Header().Set("Content-Type", "application/json")
	r.Body = http.MaxBytesReader(w, r.Body, maxBodyBytes)
	params, err := decodeParams(r)
	if err != nil {
		w.WriteHeader(http.StatusBadRequest)
		writeResponse(w, exec.DispatchError(ctx, gqlerror.List{gqlerror.Errorf("%s", err.Error())}))
		return
	}
	params.Headers = r.Header // the request's, whatever a JSON body says they are
	rc, opErr := exec.CreateOperationContext(ctx, params)
	if opErr != nil {
		if errcode.GetErrorKind(opErr) == errcode.KindProtocol {
			w.WriteHeader(http.StatusUnprocessableEntity)
		}
		writeResponse(w, exec.DispatchError(graphql.WithOperationContext(ctx, rc), opErr))
		return
	}
	responses, ctx := exec.DispatchOperation(ctx, rc)
	response := responses(ctx)
	writeResponse(w, capped(response, maxResponseBytes))
	generated.ReleaseResponse(response.Data)
}

// capped answers response, or an error in its place when its data is larger than limit.
func capped(response *graphql.Response, limit int) *graphql.Response {
	if len(response.Data) <= limit {
		return response
	}
	err := gqlerror.Errorf("the answer is %d bytes, more than the limit of %d: ask for fewer fields, or page through lists", len(response.Data), limit)
	err.Extensions = map[string]any{"code": CodeBadInput}
	return &graphql.Response{Errors: gqlerror.List{err}}
}

// decodeParams reads the query, operation name and variables of a POST, as JSON or as a
// form; the error says what was wrong with the body.
func decodeParams(r *http.Request) (*graphql.RawParams, error) {
	params := &graphql.RawParams{}
	if mediaType, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type")); mediaType == "application/json" {
		if err := decodeJSON(r.Body, params); err != nil {
			return nil, fmt.Errorf("the JSON request body could not be decoded: %w", err)
		}
		return params, nil
	}
	if err := r.ParseForm(); err != nil {
		return nil, fmt.Errorf("could not read the form: %w", err)
	}
	params.Query = r.PostForm.Get("query")
	params.OperationName = r.PostForm.Get("operationName")
	if v := r.PostForm.Get("variables"); v != "" {
		if err := decodeJSON(strings.NewReader(v), &params.Variables); err != nil {
			return nil, fmt.Errorf("variables must be a JSON object: %w", err)
		}
	}
	return params, nil
}

// decodeJSON reads numbers as json.Number, as gqlgen's transports do, so that an Int
// variable keeps every digit.
func decodeJSON(r io.Reader, v any) error {
	dec := json.NewDecoder(r)
	dec.UseNumber()
	return dec.Decode(v)
}

// writeResponse writes an answer with data alone as the executor rendered its data, and
// any other through json.Marshal.
func writeResponse(w http.ResponseWriter, response *graphql.Response) {
	if len(response.Errors) == 0 && len(response.Extensions) == 0 && response.Label == "" &&
		response.Path == nil && response.HasNext == nil && len(response.Data) > 0 {
		_, _ = w.Write([]byte(`{"data":`))
		_, _ = w.Write(response.Data)
		_, _ = w.Write([]byte(`}`))
		return
	}
	b, err := json.Marshal(response)
	if err != nil {
		http.Error(w, "could not encode the response", http.StatusInternalServerError)
		return
	}
	_, _ = w.Write(b)
}

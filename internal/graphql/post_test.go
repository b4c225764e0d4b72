package graphql

import (
	"encoding/json"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/gqlerror"
)

// An answer written by writeResponse reads as json.Marshal writes it, whether or not it
// takes the path that writes the data as rendered.
func TestWriteResponseMatchesJSONMarshal(t *testing.T) {
	data := json.RawMessage(`{"me":{"id":"u1","groups":[{"name":"a\"b"}]}}`)
	yes := true
	for name, r := range map[string]*graphql.Response{
		"data only":                    {Data: data},
		"data and empty extensions":    {Data: data, Extensions: map[string]any{}},
		"data and errors":              {Data: data, Errors: gqlerror.List{{Message: "denied"}}},
		"errors only":                  {Errors: gqlerror.List{{Message: "denied"}}},
		"data and extensions":          {Data: data, Extensions: map[string]any{"cost": 3}},
		"an incremental part of defer": {Data: data, Label: "l", HasNext: &yes},
	} {
		want, err := json.Marshal(r)
		if err != nil {
			t.Fatal(err)
		}
		w := httptest.NewRecorder()
		writeResponse(w, r)
		if got := w.Body.String(); got != string(want) {
			t.Errorf("%s: wrote %s, want %s", name, got, want)
		}
	}
}

// An answer larger than the limit is replaced by an error saying so; the data is not sent.
func TestCappedResponse(t *testing.T) {
	small := &graphql.Response{Data: json.RawMessage(`{"me":{"id":"u1"}}`)}
	if got := capped(small, 100); got != small {
		t.Errorf("a small answer was replaced: %+v", got)
	}
	big := &graphql.Response{Data: json.RawMessage(`{"users":[` + strings.Repeat(`{"id":"u"},`, 20) + `{"id":"u"}]}`)}
	got := capped(big, 100)
	if got.Data != nil || len(got.Errors) != 1 || !strings.Contains(got.Errors[0].Message, "more than the limit of 100") ||
		got.Errors[0].Extensions["code"] != CodeBadInput {
		t.Errorf("a large answer: %+v", got)
	}
}

package webhook_test

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"

	admissionv1 "k8s.io/api/admission/v1"

	"github.com/primehub/primehub/internal/webhook"
)

// FuzzAdmissionReview sends arbitrary bodies to every webhook: each must be answered with
// an AdmissionReview, malformed ones with an error saying so, never a panic. `make test`
// runs the seed corpus in testdata/fuzz; `go test -fuzz=FuzzAdmissionReview` explores.
func FuzzAdmissionReview(f *testing.F) {
	var hc *http.Client
	f.Fuzz(func(t *testing.T, body []byte) {
		if hc == nil {
			platform(t)
			hc = apiServerClient(t)
		}
		for _, path := range []string{webhook.PathQuota, webhook.PathPVCCheck, webhook.PathImagePrefix} {
			resp, err := hc.Post("https://"+hub.addr+path, "application/json", bytes.NewReader(body))
			if err != nil {
				t.Fatalf("POST %s: %v", path, err)
			}
			answer, err := io.ReadAll(resp.Body)
			resp.Body.Close()
			if err != nil {
				t.Fatal(err)
			}
			review := admissionv1.AdmissionReview{}
			if err := json.Unmarshal(answer, &review); err != nil || review.Response == nil {
				t.Fatalf("%s answered %d %q, not an AdmissionReview with a response", path, resp.StatusCode, answer)
			}
			r := review.Response
			if r.Result != nil && strings.Contains(r.Result.Message, "panic") {
				t.Fatalf("%s panicked on %q: %s", path, body, r.Result.Message)
			}
			if !json.Valid(body) && (r.Allowed || r.Result == nil || r.Result.Code != http.StatusBadRequest || r.Result.Message == "") {
				t.Fatalf("%s answered a body that is not JSON with %+v, want a 400 error", path, r)
			}
			if r.Allowed {
				continue
			}
			if r.Result == nil || r.Result.Message == "" {
				t.Fatalf("%s refused %q without saying why", path, body)
			}
		}
	})
}

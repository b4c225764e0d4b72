package install_test

import (
	"fmt"
	"io"
	"net/http"
	"testing"
	"time"

	"github.com/primehub/primehub/test/framework"
)

var httpClient = &http.Client{Timeout: 10 * time.Second}

func get(url string) (string, error) {
	resp, err := httpClient.Get(url)
	if err != nil {
		return "", err
	}
	body := readAll(resp)
	if resp.StatusCode != http.StatusOK {
		return body, fmt.Errorf("%s: %s %s", url, resp.Status, body)
	}
	return body, nil
}

func readAll(resp *http.Response) string {
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return string(b)
}

// login logs username in at base's embedded issuer as the console does.
func login(t *testing.T, base, username, password string) string {
	return framework.Login(t, base, nil, username, password)
}

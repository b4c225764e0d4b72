package identity_test

import (
	"bufio"
	"io"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"
)

// TestSlowAndIdleClientsAreCut: a client that sends its request body slowly, or keeps a
// connection open without asking anything, is cut off after the server's timeouts (2
// seconds in these tests), so idle sockets cannot pile up.
func TestSlowAndIdleClientsAreCut(t *testing.T) {
	s := sharedServe(t)
	addr := strings.TrimPrefix(s.base, "http://")
	closedWithin := func(c net.Conn, d time.Duration) bool {
		t.Helper()
		_ = c.SetReadDeadline(time.Now().Add(d))
		_, err := io.Copy(io.Discard, c)
		if ne, ok := err.(net.Error); ok && ne.Timeout() {
			return false
		}
		return true
	}

	// A body promised and never sent.
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	_, _ = io.WriteString(c, "POST /api/graphql HTTP/1.1\r\nHost: "+addr+"\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"query\":")
	start := time.Now()
	if !closedWithin(c, 8*time.Second) {
		t.Errorf("a request whose body never came was still open after %s", time.Since(start).Round(time.Second))
	}

	// A kept-alive connection asking nothing more.
	c2, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer c2.Close()
	_, _ = io.WriteString(c2, "GET /healthz HTTP/1.1\r\nHost: "+addr+"\r\n\r\n")
	resp, err := http.ReadResponse(bufio.NewReader(c2), nil)
	if err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("healthz: %v %v", resp, err)
	}
	_, _ = io.Copy(io.Discard, resp.Body)
	start = time.Now()
	if !closedWithin(c2, 8*time.Second) {
		t.Errorf("an idle kept-alive connection was still open after %s", time.Since(start).Round(time.Second))
	}
}

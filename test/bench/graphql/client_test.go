package graphql_test

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http/httputil"
	"net/url"
	"strconv"
)

// benchClient is one client of the benchmark: a keep-alive HTTP/1.1 connection of its own,
// over which it posts requests rendered once, and reads each answer into a buffer it keeps.
// So does a load generator such as wrk. The clients share the test process, its CPU and its
// collector with the server; net/http's client spent as much again as the server's own
// HTTP handling (two goroutines per connection, a request and a header map per request),
// all of it counted in the process's CPU and collected on the server's time. The server
// is the same net/http server either way.
type benchClient struct {
	conn net.Conn
	r    *bufio.Reader
	buf  bytes.Buffer
	// requests are the client's requests, rendered: one per target.
	requests [][]byte
}

// newBenchClient connects to rawURL's host and renders a POST of body with token to each
// of paths.
func newBenchClient(rawURL, token string, body []byte, paths ...string) (*benchClient, error) {
	u, err := url.Parse(rawURL)
	if err != nil {
		return nil, err
	}
	conn, err := net.Dial("tcp", u.Host)
	if err != nil {
		return nil, err
	}
	c := &benchClient{conn: conn, r: bufio.NewReader(conn)}
	for _, p := range paths {
		c.requests = append(c.requests, fmt.Appendf(nil, "POST %s HTTP/1.1\r\nHost: %s\r\nContent-Type: application/json\r\n"+
			"Authorization: Bearer %s\r\nContent-Length: %d\r\n\r\n%s", p, u.Host, token, len(body), body))
	}
	return c, nil
}

// do sends request target and reads the answer into c.buf; an answer other than 200
// without errors is an error.
func (c *benchClient) do(target int) error {
	if _, err := c.conn.Write(c.requests[target]); err != nil {
		return err
	}
	line, err := c.r.ReadSlice('\n')
	if err != nil {
		return err
	}
	if len(line) < 12 {
		return fmt.Errorf("status line %q", line)
	}
	status, err := strconv.Atoi(string(line[9:12]))
	if err != nil {
		return fmt.Errorf("status line %q", line)
	}
	length, chunked := -1, false
	for {
		line, err := c.r.ReadSlice('\n')
		if err != nil {
			return err
		}
		name, value, _ := bytes.Cut(bytes.TrimRight(line, "\r\n"), []byte(":"))
		value = bytes.TrimSpace(value)
		switch {
		case len(name) == 0:
			c.buf.Reset()
			if chunked {
				if _, err = c.buf.ReadFrom(httputil.NewChunkedReader(c.r)); err == nil {
					err = c.skipTrailer()
				}
			} else if length >= 0 {
				_, err = io.CopyN(&c.buf, c.r, int64(length))
			} else {
				err = errors.New("an answer with neither length nor chunks")
			}
			if err != nil {
				return err
			}
			if b := c.buf.Bytes(); status != 200 || bytes.Contains(b, []byte(`"errors"`)) {
				return fmt.Errorf("%d %.500s", status, b)
			}
			return nil
		case bytes.EqualFold(name, []byte("Content-Length")):
			if length, err = strconv.Atoi(string(value)); err != nil {
				return fmt.Errorf("Content-Length %q", value)
			}
		case bytes.EqualFold(name, []byte("Transfer-Encoding")):
			chunked = bytes.EqualFold(value, []byte("chunked"))
		}
	}
}

// skipTrailer reads the trailer of a chunked answer, up to the empty line that ends it.
func (c *benchClient) skipTrailer() error {
	for {
		line, err := c.r.ReadSlice('\n')
		if err != nil {
			return err
		}
		if len(bytes.TrimRight(line, "\r\n")) == 0 {
			return nil
		}
	}
}

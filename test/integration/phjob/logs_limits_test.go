package phjob_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/go-logr/logr"
	"k8s.io/client-go/kubernetes"

	"github.com/primehub/primehub/api/v1beta1"
	"github.com/primehub/primehub/internal/auth"
	"github.com/primehub/primehub/internal/controller/phjob"
	"github.com/primehub/primehub/test/framework"
)

// TestLogStreamsAreBounded: a user holds at most MaxStreams followed logs at once; a stream
// ends after MaxBytes, saying so, and after IdleTimeout without a line.
func TestLogStreamsAreBounded(t *testing.T) {
	e := setup(t, v1beta1.GroupQuota{}, nil)
	j := e.job("bounded", "alice", "cpu-1", time.Hour)
	create(t, j)
	waitPhase(t, j, v1beta1.PhJobRunning, 20*time.Second)
	pods, err := kubernetes.NewForConfig(framework.Config())
	if err != nil {
		t.Fatal(err)
	}
	identities := map[string]*auth.Identity{"alice": {Username: e.user("alice")}, "admin": {Username: "root", Admin: true}}
	logs := &phjob.Logs{
		Reader: framework.Client(),
		Pods:   pods,
		Authenticate: func(r *http.Request) (*auth.Identity, error) {
			if id, ok := identities[strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer ")]; ok {
				return id, nil
			}
			return nil, auth.ErrUnauthenticated
		},
		Log:         logr.Discard(),
		MaxStreams:  2,
		MaxBytes:    30,
		IdleTimeout: time.Second,
	}
	srv := httptest.NewServer(logs)
	t.Cleanup(srv.Close)
	open := func(ctx context.Context, who, query string) *http.Response {
		t.Helper()
		req, _ := http.NewRequestWithContext(ctx, http.MethodGet, srv.URL+phjob.LogsPrefix+"namespaces/"+e.ns+"/phjobs/bounded"+query, nil)
		req.Header.Set("Authorization", "Bearer "+who)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		return resp
	}

	// kwok's three lines are longer than 30 bytes.
	resp := open(context.Background(), "alice", "")
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if !strings.HasPrefix(string(body), "simulated by kwok: this pod ru\n") || !strings.Contains(string(body), "limit of 30 bytes") {
		t.Errorf("a log longer than the limit: %q", body)
	}

	// Followed, the stream ends once nothing came for the idle timeout.
	logs.MaxBytes = 1 << 20
	start := time.Now()
	idleCtx, stop := context.WithTimeout(context.Background(), 15*time.Second)
	defer stop()
	resp = open(idleCtx, "alice", "?follow=true")
	body, err = io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil || !strings.HasSuffix(string(body), "line 3\n[primehub: the log stream ends here, after 1s without a line; open it again to follow on]\n") ||
		time.Since(start) > 8*time.Second {
		t.Errorf("an idle followed stream: %q, %v after %s; want it ended after about a second", body, err, time.Since(start))
	}

	// Two streams at once, not three; others are not counted against alice.
	ctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	logs.IdleTimeout = time.Minute
	first, second := open(ctx, "alice", "?follow=true"), open(ctx, "alice", "?follow=true")
	third := open(ctx, "alice", "?follow=true")
	msg, _ := io.ReadAll(third.Body)
	third.Body.Close()
	if first.StatusCode != http.StatusOK || second.StatusCode != http.StatusOK || third.StatusCode != http.StatusTooManyRequests ||
		!strings.Contains(string(msg), "2 log streams open") {
		t.Errorf("three streams at once: %d %d %d %q; want the third refused", first.StatusCode, second.StatusCode, third.StatusCode, msg)
	}
	if other := open(ctx, "admin", "?follow=true"); other.StatusCode != http.StatusOK {
		t.Errorf("another user's stream: %d", other.StatusCode)
	}
	cancel()
	first.Body.Close()
	second.Body.Close()
	framework.Eventually(t, 5*time.Second, func(context.Context) error {
		resp := open(context.Background(), "alice", "?tailLines=1")
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			return io.ErrUnexpectedEOF
		}
		return nil
	})
}

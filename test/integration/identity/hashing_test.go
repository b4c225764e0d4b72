package identity_test

import (
	"fmt"
	"net/http"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"golang.org/x/oauth2"
)

// TestPasswordChecksAreBoundedOnTheServer: each password check (argon2id) takes 64 MiB, so
// parallel login posts could take the server's memory; serve checks at most 4 at once. 48
// posts at once, each a username and an address of its own (so no limiter holds them
// back), raise serve's heap by far less than 48 checks at once would (3 GiB). A post that
// would wait too long for its turn is answered 503.
func TestPasswordChecksAreBoundedOnTheServer(t *testing.T) {
	s := sharedServe(t)
	b := newBrowser(t, s)
	id := b.startLogin("st", oauth2.GenerateVerifier())

	// serve runs in this process: its heap is this process's.
	var base runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&base)
	var peak atomic.Uint64
	done := make(chan struct{})
	sampled := make(chan struct{})
	go func() {
		defer close(sampled)
		var m runtime.MemStats
		for {
			select {
			case <-done:
				return
			case <-time.After(5 * time.Millisecond):
			}
			runtime.ReadMemStats(&m)
			if m.HeapAlloc > peak.Load() {
				peak.Store(m.HeapAlloc)
			}
		}
	}()

	const posts = 48
	var wg sync.WaitGroup
	start := make(chan struct{})
	for i := range posts {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			resp, body := b.from(fmt.Sprintf("10.9.0.%d", i+1)).submit(id, fmt.Sprintf("ghost-%d", i), "guess")
			// Refused, or told to come back when the server is too busy to check in time.
			if resp.StatusCode != http.StatusUnauthorized && resp.StatusCode != http.StatusServiceUnavailable {
				t.Errorf("post %d: %s %s", i, resp.Status, body)
			}
		}()
	}
	close(start)
	wg.Wait()
	close(done)
	<-sampled
	const mib = 1 << 20
	grew := (int64(peak.Load()) - int64(base.HeapAlloc)) / mib
	t.Logf("%d parallel login posts raised the heap by %d MiB at most", posts, grew)
	// 4 checks at once take 256 MiB, and what the collector has not taken back yet; 48
	// would take 3 GiB live.
	if grew > 2048 {
		t.Errorf("%d parallel login posts raised the heap by %d MiB: more than 4 password checks ran at once", posts, grew)
	}
}

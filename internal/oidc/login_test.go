package oidc

import (
	"context"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/primehub/primehub/internal/directory"
)

// slowDirectory checks passwords slowly, counting how many run at once.
type slowDirectory struct {
	directory.Directory
	running, most atomic.Int32
}

func (d *slowDirectory) Authenticate(context.Context, string, string) (directory.User, error) {
	n := d.running.Add(1)
	defer d.running.Add(-1)
	for {
		m := d.most.Load()
		if n <= m || d.most.CompareAndSwap(m, n) {
			break
		}
	}
	time.Sleep(20 * time.Millisecond)
	return directory.User{}, directory.ErrBadCredentials
}

// TestPasswordChecksAreBounded: 200 logins at once run at most PasswordChecks argon2id
// checks at a time (64 MiB each), not 200.
func TestPasswordChecksAreBounded(t *testing.T) {
	d := &slowDirectory{}
	p := &Provider{dir: d, passwordChecks: make(chan struct{}, defaultPasswordChecks)}
	var wg sync.WaitGroup
	for range 200 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, _ = p.checkPassword(context.Background(), "alice", "guess")
		}()
	}
	wg.Wait()
	if most := d.most.Load(); most > defaultPasswordChecks || most == 0 {
		t.Errorf("%d password checks ran at once, want at most %d", most, defaultPasswordChecks)
	}
}

package oidc

import (
	"strings"
	"sync"
	"time"
)

// Backoff slows down password guessing: after freeAttempts failed logins in a row for a
// username, each further attempt must wait twice as long as the one before, up to maxWait.
// A success starts over. It is kept per replica, in memory.
type Backoff struct {
	now func() time.Time

	mu      sync.Mutex
	entries map[string]*failures
}

type failures struct {
	count int
	last  time.Time
}

const (
	freeAttempts = 5
	firstWait    = time.Second
	maxWait      = 5 * time.Minute
	// forgetAfter drops the record of a username nobody tried for a while.
	forgetAfter = time.Hour
)

// NewBackoff makes a Backoff on clock now.
func NewBackoff(now func() time.Time) *Backoff {
	return &Backoff{now: now, entries: map[string]*failures{}}
}

// Wait is how long a login as username must wait before its password is checked; zero
// when it may be checked now.
func (b *Backoff) Wait(username string) time.Duration {
	b.mu.Lock()
	defer b.mu.Unlock()
	f, ok := b.entries[key(username)]
	if !ok || f.count < freeAttempts {
		return 0
	}
	wait := firstWait << min(f.count-freeAttempts, 30)
	wait = min(wait, maxWait)
	if left := f.last.Add(wait).Sub(b.now()); left > 0 {
		return left
	}
	return 0
}

// Failed records a wrong password for username.
func (b *Backoff) Failed(username string) {
	b.mu.Lock()
	defer b.mu.Unlock()
	now := b.now()
	for k, f := range b.entries {
		if now.Sub(f.last) > forgetAfter {
			delete(b.entries, k)
		}
	}
	f, ok := b.entries[key(username)]
	if !ok {
		f = &failures{}
		b.entries[key(username)] = f
	}
	f.count++
	f.last = now
}

// Succeeded forgets the failures of username.
func (b *Backoff) Succeeded(username string) {
	b.mu.Lock()
	defer b.mu.Unlock()
	delete(b.entries, key(username))
}

// key folds case, so Alice and alice share one count.
func key(username string) string { return strings.ToLower(username) }

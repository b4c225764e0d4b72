package oidc

import (
	"sync"
	"time"
)

// Limiter slows password guessing for one kind of key, a username or a client address:
// after free failed attempts in a row, each further attempt waits twice as long as the one
// before, up to maxWait. An attempt reserves its place before its password is checked and
// counts as a failure until it is known to have succeeded, so guesses sent in parallel
// cannot all pass the check before the first of them fails. It keeps at most maxKeys keys,
// dropping the longest idle first. It is kept per replica, in memory.
type Limiter struct {
	free    int
	forgive bool
	maxKeys int
	now     func() time.Time

	mu      sync.Mutex
	entries map[string]*attempts
}

type attempts struct {
	failures, inFlight int
	// last is when the last failure was recorded.
	last time.Time
}

const (
	firstWait = time.Second
	maxWait   = 5 * time.Minute
	// forgetAfter drops the record of a key nobody failed with for a while.
	forgetAfter = time.Hour
	// defaultMaxKeys bounds a limiter's memory: about 100 bytes a key, and a full limiter scans them once per new key.
	defaultMaxKeys = 10_000
)

// NewLimiter makes a Limiter on clock now that lets free failures in a row pass before
// waits start. With forgive, a success forgets the key's failures (right for a username,
// wrong for an address shared by a guesser with an account of their own).
func NewLimiter(free int, forgive bool, now func() time.Time) *Limiter {
	return &Limiter{free: free, forgive: forgive, maxKeys: defaultMaxKeys, now: now, entries: map[string]*attempts{}}
}

// Reserve answers how long an attempt for key must wait; when zero, the attempt is
// reserved and the caller must report its outcome with Done.
func (l *Limiter) Reserve(key string) time.Duration {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.now()
	a, ok := l.entries[key]
	if ok && a.inFlight == 0 && now.Sub(a.last) > forgetAfter {
		a.failures = 0
	}
	if !ok {
		l.makeRoom(now)
		a = &attempts{}
		l.entries[key] = a
	}
	if pending := a.failures + a.inFlight; pending >= l.free {
		wait := min(firstWait<<min(pending-l.free, 30), maxWait)
		since := a.last
		if a.inFlight > 0 {
			since = now // outcomes not known yet: the wait starts now at the earliest
		}
		if left := since.Add(wait).Sub(now); left > 0 {
			return left
		}
	}
	a.inFlight++
	return 0
}

// Done reports the outcome of an attempt Reserve let through.
func (l *Limiter) Done(key string, failed bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	a, ok := l.entries[key]
	if !ok {
		return
	}
	a.inFlight--
	switch {
	case failed:
		a.failures++
		a.last = l.now()
	case l.forgive:
		a.failures = 0
	}
	if a.failures == 0 && a.inFlight <= 0 {
		delete(l.entries, key)
	}
}

// Cancel gives back a reservation whose attempt was not made.
func (l *Limiter) Cancel(key string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if a, ok := l.entries[key]; ok {
		a.inFlight--
		if a.failures == 0 && a.inFlight <= 0 {
			delete(l.entries, key)
		}
	}
}

// makeRoom drops forgotten keys when the limiter is full, then the longest idle ones; a
// key with an attempt in flight stays. mu held.
func (l *Limiter) makeRoom(now time.Time) {
	if len(l.entries) < l.maxKeys {
		return
	}
	for k, a := range l.entries {
		if a.inFlight == 0 && now.Sub(a.last) > forgetAfter {
			delete(l.entries, k)
		}
	}
	for len(l.entries) >= l.maxKeys {
		oldest, found := "", false
		for k, a := range l.entries {
			if a.inFlight == 0 && (!found || a.last.Before(l.entries[oldest].last)) {
				oldest, found = k, true
			}
		}
		if !found {
			return
		}
		delete(l.entries, oldest)
	}
}

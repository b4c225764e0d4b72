package quota

import (
	"sync"
	"time"
)

// Ledger keeps what each group and each user in it uses, for the admission webhook to
// decide in constant time: the pods the informer cache shows (Observe, Forget), and the
// pods the webhook admitted that the cache does not show yet (reservations). Usage read
// from the cache alone lags behind admissions: fifty pods created at once would each see
// the same usage and all be admitted. Deciding and reserving under the ledger's one lock
// makes concurrent admissions exact, and a reservation is released in the same step that
// counts its pod from the cache, so a pod is counted once at every moment.
//
// A reservation also ends when its TTL passes: a pod admitted by the webhook can still
// fail to be created (another webhook denies it, etcd fails), and must not hold the quota
// forever.
//
// The ledger lives in one process. With several replicas, quota admission is routed to the
// elected leader only (see internal/webhook), so one ledger sees every admission.
type Ledger struct {
	ttl time.Duration
	now func() time.Time

	mu       sync.Mutex
	observed map[string]Pod      // pod key -> what it counts
	used     map[string]*account // group -> usage of its observed pods
	reserved map[string]map[string]reservation
	groupOf  map[string]string // reservation id -> group
}

type account struct {
	total Usage
	users map[string]Usage
}

type reservation struct {
	user    string
	usage   Usage
	expires time.Time
}

// Pod is what the ledger needs of a pod the cache shows.
type Pod struct {
	// Key identifies the pod (namespace/name).
	Key string
	// Group and User are the pod's labels; a pod without a group counts for nothing.
	Group, User string
	// AdmissionID names the reservation the webhook made for the pod, if any.
	AdmissionID string
	// Request is what the pod counts while Active (Pending or Running).
	Request Usage
	Active  bool
}

// NewLedger returns an empty ledger whose reservations last at most ttl.
func NewLedger(ttl time.Duration) *Ledger {
	return newLedger(ttl, time.Now)
}

func newLedger(ttl time.Duration, now func() time.Time) *Ledger {
	return &Ledger{
		ttl: ttl, now: now,
		observed: map[string]Pod{}, used: map[string]*account{},
		reserved: map[string]map[string]reservation{}, groupOf: map[string]string{},
	}
}

// Observe counts a pod the cache shows (added or changed) instead of what it counted
// before, and releases its reservation.
func (l *Ledger) Observe(p Pod) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.forget(p.Key)
	if p.AdmissionID != "" {
		l.release(p.AdmissionID)
	}
	if p.Group == "" || !p.Active || p.Request.IsZero() {
		return
	}
	l.observed[p.Key] = p
	a := l.used[p.Group]
	if a == nil {
		a = &account{users: map[string]Usage{}}
		l.used[p.Group] = a
	}
	a.total = a.total.Add(p.Request)
	if p.User != "" {
		a.users[p.User] = a.users[p.User].Add(p.Request)
	}
}

// Forget stops counting a pod the cache no longer shows.
func (l *Ledger) Forget(key string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.forget(key)
}

// Used is what a group, and one user in it, use: observed pods plus reservations.
type Used struct {
	Group, User Usage
}

// Admit decides on a pod of user in group under the ledger's lock: decide gets what they
// use and returns whether the pod fits. When it fits and id is not empty, the pod's
// request is reserved under id before the lock is released, so the next decision counts
// it. A dry run passes an empty id: it is decided like any other but reserves nothing.
func (l *Ledger) Admit(group, user, id string, request Usage, decide func(Used) bool) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	var u Used
	if a := l.used[group]; a != nil {
		u.Group = a.total
		if user != "" {
			u.User = a.users[user]
		}
	}
	now := l.now()
	for rid, r := range l.reserved[group] {
		if now.After(r.expires) {
			l.release(rid)
			continue
		}
		u.Group = u.Group.Add(r.usage)
		if user != "" && r.user == user {
			u.User = u.User.Add(r.usage)
		}
	}
	if !decide(u) {
		return false
	}
	if id != "" {
		if l.reserved[group] == nil {
			l.reserved[group] = map[string]reservation{}
		}
		l.reserved[group][id] = reservation{user: user, usage: request, expires: now.Add(l.ttl)}
		l.groupOf[id] = group
	}
	return true
}

// Release ends reservation id before its TTL, when the pod it was made for will not be
// created after all.
func (l *Ledger) Release(id string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.release(id)
}

func (l *Ledger) forget(key string) {
	p, ok := l.observed[key]
	if !ok {
		return
	}
	delete(l.observed, key)
	a := l.used[p.Group]
	a.total = a.total.sub(p.Request)
	if p.User != "" {
		if left := a.users[p.User].sub(p.Request); left.IsZero() {
			delete(a.users, p.User)
		} else {
			a.users[p.User] = left
		}
	}
	if a.total.IsZero() && len(a.users) == 0 {
		delete(l.used, p.Group)
	}
}

func (l *Ledger) release(id string) {
	group, ok := l.groupOf[id]
	if !ok {
		return
	}
	delete(l.groupOf, id)
	delete(l.reserved[group], id)
	if len(l.reserved[group]) == 0 {
		delete(l.reserved, group)
	}
}

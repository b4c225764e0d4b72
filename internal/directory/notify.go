package directory

import (
	"context"
	"sync"
)

// Notifier fans changes out to subscribers. Each subscriber has its own unbounded queue
// and goroutine, so a slow one never drops changes nor holds up the informers.
type Notifier struct {
	mu   sync.Mutex
	subs map[*subscriber]struct{}
}

type subscriber struct {
	mu     sync.Mutex
	queue  []Change
	wake   chan struct{}
	notify func(Change)
}

// Subscribe calls fn with every change published after it, in order, until ctx ends.
func (n *Notifier) Subscribe(ctx context.Context, fn func(Change)) {
	s := &subscriber{wake: make(chan struct{}, 1), notify: fn}
	n.mu.Lock()
	if n.subs == nil {
		n.subs = map[*subscriber]struct{}{}
	}
	n.subs[s] = struct{}{}
	n.mu.Unlock()
	go func() {
		defer func() {
			n.mu.Lock()
			delete(n.subs, s)
			n.mu.Unlock()
		}()
		for {
			select {
			case <-ctx.Done():
				return
			case <-s.wake:
			}
			s.mu.Lock()
			batch := s.queue
			s.queue = nil
			s.mu.Unlock()
			for _, c := range batch {
				s.notify(c)
			}
		}
	}()
}

// Publish queues c for every subscriber.
func (n *Notifier) Publish(c Change) {
	n.mu.Lock()
	defer n.mu.Unlock()
	for s := range n.subs {
		s.mu.Lock()
		s.queue = append(s.queue, c)
		s.mu.Unlock()
		select {
		case s.wake <- struct{}{}:
		default:
		}
	}
}

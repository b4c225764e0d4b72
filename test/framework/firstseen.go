package framework

import "sync"

// FirstSeen tells whether a name is seen for the first time, safely from informer
// handlers and workers alike: an informer may deliver an object's creation again (a
// relist), and a benchmark's floor makes each object's dependents once.
type FirstSeen struct {
	mu   sync.Mutex
	seen map[string]bool
}

// First records name and tells whether it was new.
func (s *FirstSeen) First(name string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.seen[name] {
		return false
	}
	if s.seen == nil {
		s.seen = map[string]bool{}
	}
	s.seen[name] = true
	return true
}

package graphql_test

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/primehub/primehub/internal/directory"
)

// TestCostOfNestedListsIsRefused: lists nested in lists multiply. A user in groups of 100
// members asking for the members of the groups of the members of their groups is refused,
// with an error saying why, before anything runs; `me` as clients ask it is answered.
func TestCostOfNestedListsIsRefused(t *testing.T) {
	w := newWorld(t)
	ctx := context.Background()
	var members []string
	var mu sync.Mutex
	var wg sync.WaitGroup
	for i := range 99 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			name := fmt.Sprintf("crowd-%d-%s", i, w.sfx)
			w.mkUser(t, directory.User{Username: name})
			mu.Lock()
			members = append(members, name)
			mu.Unlock()
		}()
	}
	wg.Wait()
	members = append(members, w.users[member])
	for i := range 3 {
		w.mkGroup(t, directory.Group{Name: fmt.Sprintf("crowd-%d-%s", i, w.sfx), Members: members})
	}
	if g, err := w.g.Directory.GetGroup(ctx, "crowd-0-"+w.sfx); err != nil || len(g.Members) != 100 {
		t.Fatalf("a group of 100: %d members, %v", len(g.Members), err)
	}
	c := w.client(member)
	resp := c.MustDo(t, `{ me { groups { users { groups { users { id username } } } } } }`, nil)
	if len(resp.Errors) != 1 || resp.Errors[0].Code() != "BAD_USER_INPUT" || !strings.Contains(resp.Errors[0].Message, "more than the limit of") ||
		strings.Contains(resp.Body, `"username"`) {
		t.Errorf("the nested query answered %.300s; want one BAD_USER_INPUT error on its cost and no data", resp.Body)
	}
	resp = c.MustDo(t, `{ me {
  id username email isAdmin
  groups { id name displayName quotaCpu quotaGpu quotaMemory projectQuotaCpu projectQuotaGpu projectQuotaMemory admins
    instanceTypes { id name displayName cpuLimit memoryLimit gpuLimit } images { id name displayName type url }
    datasets { id name writable } users { id username } }
  effectiveGroups { id name displayName quotaCpu quotaGpu quotaMemory projectQuotaCpu projectQuotaGpu projectQuotaMemory admins
    instanceTypes { id name displayName cpuLimit memoryLimit gpuLimit } images { id name displayName type url }
    datasets { id name writable } users { id username } }
} }`, nil)
	if len(resp.Errors) != 0 || !strings.Contains(resp.Body, "crowd-0-"+w.sfx) {
		t.Errorf("me as clients ask it: %.300s", resp.Body)
	}
}

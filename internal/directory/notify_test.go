package directory

import (
	"context"
	"testing"
	"time"
)

func TestNotifierDeliversInOrderWithoutDropping(t *testing.T) {
	var n Notifier
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	got := make(chan Change, 1000)
	release := make(chan struct{})
	n.Subscribe(ctx, func(c Change) {
		<-release // a slow subscriber
		got <- c
	})
	for i := range 500 {
		n.Publish(Change{Kind: UserChanged, Name: string(rune('a' + i%26))})
	}
	close(release)
	for i := range 500 {
		select {
		case c := <-got:
			if want := string(rune('a' + i%26)); c.Name != want {
				t.Fatalf("change %d = %q, want %q", i, c.Name, want)
			}
		case <-time.After(5 * time.Second):
			t.Fatalf("only %d of 500 changes delivered", i)
		}
	}
}

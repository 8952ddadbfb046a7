package daemon

import (
	"context"
	"testing"
	"time"

	"github.com/limber-app/limber/internal/history"
)

// A history writer stuck on the disk (here: held in an upkeep job, as a
// sync on a hung network mount would hold it): status answers at once,
// drink answers within the acknowledgement wait and is kept, and once the
// writer goes on it is written.
func TestStuckHistoryNeverHoldsTheLoop(t *testing.T) {
	if testing.Short() {
		t.Skip("waits out the acknowledgement wait")
	}
	h := newHarness(t)
	ctx := context.Background()
	release := make(chan struct{})
	released := false
	unlock := func() {
		if !released {
			close(release)
			released = true
		}
	}
	defer unlock()
	h.jr.Upkeep(func(*history.Store) error { <-release; return nil })

	start := time.Now()
	if _, err := h.c.Drink(ctx, history.SourceCLI); err != nil {
		t.Fatalf("drink while the writer is stuck: %v", err)
	}
	if d := time.Since(start); d > ackWait+time.Second {
		t.Errorf("drink took %v while the writer was stuck", d)
	}
	for range 5 {
		start := time.Now()
		h.status()
		if d := time.Since(start); d > 500*time.Millisecond {
			t.Errorf("status took %v while the writer was stuck", d)
		}
	}
	unlock()
	if g := h.journal(history.TypeGlass); len(g) != 1 {
		t.Errorf("%d glasses written after the writer went on, want 1", len(g))
	}
}

package daemon

import (
	"context"
	"database/sql"
	"testing"
	"time"

	"github.com/limber-app/limber/internal/history"
)

// A history file locked by another process (here: an exclusive SQLite
// transaction held open): status answers at once, drink answers within the
// acknowledgement wait and is kept, and once the lock goes it is written.
func TestLockedHistoryNeverHoldsTheLoop(t *testing.T) {
	if testing.Short() {
		t.Skip("waits out SQLite's busy timeout")
	}
	h := newHarness(t)
	ctx := context.Background()
	db, err := sql.Open("sqlite", h.jr.Path())
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	conn, err := db.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := conn.ExecContext(ctx, "BEGIN EXCLUSIVE"); err != nil {
		t.Fatal(err)
	}
	locked := true
	unlock := func() {
		if locked {
			conn.ExecContext(ctx, "ROLLBACK")
			conn.Close()
			locked = false
		}
	}
	defer unlock()

	start := time.Now()
	if _, err := h.c.Drink(ctx, history.SourceCLI); err != nil {
		t.Fatalf("drink while the file is locked: %v", err)
	}
	if d := time.Since(start); d > ackWait+time.Second {
		t.Errorf("drink took %v while the file was locked", d)
	}
	for range 5 {
		start := time.Now()
		h.status()
		if d := time.Since(start); d > 500*time.Millisecond {
			t.Errorf("status took %v while the file was locked", d)
		}
	}
	unlock()
	if g := h.journal(history.TypeGlass); len(g) != 1 {
		t.Errorf("%d glasses written after the lock went, want 1", len(g))
	}
}

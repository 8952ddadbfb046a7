package settings

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"
)

func TestStore(t *testing.T) {
	p := filepath.Join(t.TempDir(), "limber", "config.toml")
	st, created, err := OpenStore(p)
	if err != nil || !created {
		t.Fatalf("OpenStore: %v %v", created, err)
	}
	if s, probs := st.Current(); s != Defaults() || len(probs) > 0 {
		t.Fatalf("first run: %+v %v", s, probs)
	}
	st.w.every = 20 * time.Millisecond
	st.w.settle = 5 * time.Millisecond

	bad := Defaults()
	bad.Stretch.Interval = time.Second
	var inv *InvalidError
	if _, err := st.Set(bad); !errors.As(err, &inv) || inv.Fields[0].Key != "stretch.interval" {
		t.Fatalf("Set(invalid) = %v", err)
	}
	good := Defaults()
	good.HydrationGoal = 3
	if _, err := st.Set(good); err != nil {
		t.Fatal(err)
	}
	if s, _ := st.Current(); s.HydrationGoal != 3 {
		t.Fatalf("current after Set: %d", s.HydrationGoal)
	}

	ctx, cancel := context.WithCancel(context.Background())
	updates := make(chan Update, 4)
	var wg sync.WaitGroup
	wg.Add(1)
	go func() { defer wg.Done(); st.Watch(ctx, func(u Update) { updates <- u }) }()
	defer func() { cancel(); wg.Wait() }()

	// A hand edit with a mistake: the last good settings stay in use.
	if err := os.WriteFile(p, []byte("[limits]\nhydration_goal = 99\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	select {
	case u := <-updates:
		if u.OK() {
			t.Fatalf("bad edit reported OK: %+v", u)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("no update")
	}
	if s, probs := st.Current(); s.HydrationGoal != 3 || len(probs) != 1 || probs[0].Line != 2 {
		t.Fatalf("after bad edit: goal %d problems %v", s.HydrationGoal, probs)
	}
	// Fixed by hand: applied.
	if err := os.WriteFile(p, []byte("[limits]\nhydration_goal = 5\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	select {
	case u := <-updates:
		if !u.OK() {
			t.Fatalf("good edit: %+v", u)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("no update")
	}
	if s, probs := st.Current(); s.HydrationGoal != 5 || len(probs) != 0 {
		t.Fatalf("after fix: goal %d problems %v", s.HydrationGoal, probs)
	}
}

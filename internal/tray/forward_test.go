package tray

import "testing"

// One goroutine serves every entry: each click arrives as its entry's
// action, an entry whose channel systray closed is dropped and the others
// still served, and Quit ends it.
func TestForwardServesEveryEntry(t *testing.T) {
	tr := newTray(nil)
	a, b, c := make(chan struct{}), make(chan struct{}), make(chan struct{})
	done := make(chan struct{})
	go func() {
		tr.forward([]click{{a, "a"}, {b, "b"}, {c, "c"}})
		close(done)
	}()
	for _, step := range []struct {
		ch   chan struct{}
		want Action
	}{{b, "b"}, {a, "a"}, {c, "c"}, {b, "b"}} {
		step.ch <- struct{}{} // blocks until forward waits on it
		if got := <-tr.Actions(); got != step.want {
			t.Fatalf("click gave %q, want %q", got, step.want)
		}
	}
	close(a) // the entry was removed
	c <- struct{}{}
	if got := <-tr.Actions(); got != "c" {
		t.Fatalf("after a closed entry, click gave %q, want c", got)
	}
	close(tr.quit)
	<-done
}

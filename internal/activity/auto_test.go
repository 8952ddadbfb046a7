package activity

import (
	"errors"
	"sync"
	"testing"
	"time"
)

// scripted is a Source whose answers a test controls.
type scripted struct {
	name string
	mu   sync.Mutex
	err  error
	idle time.Duration

	closed bool
}

func (s *scripted) Name() string { return s.name }
func (s *scripted) Idle() (time.Duration, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.idle, s.err
}
func (s *scripted) Close() error {
	s.mu.Lock()
	s.closed = true
	s.mu.Unlock()
	return nil
}

func TestAutoRedetectsAfterFailures(t *testing.T) {
	first := &scripted{name: "first", idle: time.Second}
	second := &scripted{name: "second", idle: 2 * time.Second}
	detected := []Source{first, second}
	calls := 0
	now := time.Date(2026, 1, 5, 9, 0, 0, 0, time.UTC)
	a := newAuto(Options{}, func() time.Time { return now }, func(Options) Source {
		s := detected[calls]
		calls++
		return s
	})
	defer a.Close()
	if d, err := a.Idle(); err != nil || d != time.Second || a.Name() != "first" {
		t.Fatalf("first Idle = %v, %v from %s", d, err, a.Name())
	}
	first.mu.Lock()
	first.err = errors.New("x connection lost")
	first.mu.Unlock()
	for i := 1; i <= FailLimit; i++ {
		if _, err := a.Idle(); err == nil {
			t.Fatalf("failure %d: no error", i)
		}
		if i < FailLimit && a.Name() != "first" {
			t.Fatalf("re-detected after only %d failures", i)
		}
	}
	if a.Name() != "second" || !first.closed {
		t.Fatalf("after %d failures: source %s, first closed %v; want second, closed", FailLimit, a.Name(), first.closed)
	}
	if d, err := a.Idle(); err != nil || d != 2*time.Second {
		t.Fatalf("Idle from the new source = %v, %v", d, err)
	}
}

func TestAutoRetriesNone(t *testing.T) {
	now := time.Date(2026, 1, 5, 9, 0, 0, 0, time.UTC)
	later := &scripted{name: "late-desktop", idle: 3 * time.Second}
	calls := 0
	a := newAuto(Options{}, func() time.Time { return now }, func(Options) Source {
		calls++
		if calls == 1 {
			return None{}
		}
		return later
	})
	defer a.Close()
	if _, err := a.Idle(); !errors.Is(err, ErrNoSource) {
		t.Fatalf("Idle with no source = %v, want ErrNoSource", err)
	}
	if a.Reason() == "" {
		t.Error("Reason() is empty while there is no source")
	}
	now = now.Add(RetryNone - time.Second)
	a.Idle()
	if calls != 1 {
		t.Fatalf("re-detected before RetryNone passed (%d detections)", calls)
	}
	now = now.Add(time.Second)
	if d, err := a.Idle(); err != nil || d != 3*time.Second || a.Name() != "late-desktop" {
		t.Fatalf("after RetryNone: %v, %v from %s", d, err, a.Name())
	}
	if a.Reason() != "" {
		t.Errorf("Reason() = %q with a working source", a.Reason())
	}
	a.Close()
	if _, err := a.Idle(); !errors.Is(err, ErrClosed) {
		t.Fatalf("Idle after Close = %v, want ErrClosed", err)
	}
}

func TestAutoConcurrent(t *testing.T) {
	src := &scripted{name: "s", idle: time.Second}
	a := newAuto(Options{}, time.Now, func(Options) Source { return src })
	defer a.Close()
	var wg sync.WaitGroup
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 100 {
				a.Idle()
				a.Name()
			}
		}()
	}
	wg.Wait()
}

package activity

import (
	"errors"
	"sync"
	"time"
)

// FailLimit is how many Idle errors in a row make Auto drop a source and
// detect again (an X server restart or a crashed desktop service).
const FailLimit = 3

// RetryNone is how often Auto retries detection while it has no source:
// the daemon may start before the desktop's services do.
const RetryNone = time.Minute

// Auto is a Source that keeps itself working: it starts with Detect, and
// re-detects after FailLimit consecutive errors, or every RetryNone while
// it has no source. This is how the daemon should hold its idle source:
//
//	src := activity.NewAuto(activity.Options{Logf: logf})
//	defer src.Close()
//	idle, err := src.Idle() // each poll
//	obs.NoSource = err != nil // count wall time as activity, say so in status
//
// Name reports the current underlying source ("none" while there is none).
type Auto struct {
	opts   Options
	now    func() time.Time
	detect func(Options) Source

	mu     sync.Mutex
	src    Source
	fails  int
	retry  time.Time // when to try detection again while src is None
	closed bool
}

// NewAuto detects a source right away.
func NewAuto(o Options) *Auto {
	return newAuto(o, time.Now, DetectWith)
}

func newAuto(o Options, now func() time.Time, detect func(Options) Source) *Auto {
	a := &Auto{opts: o, now: now, detect: detect}
	a.src = detect(o)
	a.retry = now().Add(RetryNone)
	return a
}

// Name is the name of the source in use.
func (a *Auto) Name() string {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.src == nil {
		return NameNone
	}
	return a.src.Name()
}

// Current returns the source in use (a None tells why nothing works).
func (a *Auto) Current() Source {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.src
}

// Reason says why there is no source (None.Reason) while there is none,
// "" otherwise; for `limber status --explain`.
func (a *Auto) Reason() string {
	a.mu.Lock()
	defer a.mu.Unlock()
	if n, ok := a.src.(None); ok {
		return n.Reason()
	}
	return ""
}

// Idle asks the current source; see the type comment for re-detection.
// An error means this reading has no idle time (ErrNoSource when there is
// no source at all).
func (a *Auto) Idle() (time.Duration, error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.closed {
		return 0, ErrClosed
	}
	if _, none := a.src.(None); none && !a.now().Before(a.retry) {
		a.redetect()
	}
	d, err := a.src.Idle()
	if err == nil {
		a.fails = 0
		return d, nil
	}
	if errors.Is(err, ErrNoSource) {
		return 0, err
	}
	a.fails++
	a.opts.logf("activity: %s failed (%d in a row): %v", a.src.Name(), a.fails, err)
	if a.fails >= FailLimit {
		a.redetect()
	}
	return 0, err
}

// redetect replaces the source; a.mu is held.
func (a *Auto) redetect() {
	old := a.src.Name()
	a.src.Close()
	a.src = a.detect(a.opts)
	a.fails = 0
	a.retry = a.now().Add(RetryNone)
	if a.src.Name() != old {
		a.opts.logf("activity: idle source changed from %s to %s", old, a.src.Name())
	}
}

// Close closes the current source.
func (a *Auto) Close() error {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.closed {
		return nil
	}
	a.closed = true
	return a.src.Close()
}

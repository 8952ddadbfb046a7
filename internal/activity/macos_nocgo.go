//go:build darwin && !cgo

package activity

import (
	"context"
	"fmt"
	"os/exec"
	"sync"
	"time"
)

const macName = NameMacIoreg

// macIoreg is the fallback for builds without cgo: it runs `ioreg` and
// parses HIDIdleTime. A process per poll costs a few milliseconds, which is
// fine at one poll every few seconds.
type macIoreg struct {
	path   string
	mu     sync.Mutex
	closed bool
}

// OpenMac finds the ioreg tool.
func OpenMac() (Source, error) {
	p, err := exec.LookPath("ioreg")
	if err != nil {
		return nil, fmt.Errorf("finding ioreg: %w", err)
	}
	return &macIoreg{path: p}, nil
}

func (s *macIoreg) Name() string { return NameMacIoreg }

func (s *macIoreg) Idle() (time.Duration, error) {
	s.mu.Lock()
	closed := s.closed
	s.mu.Unlock()
	if closed {
		return 0, ErrClosed
	}
	ctx, cancel := context.WithTimeout(context.Background(), defaultTimeout)
	defer cancel()
	out, err := exec.CommandContext(ctx, s.path, "-c", "IOHIDSystem", "-d", "4", "-r", "-k", "HIDIdleTime").Output()
	if err != nil {
		return 0, fmt.Errorf("running ioreg: %w", err)
	}
	return parseIoregIdle(out)
}

func (s *macIoreg) Close() error {
	s.mu.Lock()
	s.closed = true
	s.mu.Unlock()
	return nil
}

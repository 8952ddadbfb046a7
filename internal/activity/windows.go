//go:build windows

package activity

import (
	"fmt"
	"sync"
	"time"
	"unsafe"

	"golang.org/x/sys/windows"
)

// lastInputInfo mirrors the Win32 LASTINPUTINFO struct.
type lastInputInfo struct {
	cbSize uint32
	dwTime uint32
}

// windowsSource uses GetLastInputInfo, which reports the tick count of the
// last input in this session, against GetTickCount.
type windowsSource struct {
	getLastInputInfo *windows.LazyProc
	getTickCount     *windows.LazyProc

	mu     sync.Mutex
	closed bool
}

// OpenWindows loads user32's GetLastInputInfo.
func OpenWindows() (Source, error) {
	last := windows.NewLazySystemDLL("user32.dll").NewProc("GetLastInputInfo")
	if err := last.Find(); err != nil {
		return nil, fmt.Errorf("loading GetLastInputInfo: %w", err)
	}
	tick := windows.NewLazySystemDLL("kernel32.dll").NewProc("GetTickCount")
	if err := tick.Find(); err != nil {
		return nil, fmt.Errorf("loading GetTickCount: %w", err)
	}
	return &windowsSource{getLastInputInfo: last, getTickCount: tick}, nil
}

func (s *windowsSource) Name() string { return NameWindows }

func (s *windowsSource) Idle() (time.Duration, error) {
	s.mu.Lock()
	closed := s.closed
	s.mu.Unlock()
	if closed {
		return 0, ErrClosed
	}
	var li lastInputInfo
	li.cbSize = uint32(unsafe.Sizeof(li))
	r, _, callErr := s.getLastInputInfo.Call(uintptr(unsafe.Pointer(&li)))
	if r == 0 {
		return 0, fmt.Errorf("GetLastInputInfo: %w", callErr)
	}
	now, _, _ := s.getTickCount.Call()
	// Both are 32-bit millisecond tick counts; unsigned subtraction stays
	// right across the 49.7-day wrap-around.
	return time.Duration(uint32(now)-li.dwTime) * time.Millisecond, nil
}

func (s *windowsSource) Close() error {
	s.mu.Lock()
	s.closed = true
	s.mu.Unlock()
	return nil
}

//go:build unix

package ipc

import (
	"errors"
	"fmt"
	"os"

	"golang.org/x/sys/unix"
)

// startLock takes path+".lock" (flock, not waiting), so that of daemons
// starting at the same moment exactly one goes on to replace a stale
// socket and listen; the others hear ErrAlreadyRunning. The lock lives as
// long as the returned file is open (it dies with the process).
func startLock(path string) (*os.File, error) {
	f, err := os.OpenFile(path+".lock", os.O_RDWR|os.O_CREATE|unix.O_NOFOLLOW|unix.O_CLOEXEC, 0o600)
	if err != nil {
		return nil, fmt.Errorf("opening the start lock %s.lock: %w", path, err)
	}
	if err := unix.Flock(int(f.Fd()), unix.LOCK_EX|unix.LOCK_NB); err != nil {
		f.Close()
		if errors.Is(err, unix.EWOULDBLOCK) {
			return nil, ErrAlreadyRunning
		}
		return nil, fmt.Errorf("taking the start lock %s.lock: %w", path, err)
	}
	return f, nil
}

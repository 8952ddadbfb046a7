//go:build unix

package safefile

import (
	"os"
	"syscall"
)

// nonBlock opens a FIFO without waiting for a writer.
const nonBlock = syscall.O_NONBLOCK

// clearNonBlock makes reads of a regular file ordinary again (they never
// block anyway; this keeps the descriptor's flags plain).
func clearNonBlock(f *os.File) error {
	raw, err := f.SyscallConn()
	if err != nil {
		return err
	}
	var serr error
	if err := raw.Control(func(fd uintptr) { serr = syscall.SetNonblock(int(fd), false) }); err != nil {
		return err
	}
	return serr
}

// Package safefile reads small files that the user (or anyone who could
// write in the user's folders) controls, without letting one hang or
// exhaust the daemon: only regular files (symlinks to them are fine), at
// most a cap of bytes, within a time limit. A FIFO, a device such as
// /dev/zero, a folder or a symlink loop is refused with a clear message.
//
// Written by hand: the standard library's os.ReadFile does none of this,
// and no served module does it either.
package safefile

import (
	"errors"
	"fmt"
	"io"
	"os"
	"time"
)

// Timeout bounds one Read: a file on a hung network mount must not stop
// every command.
const Timeout = 2 * time.Second

// ErrTooLarge is wrapped by Read for a file over its cap.
var ErrTooLarge = errors.New("file too large")

// ErrNotRegular is wrapped by Read for anything but a regular file.
var ErrNotRegular = errors.New("not a regular file")

// Read returns the content of path when it is a regular file of at most
// max bytes. It opens first (without blocking: a FIFO opens at once), then
// checks the open file (Fstat), then reads at most max+1 bytes, so a file
// that grows or lies about its size is still bounded.
func Read(path string, max int64) ([]byte, error) {
	type result struct {
		data []byte
		err  error
	}
	done := make(chan result, 1)
	go func() {
		data, err := read(path, max)
		done <- result{data, err}
	}()
	t := time.NewTimer(Timeout)
	defer t.Stop()
	select {
	case r := <-done:
		return r.data, r.err
	case <-t.C:
		// The reading goroutine ends when the read does; it holds one
		// file and at most max bytes meanwhile.
		return nil, fmt.Errorf("reading %s took longer than %v", path, Timeout)
	}
}

func read(path string, max int64) ([]byte, error) {
	f, err := os.OpenFile(path, os.O_RDONLY|nonBlock, 0)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if !fi.Mode().IsRegular() {
		kind := "a special file"
		switch {
		case fi.IsDir():
			kind = "a folder"
		case fi.Mode()&os.ModeNamedPipe != 0:
			kind = "a named pipe (FIFO)"
		case fi.Mode()&os.ModeDevice != 0:
			kind = "a device"
		case fi.Mode()&os.ModeSocket != 0:
			kind = "a socket"
		}
		return nil, fmt.Errorf("%s is %s: %w", path, kind, ErrNotRegular)
	}
	if fi.Size() > max {
		return nil, fmt.Errorf("%s is %d bytes, more than the %d allowed: %w", path, fi.Size(), max, ErrTooLarge)
	}
	if err := clearNonBlock(f); err != nil {
		return nil, err
	}
	data, err := io.ReadAll(io.LimitReader(f, max+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > max {
		return nil, fmt.Errorf("%s grew past the %d bytes allowed: %w", path, max, ErrTooLarge)
	}
	return data, nil
}

package daemon

import (
	"bufio"
	"fmt"
	"os"
	"strconv"
	"strings"

	"golang.org/x/sys/unix"
)

// trimImage drops the page-table entries of this binary's read-only
// segments (code and constants) after start-up.
//
// Why: the one binary also holds the Fyne windows, and every linked
// package's init code is spread over the whole text segment; with the
// kernel's fault-around, start-up maps nearly all of it (about 20 MB,
// measured), although the idle daemon runs a small part. The pages stay in
// the page cache; whatever the daemon runs again faults back in at once.
// Only never-written private file mappings (r-xp, r--p) are touched, for
// which MADV_DONTNEED is exact: a refault reads the same file bytes.
func trimImage() error {
	exe, err := os.Executable()
	if err != nil {
		return fmt.Errorf("finding the executable: %w", err)
	}
	f, err := os.Open("/proc/self/maps")
	if err != nil {
		return fmt.Errorf("reading memory maps: %w", err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		fields := strings.Fields(sc.Text())
		if len(fields) < 6 || fields[5] != exe {
			continue
		}
		if perm := fields[1]; perm != "r-xp" && perm != "r--p" {
			continue
		}
		lo, hi, ok := strings.Cut(fields[0], "-")
		if !ok {
			continue
		}
		start, err1 := strconv.ParseUint(lo, 16, 64)
		end, err2 := strconv.ParseUint(hi, 16, 64)
		if err1 != nil || err2 != nil || end <= start {
			continue
		}
		// MADV_RANDOM: no readahead when a page faults back in.
		for _, advice := range []int{unix.MADV_DONTNEED, unix.MADV_RANDOM} {
			if _, _, errno := unix.Syscall(unix.SYS_MADVISE, uintptr(start), uintptr(end-start), uintptr(advice)); errno != 0 {
				return fmt.Errorf("madvise %s: %w", fields[0], errno)
			}
		}
	}
	if err := sc.Err(); err != nil {
		return err
	}
	// The kernel's fault-around maps up to 16 neighbouring pages that are
	// in the page cache on each fault; dropping the binary's unmapped
	// pages from the cache makes a fault map only the page needed. Any
	// other process running the binary keeps its mapped pages.
	bin, err := os.Open(exe)
	if err != nil {
		return fmt.Errorf("opening the executable: %w", err)
	}
	defer bin.Close()
	if err := unix.Fadvise(int(bin.Fd()), 0, 0, unix.FADV_DONTNEED); err != nil {
		return fmt.Errorf("fadvise: %w", err)
	}
	return nil
}

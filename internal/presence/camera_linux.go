package presence

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"
	"unsafe"

	"golang.org/x/sys/unix"
)

// The camera watcher: a /dev/video* node held open by a program is a
// camera in use (a video call). inotify reports every open and close of
// the nodes (and new nodes in /dev); on each burst of them the watcher
// looks once through /proc/*/fd for who holds a node, which gives an
// exact count and the programs' names for the ignore list and status
// without keeping a count that a missed event could skew. Between events
// nothing runs.

// cameraSettle is how long a burst of open/close events is let to settle
// before /proc is read: a program probing every node opens and closes
// them in a row.
const cameraSettle = 150 * time.Millisecond

func (m *Monitor) startCamera(ctx context.Context, o Options) {
	dir, pattern := "/dev", "video*"
	if o.CameraGlob != "" {
		dir, pattern = filepath.Split(o.CameraGlob)
		dir = filepath.Clean(dir)
	}
	fd, err := unix.InotifyInit1(unix.IN_CLOEXEC | unix.IN_NONBLOCK)
	if err != nil {
		m.setOff(PartCamera, fmt.Sprintf("inotify: %v", err))
		return
	}
	// Non-blocking, so the runtime poller waits and Close wakes the reader.
	f := os.NewFile(uintptr(fd), "inotify")
	if _, err := unix.InotifyAddWatch(fd, dir, unix.IN_CREATE|unix.IN_MOVED_TO|unix.IN_ONLYDIR); err != nil {
		f.Close()
		m.setOff(PartCamera, fmt.Sprintf("watching %s: %v", dir, err))
		return
	}
	watched := map[string]bool{}
	addNodes := func() {
		nodes, _ := filepath.Glob(filepath.Join(dir, pattern))
		for _, n := range nodes {
			if watched[n] || len(watched) > 64 {
				continue
			}
			if _, err := unix.InotifyAddWatch(fd, n, unix.IN_OPEN|unix.IN_CLOSE); err == nil {
				watched[n] = true
			}
		}
	}
	addNodes()
	holders := func() []string {
		var nodes []string
		for n := range watched {
			nodes = append(nodes, n)
		}
		return cameraHolders(o.procDir(), nodes)
	}
	if !m.connect(groupCamera, func() { f.Close() }) {
		return
	}
	m.setLive(PartCamera)
	apps := holders()
	m.update(false, func() { m.camApps = apps })
	m.wg.Add(1)
	go func() {
		defer m.wg.Done()
		buf := make([]byte, 4096)
		for {
			n, err := f.Read(buf)
			if err != nil {
				break
			}
			if cameraNewNode(buf[:n], pattern) {
				addNodes()
			}
			// Let the burst settle, drain it, then look once.
			f.SetReadDeadline(time.Now().Add(cameraSettle))
			for {
				n, err := f.Read(buf)
				if err != nil {
					break
				}
				if cameraNewNode(buf[:n], pattern) {
					addNodes()
				}
			}
			f.SetReadDeadline(time.Time{})
			if ctx.Err() != nil {
				break
			}
			apps := holders()
			m.update(false, func() { m.camApps = apps })
		}
		f.Close()
		if ctx.Err() == nil {
			m.setOff(PartCamera, "inotify stopped")
		}
		m.update(false, func() { m.camApps = nil })
		m.disconnect(groupCamera)
	}()
}

// cameraNewNode reports whether an inotify buffer names a new node that
// matches pattern (IN_CREATE in the directory).
func cameraNewNode(b []byte, pattern string) bool {
	found := false
	for len(b) >= unix.SizeofInotifyEvent {
		ev := (*unix.InotifyEvent)(unsafe.Pointer(&b[0]))
		end := unix.SizeofInotifyEvent + int(ev.Len)
		if end > len(b) {
			break
		}
		if ev.Mask&(unix.IN_CREATE|unix.IN_MOVED_TO) != 0 && ev.Len > 0 {
			name := strings.TrimRight(string(b[unix.SizeofInotifyEvent:end]), "\x00")
			if ok, _ := filepath.Match(pattern, name); ok {
				found = true
			}
		}
		b = b[end:]
	}
	return found
}

// cameraHolders lists the programs (by their /proc comm) that hold one of
// nodes open, sorted and without repeats. Processes of other users cannot
// be read and do not count.
func cameraHolders(proc string, nodes []string) []string {
	if len(nodes) == 0 {
		return nil
	}
	entries, err := os.ReadDir(proc)
	if err != nil {
		return nil
	}
	var apps []string
	for _, e := range entries {
		pid, err := strconv.Atoi(e.Name())
		if err != nil || pid <= 0 {
			continue
		}
		fdDir := filepath.Join(proc, e.Name(), "fd")
		fds, err := os.ReadDir(fdDir)
		if err != nil {
			continue
		}
		for _, fd := range fds {
			target, err := os.Readlink(filepath.Join(fdDir, fd.Name()))
			if err != nil || !slices.Contains(nodes, target) {
				continue
			}
			comm, err := os.ReadFile(filepath.Join(proc, e.Name(), "comm"))
			name := strings.TrimSpace(string(comm))
			if err != nil || name == "" {
				name = "pid " + e.Name()
			}
			apps = append(apps, name)
			break
		}
	}
	slices.Sort(apps)
	return slices.Compact(apps)
}

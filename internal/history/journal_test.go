package history

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"

	"github.com/limber-app/limber/internal/schedule"
)

// flaky opens the real file once ok is set; until then it fails as a
// read-only, locked or missing file would.
type flaky struct {
	ok    atomic.Bool
	tries atomic.Int32
}

func (f *flaky) open(path string) (*Store, error) {
	f.tries.Add(1)
	if !f.ok.Load() {
		return nil, fmt.Errorf("opening %s: attempt to write a readonly database", path)
	}
	return Open(path)
}

// testJournal starts a journal closed at the test's end. Outside a
// synctest bubble (the mount tests) its backoffs are cut to milliseconds.
func testJournal(t *testing.T, path string, o JournalOptions, fast bool) *Journal {
	t.Helper()
	if fast {
		o.MinBackoff, o.MaxBackoff = 5*time.Millisecond, 20*time.Millisecond
	}
	j := NewJournal(path, o)
	t.Cleanup(func() { j.Close() })
	return j
}

func waitAck(t *testing.T, ack <-chan error) error {
	t.Helper()
	select {
	case err := <-ack:
		return err
	case <-time.After(5 * time.Second):
		t.Fatal("no acknowledgement in 5 s")
		return nil
	}
}

// settled waits, in a synctest bubble, until the writer goroutine is
// idle (blocked on its next wake-up), then requires cond. The backoffs are
// then the real ones (a second and more): the bubble's clock jumps.
func settled(t *testing.T, what string, cond func() bool) {
	t.Helper()
	synctest.Wait()
	if !cond() {
		t.Fatalf("once the writer was idle: not %s", what)
	}
}

// waitFor polls cond for up to 5 s: the writer is a goroutine of its own.
// For the tests that use real mounts and cannot run in a synctest bubble
// (a bubble's clock only moves while every goroutine in it waits on the
// bubble, never while one waits on the kernel).
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	for end := time.Now().Add(5 * time.Second); time.Now().Before(end); time.Sleep(5 * time.Millisecond) {
		if cond() {
			return
		}
	}
	t.Fatalf("after 5 s: %s", what)
}

func glassesIn(t *testing.T, path string) int {
	t.Helper()
	s, err := OpenReadOnly(path)
	if errors.Is(err, ErrNoHistory) {
		return 0
	}
	must(t, err)
	defer s.Close()
	return count(t, s, TypeGlass)
}

// A history that cannot be opened at start: the events go to the fallback
// file, the problem is said, and once the file opens they are all written.
func TestJournalUnopenableAtStartKeepsEvents(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "history.jsonl")
		f := &flaky{}
		j := testJournal(t, path, JournalOptions{Open: f.open}, false)
		at := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
		for i := range 20 {
			ack, err := j.Submit(GlassEntry(at.Add(time.Duration(i)*time.Minute), SourceCLI))
			must(t, err)
			if err := waitAck(t, ack); err != nil {
				t.Fatalf("glass %d: %v (the fallback file should have taken it)", i, err)
			}
		}
		if p, _, inFile, _ := j.State(); p == nil || inFile != 20 {
			t.Fatalf("state: problem %v, %d in the fallback file", p, inFile)
		}
		if _, err := os.Stat(path + ".pending"); err != nil {
			t.Fatalf("no fallback file: %v", err)
		}
		f.ok.Store(true) // the cause is fixed
		j.Retry()
		settled(t, "the problem clears", func() bool { p, _, _, _ := j.State(); return p == nil })
		must(t, j.Store().Flush())
		if n := glassesIn(t, path); n != 20 {
			t.Errorf("%d glasses written, want 20", n)
		}
		if _, err := os.Stat(path + ".pending"); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("the fallback file is still there after its replay: %v", err)
		}
	})
}

// A history that fails mid-session, with no fallback file either: events
// wait in memory (bounded), past the bound Submit refuses, and when the
// database works again everything held is written.
func TestJournalMidSessionFailureHoldsInMemory(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "history.jsonl")
		f := &flaky{}
		f.ok.Store(true)
		j := testJournal(t, path, JournalOptions{Open: f.open, Fallback: "-", MaxQueue: 5}, false)
		at := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
		ack, err := j.Submit(GlassEntry(at, SourceTray))
		must(t, err)
		must(t, waitAck(t, ack))

		f.ok.Store(false)
		j.Store().Close() // the file goes away under the daemon
		held := 0
		for i := 1; ; i++ {
			ack, err := j.Submit(GlassEntry(at.Add(time.Duration(i)*time.Second), SourceTray))
			if errors.Is(err, ErrNotKept) {
				break
			}
			must(t, err)
			held++
			if err := waitAck(t, ack); err == nil || !strings.Contains(err.Error(), "memory") {
				t.Fatalf("glass %d with no place on disk: ack %v", i, err)
			}
			if i > 10 {
				t.Fatal("the memory queue is not bounded")
			}
		}
		if held != 5 {
			t.Errorf("%d glasses held, want the bound 5", held)
		}
		// sitting merges in the queue: an hour of polls takes no more room
		// once a span waits last
		f.ok.Store(true)
		j.Retry()
		settled(t, "the held glasses are written", func() bool { p, q, _, _ := j.State(); return p == nil && q == 0 })
		must(t, j.Store().Flush())
		if n := glassesIn(t, path); n != 6 {
			t.Errorf("%d glasses written, want 6", n)
		}
	})
}

// Sitting polls during an outage take one place in the queue.
func TestJournalSittingMergesInQueue(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "history.jsonl")
		f := &flaky{}
		j := testJournal(t, path, JournalOptions{Open: f.open, Fallback: "-", MaxQueue: 3}, false)
		at := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
		for i := range 3600 {
			if _, err := j.Submit(SittingEntry(at.Add(time.Duration(i)*time.Second), at.Add(time.Duration(i+1)*time.Second), false)); err != nil {
				t.Fatalf("poll %d: %v", i, err)
			}
		}
		f.ok.Store(true)
		j.Retry()
		settled(t, "written", func() bool { p, q, _, _ := j.State(); return p == nil && q == 0 })
		must(t, j.Store().Flush())
		var sum int64
		for _, r := range records(t, j.Store()) {
			if r.T == TypeSitting {
				sum += r.End - r.At
			}
		}
		if sum != time.Hour.Milliseconds() {
			t.Errorf("%v of sitting written, want 1h", time.Duration(sum)*time.Millisecond)
		}
	})
}

// A bad entry is refused at once and never holds up the good ones.
func TestJournalRefusesBadEntry(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		j := testJournal(t, filepath.Join(t.TempDir(), "history.jsonl"), JournalOptions{}, false)
		if _, err := j.Submit(BreakEntry(BreakRecord{Kind: schedule.Stretch, Outcome: "exploded"})); err == nil {
			t.Error("an unknown outcome was taken")
		}
		ack, err := j.Submit(GlassEntry(time.Now(), SourceCLI))
		must(t, err)
		must(t, waitAck(t, ack))
	})
}

// A full disk (a small tmpfs): neither the database nor the fallback file
// can grow, events wait in memory and are written when space is freed.
func TestJournalFullDisk(t *testing.T) {
	if runtime.GOOS != "linux" || os.Getuid() != 0 {
		t.Skip("mounting a tmpfs needs root on Linux")
	}
	dir := t.TempDir()
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", dir).CombinedOutput(); err != nil {
		t.Skipf("cannot mount a tmpfs: %v %s", err, out)
	}
	t.Cleanup(func() { exec.Command("umount", "-l", dir).Run() })
	path := filepath.Join(dir, "history.jsonl")
	j := testJournal(t, path, JournalOptions{}, true)
	at := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	ack, err := j.Submit(GlassEntry(at, SourceCLI))
	must(t, err)
	must(t, waitAck(t, ack))
	// fill the disk
	filler := filepath.Join(dir, "filler")
	fl, err := os.Create(filler)
	must(t, err)
	buf := make([]byte, 4096)
	for {
		if _, err := fl.Write(buf); err != nil {
			break
		}
	}
	fl.Close()
	const n = 300 // more than fits in the pages left
	var acks []<-chan error
	for i := 1; i <= n; i++ {
		ack, err := j.Submit(BreakEntry(BreakRecord{At: at.Add(time.Duration(i) * time.Second), Kind: schedule.Stretch,
			CardID: strings.Repeat("x", 200), Outcome: Done, Duration: time.Minute}))
		if err != nil {
			t.Fatalf("event %d refused with a memory queue to spare: %v", i, err)
		}
		acks = append(acks, ack)
	}
	for _, ack := range acks {
		waitAck(t, ack) // an error here says "in memory only": still kept
	}
	if p, q, _, _ := j.State(); p == nil || q == 0 {
		t.Fatalf("a full disk: problem %v, %d waiting in memory", p, q)
	}
	// room for the held events again
	must(t, os.Remove(filler))
	j.Retry()
	waitFor(t, "written after space was freed", func() bool {
		p, q, f, _ := j.State()
		return p == nil && q == 0 && f == 0
	})
	got := count(t, j.Store(), TypeBreak)
	if got != n {
		t.Errorf("%d breaks written, %d acknowledged", got, n)
	}
}

// A read-only file system at start (a tmpfs remounted read-only, which
// holds even for root): the history cannot be created, nor the fallback
// file, so events wait in memory, and are all written once the file system
// is writable again. (Mid-session, the open descriptor keeps the remount
// busy; the mid-session tests close or lock the file instead.)
func TestJournalReadOnlyFileSystem(t *testing.T) {
	if runtime.GOOS != "linux" || os.Getuid() != 0 {
		t.Skip("mounting a tmpfs needs root on Linux")
	}
	dir := t.TempDir()
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", dir).CombinedOutput(); err != nil {
		t.Skipf("cannot mount a tmpfs: %v %s", err, out)
	}
	t.Cleanup(func() { exec.Command("umount", "-l", dir).Run() })
	remount := func(mode string) {
		t.Helper()
		if out, err := exec.Command("mount", "-o", "remount,"+mode, dir).CombinedOutput(); err != nil {
			t.Fatalf("remount %s: %v %s", mode, err, out)
		}
	}
	path := filepath.Join(dir, "history.jsonl")
	at := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	remount("ro")
	j := testJournal(t, path, JournalOptions{}, true)
	if p, _, _, _ := j.State(); p == nil {
		t.Fatal("a read-only history opened without a problem")
	}
	for i := range 5 {
		ack, err := j.Submit(GlassEntry(at.Add(time.Duration(i)*time.Second), SourceCLI))
		must(t, err)
		if err := waitAck(t, ack); err == nil || !strings.Contains(err.Error(), "memory") {
			t.Errorf("glass %d on a read-only file system: %v", i, err)
		}
	}
	if _, q, _, _ := j.State(); q != 5 {
		t.Errorf("%d glasses waiting in memory, want 5", q)
	}
	remount("rw")
	j.Retry()
	waitFor(t, "written after the remount", func() bool { p, q, f, _ := j.State(); return p == nil && q == 0 && f == 0 })
	must(t, j.Store().Flush())
	n := count(t, j.Store(), TypeGlass)
	if n != 5 {
		t.Errorf("%d glasses written, 5 acknowledged", n)
	}
}

// Events a previous run left in the fallback file are in the database as
// soon as NewJournal returns (the daemon reads today's glasses right after).
func TestJournalReplaysLeftoversAtStart(t *testing.T) {
	path := filepath.Join(t.TempDir(), "history.jsonl")
	f := &flaky{}
	j := NewJournal(path, JournalOptions{Open: f.open, MinBackoff: time.Hour})
	for i := range 3 {
		ack, err := j.Submit(GlassEntry(time.Date(2026, 3, 2, 9, i, 0, 0, time.UTC), SourceTray))
		must(t, err)
		must(t, waitAck(t, ack))
	}
	j.Close()
	j2 := NewJournal(path, JournalOptions{})
	defer j2.Close()
	if n := count(t, j2.Store(), TypeGlass); n != 3 {
		t.Errorf("%d glasses right after the start, want the 3 left over", n)
	}
}

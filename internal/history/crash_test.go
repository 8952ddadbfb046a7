package history

import (
	"bufio"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/limber-app/limber/internal/schedule"
)

const crashEnv = "LIMBER_HISTORY_CRASH_WRITER"

// TestCrashWriter is the writer half of TestKill9KeepsFinishedEvents: run
// as a child process, it hands events to a Journal as the daemon does and
// prints an ack line once the journal acknowledges each (the moment the
// daemon answers the command). Skipped otherwise.
func TestCrashWriter(t *testing.T) {
	path := os.Getenv(crashEnv)
	if path == "" {
		t.Skip("the writer half of TestKill9KeepsFinishedEvents")
	}
	run, _ := strconv.Atoi(os.Getenv(crashEnv + "_RUN"))
	j := NewJournal(path, JournalOptions{Fallback: "-"})
	s := j.Store()
	if s == nil {
		err, _, _, _ := j.State()
		fmt.Println("error: the history did not open:", err)
		os.Exit(3)
	}
	var err error
	// each run sits in its own hour, so its span never merges with another
	// run's; its clock runs a second per write, so FlushEvery holds back
	// a few writes at a time
	start := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(run) * time.Hour)
	s.now = func() time.Time { return time.Now() }
	for i := 0; ; i++ {
		at := start.Add(time.Duration(i) * time.Second)
		clock := at
		s.mu.Lock()
		s.now = func() time.Time { return clock }
		s.mu.Unlock()
		var ack string
		var e Entry
		switch i % 3 {
		case 0:
			id := fmt.Sprintf("r%d-%d", run, i)
			e = BreakEntry(BreakRecord{At: at, Kind: schedule.Posture, CardID: id, Due: at, Outcome: Done, Duration: time.Second})
			ack = "break " + id
		case 1:
			e = GlassEntry(at, SourceCLI)
			ack = "glass"
		case 2:
			e = SittingEntry(start, at, false)
			ack = fmt.Sprintf("span %d %d", run, ms(at))
		}
		var done <-chan error
		if done, err = j.Submit(e); err == nil {
			err = <-done
		}
		if err != nil {
			fmt.Println("error", err)
			os.Exit(3)
		}
		fmt.Println("ack", ack)
	}
}

// TestKill9KeepsFinishedEvents kills a writer with SIGKILL over and over in
// the middle of its writes, then checks the file is sound and holds every
// event the writer acknowledged.
func TestKill9KeepsFinishedEvents(t *testing.T) {
	if testing.Short() {
		t.Skip("re-runs the test binary as a writer many times")
	}
	runs := 12
	if n, err := strconv.Atoi(os.Getenv("LIMBER_CRASH_KILLS")); err == nil && n > 0 {
		runs = n // a long run: LIMBER_CRASH_KILLS=60 go test -run Kill9 ./internal/history
	}
	c := kill9(t, runs)
	t.Logf("%d kills: acknowledged %d breaks, %d glasses; stored %d breaks, %d glasses; %d lost", c.kills, c.ackBreaks, c.ackGlasses, c.breaks, c.glasses, c.lost)
}

// BenchmarkKill9 is the crash test at full count for `make bench`: 60
// kill -9 of a writer in the middle of its writes; it fails on any lost
// acknowledged event and reports what was acknowledged and stored.
func BenchmarkKill9(b *testing.B) {
	for range b.N {
		c := kill9(b, 60)
		b.ReportMetric(float64(c.kills), "kills")
		b.ReportMetric(float64(c.ackBreaks+c.ackGlasses), "acked")
		b.ReportMetric(float64(c.breaks+c.glasses), "stored")
		b.ReportMetric(float64(c.lost), "lost")
	}
}

type crashCounts struct {
	kills, ackBreaks, ackGlasses, breaks, glasses, lost int
}

// kill9 runs the writer runs times, killing each, and checks the file
// holds every acknowledged event.
func kill9(t testing.TB, runs int) crashCounts {
	path := filepath.Join(t.TempDir(), "history.jsonl")
	r := rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 1))
	acked := map[string]bool{}
	glasses := 0
	spanEnd := map[int]int64{}
	for run := 0; run < runs; run++ {
		cmd := exec.Command(os.Args[0], "-test.run=^TestCrashWriter$")
		cmd.Env = append(os.Environ(), crashEnv+"="+path, crashEnv+"_RUN="+strconv.Itoa(run))
		out, err := cmd.StdoutPipe()
		must(t, err)
		must(t, cmd.Start())
		// the first runs die early (while creating the file and its
		// header), the rest after a random number of acknowledged writes
		killAfter := 1 + r.IntN(300) // at least one: n counts from 1
		if run < 3 {
			time.AfterFunc(time.Duration(r.IntN(15))*time.Millisecond, func() { cmd.Process.Kill() })
			killAfter = -1
		}
		sc := bufio.NewScanner(out)
		n := 0
		for sc.Scan() {
			line := sc.Text()
			f := strings.Fields(line)
			switch {
			case len(f) >= 2 && f[0] == "ack" && f[1] == "break":
				acked[f[2]] = true
			case len(f) >= 2 && f[0] == "ack" && f[1] == "glass":
				glasses++
			case len(f) == 4 && f[0] == "ack" && f[1] == "span":
				end, _ := strconv.ParseInt(f[3], 10, 64)
				spanEnd[run] = end
			case strings.HasPrefix(f[0], "error"):
				t.Fatalf("writer run %d: %s", run, line)
			default:
				continue // the test framework's own lines
			}
			n++
			if n == killAfter {
				cmd.Process.Kill()
			}
		}
		cmd.Wait()
	}
	if len(acked) < 100 {
		t.Fatalf("only %d breaks acknowledged: the writers did not get going", len(acked))
	}

	s, err := Open(path)
	must(t, err)
	defer s.Close()
	if n := s.Notice(); n != "" {
		t.Fatalf("the killed writer's file: %s", n)
	}
	if check, err := s.IntegrityCheck(); err != nil || check != "ok" {
		t.Fatalf("integrity check: %q %v", check, err)
	}
	found := map[string]bool{}
	spanMax := map[int64]int64{} // start -> the latest end stored
	for _, r := range records(t, s) {
		switch r.T {
		case TypeBreak:
			found[r.Card] = true
		case TypeSitting:
			spanMax[r.At] = max(spanMax[r.At], r.End)
		}
	}
	lost := 0
	for id := range acked {
		if !found[id] {
			lost++
			t.Errorf("acknowledged break %s is missing", id)
		}
	}
	// a write may be synced just before its writer dies unacknowledged: at
	// most one per run
	if extra := len(found) - len(acked); extra < 0 || extra > runs {
		t.Errorf("%d breaks in the file, %d acknowledged", len(found), len(acked))
	}
	if got := count(t, s, TypeGlass); got < glasses || got > glasses+runs {
		t.Errorf("%d glasses in the file, %d acknowledged", got, glasses)
	}
	for run, end := range spanEnd {
		start := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(run) * time.Hour)
		got := spanMax[ms(start)]
		// sitting time is written at least every FlushEvery
		if got < end-FlushEvery.Milliseconds() {
			t.Errorf("run %d: sitting recorded up to %d, acknowledged up to %d", run, got, end)
		}
	}
	stored := count(t, s, TypeGlass)
	lost += max(0, glasses-stored)
	return crashCounts{kills: runs, ackBreaks: len(acked), ackGlasses: glasses, breaks: len(found), glasses: stored, lost: lost}
}

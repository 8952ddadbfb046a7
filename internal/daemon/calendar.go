package daemon

import (
	"context"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/limber-app/limber/internal/calendar"
	"github.com/limber-app/limber/internal/schedule"
)

// calendarPoll is how often the calendar files are looked at: a stat per
// file, so a meeting written into a file is seen within seconds (the
// settings file is polled as often).
const calendarPoll = 2 * time.Second

// calendarWatch reads the calendar files of the settings off the loop and
// hands the busy events to it. The paths are the one thing the loop and
// the watcher share, behind mu; the files themselves belong to the
// watcher's goroutine.
type calendarWatch struct {
	mu    sync.Mutex
	paths []string
	kick  chan struct{} // the paths changed: look now
}

func newCalendarWatch() *calendarWatch {
	return &calendarWatch{kick: make(chan struct{}, 1)}
}

// setPaths changes the files watched (called on the loop by useSettings).
func (c *calendarWatch) setPaths(p []string) {
	c.mu.Lock()
	same := slices.Equal(c.paths, p)
	c.paths = slices.Clone(p)
	c.mu.Unlock()
	if !same {
		select {
		case c.kick <- struct{}{}:
		default:
		}
	}
}

func (c *calendarWatch) current() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return slices.Clone(c.paths)
}

// run polls until ctx ends; with no files set it only waits.
func (d *Daemon) runCalendar(ctx context.Context, c *calendarWatch) {
	files := calendar.NewFiles(nil)
	t := time.NewTicker(calendarPoll)
	defer t.Stop()
	for {
		paths := c.current()
		if !slices.Equal(paths, files.Paths()) {
			files.SetPaths(paths)
			if len(paths) == 0 {
				d.do(func() { d.useBusy(nil, nil) })
			}
		}
		if len(paths) > 0 && files.Poll(d.now()) {
			busy, probs := busyOf(files.Busy()), files.Problems()
			if !d.do(func() { d.useBusy(busy, probs) }) {
				return
			}
		}
		select {
		case <-ctx.Done():
			return
		case <-c.kick:
		case <-t.C:
		}
	}
}

func busyOf(ev []calendar.Event) []schedule.Busy {
	out := make([]schedule.Busy, len(ev))
	for i, e := range ev {
		out[i] = schedule.Busy{Start: e.Start, End: e.End, Summary: e.Summary}
	}
	return out
}

// useBusy installs the calendar's busy events in the core (on the loop)
// and observes at once, so a meeting that is on holds from now.
func (d *Daemon) useBusy(busy []schedule.Busy, probs []string) {
	d.sched.SetBusy(busy)
	d.calendarProblem = strings.Join(probs, "; ")
	d.logf("calendar: %d busy events, problems: %q", len(busy), d.calendarProblem)
	d.lastMenu = ""
	d.poke()
}

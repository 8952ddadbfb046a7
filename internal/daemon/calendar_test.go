package daemon

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/limber-app/limber/internal/settings"
)

// A meeting in a calendar file named by the settings holds the breaks
// that come due in it (status says so, no card opens) and the first one
// comes when it ends; a broken calendar file is a problem named in status,
// and the daemon goes on.
func TestCalendarHoldsBreaks(t *testing.T) {
	dir := t.TempDir()
	start := time.Date(2026, 3, 2, 9, 0, 0, 0, time.Local)
	ics := filepath.Join(dir, "work.ics")
	write := func(body string) {
		if err := os.WriteFile(ics, []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	write("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:m\r\nSUMMARY:Planning\r\nDESCRIPTION:secret\r\n" +
		"DTSTART:" + start.Add(5*time.Minute).UTC().Format("20060102T150405Z") + "\r\n" +
		"DTEND:" + start.Add(40*time.Minute).UTC().Format("20060102T150405Z") + "\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")
	conf := filepath.Join(dir, "config.toml")
	if err := os.WriteFile(conf, []byte("[calendar]\nfiles = [\""+ics+"\"]\nearly = \"0s\"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	store, _, err := settings.OpenStore(conf)
	if err != nil {
		t.Fatal(err)
	}
	h := newHarness(t, func(o *Options) { o.Settings = store })
	h.w.advance(h.d, 10*time.Minute, true)
	deadline := time.Now().Add(5 * time.Second)
	for h.status().Holding == nil {
		if time.Now().After(deadline) {
			t.Fatalf("no hold from the calendar: %+v", h.status())
		}
		time.Sleep(10 * time.Millisecond)
	}
	st := h.status()
	if st.Holding.Reason != "meeting" || st.Holding.Event != "Planning" || !st.Holding.Until.Equal(start.Add(40*time.Minute)) {
		t.Fatalf("holding %+v", st.Holding)
	}
	h.w.advance(h.d, 29*time.Minute, true) // 09:39: posture (09:15) and stretch (09:30) are due and held
	if n := len(h.w.launched); n != 0 {
		t.Fatalf("a window opened during the meeting: %v", h.w.launched)
	}
	held := map[string]bool{}
	for _, b := range h.status().Breaks {
		if b.Held {
			held[string(b.Kind)+" with "+string(b.With)] = true
		}
	}
	// The stretch, and the posture check merged into it: both wait for
	// the meeting (the posture's held was false beside holding: meeting).
	if len(held) != 2 || !held["stretch with "] || !held["posture with stretch"] {
		t.Fatalf("held breaks %v: %+v", held, h.status().Breaks)
	}
	h.w.advance(h.d, 2*time.Minute, true)
	if len(h.w.launched) != 1 || h.w.launched[0][0] != "card" {
		t.Fatalf("after the meeting: windows %v", h.w.launched)
	}

	write("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART:nonsense\r\n")
	deadline = time.Now().Add(5 * time.Second)
	for !strings.Contains(strings.Join(h.status().Problems, "\n"), "work.ics") {
		if time.Now().After(deadline) {
			t.Fatalf("a broken calendar file is not reported: %q", h.status().Problems)
		}
		time.Sleep(20 * time.Millisecond)
	}
	if h.status().Holding != nil {
		t.Errorf("holding without a calendar: %+v", h.status().Holding)
	}
}

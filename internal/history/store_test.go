package history

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"
	_ "time/tzdata" // Europe/Berlin for the DST tests, on any machine

	"github.com/limber-app/limber/internal/schedule"
)

var zone = time.FixedZone("UTC+2", 2*3600)

func at(day, hh, mm int) time.Time { return time.Date(2026, 3, day, hh, mm, 0, 0, zone) }

func openTemp(t *testing.T) (*Store, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "history.jsonl")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s, path
}

// records is every event in s's file, as readers see it (growing spans
// folded).
func records(t testing.TB, s *Store) []record {
	t.Helper()
	var out []record
	must(t, s.read(func(r *record) { out = append(out, *r) }))
	return out
}

// count is how many events of type typ s's file holds.
func count(t testing.TB, s *Store, typ string) int {
	t.Helper()
	n := 0
	for _, r := range records(t, s) {
		if r.T == typ {
			n++
		}
	}
	return n
}

func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func TestActivitySpansMerge(t *testing.T) {
	s, path := openTemp(t)
	start := at(2, 9, 0)
	// growing span: same start, later ends
	for i := 1; i <= 10; i++ {
		must(t, s.RecordActivity(start, start.Add(time.Duration(i)*5*time.Second), false))
	}
	if n := count(t, s, TypeSitting); n != 1 {
		t.Fatalf("growing span: %d rows, want 1", n)
	}
	// pieces since the last call, with a little jitter in between
	must(t, s.RecordActivity(start.Add(52*time.Second), start.Add(60*time.Second), false))
	must(t, s.RecordActivity(start.Add(58*time.Second), start.Add(65*time.Second), false))
	if n := count(t, s, TypeSitting); n != 1 {
		t.Fatalf("pieces: %d rows, want 1", n)
	}
	// the same call again writes nothing and changes nothing
	must(t, s.RecordActivity(start.Add(60*time.Second), start.Add(65*time.Second), false))
	// a real gap starts a new row; so does after-hours
	must(t, s.RecordActivity(start.Add(10*time.Minute), start.Add(11*time.Minute), false))
	must(t, s.RecordActivity(start.Add(11*time.Minute), start.Add(12*time.Minute), true))
	if n := count(t, s, TypeSitting); n != 3 {
		t.Fatalf("after gap and after-hours: %d rows, want 3", n)
	}
	// empty spans alone are not recorded; backwards spans are refused
	must(t, s.RecordActivity(start.Add(time.Hour), start.Add(time.Hour), false))
	if err := s.RecordActivity(start.Add(time.Hour), start, false); err == nil {
		t.Fatal("a span ending before it starts was accepted")
	}
	if n := count(t, s, TypeSitting); n != 3 {
		t.Fatalf("after empty span: %d rows, want 3", n)
	}
	// a restarted daemon continues the last span
	must(t, s.Close())
	s2, err := Open(path)
	must(t, err)
	defer s2.Close()
	must(t, s2.RecordActivity(start.Add(12*time.Minute+3*time.Second), start.Add(13*time.Minute), true))
	if n := count(t, s2, TypeSitting); n != 3 {
		t.Fatalf("after restart: %d rows, want 3", n)
	}
	st, err := s2.Stats(start.Add(time.Hour), 1, zone, Goals{})
	must(t, err)
	if want := 65*time.Second + time.Minute; st.Today.Sitting != want {
		t.Errorf("sitting %v, want %v", st.Today.Sitting, want)
	}
	if want := 2 * time.Minute; st.Today.AfterHours != want {
		t.Errorf("after hours %v, want %v", st.Today.AfterHours, want)
	}
}

func TestRecordValidates(t *testing.T) {
	s, _ := openTemp(t)
	if err := s.RecordBreak(BreakRecord{At: at(2, 9, 0), Kind: schedule.Posture, Outcome: "maybe"}); err == nil {
		t.Error("unknown outcome accepted")
	}
	if err := s.RecordBreak(BreakRecord{At: at(2, 9, 0), Outcome: Done}); err == nil {
		t.Error("break without kind accepted")
	}
	if err := s.RecordGlass(at(2, 9, 0), "fridge"); err == nil {
		t.Error("unknown glass source accepted")
	}
	if err := s.RecordPause(at(2, 10, 0), at(2, 9, 0)); err == nil {
		t.Error("backwards pause accepted")
	}
}

func TestStatsToday(t *testing.T) {
	s, _ := openTemp(t)
	g := Goals{DailyLimit: 2 * time.Hour, Glasses: 3, BreakShare: 0.5}
	must(t, s.RecordActivity(at(2, 9, 0), at(2, 10, 30), false))
	must(t, s.RecordActivity(at(2, 11, 0), at(2, 11, 20), false))
	must(t, s.RecordActivity(at(2, 21, 0), at(2, 21, 45), true))
	for i, o := range []Outcome{Done, Done, Natural, Skipped, Snoozed, ClosedEarly} {
		must(t, s.RecordBreak(BreakRecord{At: at(2, 10, i), Kind: schedule.AllKinds()[i%4], CardID: "c", Due: at(2, 10, 0), Outcome: o, Duration: time.Minute}))
	}
	for i := 0; i < 3; i++ {
		must(t, s.RecordGlass(at(2, 9+i, 5), SourceCard))
	}
	must(t, s.RecordPause(at(2, 12, 0), at(2, 13, 0)))
	must(t, s.RecordPause(at(2, 12, 0), at(2, 12, 30))) // cut short: same pause
	must(t, s.RecordLimitWarning(at(2, 11, 10), 2*time.Hour+10*time.Minute))
	// yesterday: a glass only (counts as active, misses the glass goal)
	must(t, s.RecordGlass(at(1, 9, 0), SourceCLI))

	st, err := s.Stats(at(2, 22, 0), 7, zone, g)
	must(t, err)
	d := st.Today
	if d.Date != "2026-03-02" || d.Sitting != 110*time.Minute || d.AfterHours != 45*time.Minute {
		t.Errorf("today: %+v", d)
	}
	if d.Paused != 30*time.Minute {
		t.Errorf("paused %v, want 30m", d.Paused)
	}
	want := Counts{Done: 2, Natural: 1, Skipped: 1, Snoozed: 1, ClosedEarly: 1}
	if d.Breaks != want || d.Glasses != 3 || d.LimitWarnings != 1 {
		t.Errorf("today breaks %+v glasses %d warnings %d", d.Breaks, d.Glasses, d.LimitWarnings)
	}
	if !d.Met {
		t.Errorf("today should meet the goals: %+v", d)
	}
	if len(st.Days) != 7 || st.Days[6].Date != "2026-03-02" || st.Days[0].Date != "2026-02-24" {
		t.Errorf("days: first %s last %s (%d)", st.Days[0].Date, st.Days[len(st.Days)-1].Date, len(st.Days))
	}
	if st.Days[5].Glasses != 1 || !st.Days[5].Active || st.Days[5].Met {
		t.Errorf("yesterday: %+v", st.Days[5])
	}
	if st.Streak != 1 {
		t.Errorf("streak %d, want 1 (yesterday missed the glass goal)", st.Streak)
	}
	if st.ActiveDays != 2 || st.Glasses != 4 {
		t.Errorf("active days %d glasses %d", st.ActiveDays, st.Glasses)
	}
	if len(st.Kinds) != len(schedule.AllKinds()) || st.Kinds[0].Kind != schedule.Posture || st.Kinds[0].Done != 1 || st.Kinds[0].ClosedEarly != 0 {
		t.Errorf("kinds: %+v", st.Kinds)
	}
	if sh, ok := st.Totals.Share(); !ok || sh != 3.0/5 {
		t.Errorf("share %v %v, want 0.6", sh, ok)
	}
	// over the limit: no longer met
	must(t, s.RecordActivity(at(2, 14, 0), at(2, 15, 0), false))
	st, err = s.Stats(at(2, 22, 0), 7, zone, g)
	must(t, err)
	if st.Today.Met || st.Streak != 0 {
		t.Errorf("over the limit but met=%v streak=%d", st.Today.Met, st.Streak)
	}
	if _, err := s.Stats(at(2, 22, 0), 0, zone, g); err == nil {
		t.Error("0 days accepted")
	}
}

func TestDayBoundaries(t *testing.T) {
	s, _ := openTemp(t)
	// 02:00-06:00 with days starting at 04:00: 2 h belong to the day before
	must(t, s.RecordActivity(at(3, 2, 0), at(3, 6, 0), false))
	st, err := s.Stats(at(3, 12, 0), 2, zone, Goals{DayStart: 4 * time.Hour})
	must(t, err)
	if st.Days[0].Sitting != 2*time.Hour || st.Days[1].Sitting != 2*time.Hour {
		t.Errorf("split at 04:00: %v / %v", st.Days[0].Sitting, st.Days[1].Sitting)
	}
	// at 03:00 "today" is still the day before
	st, err = s.Stats(at(3, 3, 0), 1, zone, Goals{DayStart: 4 * time.Hour})
	must(t, err)
	if st.Today.Date != "2026-03-02" {
		t.Errorf("at 03:00 today is %s, want 2026-03-02", st.Today.Date)
	}
	// across a DST change the day is 23 hours long and still one day
	berlin, err := time.LoadLocation("Europe/Berlin")
	must(t, err)
	a := time.Date(2026, 3, 29, 0, 0, 0, 0, berlin)
	must(t, s.RecordActivity(a, time.Date(2026, 3, 30, 0, 0, 0, 0, berlin), false))
	st, err = s.Stats(time.Date(2026, 3, 30, 12, 0, 0, 0, berlin), 2, berlin, Goals{})
	must(t, err)
	if st.Days[0].Date != "2026-03-29" || st.Days[0].Sitting != 23*time.Hour || st.Days[1].Sitting != 0 {
		t.Errorf("DST day: %s %v, next %v", st.Days[0].Date, st.Days[0].Sitting, st.Days[1].Sitting)
	}
}

func TestStreakReachesBeyondWindow(t *testing.T) {
	s, _ := openTemp(t)
	g := Goals{Glasses: 1}
	// 200 days: every weekday one glass, except a miss 150 days ago
	end := at(2, 12, 0)
	want := 0
	for i := 0; i < 200; i++ {
		d := end.AddDate(0, 0, -i)
		if wd := d.Weekday(); wd == time.Saturday || wd == time.Sunday {
			continue
		}
		if i == 150 {
			must(t, s.RecordActivity(d, d.Add(time.Hour), false)) // active, no glass
			break
		}
		must(t, s.RecordGlass(d, SourceTray))
		want++
	}
	st, err := s.Stats(end, 14, zone, g)
	must(t, err)
	if st.Streak != want {
		t.Errorf("streak %d, want %d", st.Streak, want)
	}
	// the second call answers from the memo, the same
	st, err = s.Stats(end, 14, zone, g)
	must(t, err)
	if st.Streak != want {
		t.Errorf("streak again %d, want %d", st.Streak, want)
	}
	// a reader without the memo agrees
	r, err := OpenReadOnly(s.Path())
	must(t, err)
	defer r.Close()
	if rst, err := r.Stats(end, 14, zone, g); err != nil || rst.Streak != want {
		t.Errorf("reader's streak %d (%v), want %d", rst.Streak, err, want)
	}
	// today not met yet: the streak runs up to yesterday
	st, err = s.Stats(end.AddDate(0, 0, 1), 14, zone, g)
	must(t, err)
	if wd := end.AddDate(0, 0, 1).Weekday(); wd != time.Saturday && st.Streak != want {
		t.Errorf("streak with today open: %d, want %d", st.Streak, want)
	}
	// pruning forgets the memo: the streak now starts 50 days back
	_, err = s.Prune(end.AddDate(0, 0, -49).Add(-12 * time.Hour))
	must(t, err)
	st, err = s.Stats(end, 14, zone, g)
	must(t, err)
	if st.Streak >= want || st.Streak < 30 {
		t.Errorf("streak after pruning %d, want about 36 (was %d)", st.Streak, want)
	}
}

func TestExport(t *testing.T) {
	s, _ := openTemp(t)
	must(t, s.RecordActivity(at(2, 9, 0), at(2, 9, 30), false))
	must(t, s.RecordBreak(BreakRecord{At: at(2, 9, 31), Kind: schedule.Stretch, CardID: `neck "roll", slow`, Due: at(2, 9, 30), Outcome: Done, Duration: 90 * time.Second}))
	must(t, s.RecordGlass(at(2, 9, 32), SourceTray))
	must(t, s.RecordPause(at(2, 10, 0), at(2, 10, 15)))
	must(t, s.RecordLimitWarning(at(2, 11, 0), 4*time.Hour))

	var b bytes.Buffer
	must(t, s.ExportCSV(&b, zone))
	if !strings.Contains(b.String(), "\r\n") {
		t.Error("CSV lines do not end in CRLF (RFC 4180)")
	}
	recs, err := csv.NewReader(&b).ReadAll()
	must(t, err)
	if len(recs) != 6 || strings.Join(recs[0], ",") != strings.Join(CSVHeader(), ",") {
		t.Fatalf("csv: %q", recs)
	}
	want := [][]string{
		{"sitting", "2026-03-02T09:00:00+02:00", "2026-03-02T09:30:00+02:00", "", "", "", "", "1800", "", "false"},
		{"break", "2026-03-02T09:31:00+02:00", "", "stretch", `neck "roll", slow`, "2026-03-02T09:30:00+02:00", "done", "90", "", ""},
		{"glass", "2026-03-02T09:32:00+02:00", "", "", "", "", "", "", "tray", ""},
		{"pause", "2026-03-02T10:00:00+02:00", "2026-03-02T10:15:00+02:00", "", "", "", "", "900", "", ""},
		{"limit_warning", "2026-03-02T11:00:00+02:00", "", "", "", "", "", "14400", "", ""},
	}
	for i, w := range want {
		if strings.Join(recs[i+1], "|") != strings.Join(w, "|") {
			t.Errorf("row %d:\n got %q\nwant %q", i+1, recs[i+1], w)
		}
	}
	for _, r := range recs[1:] {
		if _, err := time.Parse(time.RFC3339, r[1]); err != nil {
			t.Errorf("start %q is not ISO 8601: %v", r[1], err)
		}
	}

	b.Reset()
	must(t, s.ExportJSON(&b, zone))
	var evs []map[string]any
	must(t, json.Unmarshal(b.Bytes(), &evs))
	if len(evs) != 5 || evs[1]["card"] != `neck "roll", slow` || evs[1]["seconds"] != 90.0 || evs[0]["after_hours"] != false {
		t.Errorf("json: %v", evs)
	}
	if _, ok := evs[2]["seconds"]; ok {
		t.Errorf("a glass has seconds: %v", evs[2])
	}
	// an empty history is an empty array, still valid JSON
	e, _ := openTemp(t)
	b.Reset()
	must(t, e.ExportJSON(&b, zone))
	must(t, json.Unmarshal(b.Bytes(), &evs))
	if len(evs) != 0 {
		t.Errorf("empty export: %v", evs)
	}
}

func TestReadOnly(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "history.jsonl")
	if _, err := OpenReadOnly(path); !errors.Is(err, ErrNoHistory) {
		t.Fatalf("missing file: %v, want ErrNoHistory", err)
	}
	if _, err := os.Stat(path); !errors.Is(err, os.ErrNotExist) {
		t.Fatal("OpenReadOnly created the file")
	}
	w, err := Open(path)
	must(t, err)
	must(t, w.RecordGlass(at(2, 9, 0), SourceCLI))
	must(t, w.SetGoals(Goals{Glasses: 6}))

	// beside the writer
	r, err := OpenReadOnly(path)
	must(t, err)
	st, err := r.Stats(at(2, 12, 0), 1, zone, Goals{})
	must(t, err)
	if st.Today.Glasses != 1 {
		t.Errorf("reader sees %d glasses, want 1", st.Today.Glasses)
	}
	if g, ok, err := r.Goals(); err != nil || !ok || g.Glasses != 6 {
		t.Errorf("goals %+v %v %v", g, ok, err)
	}
	if err := r.RecordGlass(at(2, 10, 0), SourceCLI); err == nil {
		t.Error("read-only store accepted a write")
	}
	// an append in progress (no line end yet) is not read, nor cut off
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND, 0)
	must(t, err)
	_, err = f.WriteString(`{"t":"glass","at":17`)
	must(t, err)
	must(t, f.Close())
	if n := count(t, r, TypeGlass); n != 1 {
		t.Errorf("reader beside a half-written line sees %d glasses, want 1", n)
	}
	must(t, os.Truncate(path, w.size)) // as if that writer had finished
	// the writer's later writes are visible
	must(t, w.RecordGlass(at(2, 10, 0), SourceCLI))
	st, err = r.Stats(at(2, 12, 0), 1, zone, Goals{})
	must(t, err)
	if st.Today.Glasses != 2 {
		t.Errorf("reader sees %d glasses after a write, want 2", st.Today.Glasses)
	}
	must(t, r.Close())

	// without the writer
	must(t, w.Close())
	r, err = OpenReadOnly(path)
	must(t, err)
	defer r.Close()
	st, err = r.Stats(at(2, 12, 0), 1, zone, Goals{})
	must(t, err)
	if st.Today.Glasses != 2 {
		t.Errorf("reader alone sees %d glasses, want 2", st.Today.Glasses)
	}
}

// A crash in the middle of an append leaves half a line: it was never
// acknowledged, so the writer cuts it off at open. An unreadable line in
// the middle (a disk error, an edit by hand) is skipped by every reader,
// said once, and kept.
func TestDamagedLines(t *testing.T) {
	for name, tc := range map[string]struct {
		tail    string
		glasses int    // readable afterwards
		notice  string // in the writer's notice ("" none)
		cut     bool   // the tail is cut off
	}{
		"torn last line":        {tail: `{"t":"glass","at":17724`, glasses: 2, cut: true},
		"unreadable last line":  {tail: "{\"t\":\"gla\x00\x00\n", glasses: 2, cut: true},
		"unreadable middle":     {tail: "#garbage#\n{\"t\":\"glass\",\"at\":1772438500000,\"src\":\"cli\"}\n", glasses: 3, notice: "line 4"},
		"two unreadable at end": {tail: "#a#\n#b#\n", glasses: 2, notice: "line 4", cut: true}, // only the last is cut
	} {
		t.Run(name, func(t *testing.T) {
			s, path := openTemp(t)
			must(t, s.RecordGlass(at(2, 9, 0), SourceCLI))
			must(t, s.RecordGlass(at(2, 9, 1), SourceCLI))
			must(t, s.Close())
			f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND, 0)
			must(t, err)
			_, err = f.WriteString(tc.tail)
			must(t, err)
			must(t, f.Close())
			before, _ := os.ReadFile(path)

			s, err = Open(path)
			must(t, err)
			defer s.Close()
			if n := count(t, s, TypeGlass); n != tc.glasses {
				t.Errorf("%d glasses read, want %d", n, tc.glasses)
			}
			if n := s.Notice(); (tc.notice == "") != (n == "") || !strings.Contains(n, tc.notice) {
				t.Errorf("notice %q, want one naming %q", n, tc.notice)
			}
			after, _ := os.ReadFile(path)
			if tc.cut != (len(after) < len(before)) || !bytes.HasPrefix(before, after) {
				t.Errorf("file went from %d to %d bytes (cut: %v)", len(before), len(after), tc.cut)
			}
			// writing goes on, on a line of its own
			must(t, s.RecordGlass(at(2, 10, 0), SourceCLI))
			if n := count(t, s, TypeGlass); n != tc.glasses+1 {
				t.Errorf("after a write %d glasses, want %d", n, tc.glasses+1)
			}
			if tc.notice != "" {
				if data, _ := os.ReadFile(path); !bytes.Contains(data, []byte("#")) {
					t.Error("the unreadable line was deleted")
				}
			}
		})
	}
}

// A file of a newer format is never written: the history is kept beside
// it, and readers read that.
func TestNewerFormatLeftAlone(t *testing.T) {
	path := filepath.Join(t.TempDir(), "history.jsonl")
	must(t, os.WriteFile(path, []byte(`{"limber_history":99}`+"\n"+`{"t":"glass","at":1772438400000,"src":"cli"}`+"\n"), 0o600))
	before, err := os.ReadFile(path)
	must(t, err)
	s, err := Open(path)
	must(t, err)
	defer s.Close()
	if s.Path() != besidePath(path) || !strings.Contains(s.Notice(), "newer Limber") {
		t.Errorf("a newer file: writing %s, notice %q", s.Path(), s.Notice())
	}
	must(t, s.RecordGlass(time.Now(), SourceCLI))
	if after, _ := os.ReadFile(path); !bytes.Equal(before, after) {
		t.Error("the newer file was changed")
	}
	r, err := OpenReadOnly(path)
	must(t, err)
	if r.Path() != besidePath(path) {
		t.Errorf("reader reads %s, want the file beside", r.Path())
	}
}

// Another program's file at the history's place is never changed; the
// history is kept beside it.
func TestForeignFileLeftAlone(t *testing.T) {
	path := filepath.Join(t.TempDir(), "history.jsonl")
	must(t, os.WriteFile(path, []byte("my notes\nsecond line\n"), 0o644))
	before, err := os.ReadFile(path)
	must(t, err)
	for range 2 { // the second start finds the file beside and uses it
		s, err := Open(path)
		must(t, err)
		if s.Path() != besidePath(path) || !strings.Contains(s.Notice(), "not a Limber history") {
			t.Errorf("foreign file: writing %s, notice %q", s.Path(), s.Notice())
		}
		must(t, s.RecordGlass(time.Now(), SourceCLI))
		must(t, s.Close())
	}
	if after, _ := os.ReadFile(path); !bytes.Equal(before, after) {
		t.Error("the foreign file was changed")
	}
	s, err := OpenReadOnly(besidePath(path))
	must(t, err)
	defer s.Close()
	if n := count(t, s, TypeGlass); n != 2 {
		t.Errorf("%d glasses kept beside, want 2", n)
	}
}

// A symbolic link at the history's place is not followed: the writer
// refuses it (the journal keeps the events meanwhile) and says what to do.
func TestSymlinkNotFollowed(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("symlinks need privileges on Windows")
	}
	dir := t.TempDir()
	target := filepath.Join(dir, "elsewhere")
	must(t, os.WriteFile(target, nil, 0o600))
	path := filepath.Join(dir, "history.jsonl")
	must(t, os.Symlink(target, path))
	if s, err := Open(path); err == nil || !strings.Contains(err.Error(), "symbolic link") {
		if s != nil {
			s.Close()
		}
		t.Fatalf("a symlink opened: %v", err)
	}
	if data, _ := os.ReadFile(target); len(data) != 0 {
		t.Errorf("the link's target was written: %q", data)
	}
}

// The history file is private.
func TestHistoryFileIsPrivate(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no Unix modes")
	}
	path := filepath.Join(t.TempDir(), "history.jsonl")
	s, err := Open(path)
	must(t, err)
	must(t, s.RecordGlass(time.Now(), SourceCLI))
	if fi, err := os.Stat(path); err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("%s is %v, want 0600 (%v)", path, fi.Mode().Perm(), err)
	}
	must(t, s.Close())
	must(t, os.Chmod(path, 0o644)) // an older Limber made it so
	s, err = Open(path)
	must(t, err)
	s.Close()
	if fi, _ := os.Stat(path); fi.Mode().Perm() != 0o600 {
		t.Errorf("an existing 0644 history stays %v", fi.Mode().Perm())
	}
}

// A clock set back never writes sitting spans that overlap.
func TestBackwardsClockNoOverlap(t *testing.T) {
	s, err := Open(filepath.Join(t.TempDir(), "history.jsonl"))
	must(t, err)
	defer s.Close()
	base := time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC)
	tm := func(min int) time.Time { return base.Add(time.Duration(min) * time.Minute) }
	// the daemon's pattern: the piece since the last poll, a minute at a time
	for m := 0; m < 30; m++ {
		must(t, s.RecordActivity(tm(m), tm(m+1), false))
	}
	// the clock goes back an hour, then runs on past the old time
	for m := -60; m < 45; m++ {
		must(t, s.RecordActivity(tm(m), tm(m+1), m%20 == 0))
	}
	must(t, s.Flush())
	var spans []record
	for _, r := range records(t, s) {
		if r.T == TypeSitting {
			spans = append(spans, r)
		}
	}
	var total int64
	for i, a := range spans {
		total += a.End - a.At
		for _, b := range spans[i+1:] {
			if a.At < b.End && b.At < a.End {
				t.Errorf("spans %+v and %+v overlap", a, b)
			}
		}
	}
	if total > (105 * time.Minute).Milliseconds() {
		t.Errorf("%v of sitting written for 105 minutes of wall time", time.Duration(total)*time.Millisecond)
	}
}

func TestPrune(t *testing.T) {
	s, path := openTemp(t)
	simulate(t, s, at(2, 12, 0), 60, zone, 3)
	cut := at(2, 0, 0).AddDate(0, 0, -20)
	before := 0
	must(t, s.Events(func(e Event) error {
		if e.Start.Before(cut) {
			before++
		}
		return nil
	}))
	n, err := s.Prune(cut)
	must(t, err)
	if n == 0 || int(n) > before {
		t.Fatalf("pruned %d rows; %d started before the cut", n, before)
	}
	must(t, s.Events(func(e Event) error {
		end := e.End
		if end.IsZero() {
			end = e.Start
		}
		if end.Before(cut) {
			t.Errorf("kept %+v", e)
		}
		return nil
	}))
	if check, _ := s.IntegrityCheck(); check != "ok" {
		t.Errorf("integrity after prune: %s", check)
	}
	// nothing left to prune: the file is not rewritten
	fi, _ := os.Stat(path)
	if n, err := s.Prune(cut); err != nil || n != 0 {
		t.Errorf("second prune: %d %v", n, err)
	}
	if fi2, _ := os.Stat(path); !os.SameFile(fi, fi2) {
		t.Error("a prune with nothing to drop rewrote the file")
	}
	// the file stays private
	if fi, _ := os.Stat(path); runtime.GOOS != "windows" && fi.Mode().Perm() != 0o600 {
		t.Errorf("pruned file is %v", fi.Mode().Perm())
	}
	// recording still works after pruning
	must(t, s.RecordActivity(at(2, 13, 0), at(2, 13, 1), false))
}

func TestConcurrentUse(t *testing.T) {
	s, path := openTemp(t)
	r, err := OpenReadOnly(path)
	must(t, err)
	defer r.Close()
	var wg sync.WaitGroup
	base := at(2, 8, 0)
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 25; i++ {
				t0 := base.Add(time.Duration(i) * time.Second)
				if err := s.RecordActivity(base, t0.Add(time.Second), false); err != nil {
					t.Error(err)
				}
				if err := s.RecordGlass(t0, SourceTray); err != nil {
					t.Error(err)
				}
				if _, err := s.Stats(t0, 3, zone, Goals{}); err != nil {
					t.Error(err)
				}
				if _, err := r.Stats(t0, 3, zone, Goals{}); err != nil {
					t.Error(err)
				}
			}
		}()
	}
	wg.Wait()
	if n := count(t, s, TypeGlass); n != 100 {
		t.Errorf("%d glasses, want 100", n)
	}
	if n := count(t, s, TypeSitting); n != 1 {
		t.Errorf("%d spans, want 1", n)
	}
}

func TestActivityWritesAreThrottled(t *testing.T) {
	s, path := openTemp(t)
	clock := at(2, 9, 0)
	s.now = func() time.Time { return clock }
	stored := func() time.Time {
		t.Helper()
		return fromMS(maxEnd(t, s))
	}
	start := at(2, 9, 0)
	must(t, s.RecordActivity(start, start.Add(time.Second), false)) // new row: written
	for i := 2; i <= 4; i++ {
		clock = start.Add(time.Duration(i) * time.Second)
		must(t, s.RecordActivity(start.Add(time.Duration(i-1)*time.Second), clock, false))
	}
	if got := stored(); !got.Equal(start.Add(time.Second)) {
		t.Errorf("held back for less than FlushEvery, yet stored up to %v", got)
	}
	clock = start.Add(FlushEvery + time.Second)
	must(t, s.RecordActivity(start.Add(4*time.Second), clock, false))
	if got := stored(); !got.Equal(clock) {
		t.Errorf("after FlushEvery stored up to %v, want %v", got, clock)
	}
	// a held-back extension is written by any other record, by Stats, by Close
	clock = clock.Add(time.Second)
	must(t, s.RecordActivity(start, clock, false))
	must(t, s.RecordGlass(clock, SourceTray))
	if got := stored(); !got.Equal(clock) {
		t.Errorf("after a glass stored up to %v, want %v", got, clock)
	}
	clock = clock.Add(time.Second)
	must(t, s.RecordActivity(start, clock, false))
	st, err := s.Stats(clock, 1, zone, Goals{})
	must(t, err)
	if want := clock.Sub(start); st.Today.Sitting != want {
		t.Errorf("stats sitting %v, want %v", st.Today.Sitting, want)
	}
	clock = clock.Add(time.Second)
	must(t, s.RecordActivity(start, clock, false))
	must(t, s.Close())
	r, err := OpenReadOnly(path)
	must(t, err)
	defer r.Close()
	end := maxEnd(t, r)
	if !fromMS(end).Equal(clock) {
		t.Errorf("after Close stored up to %v, want %v", fromMS(end), clock)
	}
}

// maxEnd is the latest end of a sitting span in s's file.
func maxEnd(t *testing.T, s *Store) int64 {
	var end int64
	for _, r := range records(t, s) {
		if r.T == TypeSitting {
			end = max(end, r.End)
		}
	}
	return end
}

// A span that grows for hours is written every FlushEvery, and the file
// is compacted on the way: it stays the size of its events.
func TestLongSpanCompacts(t *testing.T) {
	s, path := openTemp(t)
	clock := at(2, 9, 0)
	s.now = func() time.Time { return clock }
	start := clock
	// Long enough for twice compactAfter lines, a poll every 5 s.
	const poll = 5 * time.Second
	long := 2 * compactAfter * FlushEvery
	for i := 1; i <= int(long/poll); i++ {
		clock = start.Add(time.Duration(i) * poll)
		must(t, s.RecordActivity(clock.Add(-poll), clock, false))
	}
	must(t, s.Flush())
	fi, err := os.Stat(path)
	must(t, err)
	if lines := int(long / FlushEvery); fi.Size() > int64(compactAfter*80) || fi.Size() >= int64(lines*40) {
		t.Errorf("%v of one span take %d bytes", long, fi.Size())
	}
	if n := count(t, s, TypeSitting); n != 1 {
		t.Errorf("%d spans, want 1", n)
	}
	if got := maxEnd(t, s); got != ms(clock) {
		t.Errorf("span ends at %v, want %v", fromMS(got), clock)
	}
	if fi.Mode().Perm() != 0o600 && runtime.GOOS != "windows" {
		t.Errorf("compacted file is %v", fi.Mode().Perm())
	}
}

func TestStatsArgsFitIPC(t *testing.T) {
	for _, d := range []int{0, -1, MaxIPCDays + 1} {
		if (StatsArgs{Days: d}).Check() == nil {
			t.Errorf("%d days accepted", d)
		}
	}
	s, _ := openTemp(t)
	simulate(t, s, at(2, 12, 0), MaxIPCDays, zone, 5)
	st, err := s.Stats(at(2, 12, 0), MaxIPCDays, zone, Goals{Glasses: 6})
	must(t, err)
	b, err := json.Marshal(st)
	must(t, err)
	if len(b) > 512<<10 {
		t.Errorf("a %d-day reply is %d bytes, too close to the 1 MiB IPC limit", MaxIPCDays, len(b))
	}
	var back Stats
	must(t, json.Unmarshal(b, &back))
	if back.Today.Sitting != st.Today.Sitting || len(back.Days) != MaxIPCDays || back.Streak != st.Streak || back.Days[10].Breaks != st.Days[10].Breaks {
		t.Error("Stats does not survive a JSON round trip")
	}
}

package history

import (
	"bytes"
	"database/sql"
	"encoding/csv"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
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
	path := filepath.Join(t.TempDir(), "history.db")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s, path
}

func count(t testing.TB, s *Store, table string) int {
	t.Helper()
	var n int
	if err := s.db.QueryRow("SELECT count(*) FROM " + table).Scan(&n); err != nil {
		t.Fatal(err)
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
	if n := count(t, s, "activity"); n != 1 {
		t.Fatalf("growing span: %d rows, want 1", n)
	}
	// pieces since the last call, with a little jitter in between
	must(t, s.RecordActivity(start.Add(52*time.Second), start.Add(60*time.Second), false))
	must(t, s.RecordActivity(start.Add(58*time.Second), start.Add(65*time.Second), false))
	if n := count(t, s, "activity"); n != 1 {
		t.Fatalf("pieces: %d rows, want 1", n)
	}
	// the same call again writes nothing and changes nothing
	must(t, s.RecordActivity(start.Add(60*time.Second), start.Add(65*time.Second), false))
	// a real gap starts a new row; so does after-hours
	must(t, s.RecordActivity(start.Add(10*time.Minute), start.Add(11*time.Minute), false))
	must(t, s.RecordActivity(start.Add(11*time.Minute), start.Add(12*time.Minute), true))
	if n := count(t, s, "activity"); n != 3 {
		t.Fatalf("after gap and after-hours: %d rows, want 3", n)
	}
	// empty spans alone are not recorded; backwards spans are refused
	must(t, s.RecordActivity(start.Add(time.Hour), start.Add(time.Hour), false))
	if err := s.RecordActivity(start.Add(time.Hour), start, false); err == nil {
		t.Fatal("a span ending before it starts was accepted")
	}
	if n := count(t, s, "activity"); n != 3 {
		t.Fatalf("after empty span: %d rows, want 3", n)
	}
	// a restarted daemon continues the last span
	must(t, s.Close())
	s2, err := Open(path)
	must(t, err)
	defer s2.Close()
	must(t, s2.RecordActivity(start.Add(12*time.Minute+3*time.Second), start.Add(13*time.Minute), true))
	if n := count(t, s2, "activity"); n != 3 {
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
	path := filepath.Join(dir, "history.db")
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
	if _, err := r.db.Exec(`INSERT INTO glasses(at, source) VALUES(1, 'cli')`); err == nil {
		t.Error("read-only connection accepted raw SQL writes")
	}
	// the writer's later writes are visible
	must(t, w.RecordGlass(at(2, 10, 0), SourceCLI))
	st, err = r.Stats(at(2, 12, 0), 1, zone, Goals{})
	must(t, err)
	if st.Today.Glasses != 2 {
		t.Errorf("reader sees %d glasses after a write, want 2", st.Today.Glasses)
	}
	must(t, r.Close())

	// without the writer (its WAL checkpointed and removed)
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

func TestCorruptFileMovedAside(t *testing.T) {
	for name, damage := range map[string]func(t *testing.T, path string){
		"not a database": func(t *testing.T, path string) {
			must(t, os.WriteFile(path, bytes.Repeat([]byte("limber? no. "), 1000), 0o600))
			must(t, os.WriteFile(path+"-wal", []byte("junk wal"), 0o600))
		},
		"torn pages": func(t *testing.T, path string) {
			s, err := Open(path)
			must(t, err)
			simulate(t, s, at(2, 12, 0), 30, zone, 1)
			must(t, s.Close())
			f, err := os.OpenFile(path, os.O_RDWR, 0)
			must(t, err)
			// scribble over the middle of the file, where the tables' pages are
			fi, _ := f.Stat()
			_, err = f.WriteAt(bytes.Repeat([]byte{0xA5}, 8192), fi.Size()/2)
			must(t, err)
			must(t, f.Close())
		},
	} {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, "history.db")
			damage(t, path)
			before, err := os.ReadFile(path)
			must(t, err)
			s, err := Open(path)
			must(t, err)
			defer s.Close()
			moved := s.MovedAside()
			if !strings.HasPrefix(filepath.Base(moved), "history.db.corrupt-") {
				t.Fatalf("MovedAside = %q", moved)
			}
			if n := s.MovedAsideNotice(); !strings.Contains(n, moved) {
				t.Errorf("notice %q does not say where the file went", n)
			}
			kept, err := os.ReadFile(moved)
			must(t, err)
			// SQLite may have bumped the change counter (bytes 24-27)
			// and version-valid-for (92-95) in the header; the rest
			// must be as it was.
			if len(kept) == len(before) && len(kept) > 100 {
				copy(kept[24:28], before[24:28])
				copy(kept[92:96], before[92:96])
			}
			if !bytes.Equal(kept, before) {
				t.Error("the damaged file was not kept as it was")
			}
			if name == "not a database" {
				if _, err := os.Stat(moved + "-wal"); err != nil {
					t.Errorf("its -wal was not moved along: %v", err)
				}
			}
			must(t, s.RecordGlass(at(2, 9, 0), SourceCard))
			if n := count(t, s, "glasses"); n != 1 {
				t.Errorf("fresh file has %d glasses", n)
			}
			// a second open does not move anything again
			must(t, s.Close())
			s2, err := Open(path)
			must(t, err)
			defer s2.Close()
			if s2.MovedAside() != "" || s2.MovedAsideNotice() != "" {
				t.Errorf("second open moved %s aside", s2.MovedAside())
			}
		})
	}
}

func TestNewerSchemaLeftAlone(t *testing.T) {
	path := filepath.Join(t.TempDir(), "history.db")
	db, err := sql.Open("sqlite", path)
	must(t, err)
	_, err = db.Exec("CREATE TABLE future(x); PRAGMA user_version = 99")
	must(t, err)
	db.Close()
	before, err := os.ReadFile(path)
	must(t, err)
	s, err := Open(path)
	must(t, err)
	defer s.Close()
	if s.Path() != besidePath(path) || !strings.Contains(s.MovedAsideNotice(), "newer Limber") {
		t.Errorf("a newer file: writing %s, notice %q", s.Path(), s.MovedAsideNotice())
	}
	must(t, s.RecordGlass(time.Now(), SourceCLI))
	if after, _ := os.ReadFile(path); !bytes.Equal(before, after) {
		t.Error("the newer file was changed")
	}
	if m, _ := filepath.Glob(path + ".corrupt-*"); len(m) != 0 {
		t.Errorf("a newer file was moved aside: %v", m)
	}
	if _, err := os.Stat(path + "-wal"); err == nil {
		t.Error("the newer file was switched to WAL")
	}
}

// Another program's SQLite file at the history's place is never changed:
// no tables added, no WAL; the history is kept beside it.
func TestForeignDatabaseLeftAlone(t *testing.T) {
	path := filepath.Join(t.TempDir(), "history.db")
	db, err := sql.Open("sqlite", path)
	must(t, err)
	_, err = db.Exec("CREATE TABLE notes(x); INSERT INTO notes VALUES('mine')")
	must(t, err)
	db.Close()
	before, err := os.ReadFile(path)
	must(t, err)
	for range 2 { // the second start finds the file beside and uses it
		s, err := Open(path)
		must(t, err)
		if s.Path() != besidePath(path) || !strings.Contains(s.MovedAsideNotice(), "another program") {
			t.Errorf("foreign file: writing %s, notice %q", s.Path(), s.MovedAsideNotice())
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
	if n := count(t, s, "glasses"); n != 2 {
		t.Errorf("%d glasses kept beside, want 2", n)
	}
}

// history.db is private, and so are its -wal and -shm.
func TestHistoryFileIsPrivate(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no Unix modes")
	}
	path := filepath.Join(t.TempDir(), "history.db")
	s, err := Open(path)
	must(t, err)
	must(t, s.RecordGlass(time.Now(), SourceCLI))
	for _, p := range []string{path, path + "-wal", path + "-shm"} {
		if fi, err := os.Stat(p); err == nil && fi.Mode().Perm() != 0o600 {
			t.Errorf("%s is %v, want 0600", p, fi.Mode().Perm())
		}
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
	s, err := Open(filepath.Join(t.TempDir(), "history.db"))
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
	rows, err := s.db.Query(`SELECT a.id, b.id FROM activity a JOIN activity b ON a.id < b.id AND a.start_at < b.end_at AND b.start_at < a.end_at`)
	must(t, err)
	defer rows.Close()
	for rows.Next() {
		var x, y int64
		must(t, rows.Scan(&x, &y))
		t.Errorf("rows %d and %d overlap", x, y)
	}
	var total int64
	must(t, s.db.QueryRow(`SELECT sum(end_at - start_at) FROM activity`).Scan(&total))
	if total > (105 * time.Minute).Milliseconds() {
		t.Errorf("%v of sitting written for 105 minutes of wall time", time.Duration(total)*time.Millisecond)
	}
}

// oldFixtures inserts rows valid at each schema version; after the upgrade
// they must all still be there.
var oldFixtures = map[int]string{
	1: `INSERT INTO breaks(at, kind, card, due, outcome, dur_ms) VALUES(1772438400000, 'posture', 'c1', 1772438300000, 'done', 30000);
		INSERT INTO activity(start_at, end_at, after_hours) VALUES(1772434800000, 1772438400000, 0);
		INSERT INTO glasses(at, source) VALUES(1772438400000, 'tray');
		INSERT INTO pauses(start_at, end_at) VALUES(1772440000000, 1772441000000);
		INSERT INTO limit_warnings(at, sitting_ms) VALUES(1772438400000, 14400000);`,
	2: `INSERT INTO meta(key, value) VALUES('goals', '{"Glasses":5}');`,
	3: `INSERT INTO breaks(at, kind, card, due, outcome, dur_ms, debt_ms, paid_ms, spent) VALUES(1772438500000, 'stretch', '', NULL, 'skipped', 0, 90000, 0, 1);`,
}

func TestUpgradeFromEveryVersion(t *testing.T) {
	all := migrations()
	for v := 0; v < len(all); v++ {
		t.Run("from v"+strconv.Itoa(v), func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "history.db")
			db, err := sql.Open("sqlite", path)
			must(t, err)
			for i := 0; i < v; i++ {
				_, err := db.Exec(all[i])
				must(t, err)
				if f, ok := oldFixtures[i+1]; ok {
					_, err := db.Exec(f)
					must(t, err)
				}
			}
			_, err = db.Exec("PRAGMA user_version = " + strconv.Itoa(v))
			must(t, err)
			must(t, db.Close())

			s, err := Open(path)
			must(t, err)
			defer s.Close()
			var got int
			must(t, s.db.QueryRow("PRAGMA user_version").Scan(&got))
			if got != SchemaVersion() {
				t.Fatalf("upgraded to v%d, want v%d", got, SchemaVersion())
			}
			if check, err := s.IntegrityCheck(); err != nil || check != "ok" {
				t.Fatalf("integrity after upgrade: %q %v", check, err)
			}
			n := 0
			must(t, s.Events(func(Event) error { n++; return nil }))
			if v >= 1 && n != 5 {
				t.Errorf("%d events after upgrade, want the 5 from v1", n)
			}
			// every current write works on the upgraded file
			must(t, s.RecordBreak(BreakRecord{At: at(2, 9, 0), Kind: schedule.Movement, Outcome: Natural}))
			must(t, s.RecordActivity(at(2, 9, 0), at(2, 9, 5), false))
			must(t, s.RecordGlass(at(2, 9, 0), SourceCLI))
			must(t, s.RecordPause(at(2, 9, 0), at(2, 9, 5)))
			must(t, s.RecordLimitWarning(at(2, 9, 0), time.Hour))
			must(t, s.SetGoals(Goals{Glasses: 8}))
			g, ok, err := s.Goals()
			must(t, err)
			if !ok || g.Glasses != 8 {
				t.Errorf("goals after upgrade: %+v", g)
			}
		})
	}
	if len(oldFixtures) != len(all) {
		t.Errorf("add fixtures for every schema version (have %d, schema is v%d)", len(oldFixtures), len(all))
	}
}

func TestPrune(t *testing.T) {
	s, _ := openTemp(t)
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
	if n := count(t, s, "glasses"); n != 100 {
		t.Errorf("%d glasses, want 100", n)
	}
	if n := count(t, s, "activity"); n != 1 {
		t.Errorf("%d spans, want 1", n)
	}
}

func TestActivityWritesAreThrottled(t *testing.T) {
	s, path := openTemp(t)
	clock := at(2, 9, 0)
	s.now = func() time.Time { return clock }
	stored := func() time.Time {
		t.Helper()
		var end int64
		must(t, s.db.QueryRow(`SELECT max(end_at) FROM activity`).Scan(&end))
		return fromMS(end)
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
	var end int64
	must(t, r.db.QueryRow(`SELECT max(end_at) FROM activity`).Scan(&end))
	if !fromMS(end).Equal(clock) {
		t.Errorf("after Close stored up to %v, want %v", fromMS(end), clock)
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

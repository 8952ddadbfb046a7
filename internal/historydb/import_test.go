package historydb

import (
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/limber-app/limber/internal/history"
	"github.com/limber-app/limber/internal/schedule"
)

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

var zone = time.FixedZone("UTC+2", 2*3600)

// oldHistory is a few days of events as a Limber of some schema version
// wrote them.
type oldHistory struct {
	breaks   []history.BreakRecord
	spans    [][3]int64 // start, end (unix ms), after hours (0/1)
	glasses  []history.Entry
	pauses   [][2]int64
	warnings []history.Entry
	goals    *history.Goals
}

// sample is the same events at every version; debt, paid and spent only
// from v3, goals only from v2 (the columns and table did not exist before).
func sample(v int) oldHistory {
	day := time.Date(2026, 3, 2, 0, 0, 0, 0, zone)
	var h oldHistory
	for d := range 5 {
		base := day.AddDate(0, 0, -d)
		for i := range 6 {
			t0 := base.Add(9*time.Hour + time.Duration(i)*50*time.Minute)
			h.spans = append(h.spans, [3]int64{t0.UnixMilli(), t0.Add(40 * time.Minute).UnixMilli(), 0})
			b := history.BreakRecord{At: t0.Add(41 * time.Minute), Kind: schedule.AllKinds()[i%4], CardID: fmt.Sprintf("c%d", i),
				Due: t0.Add(40 * time.Minute), Outcome: []history.Outcome{history.Done, history.Natural, history.Skipped, history.Snoozed, history.ClosedEarly, history.Short}[i], Duration: time.Minute}
			if i == 2 {
				b.Due = time.Time{} // NULL: unknown
			}
			if v >= 3 && i == 2 {
				b.Debt, b.Spent = 90*time.Second, true
			}
			if v >= 3 && i == 3 {
				b.Paid = 30 * time.Second
			}
			h.breaks = append(h.breaks, b)
			h.glasses = append(h.glasses, history.GlassEntry(t0.Add(10*time.Minute), history.SourceTray))
		}
		e := base.Add(21 * time.Hour)
		h.spans = append(h.spans, [3]int64{e.UnixMilli(), e.Add(30 * time.Minute).UnixMilli(), 1})
		h.pauses = append(h.pauses, [2]int64{base.Add(13 * time.Hour).UnixMilli(), base.Add(14 * time.Hour).UnixMilli()})
		h.warnings = append(h.warnings, history.LimitEntry(base.Add(15*time.Hour), 4*time.Hour))
	}
	if v >= 2 {
		h.goals = &history.Goals{Glasses: 5, DailyLimit: 4 * time.Hour, BreakShare: 0.5}
	}
	return h
}

// writeDB makes a SQLite history at schema version v (migrations[0..v-1],
// as that version created it) holding h.
func writeDB(t *testing.T, path string, v int, h oldHistory) {
	t.Helper()
	db, err := sql.Open("sqlite", path)
	must(t, err)
	defer db.Close()
	all := migrations()
	for i := range v {
		_, err := db.Exec(all[i])
		must(t, err)
	}
	_, err = db.Exec(fmt.Sprintf("PRAGMA user_version = %d", v))
	must(t, err)
	for _, b := range h.breaks {
		var due any
		if !b.Due.IsZero() {
			due = b.Due.UnixMilli()
		}
		if v >= 3 {
			_, err = db.Exec(`INSERT INTO breaks(at, kind, card, due, outcome, dur_ms, debt_ms, paid_ms, spent) VALUES(?,?,?,?,?,?,?,?,?)`,
				b.At.UnixMilli(), string(b.Kind), b.CardID, due, string(b.Outcome), b.Duration.Milliseconds(), b.Debt.Milliseconds(), b.Paid.Milliseconds(), b.Spent)
		} else {
			_, err = db.Exec(`INSERT INTO breaks(at, kind, card, due, outcome, dur_ms) VALUES(?,?,?,?,?,?)`,
				b.At.UnixMilli(), string(b.Kind), b.CardID, due, string(b.Outcome), b.Duration.Milliseconds())
		}
		must(t, err)
	}
	for _, s := range h.spans {
		_, err = db.Exec(`INSERT INTO activity(start_at, end_at, after_hours) VALUES(?,?,?)`, s[0], s[1], s[2])
		must(t, err)
	}
	for _, g := range h.glasses {
		_, err = db.Exec(`INSERT INTO glasses(at, source) VALUES(?,?)`, g.At.UnixMilli(), string(g.Source))
		must(t, err)
	}
	for _, p := range h.pauses {
		_, err = db.Exec(`INSERT INTO pauses(start_at, end_at) VALUES(?,?)`, p[0], p[1])
		must(t, err)
	}
	for _, w := range h.warnings {
		_, err = db.Exec(`INSERT INTO limit_warnings(at, sitting_ms) VALUES(?,?)`, w.At.UnixMilli(), w.Sitting.Milliseconds())
		must(t, err)
	}
	if h.goals != nil {
		_, err = db.Exec(`INSERT INTO meta(key, value) VALUES('goals', ?)`,
			fmt.Sprintf(`{"DailyLimit":%d,"Glasses":%d,"BreakShare":%v,"DayStart":0}`, h.goals.DailyLimit, h.goals.Glasses, h.goals.BreakShare))
		must(t, err)
	}
}

// record writes h through the new store, as a daemon of today would have.
func record(t *testing.T, path string, h oldHistory) {
	t.Helper()
	s, err := history.Open(path)
	must(t, err)
	defer s.Close()
	for _, b := range h.breaks {
		must(t, s.RecordBreak(b))
	}
	for _, sp := range h.spans {
		must(t, s.RecordActivity(time.UnixMilli(sp[0]), time.UnixMilli(sp[1]), sp[2] != 0))
	}
	for _, g := range h.glasses {
		must(t, s.Apply(g))
	}
	for _, p := range h.pauses {
		must(t, s.RecordPause(time.UnixMilli(p[0]), time.UnixMilli(p[1])))
	}
	for _, w := range h.warnings {
		must(t, s.Apply(w))
	}
	if h.goals != nil {
		must(t, s.SetGoals(*h.goals))
	}
}

func stats(t *testing.T, path string) (history.Stats, history.Goals, []history.Event) {
	t.Helper()
	s, err := history.OpenReadOnly(path)
	must(t, err)
	g, _, err := s.Goals()
	must(t, err)
	st, err := s.Stats(time.Date(2026, 3, 2, 23, 0, 0, 0, zone), 7, zone, history.Goals{Glasses: 5, DailyLimit: 3 * time.Hour})
	must(t, err)
	var evs []history.Event
	must(t, s.Events(func(e history.Event) error { evs = append(evs, e); return nil }))
	return st, g, evs
}

// A history.db of every schema version imports whole: the statistics,
// goals and events read from the new file are those of the same events
// recorded by today's Limber.
func TestImportEveryVersion(t *testing.T) {
	for v := 1; v <= SchemaVersion(); v++ {
		t.Run(fmt.Sprintf("v%d", v), func(t *testing.T) {
			dir := t.TempDir()
			h := sample(v)
			src, dst, ref := filepath.Join(dir, "history.db"), filepath.Join(dir, "history.jsonl"), filepath.Join(dir, "ref.jsonl")
			writeDB(t, src, v, h)
			record(t, ref, h)
			res, err := Import(src, dst)
			must(t, err)
			if want := len(h.breaks) + len(h.spans) + len(h.glasses) + len(h.pauses) + len(h.warnings); res.Entries != want || res.Bad != 0 {
				t.Errorf("imported %d (%d bad), want %d", res.Entries, res.Bad, want)
			}
			gotSt, gotG, gotEv := stats(t, dst)
			wantSt, wantG, wantEv := stats(t, ref)
			if !reflect.DeepEqual(gotSt, wantSt) {
				t.Errorf("stats after the import:\n%+v\nwant\n%+v", gotSt, wantSt)
			}
			if gotG != wantG {
				t.Errorf("goals %+v, want %+v", gotG, wantG)
			}
			if !reflect.DeepEqual(gotEv, wantEv) {
				t.Errorf("%d events, want %d", len(gotEv), len(wantEv))
			}
			if gotSt.Totals.Decided() == 0 || gotSt.Sitting == 0 || (v >= 3) != (gotSt.Today.SkipsSpent == 1) {
				t.Errorf("implausible: %+v", gotSt.Today)
			}
			if _, err := os.Stat(src); !errors.Is(err, os.ErrNotExist) {
				t.Error("the old file is still at its place")
			}
			if res.Kept != src+ImportedSuffix {
				t.Errorf("kept at %s", res.Kept)
			}
			if _, err := os.Stat(res.Kept); err != nil {
				t.Errorf("the old file is not kept: %v", err)
			}
		})
	}
}

// The daemon may have recorded events in the new file before the import
// ran; the old ones go first, and nothing is lost. The fallback file
// beside the old history is imported too, and an import is never done
// twice.
func TestImportMergesAndOnce(t *testing.T) {
	dir := t.TempDir()
	src, dst := filepath.Join(dir, "history.db"), filepath.Join(dir, "history.jsonl")
	h := sample(3)
	writeDB(t, src, 3, h)
	// an event the old daemon kept in its fallback file, and a torn line
	pend := `{"type":"glass","at":"2026-03-01T07:00:00+02:00","source":"cli"}` + "\n" + `{"type":"gla`
	must(t, os.WriteFile(src+".pending", []byte(pend), 0o600))
	// what the new daemon recorded before the import
	s, err := history.Open(dst)
	must(t, err)
	now := time.Date(2026, 3, 2, 22, 0, 0, 0, zone)
	must(t, s.RecordGlass(now, history.SourceCLI))
	must(t, s.SetGoals(history.Goals{Glasses: 9}))
	must(t, s.Close())

	res, err := Import(src, dst)
	must(t, err)
	if want := len(h.breaks) + len(h.spans) + len(h.glasses) + len(h.pauses) + len(h.warnings) + 1; res.Entries != want || res.Bad != 1 {
		t.Errorf("imported %d (%d bad), want %d (1 bad)", res.Entries, res.Bad, want)
	}
	_, g, evs := stats(t, dst)
	glasses := 0
	for _, e := range evs {
		if e.Type == history.TypeGlass {
			glasses++
		}
	}
	if glasses != len(h.glasses)+2 {
		t.Errorf("%d glasses, want %d", glasses, len(h.glasses)+2)
	}
	if g.Glasses != 9 {
		t.Errorf("goals %+v: the new daemon's goals must win", g)
	}
	data, err := os.ReadFile(dst)
	must(t, err)
	lines := strings.Split(strings.TrimSpace(string(data)), "\n")
	if !strings.Contains(lines[len(lines)-1], `"goals"`) || !strings.Contains(lines[len(lines)-2], `"cli"`) {
		t.Errorf("the new file's own events are not last: %q", lines[len(lines)-2:])
	}
	if _, err := os.Stat(src + ".pending" + ImportedSuffix); err != nil {
		t.Errorf("the fallback file is not kept: %v", err)
	}
	if fi, err := os.Stat(dst); err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("the new file: %v %v", fi.Mode().Perm(), err)
	}
	// the same old file again (put back by hand): nothing written twice
	must(t, os.Rename(res.Kept, src))
	res, err = Import(src, dst)
	must(t, err)
	if !res.Already {
		t.Error("a second import was not noticed")
	}
	if after, _ := os.ReadFile(dst); string(after) != string(data) {
		t.Error("a second import changed the file")
	}
}

// A history.db of a newer Limber, or another program's database, is not
// imported, and left as it was.
func TestImportRefuses(t *testing.T) {
	for name, setup := range map[string]string{
		"newer":   "CREATE TABLE future(x); PRAGMA user_version = 99",
		"foreign": "CREATE TABLE notes(x); INSERT INTO notes VALUES('mine')",
	} {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			src, dst := filepath.Join(dir, "history.db"), filepath.Join(dir, "history.jsonl")
			db, err := sql.Open("sqlite", src)
			must(t, err)
			_, err = db.Exec(setup)
			must(t, err)
			db.Close()
			before, _ := os.ReadFile(src)
			if _, err := Import(src, dst); err == nil {
				t.Fatal("imported")
			}
			if after, _ := os.ReadFile(src); string(after) != string(before) {
				t.Error("the old file was changed")
			}
			if _, err := os.Stat(dst); !errors.Is(err, os.ErrNotExist) {
				t.Error("the new file was written")
			}
		})
	}
}

package history

import (
	"encoding/json"
	"math/rand/v2"
	"os"
	"strconv"
	"testing"
	"time"

	"github.com/limber-app/limber/internal/schedule"
)

// simulate writes days of plausible history ending with the day of end, in
// one append: working days (no weekends) of about 8 h sitting in
// spans cut by ~30 breaks, ~8 glasses, now and then an evening after hours,
// a pause or a limit warning. It returns the number of rows written.
func simulate(tb testing.TB, s *Store, end time.Time, days int, loc *time.Location, seed uint64) int {
	tb.Helper()
	r := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	var buf []byte
	put := func(rec record) {
		b, err := json.Marshal(rec)
		if err != nil {
			tb.Fatal(err)
		}
		buf = append(append(buf, b...), '\n')
	}
	brk := func(at int64, kind, card string, due int64, o string, dur int64) {
		put(record{T: TypeBreak, At: at, Kind: kind, Card: card, Due: due, Outcome: o, MS: dur})
	}
	span := func(a, e int64, ah int) { put(record{T: TypeSitting, At: a, End: e, AH: ah != 0}) }
	glass := func(at int64, src string) { put(record{T: TypeGlass, At: at, Src: src}) }
	pause := func(a, e int64) { put(record{T: TypePause, At: a, End: e}) }
	warn := func(at, sit int64) { put(record{T: TypeLimitWarning, At: at, MS: sit}) }
	kinds := []schedule.Kind{schedule.Posture, schedule.Posture, schedule.Posture, schedule.Hydration, schedule.Hydration,
		schedule.Stretch, schedule.Stretch, schedule.Stretch, schedule.Movement, schedule.Movement}
	outcome := func() Outcome {
		switch x := r.IntN(100); {
		case x < 55:
			return Done
		case x < 75:
			return Natural
		case x < 87:
			return Skipped
		case x < 95:
			return Snoozed
		default:
			return ClosedEarly
		}
	}
	sources := []Source{SourceCard, SourceCard, SourceTray, SourceCLI}
	rows := 0
	last := dayBegin(end, loc, 0)
	for i := days - 1; i >= 0; i-- {
		day := time.Date(last.Year(), last.Month(), last.Day()-i, 0, 0, 0, 0, loc)
		if wd := day.Weekday(); wd == time.Saturday || wd == time.Sunday {
			continue
		}
		t := day.Add(8*time.Hour + time.Duration(r.IntN(90))*time.Minute)
		target := 7*time.Hour + time.Duration(r.IntN(150))*time.Minute
		var sat time.Duration
		warned := false
		for n := 0; sat < target && n < 40; n++ {
			seg := 8*time.Minute + time.Duration(r.IntN(16*60))*time.Second
			if t.Hour() == 12 && r.IntN(3) == 0 {
				t = t.Add(40 * time.Minute) // lunch
			}
			span(ms(t), ms(t.Add(seg)), 0)
			sat += seg
			t = t.Add(seg)
			k := kinds[r.IntN(len(kinds))]
			o := outcome()
			d := time.Duration(20+r.IntN(100)) * time.Second
			if k == schedule.Movement || k == schedule.Stretch {
				d *= 3
			}
			switch o {
			case Skipped:
				d = 0
			case Snoozed:
				d = 5 * time.Minute
			case ClosedEarly:
				d /= 3
			}
			brk(ms(t.Add(d)), string(k), string(k)+"-"+string(rune('a'+r.IntN(6))), ms(t), string(o), d.Milliseconds())
			rows += 2
			if o != Skipped && o != Snoozed {
				t = t.Add(d)
			}
			if !warned && sat > 8*time.Hour {
				warn(ms(t), sat.Milliseconds())
				warned = true
				rows++
			}
		}
		for g, n := 0, 5+r.IntN(6); g < n; g++ {
			glass(ms(day.Add(8*time.Hour+time.Duration(r.IntN(10*60))*time.Minute)), string(sources[r.IntN(len(sources))]))
			rows++
		}
		if r.IntN(5) == 0 {
			a := day.Add(20*time.Hour + time.Duration(r.IntN(60))*time.Minute)
			span(ms(a), ms(a.Add(time.Duration(20+r.IntN(60))*time.Minute)), 1)
			rows++
		}
		if r.IntN(10) == 0 {
			a := day.Add(13 * time.Hour)
			pause(ms(a), ms(a.Add(time.Hour)))
			rows++
		}
	}
	s.mu.Lock()
	err := s.appendLocked(buf) // one write: a year takes well under a second
	s.span.ok = false
	s.mu.Unlock()
	if err != nil {
		tb.Fatal(err)
	}
	return rows
}

// TestWriteDemo writes a few weeks (LIMBER_DEMO_DAYS days, 41 unless set)
// of simulated history to the file named by LIMBER_DEMO_DB (for looking at
// the stats window, or the daemon's memory with a year of history);
// skipped otherwise.
func TestWriteDemo(t *testing.T) {
	path := os.Getenv("LIMBER_DEMO_DB")
	if path == "" {
		t.Skip("set LIMBER_DEMO_DB=FILE to write a demo history")
	}
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	now := time.Now()
	seed := uint64(6) // a seed whose last days make a streak, for the screenshots
	if v, err := strconv.ParseUint(os.Getenv("LIMBER_DEMO_SEED"), 10, 64); err == nil {
		seed = v
	}
	days := 41
	if v, err := strconv.Atoi(os.Getenv("LIMBER_DEMO_DAYS")); err == nil && v > 0 {
		days = v
	}
	n := simulate(t, s, now.AddDate(0, 0, -1), days, time.Local, seed)
	// today so far: a morning's sitting, a few breaks and glasses
	day := dayBegin(now, time.Local, 0)
	at := day.Add(8*time.Hour + 30*time.Minute)
	for i := 0; i < 6 && at.Add(40*time.Minute).Before(now); i++ {
		if err := s.RecordActivity(at, at.Add(35*time.Minute), false); err != nil {
			t.Fatal(err)
		}
		at = at.Add(35 * time.Minute)
		o := []Outcome{Done, Done, Natural, Skipped, Done, Snoozed}[i]
		if err := s.RecordBreak(BreakRecord{At: at.Add(time.Minute), Kind: schedule.AllKinds()[i%4], CardID: "demo", Due: at, Outcome: o, Duration: time.Minute}); err != nil {
			t.Fatal(err)
		}
		at = at.Add(2 * time.Minute)
		if i%2 == 0 {
			if err := s.RecordGlass(at, SourceTray); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := s.SetGoals(Goals{DailyLimit: 8 * time.Hour, Glasses: 6, BreakShare: 0.6, DayStart: 4 * time.Hour}); err != nil {
		t.Fatal(err)
	}
	t.Logf("wrote %d simulated rows to %s", n, path)
}

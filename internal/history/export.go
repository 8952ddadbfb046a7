package history

import (
	"bufio"
	"cmp"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"
)

// TimeLayout is how exports write times: ISO 8601 with a numeric offset.
const TimeLayout = "2006-01-02T15:04:05-07:00"

// Event types in exports.
const (
	TypeBreak        = "break"
	TypeSitting      = "sitting"
	TypePause        = "pause"
	TypeGlass        = "glass"
	TypeLimitWarning = "limit_warning"
)

// Event is one row of the journal, of any table, as exports show it.
type Event struct {
	Type  string    // one of the Type* constants
	Start time.Time // when it happened, or began
	End   time.Time // when a sitting span or pause ended; zero for instants
	// Kind, Card, Due and Outcome are set for breaks.
	Kind, Card, Outcome string
	Due                 time.Time
	// Duration: a break's length (see BreakRecord.Duration), a span's or
	// pause's length, the sitting time at a limit warning.
	Duration   time.Duration
	Source     string // glasses: card|tray|cli
	AfterHours bool   // sitting spans outside working hours
}

// Events calls fn for every event of the journal, oldest first (by start,
// then type). The file is in the order events were recorded, which is not
// quite that (a sitting span is written with its start, after the breaks
// taken while it grew), so Events holds the events in memory to sort them:
// it is for exports and tests, never the daemon's loop.
func (s *Store) Events(fn func(Event) error) error {
	var all []Event
	if err := s.read(func(r *record) {
		if e, ok := r.event(); ok {
			all = append(all, e)
		}
	}); err != nil {
		return fmt.Errorf("reading the history: %w", err)
	}
	slices.SortStableFunc(all, func(a, b Event) int {
		return cmp.Or(a.Start.Compare(b.Start), cmp.Compare(a.Type, b.Type))
	})
	for _, e := range all {
		if err := fn(e); err != nil {
			return err
		}
	}
	return nil
}

// event is the record as exports show it (false for lines that are no
// event: goals, an import's mark, types of a newer Limber).
func (r *record) event() (Event, bool) {
	e := Event{Type: r.T, Start: fromMS(r.At)}
	switch r.T {
	case TypeBreak:
		e.Kind, e.Card, e.Outcome = r.Kind, r.Card, r.Outcome
		if r.Due != 0 {
			e.Due = fromMS(r.Due)
		}
		e.Duration = time.Duration(r.MS) * time.Millisecond
	case TypeSitting, TypePause:
		e.End = fromMS(r.End)
		e.Duration = time.Duration(r.End-r.At) * time.Millisecond
		e.AfterHours = r.AH
	case TypeGlass:
		e.Source = r.Src
	case TypeLimitWarning:
		e.Duration = time.Duration(r.MS) * time.Millisecond
	default:
		return Event{}, false
	}
	return e, true
}

// CSVHeader is the header row of ExportCSV.
func CSVHeader() []string {
	return []string{"type", "start", "end", "kind", "card", "due", "outcome", "seconds", "source", "after_hours"}
}

// CSVCell keeps a text cell from being run as a spreadsheet formula: one
// that begins with =, +, -, @, a tab or a carriage return gets a leading
// apostrophe, as OWASP advises against CSV injection. Numbers and times
// are written by Limber itself and never need it.
func CSVCell(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

// ExportCSV writes every event as RFC 4180 CSV (CRLF line ends, a header
// row), times in loc as ISO 8601 with offset.
func (s *Store) ExportCSV(w io.Writer, loc *time.Location) error {
	if loc == nil {
		loc = time.Local
	}
	cw := csv.NewWriter(w)
	cw.UseCRLF = true
	if err := cw.Write(CSVHeader()); err != nil {
		return fmt.Errorf("writing the export: %w", err)
	}
	rec := make([]string, len(CSVHeader()))
	err := s.Events(func(e Event) error {
		rec[0] = CSVCell(e.Type)
		rec[1] = fmtTime(e.Start, loc)
		rec[2] = fmtTime(e.End, loc)
		rec[3] = CSVCell(e.Kind)
		rec[4] = CSVCell(e.Card)
		rec[5] = fmtTime(e.Due, loc)
		rec[6] = CSVCell(e.Outcome)
		rec[7] = ""
		if e.Type != TypeGlass {
			rec[7] = seconds(e.Duration)
		}
		rec[8] = CSVCell(e.Source)
		rec[9] = ""
		if e.Type == TypeSitting {
			rec[9] = strconv.FormatBool(e.AfterHours)
		}
		if err := cw.Write(rec); err != nil {
			return fmt.Errorf("writing the export: %w", err)
		}
		return nil
	})
	if err != nil {
		return err
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("writing the export: %w", err)
	}
	return nil
}

// jsonEvent is one event in ExportJSON; empty fields are left out.
type jsonEvent struct {
	Type       string   `json:"type"`
	Start      string   `json:"start"`
	End        string   `json:"end,omitempty"`
	Kind       string   `json:"kind,omitempty"`
	Card       string   `json:"card,omitempty"`
	Due        string   `json:"due,omitempty"`
	Outcome    string   `json:"outcome,omitempty"`
	Seconds    *float64 `json:"seconds,omitempty"`
	Source     string   `json:"source,omitempty"`
	AfterHours *bool    `json:"after_hours,omitempty"`
}

// ExportJSON writes every event as a JSON array of objects, one per line,
// with the same fields and formats as ExportCSV.
func (s *Store) ExportJSON(w io.Writer, loc *time.Location) error {
	if loc == nil {
		loc = time.Local
	}
	bw := bufio.NewWriter(w)
	if _, err := bw.WriteString("["); err != nil {
		return fmt.Errorf("writing the export: %w", err)
	}
	first := true
	err := s.Events(func(e Event) error {
		je := jsonEvent{
			Type: e.Type, Start: fmtTime(e.Start, loc), End: fmtTime(e.End, loc),
			Kind: e.Kind, Card: e.Card, Due: fmtTime(e.Due, loc), Outcome: e.Outcome, Source: e.Source,
		}
		if e.Type != TypeGlass {
			v := e.Duration.Seconds()
			je.Seconds = &v
		}
		if e.Type == TypeSitting {
			je.AfterHours = &e.AfterHours
		}
		b, err := json.Marshal(je)
		if err != nil {
			return fmt.Errorf("writing the export: %w", err)
		}
		sep := ",\n"
		if first {
			sep, first = "\n", false
		}
		bw.WriteString(sep)
		if _, err := bw.Write(b); err != nil {
			return fmt.Errorf("writing the export: %w", err)
		}
		return nil
	})
	if err != nil {
		return err
	}
	bw.WriteString("\n]\n")
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("writing the export: %w", err)
	}
	return nil
}

func fmtTime(t time.Time, loc *time.Location) string {
	if t.IsZero() {
		return ""
	}
	return t.In(loc).Format(TimeLayout)
}

func seconds(d time.Duration) string {
	return strconv.FormatFloat(d.Seconds(), 'f', -1, 64)
}

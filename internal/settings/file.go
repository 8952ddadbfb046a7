package settings

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2/lang"
	"github.com/BurntSushi/toml"
)

// Problem is one thing wrong with a settings file, placed at its line.
type Problem struct {
	File    string `json:"file"`
	Line    int    `json:"line"` // 1-based; 0 when the whole file is at fault
	Key     string `json:"key,omitempty"`
	Message string `json:"message"`
}

// String is "FILE:LINE: message", the form editors and `config check` use.
func (p Problem) String() string {
	if p.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", p.File, p.Line, p.Message)
	}
	return fmt.Sprintf("%s: %s", p.File, p.Message)
}

// The file's shape. Durations and times of day are strings so that each bad
// value becomes its own Problem instead of stopping the decoder.
type fileSettings struct {
	Preset       tStr           `toml:"preset"`
	Language     tStr           `toml:"language"`
	StartAtLogin tBool          `toml:"start_at_login"`
	HistoryDays  tInt           `toml:"history_days"`
	Posture      fileSmallBreak `toml:"posture"`
	Hydration    fileSmallBreak `toml:"hydration"`
	Stretch      fileBreak      `toml:"stretch"`
	Movement     fileBreak      `toml:"movement"`
	Cycle        fileCycle      `toml:"cycle"`
	Breaks       fileBreaks     `toml:"breaks"`
	Limits       fileLimits     `toml:"limits"`
	Cards        fileCards      `toml:"cards"`
	WorkingHours fileWorkHours  `toml:"working_hours"`
	Advanced     fileAdvanced   `toml:"advanced"`
}

type fileBreak struct {
	Enabled  tBool `toml:"enabled"`
	Interval tStr  `toml:"interval"`
	Length   tStr  `toml:"length"`
	Warn     tStr  `toml:"warn"`
}

type fileSmallBreak struct {
	Enabled  tBool `toml:"enabled"`
	Interval tStr  `toml:"interval"`
	Length   tStr  `toml:"length"`
	Warn     tStr  `toml:"warn"`
	Style    tStr  `toml:"style"`
}

type fileCycle struct {
	Enabled tBool `toml:"enabled"`
	Sit     tStr  `toml:"sit"`
	Stand   tStr  `toml:"stand"`
	Move    tStr  `toml:"move"`
}

type fileBreaks struct {
	Snooze     tStr  `toml:"snooze"`
	MaxSkips   tInt  `toml:"max_skips"`
	MaxSnoozes tInt  `toml:"max_snoozes"`
	Strict     tBool `toml:"strict"`
}

type fileLimits struct {
	DailySitting     tStr `toml:"daily_sitting"`
	DailySittingStep tStr `toml:"daily_sitting_step"`
	HydrationGoal    tInt `toml:"hydration_goal"`
}

type fileCards struct {
	Positions []tStr `toml:"positions"`
}

type fileDay struct {
	Start tStr  `toml:"start"`
	End   tStr  `toml:"end"`
	Off   tBool `toml:"off"`
}

type fileWorkHours struct {
	Enabled   tBool   `toml:"enabled"`
	Monday    fileDay `toml:"monday"`
	Tuesday   fileDay `toml:"tuesday"`
	Wednesday fileDay `toml:"wednesday"`
	Thursday  fileDay `toml:"thursday"`
	Friday    fileDay `toml:"friday"`
	Saturday  fileDay `toml:"saturday"`
	Sunday    fileDay `toml:"sunday"`
}

func (w *fileWorkHours) day(d time.Weekday) *fileDay {
	return [...]*fileDay{&w.Sunday, &w.Monday, &w.Tuesday, &w.Wednesday, &w.Thursday, &w.Friday, &w.Saturday}[d]
}

type fileAdvanced struct {
	IdleAfter   tStr `toml:"idle_after"`
	ActiveAfter tStr `toml:"active_after"`
	DayStart    tStr `toml:"day_start"`
	HoldLimit   tStr `toml:"hold_limit"`
}

// tStr, tInt and tBool take any TOML value and remember one of the wrong
// type, so that a type mistake becomes a Problem on its line while the rest
// of the file is still checked.
type tStr struct {
	V   string
	bad any
}

type tInt struct {
	V   int
	bad any
}

type tBool struct {
	V   bool
	bad any
}

func (t *tStr) UnmarshalTOML(v any) error {
	if x, ok := v.(string); ok {
		t.V, t.bad = x, nil
	} else {
		t.bad = v
	}
	return nil
}

func (t *tInt) UnmarshalTOML(v any) error {
	if x, ok := v.(int64); ok && x >= -1<<31 && x < 1<<31 {
		t.V, t.bad = int(x), nil
	} else {
		t.bad = v
	}
	return nil
}

func (t tInt) String() string  { return strconv.Itoa(t.V) }
func (t tBool) String() string { return strconv.FormatBool(t.V) }

func (t *tBool) UnmarshalTOML(v any) error {
	if x, ok := v.(bool); ok {
		t.V, t.bad = x, nil
	} else {
		t.bad = v
	}
	return nil
}

func ts(v string) tStr        { return tStr{V: v} }
func ti(v int) tInt           { return tInt{V: v} }
func tb(v bool) tBool         { return tBool{V: v} }
func td(d time.Duration) tStr { return ts(FormatDuration(d)) }

func toFileBreak(b Break) fileBreak {
	return fileBreak{tb(b.Enabled), td(b.Interval), td(b.Length), td(b.Warn)}
}

func toFileSmall(b Break) fileSmallBreak {
	return fileSmallBreak{tb(b.Enabled), td(b.Interval), td(b.Length), td(b.Warn), ts(b.Style)}
}

func toFile(s Settings) fileSettings {
	f := fileSettings{
		Preset:       ts(s.Preset),
		Language:     ts(s.Language),
		StartAtLogin: tb(s.StartAtLogin),
		HistoryDays:  ti(s.HistoryDays),
		Posture:      toFileSmall(s.Posture),
		Hydration:    toFileSmall(s.Hydration),
		Stretch:      toFileBreak(s.Stretch),
		Movement:     toFileBreak(s.Movement),
		Cycle:        fileCycle{tb(s.Cycle.Enabled), td(s.Cycle.Sit), td(s.Cycle.Stand), td(s.Cycle.Move)},
		Breaks:       fileBreaks{td(s.Snooze), ti(s.MaxSkips), ti(s.MaxSnoozes), tb(s.Strict)},
		Limits:       fileLimits{td(s.DailyLimit), td(s.DailyLimitStep), ti(s.HydrationGoal)},
		Advanced: fileAdvanced{
			td(s.Advanced.IdleAfter), td(s.Advanced.ActiveAfter),
			ts(FormatClock(int(s.Advanced.DayStart / time.Minute))), td(s.Advanced.HoldLimit),
		},
	}
	f.Cards.Positions = []tStr{}
	for _, p := range s.Positions.Allowed() {
		f.Cards.Positions = append(f.Cards.Positions, ts(p))
	}
	f.WorkingHours.Enabled = tb(s.WorkingHours.Enabled)
	for wd := time.Sunday; wd <= time.Saturday; wd++ {
		d := s.WorkingHours.Days[wd]
		*f.WorkingHours.day(wd) = fileDay{ts(FormatClock(d.Start)), ts(FormatClock(d.End)), tb(d.Off)}
	}
	return f
}

// fromFile converts the file's values, adding a problem for each one that
// has the wrong type or does not parse.
func fromFile(f fileSettings, add func(key, msg string)) Settings {
	str := func(key string, v tStr) string {
		if v.bad != nil {
			add(key, lang.X("settings.err.want_text", `Write this value as text in quotes, for example "30m".`))
		}
		return v.V
	}
	num := func(key string, v tInt) int {
		if v.bad != nil {
			add(key, lang.X("settings.err.want_number", "Write this value as a whole number, without quotes."))
		}
		return v.V
	}
	flag := func(key string, v tBool) bool {
		if v.bad != nil {
			add(key, lang.X("settings.err.want_bool", "Write this value as true or false, without quotes."))
		}
		return v.V
	}
	dur := func(key string, v tStr) time.Duration {
		if v.bad != nil {
			str(key, v)
			return 0
		}
		d, err := ParseDuration(v.V)
		if err != nil {
			add(key, err.Error())
		}
		return d
	}
	clock := func(key string, v tStr) int {
		if v.bad != nil {
			str(key, v)
			return 0
		}
		m, err := ParseClock(v.V)
		if err != nil {
			add(key, err.Error())
		}
		return m
	}
	brk := func(p string, b fileBreak, style string) Break {
		return Break{flag(p+".enabled", b.Enabled), dur(p+".interval", b.Interval),
			dur(p+".length", b.Length), dur(p+".warn", b.Warn), style}
	}
	small := func(p string, b fileSmallBreak) Break {
		return brk(p, fileBreak{b.Enabled, b.Interval, b.Length, b.Warn}, str(p+".style", b.Style))
	}
	s := Settings{
		Preset:       str("preset", f.Preset),
		Language:     str("language", f.Language),
		StartAtLogin: flag("start_at_login", f.StartAtLogin),
		HistoryDays:  num("history_days", f.HistoryDays),
		Posture:      small("posture", f.Posture),
		Hydration:    small("hydration", f.Hydration),
		Stretch:      brk("stretch", f.Stretch, StyleCard),
		Movement:     brk("movement", f.Movement, StyleCard),
		Cycle: Cycle{flag("cycle.enabled", f.Cycle.Enabled), dur("cycle.sit", f.Cycle.Sit),
			dur("cycle.stand", f.Cycle.Stand), dur("cycle.move", f.Cycle.Move)},
		Snooze:         dur("breaks.snooze", f.Breaks.Snooze),
		MaxSkips:       num("breaks.max_skips", f.Breaks.MaxSkips),
		MaxSnoozes:     num("breaks.max_snoozes", f.Breaks.MaxSnoozes),
		Strict:         flag("breaks.strict", f.Breaks.Strict),
		DailyLimit:     dur("limits.daily_sitting", f.Limits.DailySitting),
		DailyLimitStep: dur("limits.daily_sitting_step", f.Limits.DailySittingStep),
		HydrationGoal:  num("limits.hydration_goal", f.Limits.HydrationGoal),
		Advanced: Advanced{
			IdleAfter:   dur("advanced.idle_after", f.Advanced.IdleAfter),
			ActiveAfter: dur("advanced.active_after", f.Advanced.ActiveAfter),
			DayStart:    time.Duration(clock("advanced.day_start", f.Advanced.DayStart)) * time.Minute,
			HoldLimit:   dur("advanced.hold_limit", f.Advanced.HoldLimit),
		},
	}
	for _, pv := range f.Cards.Positions {
		p := str("cards.positions", pv)
		switch {
		case pv.bad != nil:
		case p == "desk":
			s.Positions.Desk = true
		case p == "standing":
			s.Positions.Standing = true
		case p == "floor":
			s.Positions.Floor = true
		default:
			add("cards.positions", lang.X("settings.err.position_name",
				`Unknown position "{{.Value}}": use "desk", "standing" or "floor".`, map[string]any{"Value": p}))
		}
	}
	s.WorkingHours.Enabled = flag("working_hours.enabled", f.WorkingHours.Enabled)
	for wd := time.Sunday; wd <= time.Saturday; wd++ {
		d := f.WorkingHours.day(wd)
		p := "working_hours." + WeekdayKey(wd) + "."
		s.WorkingHours.Days[wd] = Day{Off: flag(p+"off", d.Off), Start: clock(p+"start", d.Start), End: clock(p+"end", d.End)}
	}
	return s
}

// knownKeys lists every key the file may hold, for "did you mean".
func knownKeys() []string {
	var keys []string
	var walk func(prefix string, v any)
	walk = func(prefix string, v any) {
		m, ok := v.(map[string]any)
		if !ok {
			keys = append(keys, prefix)
			return
		}
		for k, sub := range m {
			p := k
			if prefix != "" {
				p = prefix + "." + k
			}
			walk(p, sub)
		}
	}
	var m map[string]any
	if _, err := toml.Decode(string(Encode(Defaults())), &m); err == nil {
		walk("", m)
	}
	return keys
}

// typeErrLine pulls the line out of the decoder's type errors, which are
// plain errors rather than ParseErrors.
var typeErrLine = regexp.MustCompile(`^toml: line (\d+) \(last key "([^"]*)"\): (.*)$`)

// Parse reads a config file's bytes. file names it in problems. With no
// problems the settings are valid (and Normalized); with problems the
// returned settings are the defaults and must not replace working ones.
//
// Keys left out of the file take the defaults of the file's preset, so a
// file holding only `preset = "cornell"` is complete.
func Parse(data []byte, file string) (Settings, []Problem) {
	lines := keyLines(data)
	var probs []Problem
	add := func(key, msg string) {
		probs = append(probs, Problem{File: file, Line: lines.find(key), Key: key, Message: msg})
	}
	fail := func(err error) (Settings, []Problem) {
		var pe toml.ParseError
		switch {
		case errors.As(err, &pe):
			line := pe.Position.Line
			if st := pe.Position.Start; st >= 0 && st < len(data) {
				// The lexer counts a newline it stumbles on as the next line.
				line = bytes.Count(data[:st], []byte("\n")) + 1
			}
			probs = append(probs, Problem{File: file, Line: line, Key: pe.LastKey,
				Message: lang.X("settings.err.syntax", "This is not valid TOML: {{.Detail}}.", map[string]any{"Detail": pe.Message})})
		default:
			p := Problem{File: file, Message: err.Error()}
			if m := typeErrLine.FindStringSubmatch(err.Error()); m != nil {
				p.Line, _ = strconv.Atoi(m[1])
				p.Key = m[2]
				p.Message = lang.X("settings.err.type", "Wrong kind of value for {{.Key}}: {{.Detail}}.",
					map[string]any{"Key": m[2], "Detail": strings.TrimPrefix(m[3], "incompatible types: ")})
			}
			probs = append(probs, p)
		}
		return Defaults(), probs
	}

	var head struct {
		Preset tStr `toml:"preset"`
	}
	if _, err := toml.Decode(string(data), &head); err != nil {
		if _, ok := err.(toml.ParseError); ok {
			return fail(err)
		}
		// A type error on some other key is reported by the full decode below.
	}
	base := Defaults()
	switch {
	case head.Preset.V == "" || head.Preset.V == PresetCustom:
	case IsPreset(head.Preset.V):
		base.ApplyPreset(head.Preset.V)
	default:
		add("preset", lang.X("settings.err.preset", `Unknown preset "{{.Value}}": use office, cornell, eyes-20-20-20, gentle or custom.`,
			map[string]any{"Value": head.Preset.V}))
	}

	raw := toFile(base)
	md, err := toml.Decode(string(data), &raw)
	if err != nil {
		return fail(err)
	}
	reported := map[string]bool{}
	var known []string
	for _, k := range md.Undecoded() {
		if known == nil {
			known = knownKeys() // only needed for a mistake
		}
		key := strings.Join(k, ".")
		if parentReported(reported, k) {
			continue
		}
		reported[key] = true
		msg := lang.X("settings.err.unknown_key", `Unknown setting "{{.Key}}".`, map[string]any{"Key": key})
		if near := closest(key, known); near != "" {
			msg += " " + lang.X("settings.err.did_you_mean", `Did you mean "{{.Key}}"?`, map[string]any{"Key": near})
		}
		add(key, msg)
	}
	s := fromFile(raw, add)
	bad := map[string]bool{}
	for _, p := range probs {
		bad[p.Key] = true
	}
	for _, e := range s.Validate() {
		if !bad[e.Key] { // a value that did not parse is not also "too short"
			add(e.Key, e.Message)
		}
	}
	if len(probs) > 0 {
		sort.SliceStable(probs, func(i, j int) bool { return probs[i].Line < probs[j].Line })
		return Defaults(), probs
	}
	s.Normalize()
	return s, nil
}

func parentReported(reported map[string]bool, k toml.Key) bool {
	for i := 1; i < len(k); i++ {
		if reported[strings.Join(k[:i], ".")] {
			return true
		}
	}
	return false
}

// closest returns the known key within two edits of key, if any.
func closest(key string, known []string) string {
	best, bestD := "", 3
	for _, k := range known {
		if d := editDistance(key, k); d < bestD {
			best, bestD = k, d
		}
	}
	return best
}

func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// Load reads and checks the settings file at path. A missing file is an
// error wrapping fs.ErrNotExist (see EnsureFile); a file with problems
// returns the defaults and the problems, and the caller keeps what it had.
func Load(path string) (Settings, []Problem, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return Defaults(), nil, fmt.Errorf("reading settings: %w", err)
	}
	s, probs := Parse(data, path)
	return s, probs, nil
}

// lineIndex maps dotted key paths to the line that sets them.
type lineIndex map[string]int

// find returns the line of key, or of its nearest parent written in the
// file (an inline table, a [table] header), or 0.
func (l lineIndex) find(key string) int {
	for key != "" {
		if n, ok := l[key]; ok {
			return n
		}
		i := strings.LastIndexByte(key, '.')
		if i < 0 {
			break
		}
		key = key[:i]
	}
	return 0
}

// keyLines scans TOML text for table headers and key/value lines. It is
// not a parser: it only runs on text the real parser accepted (or reports
// nothing useful for text it did not), and it only has to find lines.
func keyLines(data []byte) lineIndex {
	idx := lineIndex{}
	var table []string
	inMulti := ""
	for n, line := range bytes.Split(data, []byte("\n")) {
		ln := n + 1
		t := strings.TrimSpace(string(line))
		if inMulti != "" {
			if strings.Count(t, inMulti)%2 == 1 {
				inMulti = ""
			}
			continue
		}
		if t == "" || t[0] == '#' {
			continue
		}
		if strings.HasPrefix(t, "[") {
			name := strings.TrimLeft(t, "[")
			if i := strings.IndexByte(name, ']'); i >= 0 {
				name = name[:i]
			}
			table = splitKey(name)
			idx.set(strings.Join(table, "."), ln)
			continue
		}
		eq := strings.IndexByte(t, '=')
		if eq <= 0 {
			continue
		}
		key := append(append([]string{}, table...), splitKey(t[:eq])...)
		idx.set(strings.Join(key, "."), ln)
		for _, q := range []string{`"""`, `'''`} {
			if strings.Count(t[eq:], q)%2 == 1 {
				inMulti = q
			}
		}
	}
	return idx
}

func (l lineIndex) set(key string, line int) {
	if _, ok := l[key]; !ok {
		l[key] = line
	}
}

func splitKey(s string) []string {
	parts := strings.Split(s, ".")
	for i, p := range parts {
		parts[i] = strings.Trim(strings.TrimSpace(p), `"'`)
	}
	return parts
}

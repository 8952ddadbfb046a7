package cards

import (
	"bytes"
	"errors"
	"fmt"
	"github.com/limber-app/limber/internal/duration"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/pelletier/go-toml/v2"

	"github.com/limber-app/limber/internal/figure/pose"
	"github.com/limber-app/limber/internal/schedule"
)

// rawCard mirrors the TOML file; see assets/cardfiles/README.md.
type rawCard struct {
	ID        string     `toml:"id"`
	Title     string     `toml:"title"`
	Kinds     []string   `toml:"kinds"`
	Type      string     `toml:"type"`
	Duration  string     `toml:"duration"`
	Timed     bool       `toml:"timed"`
	Tip       bool       `toml:"tip"`
	Positions []string   `toml:"positions"`
	Factors   *[]string  `toml:"factors"` // nil: the key is missing
	Areas     []string   `toml:"areas"`
	Steps     []string   `toml:"steps"`
	Safety    string     `toml:"safety"`
	HandsOn   bool       `toml:"hands_on_desk"`
	Figure    *rawFigure `toml:"figure"`
	// Translations, one table per language of internal/i18n.
	DE *rawText `toml:"de"`
	FR *rawText `toml:"fr"`
	ES *rawText `toml:"es"`
}

type rawText struct {
	Title  string   `toml:"title"`
	Steps  []string `toml:"steps"`
	Safety string   `toml:"safety"`
}

// translations pairs each language code with its table.
func (r rawCard) translations() []struct {
	code string
	t    *rawText
} {
	return []struct {
		code string
		t    *rawText
	}{{"de", r.DE}, {"fr", r.FR}, {"es", r.ES}}
}

type rawFigure struct {
	View  string           `toml:"view"`
	Base  string           `toml:"base"`
	Keep  string           `toml:"keep"`
	Props []string         `toml:"props"`
	Hold  float64          `toml:"hold"`
	Move  float64          `toml:"move"`
	Pose  []map[string]any `toml:"pose"`
}

var idPattern = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// Parse reads one card file. name is used in problems (FILE:LINE: message).
// On any problem the card is not usable and ok is false; every problem
// found is returned, not just the first.
func Parse(name string, data []byte) (c Card, problems []Problem) {
	return parse(name, data, solveFigure)
}

// parse is Parse with figure making the Card.Figure; with figure nil it
// checks the [figure] table as strictly but leaves Card.Figure empty,
// skipping the work of solving each pose (most of a card's parsing time
// and memory).
func parse(name string, data []byte, figure figureFunc) (c Card, problems []Problem) {
	bad := func(line int, format string, a ...any) {
		problems = append(problems, Problem{File: name, Line: line, Msg: fmt.Sprintf(format, a...)})
	}
	if len(data) > maxFileSize {
		bad(0, "file is %d bytes; a card file may be at most %d", len(data), maxFileSize)
		return Card{}, problems
	}
	if !utf8.Valid(data) {
		bad(0, "file is not UTF-8 text")
		return Card{}, problems
	}
	var raw rawCard
	// Strict: an unknown key is a problem, but the rest of the card is
	// still decoded and checked, so every problem is reported at once.
	err := toml.NewDecoder(bytes.NewReader(data)).DisallowUnknownFields().Decode(&raw)
	var strict *toml.StrictMissingError
	if errors.As(err, &strict) {
		for _, e := range strict.Errors {
			line, _ := e.Position()
			bad(line, "unknown key %q (check the spelling; see the card format in %s)", strings.Join(e.Key(), "."), FormatDoc())
		}
		err = nil
	}
	if err != nil {
		var de *toml.DecodeError
		if errors.As(err, &de) {
			line, _ := de.Position()
			bad(line, "%s", tomlMessage(de))
		} else {
			bad(0, "not valid TOML: %s", strings.TrimPrefix(err.Error(), "toml: "))
		}
		return Card{}, problems
	}
	loc := newLocator(data)

	c.ID = strings.TrimSpace(raw.ID)
	switch {
	case c.ID == "":
		bad(loc.key("", 0, "id"), "id is missing (a short name like \"neck-tilt\")")
	case len(c.ID) > MaxIDLen || !idPattern.MatchString(c.ID):
		bad(loc.key("", 0, "id"), "id %q must be lower-case letters, digits and single dashes, at most %d characters", raw.ID, MaxIDLen)
	}
	c.Title = strings.TrimSpace(raw.Title)
	switch {
	case c.Title == "":
		bad(loc.key("", 0, "title"), "title is missing")
	case utf8.RuneCountInString(c.Title) > MaxTitleLen:
		bad(loc.key("", 0, "title"), "title is %d characters; keep it to %d", utf8.RuneCountInString(c.Title), MaxTitleLen)
	}

	if len(raw.Kinds) == 0 {
		bad(loc.key("", 0, "kinds"), "kinds is missing: list the breaks it serves, from %s", joinQ(schedule.AllKinds()))
	}
	seen := map[string]bool{}
	for i, k := range raw.Kinds {
		if !isOneOf(k, schedule.AllKinds()) {
			bad(loc.elem("", 0, "kinds", i), "unknown kind %q (use %s)", k, joinQ(schedule.AllKinds()))
		} else if seen[k] {
			bad(loc.elem("", 0, "kinds", i), "kind %q is listed twice", k)
		} else {
			c.Kinds = append(c.Kinds, schedule.Kind(k))
		}
		seen[k] = true
	}

	c.Type = Type(strings.TrimSpace(raw.Type))
	switch {
	case c.Type == "" && len(c.Kinds) > 0:
		// Cards written before types existed: the type their first kind suggests.
		c.Type = map[schedule.Kind]Type{schedule.Posture: TypePosture, schedule.Hydration: TypeWater,
			schedule.Eyes: TypeEyes, schedule.Stretch: TypeStretch, schedule.Movement: TypeWalk}[c.Kinds[0]]
	case c.Type != "" && !isOneOf(string(c.Type), AllTypes()):
		bad(loc.key("", 0, "type"), "unknown type %q (use %s)", raw.Type, joinQ(AllTypes()))
	}
	c.Timed, c.Tip = raw.Timed, raw.Tip

	if strings.TrimSpace(raw.Duration) == "" {
		bad(loc.key("", 0, "duration"), "duration is missing (how long it takes, like \"45s\" or \"2m\")")
	} else if d, err := time.ParseDuration(strings.TrimSpace(raw.Duration)); err != nil {
		bad(loc.key("", 0, "duration"), "duration %q is not a length of time (write it like \"45s\" or \"1m30s\")", raw.Duration)
	} else if d < MinDuration || d > MaxDuration {
		bad(loc.key("", 0, "duration"), "duration %s is outside %s to %s", duration.Format(d), duration.Format(MinDuration), duration.Format(MaxDuration))
	} else {
		c.Duration = d
	}

	c.Positions = tagList(raw.Positions, AllPositions(), "positions", loc, bad)
	// Every kind a card lists must be able to show it: a floor card listed
	// for a walking break would never be picked, and its author should know.
	if !c.Tip && isOneOf(string(c.Type), AllTypes()) {
		for i, k := range c.Kinds {
			pool, _ := poolOf(k)
			if !isOneOf(string(c.Type), pool.Types) {
				bad(loc.elem("", 0, "kinds", i), "a %s card cannot serve %s breaks (they show %s cards)", c.Type, k, strings.Join(pool.Types, ", "))
				continue
			}
			fits := false
			for _, p := range c.Positions {
				fits = fits || isOneOf(string(p), pool.Positions)
			}
			if len(c.Positions) > 0 && !fits {
				bad(loc.elem("", 0, "kinds", i), "%s breaks show cards done %s; this one is done %s", k,
					strings.Join(pool.Positions, " or "), joinPlain(c.Positions))
			}
		}
	}
	// Factors may be empty: an eye break serves none of the back's factors,
	// and a card is tagged only with what it really works against.
	if raw.Factors != nil {
		c.Factors = tagList(*raw.Factors, AllFactors(), "factors", loc, bad)
	} else {
		bad(loc.key("", 0, "factors"), "factors is missing (use %s, or [] for none)", joinQ(AllFactors()))
	}
	c.Areas = tagList(raw.Areas, AllAreas(), "areas", loc, bad)

	short := c.Duration > 0 && c.Duration <= ShortCard
	switch n := len(raw.Steps); {
	case n == 0:
		bad(loc.key("", 0, "steps"), "steps is missing: a card has %d to %d steps (a card of %s or less, 1 or %d)", MinSteps, MaxSteps, duration.Format(ShortCard), MaxShortSteps)
	case short:
		// The limit of short cards is checked below, with their words.
	case n < MinSteps || n > MaxSteps:
		bad(loc.key("", 0, "steps"), "a card has %d to %d steps; this one has %d", MinSteps, MaxSteps, n)
	}
	words := 0
	for i, s := range raw.Steps {
		s = strings.TrimSpace(s)
		if s == "" {
			bad(loc.elem("", 0, "steps", i), "step %d is empty", i+1)
		}
		words += len(strings.Fields(s))
		c.Steps = append(c.Steps, s)
	}
	if words > MaxStepWords {
		bad(loc.key("", 0, "steps"), "the steps have %d words; keep them to %d so the card reads in 20 seconds", words, MaxStepWords)
	}
	if short {
		// A 10-second check is read at a glance.
		if len(c.Steps) > MaxShortSteps {
			bad(loc.key("", 0, "steps"), "a card of %s has at most %d steps; this one has %d", duration.Format(c.Duration), MaxShortSteps, len(c.Steps))
		}
		for i, st := range c.Steps {
			if n := len(strings.Fields(st)); n > MaxShortStepWords {
				bad(loc.elem("", 0, "steps", i), "step %d has %d words; a card of %s keeps each step to %d", i+1, n, duration.Format(c.Duration), MaxShortStepWords)
			}
		}
	}
	c.Safety = strings.TrimSpace(raw.Safety)
	c.HandsOnDesk = raw.HandsOn
	switch n := len(strings.Fields(c.Safety)); {
	case n == 0:
		bad(loc.key("", 0, "safety"), "safety is missing (one line on when to stop or go easy)")
	case n > MaxSafetyWord:
		bad(loc.key("", 0, "safety"), "safety has %d words; keep it to %d", n, MaxSafetyWord)
	}

	for _, tr := range raw.translations() {
		if tr.t == nil {
			continue
		}
		if c.Texts == nil {
			c.Texts = map[string]Text{}
		}
		c.Texts[tr.code] = parseText(tr.code, *tr.t, len(c.Steps), loc, bad)
	}

	spec := parseFigure(raw.Figure, loc, bad)
	if len(problems) > 0 {
		return Card{}, problems
	}
	if figure != nil {
		c.Figure = figure(spec)
	}
	return c, nil
}

// parseText checks one language's texts: every one given, as many steps
// as the English, and lengths that still read in about 20 seconds (a
// little longer than the English: other languages need more words).
func parseText(code string, rt rawText, steps int, loc *locator, bad func(int, string, ...any)) Text {
	t := Text{Title: strings.TrimSpace(rt.Title), Safety: strings.TrimSpace(rt.Safety)}
	switch {
	case t.Title == "":
		bad(loc.key(code, 0, "title"), "[%s] title is missing", code)
	case utf8.RuneCountInString(t.Title) > MaxTitleLen:
		bad(loc.key(code, 0, "title"), "[%s] title is %d characters; keep it to %d", code, utf8.RuneCountInString(t.Title), MaxTitleLen)
	}
	if len(rt.Steps) != steps {
		bad(loc.key(code, 0, "steps"), "[%s] has %d steps; the card has %d (translate each step)", code, len(rt.Steps), steps)
	}
	words := 0
	for i, st := range rt.Steps {
		st = strings.TrimSpace(st)
		if st == "" {
			bad(loc.elem(code, 0, "steps", i), "[%s] step %d is empty", code, i+1)
		}
		words += len(strings.Fields(st))
		t.Steps = append(t.Steps, st)
	}
	if words > MaxStepWords*3/2 {
		bad(loc.key(code, 0, "steps"), "[%s] the steps have %d words; keep them to %d", code, words, MaxStepWords*3/2)
	}
	switch n := len(strings.Fields(t.Safety)); {
	case n == 0:
		bad(loc.key(code, 0, "safety"), "[%s] safety is missing", code)
	case n > MaxSafetyWord*3/2:
		bad(loc.key(code, 0, "safety"), "[%s] safety has %d words; keep it to %d", code, n, MaxSafetyWord*3/2)
	}
	return t
}

// figureSpec is a card's [figure] table, checked: what solveFigure needs
// to draw it.
type figureSpec struct {
	none        bool // the card has no [figure] table
	front, feet bool
	props       []string
	hold, move  float64
	base        string
	poses       []poseSpec
}

// poseSpec is one [[figure.pose]]: angles over the base pose, and the rest.
type poseSpec struct {
	over             map[pose.Joint]float64
	touch            []pose.Contact
	hold, move, lift float64
}

// figureFunc turns a checked figure into the one drawn; nil leaves
// Card.Figure empty. It is a value so that only programs that draw
// figures link the pose solver (the daemon and the command line never
// call solveFigure).
type figureFunc func(figureSpec) pose.Figure

// parseFigure checks the [figure] table (nil: none).
func parseFigure(rf *rawFigure, loc *locator, bad func(int, string, ...any)) figureSpec {
	// No figure: a person standing still, so the card still has a picture.
	f := figureSpec{base: "stand"}
	if rf == nil {
		f.none = true
		return f
	}
	switch rf.View {
	case "":
		// The bases facing the viewer are drawn from the front unless the card says.
		f.front = rf.Base == "stand-front" || rf.Base == "sit-front"
	case "side":
	case "front":
		f.front = true
	default:
		bad(loc.key("figure", 0, "view"), "view %q must be \"side\" or \"front\"", rf.View)
	}
	baseName := rf.Base
	if baseName == "" {
		baseName = "stand"
	}
	if isOneOf(baseName, pose.BaseNames()) {
		f.base = baseName
	} else {
		bad(loc.key("figure", 0, "base"), "unknown base %q (use one of %s)", rf.Base, strings.Join(pose.BaseNames(), ", "))
	}
	switch rf.Keep {
	case "":
		f.feet = baseName == "stand" || baseName == "stand-front" || baseName == "sit" || baseName == "sit-front" || baseName == "kneel"
	case "feet":
		f.feet = true
	case "hip":
	default:
		bad(loc.key("figure", 0, "keep"), "keep %q must be \"feet\" or \"hip\"", rf.Keep)
	}
	for i, p := range rf.Props {
		if !pose.ValidProp(p) {
			bad(loc.elem("figure", 0, "props", i), "unknown prop %q (use %s)", p, strings.Join(pose.PropNames(), ", "))
		}
	}
	f.props = rf.Props
	if rf.Hold < 0 || rf.Hold > 10 {
		bad(loc.key("figure", 0, "hold"), "hold must be 0 to 10 seconds")
	}
	if rf.Move < 0 || rf.Move > 10 {
		bad(loc.key("figure", 0, "move"), "move must be 0 to 10 seconds")
	}
	f.hold, f.move = rf.Hold, rf.Move
	if len(rf.Pose) > 8 {
		bad(loc.header("figure.pose", 8), "a figure has at most 8 poses")
	}
	known := map[string]bool{"lift": true, "hold": true, "move": true}
	for _, j := range append(pose.Joints(), pose.OptionalJoints()...) {
		known[string(j)] = true
	}
	for i, m := range rf.Pose {
		p := poseSpec{over: map[pose.Joint]float64{}}
		for k, raw := range m {
			line := loc.key("figure.pose", i, k)
			if k == "touch" {
				p.touch = parseTouch(raw, i, line, bad)
				continue
			}
			v, isNum := number(raw)
			switch {
			case !known[k]:
				bad(line, "unknown joint %q in pose %d", k, i+1)
			case !isNum:
				bad(line, "%s in pose %d must be a number of degrees", k, i+1)
			case k == "hold":
				if !(v >= 0 && v <= 60) {
					bad(line, "hold %v in pose %d is outside 0 to 60 seconds", v, i+1)
				}
				p.hold = v
			case k == "move":
				if !(v >= 0 && v <= 20) {
					bad(line, "move %v in pose %d is outside 0 to 20 seconds", v, i+1)
				}
				p.move = v
			case k == "lift":
				if !(v >= 0 && v <= 1) {
					bad(line, "lift %v is outside 0 to 1", v)
				}
				p.lift = v
			case k == string(pose.Turn) && !(v >= 0 && v <= 90):
				bad(line, "turn = %v is outside 0 to 90 degrees", v)
			case k == string(pose.Shrug) && !(v >= 0 && v <= 1):
				bad(line, "shrug = %v is outside 0 (shoulders down) to 1 (up to the ears)", v)
			case !(v >= -360 && v <= 360):
				bad(line, "%s = %v is outside -360 to 360 degrees", k, v)
			default:
				p.over[pose.Joint(k)] = v
			}
		}
		f.poses = append(f.poses, p)
	}
	return f
}

// solveFigure builds the figure drawn from a checked one: each pose over
// its base, solved for its contacts, and presolved for the animation.
func solveFigure(spec figureSpec) pose.Figure {
	base, _ := pose.Base(spec.base)
	if spec.none {
		return pose.Figure{Poses: []pose.Pose{base}}
	}
	f := pose.Figure{Front: spec.front, Feet: spec.feet, Props: spec.props, Hold: spec.hold, Move: spec.move}
	for _, ps := range spec.poses {
		p := base.Clone()
		p.Touch, p.Hold, p.Move, p.Lift = ps.touch, ps.hold, ps.move, ps.lift
		f.Poses = append(f.Poses, p.With(ps.over).Solve(f.Front))
	}
	if len(f.Poses) == 0 {
		f.Poses = []pose.Pose{base}
	}
	return f.Presolve()
}

// number reads a TOML number (integer or float).
func number(v any) (float64, bool) {
	switch n := v.(type) {
	case int64:
		return float64(n), true
	case float64:
		return n, true
	}
	return 0, false
}

// parseTouch reads a pose's touch = ["hand_r:ankle_r", ...] (or one string).
func parseTouch(raw any, i, line int, bad func(int, string, ...any)) []pose.Contact {
	var list []any
	switch v := raw.(type) {
	case string:
		list = []any{v}
	case []any:
		list = v
	default:
		bad(line, "touch in pose %d must be a list of \"EFFECTOR:TARGET\" strings", i+1)
		return nil
	}
	var out []pose.Contact
	for _, x := range list {
		s, ok := x.(string)
		if !ok {
			bad(line, "touch in pose %d must be a list of \"EFFECTOR:TARGET\" strings", i+1)
			continue
		}
		c, err := pose.ParseContact(s)
		if err != nil {
			bad(line, "pose %d: %v", i+1, err)
			continue
		}
		out = append(out, c)
	}
	return out
}

func tagList[T ~string](in []string, all []T, key string, loc *locator, bad func(int, string, ...any)) []T {
	// A decoder leaves a missing list nil and makes `key = []` an empty one.
	if in == nil && key != "factors" {
		bad(loc.key("", 0, key), "%s is missing (use %s)", key, joinQ(all))
		return nil
	}
	if len(in) == 0 && key != "factors" {
		bad(loc.key("", 0, key), "%s is empty: list at least one of %s", key, joinQ(all))
		return nil
	}
	var out []T
	seen := map[string]bool{}
	for i, s := range in {
		switch {
		case !isOneOf(s, all):
			bad(loc.elem("", 0, key, i), "unknown value %q in %s (use %s)", s, key, joinQ(all))
		case seen[s]:
			bad(loc.elem("", 0, key, i), "%q is listed twice in %s", s, key)
		default:
			out = append(out, T(s))
		}
		seen[s] = true
	}
	return out
}

func isOneOf[T ~string](s string, all []T) bool {
	for _, a := range all {
		if string(a) == s {
			return true
		}
	}
	return false
}

func joinPlain[T ~string](all []T) string {
	q := make([]string, len(all))
	for i, a := range all {
		q[i] = string(a)
	}
	return strings.Join(q, ", ")
}

func joinQ[T ~string](all []T) string {
	q := make([]string, len(all))
	for i, a := range all {
		q[i] = fmt.Sprintf("%q", string(a))
	}
	return strings.Join(q, ", ")
}

// tomlMessage turns the decoder's message into one a card author reads.
func tomlMessage(de *toml.DecodeError) string {
	m := strings.TrimPrefix(de.Error(), "toml: ")
	key := strings.Join(de.Key(), ".")
	if got, goType, ok := typeMismatch(m); ok && key != "" {
		return fmt.Sprintf("not valid TOML: %q has the wrong type (it is a %s; %s); see %s", key, got, wantText(goType), FormatDoc())
	}
	if key != "" && !strings.Contains(m, key) {
		m = fmt.Sprintf("%s (at key %q)", m, key)
	}
	return "not valid TOML: " + m
}

// typeMismatch reads the decoder's "cannot decode TOML string into
// struct field cards.rawCard.Kinds of type []string" (or "... into
// []string"): the TOML type given and the Go type wanted.
func typeMismatch(m string) (got, goType string, ok bool) {
	rest, ok := strings.CutPrefix(m, "cannot decode TOML ")
	if !ok {
		return "", "", false
	}
	got, into, ok := strings.Cut(rest, " into ")
	if !ok {
		return "", "", false
	}
	if i := strings.LastIndex(into, " of type "); i >= 0 {
		into = into[i+len(" of type "):]
	}
	return got, into, true
}

// wantText says in words what a field of Go type goType holds.
func wantText(goType string) string {
	switch goType {
	case "string":
		return "a quoted text is needed"
	case "[]string", "*[]string":
		return `a list like ["a", "b"] is needed`
	case "float64":
		return "a number is needed"
	case "bool":
		return "true or false is needed"
	case "[]map[string]interface {}":
		return "[[figure.pose]] tables are needed"
	}
	return "a " + goType + " is needed"
}

// locator finds the line of a key in the source, since the TOML decoder
// does not expose key positions. It understands the simple layout card
// files use: top-level keys, [figure] and repeated [[figure.pose]] tables.
type locator struct {
	lines []string
}

func newLocator(data []byte) *locator {
	var l locator
	for _, s := range bytes.Split(data, []byte("\n")) {
		l.lines = append(l.lines, string(s))
	}
	return &l
}

// header returns the line of the n-th (0-based) [table] or [[table]] header.
func (l *locator) header(table string, n int) int {
	for i, s := range l.lines {
		t := strings.ReplaceAll(strings.TrimSpace(s), " ", "")
		if t == "["+table+"]" || t == "[["+table+"]]" {
			if n == 0 {
				return i + 1
			}
			n--
		}
	}
	return 0
}

// key returns the line of key inside the n-th occurrence of table ("" for
// the top level), or the table's header line when the key is absent.
func (l *locator) key(table string, n int, key string) int {
	start := 0
	if table != "" {
		start = l.header(table, n)
		if start == 0 {
			return 0
		}
	}
	for i := start; i < len(l.lines); i++ {
		t := strings.TrimSpace(l.lines[i])
		if strings.HasPrefix(t, "[") {
			break // the next table starts
		}
		if k, _, ok := strings.Cut(t, "="); ok && strings.Trim(strings.TrimSpace(k), `"'`) == key {
			return i + 1
		}
	}
	return start
}

// elem returns the line of the i-th string in an array value, assuming
// one string per line when the array spans lines.
func (l *locator) elem(table string, n int, key string, i int) int {
	kl := l.key(table, n, key)
	if kl == 0 || strings.Contains(l.lines[kl-1], "]") {
		return kl
	}
	seen := 0
	for j := kl; j < len(l.lines); j++ {
		t := strings.TrimSpace(l.lines[j])
		if strings.HasPrefix(t, "]") {
			break
		}
		if strings.HasPrefix(t, `"`) || strings.HasPrefix(t, `'`) {
			if seen == i {
				return j + 1
			}
			seen++
		}
	}
	return kl
}

package settings

import "strings"

// Encode writes s as a commented config.toml, from the field table: a
// comment above each key, so the file explains itself to whoever opens it.
// Parse(Encode(s)) == s for valid, normalized settings.
func Encode(s Settings) []byte { return (*System)(nil).Encode(s) }

// Encode is Encode for a user of sys: a key the system sets or locks, at
// the system's value in s, is written as a comment saying so, so that the
// file leaves it to the system (sys.Parse(sys.Encode(s)) == s still).
func (sys *System) Encode(s Settings) []byte {
	base := sys.Base()
	// leftOut is the note for a field the file leaves to the system, or "".
	leftOut := func(f Field) string {
		src := sys.SetBy(f.Key)
		if src == "" || f.encode(&s) != f.encode(&base) {
			return ""
		}
		if sys.Locked(f.Key) {
			return "Locked by your administrator (" + src + "); this file cannot change it."
		}
		return "Set for this machine by " + src + "; remove the # to choose your own value."
	}
	var b strings.Builder
	comment := func(text string) {
		for _, l := range strings.Split(text, "\n") {
			b.WriteString("# " + l + "\n")
		}
	}
	comment("Limber settings. Limber rereads this file when you save it; a mistake is\n" +
		"reported with its line and the previous settings stay in use.\n" +
		"Check it with: limber config check\n" +
		`Durations are written like "30m", "90s" or "1h30m"; times of day as "HH:MM".` + "\n" +
		"Profiles: [profile.NAME] tables at the end of the file set any of these keys\n" +
		"(one a line, e.g. breaks.strict = false) while the profile is active: chosen\n" +
		"by hand (limber profile use NAME) or by its schedule, e.g.\n" +
		`when = ["mon-fri 18:00-24:00", "sat,sun"]: days mon..sun, ranges and lists;` + "\n" +
		"hours up to the end, 24:00 is midnight, an end before the start runs past it.")
	secs := map[string]Section{}
	for _, sc := range Sections() {
		secs[sc.Key] = sc
	}
	fields := Fields()
	for i := 0; i < len(fields); {
		f := fields[i]
		sec := SectionOf(f.Key)
		if i == 0 || SectionOf(fields[i-1].Key) != sec {
			if sc := secs[sec]; sec != "" && !strings.Contains(sec, ".") {
				b.WriteString("\n")
				comment(sc.Comment)
				b.WriteString("[" + sec + "]\n")
			}
		}
		if _, name, inline := strings.Cut(sec, "."); inline {
			// One line for the inline table: "monday = { start = ..., off = false }".
			var parts []string
			note, first := "", true // left out only when every key is, for one reason
			for ; i < len(fields) && SectionOf(fields[i].Key) == sec; i++ {
				g := fields[i]
				parts = append(parts, g.Key[len(sec)+1:]+" = "+g.encode(&s))
				if n := leftOut(g); first {
					note, first = n, false
				} else if n != note {
					note = ""
				}
			}
			comment(secs[sec].Comment)
			line := name + " = { " + strings.Join(parts, ", ") + " }"
			if note != "" {
				comment(note + "\n" + line)
			} else {
				b.WriteString(line + "\n")
			}
			continue
		}
		if sec == "" {
			b.WriteString("\n")
		}
		comment(f.Comment)
		line := strings.TrimPrefix(f.Key, sec+".") + " = " + f.encode(&s)
		if note := leftOut(f); note != "" {
			comment(note + "\n" + line)
		} else {
			b.WriteString(line + "\n")
		}
		i++
	}
	return []byte(b.String())
}

package settings

import (
	"strings"
	"testing"
	"time"
)

// BenchmarkParse reads the default file; the daemon does this on every edit.
func BenchmarkParse(b *testing.B) {
	data := Encode(Defaults())
	for b.Loop() {
		if _, probs := Parse(data, "c.toml"); len(probs) > 0 {
			b.Fatal(probs)
		}
	}
}

// BenchmarkParseProblems reads a file with several mistakes.
func BenchmarkParseProblems(b *testing.B) {
	data := []byte("language = \"fr\"\n[stretch]\ninterval = \"30s\"\nintervall = 3\n[limits]\nhydration_goal = 99\n")
	for b.Loop() {
		if _, probs := Parse(data, "c.toml"); len(probs) == 0 {
			b.Fatal("no problems")
		}
	}
}

// BenchmarkParseProfiles reads a file with two profiles, one on a schedule.
func BenchmarkParseProfiles(b *testing.B) {
	data := append(Encode(Defaults()), profileFile[strings.Index(profileFile, "# at home"):]...)
	for b.Loop() {
		if f, probs := ParseFile(data, "c.toml"); len(probs) > 0 || len(f.Profiles) != 2 {
			b.Fatal(probs)
		}
	}
}

// BenchmarkSourceStamp is the daemon's look at the system settings every
// 2 s while none changed: one stat a system file.
func BenchmarkSourceStamp(b *testing.B) {
	systemDirs(b, "[limits]\nhydration_goal = 6\n", "")
	for b.Loop() {
		if SourceStamp() == "" {
			b.Fatal("no stamp")
		}
	}
}

// BenchmarkParseLocked reads the default file over a system file with
// locks, as the daemon does on every edit on a managed machine.
func BenchmarkParseLocked(b *testing.B) {
	systemDirs(b, "locked = [\"breaks.strict\", \"stretch\"]\n[breaks]\nstrict = true\n[stretch]\ninterval = \"45m\"\n")
	sys := LoadSystem()
	data := Encode(Defaults())
	for b.Loop() {
		if _, probs := sys.Parse(data, "c.toml"); len(probs) > 0 {
			b.Fatal(probs)
		}
	}
}

// BenchmarkNextProfileChange is the daemon's work at each switch: the
// worst case, a schedule that changes once a week.
func BenchmarkNextProfileChange(b *testing.B) {
	f, _ := ParseFile([]byte("[profile.w]\nwhen = [\"mon 09:00-10:00\"]\nbreaks.strict = true\n"), "c.toml")
	at := time.Date(2026, 11, 24, 10, 0, 0, 0, time.UTC) // Tuesday: the next change is next Monday
	for b.Loop() {
		if NextProfileChange(f.Profiles, at).IsZero() {
			b.Fatal("no change found")
		}
	}
}

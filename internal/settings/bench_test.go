package settings

import "testing"

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

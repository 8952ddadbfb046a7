package history

import "testing"

// Cells that a spreadsheet would run as formulas are defused (OWASP CSV
// injection); others are left alone.
func TestCSVCell(t *testing.T) {
	for in, want := range map[string]string{
		`=HYPERLINK("http://x")`: `'=HYPERLINK("http://x")`,
		"+1":                     "'+1",
		"-1+2":                   "'-1+2",
		"@SUM(A1)":               "'@SUM(A1)",
		"\tx":                    "'\tx",
		"\rx":                    "'\rx",
		"stretch-hips":           "stretch-hips",
		"":                       "",
	} {
		if got := CSVCell(in); got != want {
			t.Errorf("CSVCell(%q) = %q, want %q", in, got, want)
		}
	}
}

package i18n

import (
	"regexp"
	"strings"
)

// frPunct is a character and the French high punctuation after it; the
// character must be a non-breaking space, unless the colon is part of a
// time or a format ("08:30", "HH:MM", "FICHIER:LIGNE:").
var (
	frPunct  = regexp.MustCompile(`.[:;?!]`)
	frFormat = regexp.MustCompile(`[A-Z0-9}]:`)
)

// TypographyProblem says what breaks the typography of language code in
// a text meant for people, or "". Text in `backquotes` (commands) is left
// out. French: a non-breaking space before : ; ? ! and inside « », and
// the typographic apostrophe; Spanish: ¿ and ¡ open what ? and ! close.
// The tests check the catalogues and the cards with it.
func TypographyProblem(code, s string) string {
	var b strings.Builder
	for i, part := range strings.Split(s, "`") {
		if i%2 == 0 {
			b.WriteString(part + " ")
		}
	}
	text := b.String()
	switch code {
	case French:
		if strings.Contains(text, "'") {
			return "a straight apostrophe: write ’"
		}
		for _, m := range frPunct.FindAllString(text, -1) {
			if r := []rune(m); r[0] != '\u00a0' && r[0] != '\u202f' && !frFormat.MatchString(m) {
				return "no non-breaking space before " + string(r[1])
			}
		}
		if strings.Contains(text, "« ") || strings.Contains(text, " »") {
			return "an ordinary space inside « »"
		}
	case Spanish:
		if strings.Count(text, "?") > strings.Count(text, "¿") {
			return "a question without ¿"
		}
		if strings.Count(text, "!") > strings.Count(text, "¡") {
			return "an exclamation without ¡"
		}
	}
	return ""
}

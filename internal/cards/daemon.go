package cards

import (
	"strings"

	"github.com/limber-app/limber/internal/i18n"
)

// PositionsFrom converts position names (as settings store them) to
// Positions, dropping unknown names.
func PositionsFrom(names []string) []Position {
	var out []Position
	for _, n := range names {
		if isOneOf(n, AllPositions()) {
			out = append(out, Position(n))
		}
	}
	return out
}

// ProblemsNotice is the one-time message for the user about card files that
// were skipped ("" when there are none): a short sentence for a notification
// or `limber status`, naming the first problem.
func ProblemsNotice(probs []Problem) string {
	if len(probs) == 0 {
		return ""
	}
	first := probs[0].Error()
	if len(probs) == 1 {
		return i18n.X("cards.problem_one", "A card file of yours was skipped: {{.First}}. Run `limber cards check` for details.",
			map[string]any{"First": first})
	}
	return i18n.X("cards.problem_many", "{{.N}} problems in your card files; those cards were skipped. First: {{.First}}. Run `limber cards check` to see all.",
		map[string]any{"N": len(probs), "First": strings.TrimSpace(first)})
}

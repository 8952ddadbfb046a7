package settings

import (
	"github.com/limber-app/limber/internal/i18n"
)

// Summary says in a sentence or two what is wrong with the file and what
// happens now, for a notification, a tray line or `limber status`. It is ""
// for no problems.
func Summary(probs []Problem) string {
	switch len(probs) {
	case 0:
		return ""
	case 1:
		return i18n.X("settings.summary.one",
			"The settings file has a mistake, so the previous settings stay in use: {{.First}}",
			map[string]any{"First": probs[0].String()})
	}
	return i18n.X("settings.summary.many",
		"The settings file has {{.N}} mistakes, so the previous settings stay in use. The first: {{.First}} Run `limber config check` to see all.",
		map[string]any{"N": len(probs), "First": probs[0].String()})
}

// SummaryDefaults is Summary while the defaults are in use because the
// file has not loaded since Limber started (and no earlier copy was kept).
func SummaryDefaults(probs []Problem) string {
	switch len(probs) {
	case 0:
		return ""
	case 1:
		return i18n.X("settings.summary.one_defaults",
			"The settings file has a mistake, so the default settings are in use until it is fixed: {{.First}}",
			map[string]any{"First": probs[0].String()})
	}
	return i18n.X("settings.summary.many_defaults",
		"The settings file has {{.N}} mistakes, so the default settings are in use until they are fixed. The first: {{.First}} Run `limber config check` to see all.",
		map[string]any{"N": len(probs), "First": probs[0].String()})
}

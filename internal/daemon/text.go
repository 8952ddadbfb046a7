package daemon

import (
	"strings"
	"time"

	"github.com/limber-app/limber/internal/duration"
	"github.com/limber-app/limber/internal/i18n"
	"github.com/limber-app/limber/internal/kinds"
	"github.com/limber-app/limber/internal/schedule"
)

// What the daemon says to the user, in one place.

func trNoTrayTitle() string {
	return i18n.X("notify.notray.title", "Limber is running without a tray icon")
}

func trNoTrayBody() string {
	return i18n.X("notify.notray.body", "No tray host is available on this desktop, so Limber shows a small status window instead. Open Limber from the applications menu to bring it back; on GNOME, the AppIndicator extension shows Limber's icon.")
}

// trWarnTitle says which break comes and when: "Stretch in 30 s".
func trWarnTitle(k schedule.Kind, in time.Duration) string {
	if in <= 0 {
		return i18n.X("notify.warn.title", "{{.Kind}} break soon", map[string]any{"Kind": kinds.Label(k)})
	}
	return i18n.X("notify.warn.title.in", "{{.Kind}} in {{.In}}", map[string]any{"Kind": kinds.Label(k), "In": duration.Approx(in)})
}

func trWarnBody(k schedule.Kind, length time.Duration) string {
	return i18n.X("notify.warn.body.len", "Finish your sentence: a {{.Len}} break is coming up.", map[string]any{"Len": duration.Format(length)})
}

// trLullTitle says a due break waits for a pause in typing.
func trLullTitle(k schedule.Kind) string {
	return i18n.X("notify.lull.title", "{{.Kind}} when you pause typing", map[string]any{"Kind": kinds.Label(k)})
}

func trLullBody(in time.Duration) string {
	return i18n.X("notify.lull.body", "It waits for a pause so it does not cut you off mid-sentence, {{.In}} at the most.", map[string]any{"In": duration.Approx(in)})
}

// trAlso names the breaks that travel with a bigger one.
func trAlso(with []schedule.Kind) string {
	names := make([]string, len(with))
	for i, k := range with {
		names[i] = kinds.Also(k)
	}
	return i18n.X("notify.also", "Also: {{.What}}", map[string]any{"What": strings.Join(names, "; ")})
}

func trActionStart() string { return i18n.X("notify.action.start", "Start now") }
func trActionDone() string  { return i18n.X("notify.action.done", "Done") }
func trActionDrank() string { return i18n.X("notify.action.drank", "I drank a glass") }
func trActionSkip() string  { return i18n.X("notify.action.skip", "Skip") }

func trActionSnooze(d time.Duration) string {
	return i18n.X("notify.action.postpone", "Postpone {{.T}}", map[string]any{"T": duration.Approx(d)})
}

func trDueTitle(k schedule.Kind, length time.Duration) string {
	return i18n.X("notify.due.title", "Time for a break: {{.Kind}} ({{.Len}})", map[string]any{
		"Kind": kinds.Label(k), "Len": duration.Approx(length)})
}

// trDueBody is the break's text when it comes as a notification: the
// card's title and first step when a card was picked, else a default line.
func trDueBody(k schedule.Kind, title, summary string) string {
	if title != "" {
		if summary != "" {
			return title + "\n" + summary
		}
		return title
	}
	if i, ok := kinds.Lookup(k); ok {
		return i.Advice()
	}
	return ""
}

func trLimitTitle() string {
	return i18n.X("notify.limit.title", "Daily sitting limit passed")
}

func trLimitBody(sitting time.Duration) string {
	return i18n.X("notify.limit.body", "You have sat for {{.T}} today. Stand for a while, or finish the rest of the day on your feet.", map[string]any{"T": duration.Clock(sitting)})
}

func trPhaseTitle(phase string) string {
	switch phase {
	case "stand":
		return i18n.X("notify.phase.stand", "Time to stand")
	case "move":
		return i18n.X("notify.phase.move", "Time to move")
	}
	return i18n.X("notify.phase.sit", "You can sit again")
}

func trPhaseBody(phase string, d time.Duration) string {
	return i18n.X("notify.phase.body", "For the next {{.T}}.", map[string]any{"T": duration.Approx(d)})
}

func trSettingsProblemTitle() string {
	return i18n.X("notify.settings.title", "Limber: a problem in your settings file")
}

func trCardsProblemTitle() string {
	return i18n.X("notify.cards.title", "Limber: some of your card files were skipped")
}

func trHistoryProblemTitle() string {
	return i18n.X("notify.history.title", "Limber: the history file was damaged")
}

func trTrayShown(lang string) string { return i18n.XIn(lang, "status.tray.shown", "shown") }

func trTrayMissing(lang string) string {
	return i18n.XIn(lang, "status.tray.missing", "no tray host on the session bus: the status window stands in (open Limber from the menu; on GNOME, the AppIndicator extension shows the icon)")
}

func trHistoryWriteFailed(err error) string {
	return i18n.X("daemon.history.write", "Limber could not write to its history file ({{.Err}}); what happens now is not recorded until it can.", map[string]any{"Err": err.Error()})
}

func trHistoryFailTitle() string {
	return i18n.X("notify.history.fail.title", "Limber: the history cannot be written")
}

func trHistoryFailing(err error, queued, inFile int) string {
	return i18n.X("daemon.history.failing",
		"Limber cannot write its history file ({{.Err}}). Nothing is lost: what happens is kept and written once the file works again (waiting: {{.N}}; `limber status` retries).",
		map[string]any{"Err": err.Error(), "N": queued + inFile})
}

func trMoreCardProblems(n int) string {
	return i18n.XN("daemon.cards.more", "… and {{.N}} more problems in card files: `limber cards check` lists them all.", n, map[string]any{"N": n})
}

// trNoSkipsLeft refuses a skip past the day's budget, and says what is left.
func trNoSkipsLeft(lang string, used int) string {
	return i18n.XIn(lang, "daemon.skip.budget", "No skips left today ({{.N}} used): take the break, or close it early (the time you miss is added to your break debt).", map[string]any{"N": used})
}

package status

import (
	"strings"
	"testing"
	"time"

	"github.com/limber-app/limber/internal/api"
	"github.com/limber-app/limber/internal/i18n"
)

// TestBudgetLines: the skips left and the break debt in status, and the
// per-kind debt with --explain; nothing of either when there is nothing.
func TestBudgetLines(t *testing.T) {
	st := api.Status{InWorkingHours: true, Active: true, SkipsLeftToday: 2, SkipsUsedToday: 1,
		DebtSeconds: map[string]int64{"stretch": 90, "movement": 270, "total": 360},
		Breaks:      []api.Break{{Kind: "stretch", Enabled: true}, {Kind: "movement", Enabled: true}}}
	var b strings.Builder
	Write(&b, st, false)
	out := b.String()
	for _, want := range []string{"Skips left today: 2 of 3\n", "Break debt 6 min\n"} {
		if !strings.Contains(out, want) {
			t.Errorf("status lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "movement debt") {
		t.Errorf("per-kind debt without --explain:\n%s", out)
	}
	b.Reset()
	Write(&b, st, true)
	if !strings.Contains(b.String(), "movement debt 4 min 30 s") || !strings.Contains(b.String(), "stretch debt 1 min 30 s") {
		t.Errorf("--explain lacks the per-kind debt:\n%s", b.String())
	}

	st.SkipsLeftToday, st.SkipsUsedToday = 0, 3
	if got := SkipsLine(st); got != "No skips left today (3 used)" {
		t.Errorf("spent budget: %q", got)
	}
	st.SkipsLeftToday = -1
	st.DebtSeconds = map[string]int64{"stretch": 0, "movement": 0, "total": 0}
	b.Reset()
	Write(&b, st, true)
	if strings.Contains(b.String(), "kip") || strings.Contains(b.String(), "debt") {
		t.Errorf("no budget and no debt, yet:\n%s", b.String())
	}
}

// The explanation is said from its parts in the user's language; without
// parts (an older daemon) or with a cause it does not know, the core's
// English sentence is quoted.
func TestWhyText(t *testing.T) {
	defer i18n.Init(i18n.English)
	st := api.Status{Why: "Away for 4s: just started.", InWorkingHours: true,
		WhyParts: &api.WhyParts{State: "away", AwayCause: "start", AwaySeconds: 4}}
	for lang, want := range map[string]string{i18n.English: "away for 4 s: just started", i18n.German: "abwesend seit 4 s: gerade gestartet"} {
		if err := i18n.Init(lang); err != nil {
			t.Fatal(err)
		}
		if got := whyText(st); got != want {
			t.Errorf("%s: %q, want %q", lang, got, want)
		}
	}
	st.Paused = true
	if err := i18n.Init(i18n.German); err != nil {
		t.Fatal(err)
	}
	if got := whyText(st); !strings.HasSuffix(got, "; Erinnerungen angehalten, bis du sie fortsetzt") {
		t.Errorf("paused: %q", got)
	}
	for _, p := range []*api.WhyParts{nil, {State: "away", AwayCause: "martians"}, {State: "dreaming"}} {
		st.WhyParts = p
		if got := whyText(st); got != st.Why {
			t.Errorf("%+v: %q, want the core's %q", p, got, st.Why)
		}
	}
}

// Debt below 10 min is exact ("2 min" for 75 s read wrong); strict mode
// says nothing of skips (it has none).
func TestDebtExactAndNoSkipsLineWhenStrict(t *testing.T) {
	st := api.Status{DebtSeconds: map[string]int64{api.DebtTotal: 75}, SkipsLeftToday: 2, SkipsUsedToday: 1}
	if got := DebtLine(st); got != "Break debt 1 min 15 s" {
		t.Errorf("DebtLine = %q", got)
	}
	if SkipsLine(st) == "" {
		t.Error("no skips line with a budget")
	}
	st.Strict, st.SkipsLeftToday = true, 0
	if got := SkipsLine(st); got != "" {
		t.Errorf("strict: skips line %q", got)
	}
}

// A break merged into a held one is held too (status --json), and its line
// still names the break it comes with; the carrier's names the meeting.
func TestHeldMergedLine(t *testing.T) {
	until := time.Date(2026, 3, 2, 9, 40, 0, 0, time.Local)
	st := api.Status{Holding: &api.Holding{Reason: "meeting", Until: &until, Event: "Planning"}}
	if got := BreakLineIn(st, api.Break{Kind: "posture", Enabled: true, Held: true, With: "stretch"}); got != "Posture check: together with Stretch" {
		t.Errorf("merged, held: %q", got)
	}
	if got := BreakLineIn(st, api.Break{Kind: "stretch", Enabled: true, Due: true, Held: true}); got != "Stretch: waiting until your meeting ends at 09:40" {
		t.Errorf("held by the meeting: %q", got)
	}
}

// The presence word: a user counted active but not touching the keys for
// a lull (LullGap) reads as idle, not "Active" with a frozen countdown.
func TestPresenceWord(t *testing.T) {
	for idle, want := range map[int64]string{0: "Active\n", 2: "Active\n", 11: "Idle for 11 s\n"} {
		var b strings.Builder
		Write(&b, api.Status{InWorkingHours: true, Active: true, IdleSeconds: idle}, false)
		if !strings.Contains(b.String(), want) {
			t.Errorf("idle %d s: no %q in\n%s", idle, want, b.String())
		}
	}
}

package status

import (
	"strings"
	"testing"

	"github.com/limber-app/limber/internal/api"
	"github.com/limber-app/limber/internal/i18n"
)

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

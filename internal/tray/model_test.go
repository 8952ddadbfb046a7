package tray

import (
	"strings"
	"testing"
	"time"

	"github.com/limber-app/limber/internal/api"
)

func find(items []Item, id string) (Item, bool) {
	for _, it := range items {
		if it.ID == id {
			return it, true
		}
		if s, ok := find(it.Sub, id); ok {
			return s, true
		}
	}
	return Item{}, false
}

func baseStatus() api.Status {
	return api.Status{
		Activity: "x11-screensaver", InWorkingHours: true,
		SessionSeconds: 42 * 60, TodaySeconds: 3*3600 + 10*60,
		Breaks: []api.Break{
			{Kind: "posture", Enabled: true, RemainingSeconds: 300},
			{Kind: "hydration", Enabled: false},
			{Kind: "stretch", Enabled: true, RemainingSeconds: 1200},
			{Kind: "movement", Enabled: true, RemainingSeconds: 45},
		},
	}
}

func TestBuild(t *testing.T) {
	until := time.Date(2026, 11, 25, 9, 30, 0, 0, time.Local)
	tests := map[string]struct {
		edit  func(*api.Status)
		icon  IconState
		check func(t *testing.T, m Menu)
	}{
		"live sitting line": {
			icon: IconNormal,
			check: func(t *testing.T, m Menu) {
				if it, _ := find(m.Items, "sitting"); it.Title != "Sitting 0:42 · today 3:10" {
					t.Errorf("sitting line %q", it.Title)
				}
				if it, _ := find(m.Items, "next:movement"); it.Title != "Move in 45 s" {
					t.Errorf("movement line %q", it.Title)
				}
				if it, _ := find(m.Items, "next:hydration"); !it.Hidden {
					t.Error("a disabled break is listed")
				}
				if !strings.Contains(m.Tooltip, "Move in 45 s") {
					t.Errorf("tooltip does not name the next break: %q", m.Tooltip)
				}
				if it, _ := find(m.Items, "resume"); it.Enabled {
					t.Error("resume is enabled while running")
				}
				if it, _ := find(m.Items, "break:hydration"); it.Enabled {
					t.Error("a disabled kind can be taken now")
				}
			},
		},
		"paused": {
			edit: func(s *api.Status) { s.Paused = true; s.PausedUntil = &until },
			icon: IconPaused,
			check: func(t *testing.T, m Menu) {
				if it, _ := find(m.Items, "paused"); it.Hidden || it.Title != "Paused until 09:30" {
					t.Errorf("paused line %+v", it)
				}
				if it, _ := find(m.Items, "resume"); !it.Enabled {
					t.Error("resume disabled while paused")
				}
				if it, _ := find(m.Items, "postpone"); it.Enabled {
					t.Error("postpone enabled while paused")
				}
			},
		},
		"due": {
			edit: func(s *api.Status) { s.Breaks[2].Due = true; s.Breaks[2].RemainingSeconds = 0 },
			icon: IconDue,
			check: func(t *testing.T, m Menu) {
				if it, _ := find(m.Items, "next:stretch"); it.Title != "Stretch: due now" {
					t.Errorf("due line %q", it.Title)
				}
				if !strings.Contains(m.Tooltip, "Stretch: due now") {
					t.Errorf("tooltip %q", m.Tooltip)
				}
			},
		},
		"strict hides postponing": {
			edit: func(s *api.Status) { s.Strict = true },
			icon: IconNormal,
			check: func(t *testing.T, m Menu) {
				if it, _ := find(m.Items, "snooze5"); it.Enabled {
					t.Error("snooze enabled in strict mode")
				}
			},
		},
		"no idle source": {
			edit: func(s *api.Status) { s.Activity = "none" },
			icon: IconNormal,
			check: func(t *testing.T, m Menu) {
				if it, _ := find(m.Items, "nosource"); it.Hidden {
					t.Error("no-source line hidden")
				}
			},
		},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			st := baseStatus()
			if tc.edit != nil {
				tc.edit(&st)
			}
			m := Build(st)
			if m.Icon != tc.icon {
				t.Errorf("icon %v, want %v", m.Icon, tc.icon)
			}
			tc.check(t, m)
		})
	}
}

// The adapter relies on a fixed structure: same IDs in the same order.
func TestBuildStructureIsStable(t *testing.T) {
	a := Build(baseStatus())
	st := baseStatus()
	st.Paused = true
	st.Breaks = nil
	b := Build(st)
	var ids func([]Item) []string
	ids = func(items []Item) []string {
		var out []string
		for _, it := range items {
			out = append(out, it.ID)
			out = append(out, ids(it.Sub)...)
		}
		return out
	}
	if strings.Join(ids(a.Items), ",") != strings.Join(ids(b.Items), ",") {
		t.Fatalf("menu structure changed:\n%v\n%v", ids(a.Items), ids(b.Items))
	}
}

func TestPausedFirstNoCountdowns(t *testing.T) {
	st := baseStatus()
	until := time.Date(2026, 11, 25, 14, 30, 0, 0, time.Local)
	st.Paused, st.PausedUntil = true, &until
	m := Build(st)
	var visible []Item
	for _, it := range m.Items {
		if !it.Hidden && !it.Sep {
			visible = append(visible, it)
		}
	}
	if visible[0].ID != "paused" || visible[0].Title != "Paused until 14:30" {
		t.Fatalf("first line %+v", visible[0])
	}
	for _, it := range visible {
		if strings.HasPrefix(it.ID, "next:") {
			t.Errorf("countdown %q shown while paused", it.Title)
		}
	}
	if strings.Contains(m.Tooltip, " in ") {
		t.Errorf("tooltip counts down while paused: %q", m.Tooltip)
	}
}

// Information lines are not greyed: enabled, with no action.
func TestInfoLinesReadable(t *testing.T) {
	m := Build(baseStatus())
	for _, id := range []string{"sitting", "next:posture", "next:movement"} {
		if it, _ := find(m.Items, id); !it.Enabled || it.Action != "" {
			t.Errorf("%s: enabled %v action %q", id, it.Enabled, it.Action)
		}
	}
}

func TestMergedLine(t *testing.T) {
	st := baseStatus()
	st.Breaks[1] = api.Break{Kind: "hydration", Enabled: true, With: "stretch"}
	if it, _ := find(Build(st).Items, "next:hydration"); it.Title != "Drink water: together with Stretch" {
		t.Errorf("merged line %q", it.Title)
	}
}

// TestDebtLines: the debt shows (menu and tooltip) only when there is some,
// and "no skips left" only once the budget is spent.
func TestDebtLines(t *testing.T) {
	st := baseStatus()
	st.SkipsLeftToday, st.SkipsUsedToday = 2, 1
	st.DebtSeconds = map[string]int64{"stretch": 0, "movement": 0, "total": 0}
	m := Build(st)
	if it, _ := find(m.Items, "debt"); !it.Hidden {
		t.Errorf("debt line shown without debt: %q", it.Title)
	}
	if it, _ := find(m.Items, "noskips"); !it.Hidden {
		t.Errorf("no-skips line shown with 2 left: %q", it.Title)
	}
	st.SkipsLeftToday, st.SkipsUsedToday = 0, 3
	st.DebtSeconds = map[string]int64{"stretch": 60, "movement": 300, "total": 360}
	m = Build(st)
	if it, _ := find(m.Items, "debt"); it.Hidden || it.Title != "Break debt 6 min" {
		t.Errorf("debt line %+v, want Break debt 6 min", it)
	}
	if !strings.Contains(m.Tooltip, "Break debt 6 min") {
		t.Errorf("tooltip %q does not show the debt", m.Tooltip)
	}
	if it, _ := find(m.Items, "noskips"); it.Hidden || it.Title != "No skips left today (3 used)" {
		t.Errorf("no-skips line %+v", it)
	}
	st.Strict = true // strict mode says no skipping by itself
	if it, _ := find(Build(st).Items, "noskips"); !it.Hidden {
		t.Error("no-skips line in strict mode")
	}
}

// The Profile submenu: hidden without profiles, one slot per profile, one
// tick (Automatic, or the profile chosen by hand), the same IDs whatever
// the number of profiles (the adapter creates the entries once).
func TestProfileMenu(t *testing.T) {
	st := baseStatus()
	st.Profile, st.ProfileAuto = "default", true
	m := Build(st)
	if it, _ := find(m.Items, "profile"); !it.Hidden {
		t.Error("the Profile submenu shows without profiles")
	}
	ids := func(m Menu) string {
		it, _ := find(m.Items, "profile")
		var b strings.Builder
		for _, s := range it.Sub {
			b.WriteString(s.ID + " ")
		}
		return b.String()
	}
	none := ids(m)
	st.Profiles, st.Profile = []string{"home", "work"}, "home"
	m = Build(st)
	if ids(m) != none {
		t.Errorf("the submenu's structure changed with the profiles: %s vs %s", ids(m), none)
	}
	p, _ := find(m.Items, "profile")
	if p.Hidden || p.Title != "Profile: home (automatic)" {
		t.Errorf("profile item %+v", p)
	}
	ticked := func(m Menu) []string {
		it, _ := find(m.Items, "profile")
		var out []string
		for _, s := range it.Sub {
			if s.Checked && !s.Hidden {
				out = append(out, s.Title)
			}
		}
		return out
	}
	if got := ticked(m); len(got) != 1 || got[0] != "Automatic" {
		t.Errorf("ticked %v, want Automatic", got)
	}
	if it, _ := find(m.Items, "profile:2"); it.Title != "work" || it.Hidden || it.Action != "profile:2" {
		t.Errorf("slot 2 %+v", it)
	}
	if it, _ := find(m.Items, "profile:3"); !it.Hidden {
		t.Error("an unused slot shows")
	}
	st.ProfileAuto, st.Profile = false, "work"
	m = Build(st)
	if got := ticked(m); len(got) != 1 || got[0] != "work" {
		t.Errorf("ticked %v, want work", got)
	}
	if p, _ := find(m.Items, "profile"); p.Title != "Profile: work (chosen by hand)" {
		t.Errorf("profile item %q", p.Title)
	}
	st.Profile = "default"
	if got := ticked(Build(st)); len(got) != 1 || got[0] != "Main settings" {
		t.Errorf("ticked %v, want Main settings", got)
	}
}

// A meeting that holds the breaks is said in the menu, with its end.
func TestMeetingHoldLine(t *testing.T) {
	st := baseStatus()
	if it, _ := find(Build(st).Items, "hold"); !it.Hidden {
		t.Error("a hold line without a meeting")
	}
	until := time.Date(2026, 3, 2, 11, 30, 0, 0, time.Local)
	st.Holding = &api.Holding{Reason: "meeting", Until: &until, Event: "Design review"}
	if it, _ := find(Build(st).Items, "hold"); it.Hidden || it.Title != "In a meeting until 11:30 (Design review): breaks wait until it ends" {
		t.Errorf("hold line %+v", it)
	}
}

// Skip is there while a break is due, for that break (the carrier, not a
// break merged into it), and, like the card's button, gone in strict mode,
// past the cap or the day's budget, while paused and with nothing due.
func TestSkipItem(t *testing.T) {
	due := func(edit func(*api.Status)) Item {
		st := baseStatus()
		st.Breaks[0] = api.Break{Kind: "posture", Enabled: true, With: "stretch", CanSkip: true}
		st.Breaks[2] = api.Break{Kind: "stretch", Enabled: true, Due: true, CanSkip: true}
		if edit != nil {
			edit(&st)
		}
		it, ok := find(Build(st).Items, "skip")
		if !ok {
			t.Fatal("no skip item")
		}
		return it
	}
	if it := due(nil); it.Hidden || !it.Enabled || it.Title != "Skip Stretch" || it.Action != ActSkip {
		t.Errorf("stretch due: %+v", it)
	}
	for name, edit := range map[string]func(*api.Status){
		"strict":        func(st *api.Status) { st.Strict = true },
		"no skips left": func(st *api.Status) { st.Breaks[2].CanSkip = false; st.SkipsLeftToday = 0 },
		"paused":        func(st *api.Status) { st.Paused = true },
		"nothing due":   func(st *api.Status) { st.Breaks[2].Due = false },
		"due but off":   func(st *api.Status) { st.Breaks[2].Enabled = false },
	} {
		if it := due(edit); !it.Hidden {
			t.Errorf("%s: skip shown: %+v", name, it)
		}
	}
	if it, _ := find(Build(baseStatus()).Items, "skip"); !it.Hidden {
		t.Errorf("nothing due: %+v", it)
	}
}

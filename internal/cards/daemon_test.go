package cards

import (
	"strings"
	"testing"
)

func TestPositionsFrom(t *testing.T) {
	got := PositionsFrom([]string{"desk", "sofa", "floor"})
	if len(got) != 2 || got[0] != Desk || got[1] != Floor {
		t.Errorf("got %v", got)
	}
}

func TestProblemsNotice(t *testing.T) {
	if ProblemsNotice(nil) != "" {
		t.Error("no problems, no notice")
	}
	p := []Problem{{File: "a.toml", Line: 3, Msg: "bad"}, {File: "b.toml", Msg: "worse"}}
	if s := ProblemsNotice(p[:1]); !strings.Contains(s, "a.toml:3: bad") {
		t.Errorf("one: %q", s)
	}
	if s := ProblemsNotice(p); !strings.Contains(s, "2 problems") || !strings.Contains(s, "limber cards check") {
		t.Errorf("many: %q", s)
	}
}

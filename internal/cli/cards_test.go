package cli

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func runCards(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := cmdCards(args, &Env{Stdout: &out, Stderr: &errb})
	return code, out.String(), errb.String()
}

const goodCard = `id = "my-stretch"
title = "My stretch"
kinds = ["stretch"]
duration = "30s"
positions = ["desk"]
factors = ["stress"]
areas = ["neck"]
steps = ["One.", "Two.", "Three."]
safety = "Gently."
`

func TestCardsCheck(t *testing.T) {
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	if code, out, _ := runCards(t, "check"); code != 0 || !strings.Contains(out, "no cards of your own yet") {
		t.Errorf("no folder: exit %d, %q", code, out)
	}
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "good.toml"), []byte(goodCard), 0o644)
	if code, out, errs := runCards(t, "check", dir); code != 0 || !strings.Contains(out, "1 card, valid.") {
		t.Errorf("valid folder: exit %d, %q %q", code, out, errs)
	}
	os.WriteFile(filepath.Join(dir, "bad.toml"), []byte(strings.Replace(goodCard, `"desk"`, `"sofa"`, 1)), 0o644)
	code, _, errs := runCards(t, "check", dir)
	if code != 1 || !strings.Contains(errs, filepath.Join(dir, "bad.toml")+`:5: unknown value "sofa" in positions`) {
		t.Errorf("bad card: exit %d, %q", code, errs)
	}
	if code, _, _ := runCards(t, "check", filepath.Join(dir, "missing")); code != 1 {
		t.Errorf("a missing folder given by name fails, got %d", code)
	}
	if code, _, _ := runCards(t, "check", "a", "b"); code != 2 {
		t.Errorf("two folders: want usage error, got %d", code)
	}
}

func TestCardsList(t *testing.T) {
	cfg := t.TempDir()
	t.Setenv("XDG_CONFIG_HOME", cfg)
	os.MkdirAll(filepath.Join(cfg, "limber", "cards"), 0o755)
	os.WriteFile(filepath.Join(cfg, "limber", "cards", "mine.toml"), []byte(goodCard), 0o644)
	os.WriteFile(filepath.Join(cfg, "limber", "cards", "bad.toml"), []byte("id = "), 0o644)

	code, out, errs := runCards(t, "list")
	if code != 0 || !strings.Contains(out, "bird-dog") || !strings.Contains(out, "my-stretch") || !strings.Contains(errs, "1 problem in your card files") {
		t.Errorf("list: exit %d\n%s\n%s", code, out, errs)
	}
	code, out, _ = runCards(t, "list", "--json")
	var got []CardJSON
	if err := json.Unmarshal([]byte(out), &got); err != nil || code != 0 {
		t.Fatalf("list --json: %v exit %d", err, code)
	}
	own := 0
	for _, c := range got {
		if c.Own {
			own++
			if c.ID != "my-stretch" || c.DurationSeconds != 30 || c.Kinds[0] != "stretch" {
				t.Errorf("own card: %+v", c)
			}
		}
	}
	if own != 1 || len(got) < 41 {
		t.Errorf("want 40+ built-in and 1 own card, got %d (%d own)", len(got), own)
	}
	if code, _, _ := runCards(t, "list", "extra"); code != 2 {
		t.Errorf("extra argument: want 2, got %d", code)
	}
	if code, out, _ := runCards(t, "--help"); code != 0 || !strings.Contains(out, "cards check") {
		t.Errorf("help: %d %q", code, out)
	}
	if code, _, _ := runCards(t, "frobnicate"); code != 2 {
		t.Errorf("unknown sub: want 2, got %d", code)
	}
}

func TestCardsPick(t *testing.T) {
	t.Setenv("XDG_CONFIG_HOME", t.TempDir()) // no settings file: the defaults
	for kind, want := range map[string]int{"movement": 300, "stretch": 90, "eyes": 20, "posture": 10} {
		code, out, errs := runCards(t, "pick", kind, "--count", "40", "--json")
		var got PickJSON
		if err := json.Unmarshal([]byte(out), &got); err != nil || code != 0 {
			t.Fatalf("pick %s: %v exit %d %s", kind, err, code, errs)
		}
		if got.LengthSeconds != want || len(got.Picks) != 40 || strings.Contains(strings.Join(got.Positions, ","), "floor") {
			t.Errorf("pick %s: length %d (want %d, the default), %d picks, positions %v", kind, got.LengthSeconds, want, len(got.Picks), got.Positions)
		}
		for _, p := range got.Picks {
			sum := 0
			for _, c := range p.Cards {
				sum += c.Seconds
				if kind == "eyes" && c.Type != "eyes" {
					t.Errorf("an eye break offered %s (%s)", c.ID, c.Type)
				}
			}
			if !p.Fills || sum != p.TotalSeconds || p.TotalSeconds > want || p.Fill < 0.8 {
				t.Errorf("pick %s: %+v does not fill %d s", kind, p, want)
			}
		}
	}
	code, out, _ := runCards(t, "pick", "stretch", "--length", "2m", "--count", "3")
	if code != 0 || !strings.Contains(out, "2 min") || strings.Count(out, "\n") != 4 {
		t.Errorf("pick --length 2m: exit %d\n%s", code, out)
	}
	for _, args := range [][]string{{"pick"}, {"pick", "nap"}, {"pick", "stretch", "--count", "0"}, {"pick", "stretch", "--length", "soon"}, {"pick", "stretch", "extra"}} {
		if code, _, _ := runCards(t, args...); code != 2 {
			t.Errorf("%v: want exit 2, got %d", args, code)
		}
	}
}

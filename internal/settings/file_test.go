package settings

import (
	"bytes"
	"context"
	"errors"
	"io/fs"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

func TestParseProblems(t *testing.T) {
	cases := map[string]struct {
		file  string
		lines []int    // expected problem lines, in order
		say   []string // one substring per problem
	}{
		"unknown key with suggestion": {
			"[posture]\nintervall = \"20m\"\n", []int{2}, []string{`Unknown setting "posture.intervall". Did you mean "posture.interval"?`}},
		"unknown table once": {
			"preset = \"office\"\n\n[colours]\nbg = 1\nfg = 2\n", []int{3}, []string{`Unknown setting "colours"`}},
		"unknown key in inline table": {
			"[working_hours]\nmonday = { start = \"09:00\", finish = \"17:00\" }\n", []int{2}, []string{`"working_hours.monday.finish"`}},
		"bad duration": {
			"[stretch]\ninterval = \"half an hour\"\n", []int{2}, []string{`"half an hour" is not a duration`}},
		"bool for duration": {
			"[stretch]\ninterval = true\n", []int{2}, []string{"text in quotes"}},
		"table for a value": {
			"[stretch.interval]\nx = 1\n", []int{1}, []string{"text in quotes"}},
		"string for number": {
			"[limits]\nhydration_goal = \"8\"\n", []int{2}, []string{"whole number"}},
		"string for bool": {
			"[breaks]\nstrict = \"yes\"\n", []int{2}, []string{"true or false"}},
		"several at once, in line order": {
			"language = \"it\"\n[stretch]\ninterval = \"30s\"\n[limits]\nhydration_goal = 99\n", []int{1, 3, 5},
			[]string{`"fr" or "es"`, "at least one minute", "0 to 30"}},
		"interval shorter than break, from preset value": {
			"[movement]\ninterval = \"4m\"\n", []int{2}, []string{"longer than the break (5 min)"}},
		"syntax": {
			"[posture\ninterval = \"20m\"\n", []int{1}, []string{"not valid TOML"}},
		"unknown preset": {
			"preset = \"lazy\"\n", []int{1}, []string{`Unknown preset "lazy"`}},
		"bad clock": {
			"[working_hours]\nenabled = true\nfriday = { start = \"9\", end = \"17:00\" }\n", []int{3}, []string{"HH:MM"}},
		"end is start": {
			"[working_hours]\nenabled = true\nfriday = { start = \"18:00\", end = \"18:00\" }\n", []int{3}, []string{"differ from the start"}},
		"bad position": {
			"[cards]\npositions = [\"desk\", \"lying\"]\n", []int{2}, []string{`Unknown position "lying"`}},
		"no positions": {
			"[cards]\npositions = []\n", []int{2}, []string{"at least one position"}},
		"huge number of minutes": {
			"[stretch]\ninterval = 99999999999999\n", []int{2}, []string{"not a duration"}},
		"position not text": {
			"[cards]\npositions = [\"desk\", 3]\n", []int{2}, []string{"text in quotes"}},
		"duplicate key": {
			"[stretch]\ninterval = \"30m\"\ninterval = \"40m\"\n", []int{3}, []string{"not valid TOML"}},
		"dotted keys": {
			"stretch.interval = \"10s\"\n", []int{1}, []string{"at least one minute"}},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			s, probs := Parse([]byte(c.file), "my.toml")
			if len(probs) != len(c.lines) {
				t.Fatalf("got %d problems, want %d:\n%v", len(probs), len(c.lines), probs)
			}
			for i, p := range probs {
				if p.Line != c.lines[i] || p.File != "my.toml" || !strings.Contains(p.Message, c.say[i]) {
					t.Errorf("problem %d = %q; want line %d saying %q", i, p, c.lines[i], c.say[i])
				}
				if !strings.HasPrefix(p.String(), "my.toml:") {
					t.Errorf("String() = %q, want FILE:LINE: message", p)
				}
			}
			if !reflectEqual(s, Defaults()) {
				t.Error("a file with problems must give the defaults, not half-read settings")
			}
		})
	}
}

func reflectEqual(a, b Settings) bool { return a == b }

func TestPartialFileTakesPresetValues(t *testing.T) {
	s, probs := Parse([]byte("preset = \"gentle\"\n[breaks]\nstrict = true\n"), "c.toml")
	if len(probs) > 0 {
		t.Fatal(probs)
	}
	want := Defaults()
	want.ApplyPreset(PresetGentle)
	want.Strict = true
	if s != want {
		t.Errorf("got %+v\nwant %+v", s, want)
	}
	s, probs = Parse([]byte("preset = \"gentle\"\n[stretch]\ninterval = \"45m\"\n"), "c.toml")
	if len(probs) > 0 || s.Preset != PresetCustom || s.Stretch.Interval != 45*time.Minute || s.Positions.Floor {
		t.Errorf("edited gentle: %+v, %v", s, probs)
	}
	s, probs = Parse(nil, "empty.toml")
	if len(probs) > 0 || s != Defaults() {
		t.Errorf("empty file: %+v, %v; want the defaults", s, probs)
	}
}

func TestLoadAndEnsureFile(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "sub", "config.toml")
	if _, _, err := Load(p); !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("Load of a missing file: %v, want ErrNotExist", err)
	}
	created, err := EnsureFile(p)
	if err != nil || !created {
		t.Fatalf("EnsureFile = %v, %v", created, err)
	}
	data, _ := os.ReadFile(p)
	// A comment above each key.
	lines := strings.Split(string(data), "\n")
	for i, l := range lines {
		if strings.Contains(l, " = ") && !strings.HasPrefix(l, "#") {
			if i == 0 || !strings.HasPrefix(lines[i-1], "#") {
				t.Errorf("line %d %q has no comment above it", i+1, l)
			}
		}
	}
	s, probs, err := Load(p)
	if err != nil || len(probs) > 0 || s != Defaults() {
		t.Fatalf("Load of the first-run file: %+v %v %v", s, probs, err)
	}
	// A broken file is never overwritten.
	if err := os.WriteFile(p, []byte("[[broken"), 0o600); err != nil {
		t.Fatal(err)
	}
	if created, err := EnsureFile(p); created || err != nil {
		t.Fatalf("EnsureFile over an existing file = %v, %v", created, err)
	}
	if data, _ := os.ReadFile(p); string(data) != "[[broken" {
		t.Errorf("EnsureFile changed an existing file to %q", data)
	}
	_, probs, err = Load(p)
	if err != nil || len(probs) != 1 || probs[0].Line != 1 {
		t.Errorf("broken file: %v %v", probs, err)
	}
	if info, _ := os.Stat(p); info.Mode().Perm() != 0o600 {
		t.Errorf("mode %v", info.Mode())
	}
}

// The writer child: when LIMBER_ATOMIC_CHILD is set, this test is the
// process that writes the file over and over until it is killed.
func TestAtomicWriterChild(t *testing.T) {
	path := os.Getenv("LIMBER_ATOMIC_CHILD")
	if path == "" {
		t.Skip("only runs as the child of TestAtomicWriteSurvivesKill")
	}
	a, b := atomicContents()
	for i := 0; ; i++ {
		data := a
		if i%2 == 1 {
			data = b
		}
		if err := WriteAtomic(path, data, 0o600); err != nil {
			t.Fatal(err)
		}
		if i == 0 {
			os.Stdout.WriteString("writing\n") // tell the parent the loop runs
		}
	}
}

func atomicContents() ([]byte, []byte) {
	a := bytes.Repeat([]byte("old settings line\n"), 40000)
	b := bytes.Repeat([]byte("NEW SETTINGS, LONGER LINE\n"), 30000)
	return a, b
}

func TestAtomicWriteSurvivesKill(t *testing.T) {
	if testing.Short() {
		t.Skip("kills child processes for a few seconds")
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "config.toml")
	a, b := atomicContents()
	if err := WriteAtomic(path, a, 0o600); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(3 * time.Second)
	runs := 0
	for time.Now().Before(deadline) || runs < 10 {
		runs++
		cmd := exec.Command(os.Args[0], "-test.run=^TestAtomicWriterChild$", "-test.count=1")
		cmd.Env = append(os.Environ(), "LIMBER_ATOMIC_CHILD="+path)
		out, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		started := make([]byte, 8)
		if _, err := out.Read(started); err != nil {
			t.Fatalf("child did not start writing: %v", err)
		}
		time.Sleep(time.Duration(rand.IntN(30_000)) * time.Microsecond)
		_ = cmd.Process.Signal(syscall.SIGKILL)
		_ = cmd.Wait()
		got, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("run %d: file unreadable after kill: %v", runs, err)
		}
		if !bytes.Equal(got, a) && !bytes.Equal(got, b) {
			t.Fatalf("run %d: file is neither old nor new content (%d bytes)", runs, len(got))
		}
	}
	t.Logf("%d writers killed mid-write, file always whole", runs)
}

func TestSaveLeavesNoTempFiles(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "config.toml")
	for i := 0; i < 3; i++ {
		s := Defaults()
		s.HydrationGoal = i + 1
		if err := Save(p, s); err != nil {
			t.Fatal(err)
		}
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("folder holds %d entries, want only config.toml", len(entries))
	}
	s, probs, err := Load(p)
	if err != nil || len(probs) > 0 || s.HydrationGoal != 3 {
		t.Errorf("after Save: %+v %v %v", s.HydrationGoal, probs, err)
	}
}

func TestWatcher(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "config.toml")
	if err := Save(p, Defaults()); err != nil {
		t.Fatal(err)
	}
	w := NewWatcher(p, 20*time.Millisecond)
	ctx, cancel := context.WithCancel(context.Background())
	updates := make(chan Update, 10)
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		w.Run(ctx, func(u Update) { updates <- u })
	}()
	defer func() { cancel(); wg.Wait() }()
	next := func() Update {
		t.Helper()
		select {
		case u := <-updates:
			return u
		case <-time.After(5 * time.Second):
			t.Fatal("no update from the watcher")
		}
		return Update{}
	}
	quiet := func() {
		t.Helper()
		select {
		case u := <-updates:
			t.Fatalf("unexpected update %+v", u)
		case <-time.After(150 * time.Millisecond):
		}
	}

	quiet() // nothing changed
	s := Defaults()
	s.HydrationGoal = 5
	if err := os.WriteFile(p, Encode(s), 0o600); err != nil {
		t.Fatal(err)
	}
	if u := next(); !u.OK() || u.Settings.HydrationGoal != 5 {
		t.Fatalf("edit: %+v", u)
	}
	if err := os.WriteFile(p, []byte("[stretch]\ninterval = \"1s\"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if u := next(); u.OK() || len(u.Problems) != 1 || u.Problems[0].Line != 2 {
		t.Fatalf("bad edit: %+v", u)
	}
	// The daemon's own save is not reported back.
	s.HydrationGoal = 6
	if err := w.Write(func() error { return Save(p, s) }); err != nil {
		t.Fatal(err)
	}
	quiet()
	// Touching without changing content is not an edit.
	now := time.Now().Add(time.Minute)
	_ = os.Chtimes(p, now, now)
	quiet()
	if err := os.Remove(p); err != nil {
		t.Fatal(err)
	}
	if u := next(); !errors.Is(u.Err, fs.ErrNotExist) {
		t.Fatalf("removed: %+v", u)
	}
	quiet() // reported once
	if err := Save(p, s); err != nil {
		t.Fatal(err)
	}
	if u := next(); !u.OK() || u.Settings.HydrationGoal != 6 {
		t.Fatalf("recreated: %+v", u)
	}
}

func FuzzParse(f *testing.F) {
	f.Add(Encode(Defaults()))
	for _, n := range PresetNames() {
		s := Defaults()
		s.ApplyPreset(n)
		f.Add(Encode(s))
		f.Add([]byte("preset = \"" + n + "\"\n"))
	}
	for _, seed := range []string{
		"", "[posture]\nintervall = \"20m\"\n", "[stretch]\ninterval = 30\n", "[[x]]\na=1\n",
		"[working_hours]\nenabled = true\nmonday = { start = \"18:00\", end = \"17:00\" }\n",
		"a.b.c = 1\n[a]\n", "s = \"\"\"\nx = 1\n\"\"\"\n", "[cards]\npositions = [1, \"desk\"]\n",
		"[limits]\nhydration_goal = 99999999999999\n",
		"[profile.home]\nwhen = [\"mon-fri 18:00-24:00\", \"sat,sun\"]\nbreaks.strict = true\n[profile.home.posture]\ninterval = \"20m\"\n",
		"[profile.x]\npreset = \"gentle\"\nwhen = \"fri 22:00-02:00\"\n", "[profile]\nhome.stretch.length = \"2m\"\n",
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		s, probs := Parse(data, "f.toml")
		for _, p := range probs {
			if p.Message == "" || p.Line < 0 {
				t.Fatalf("empty or misplaced problem %+v", p)
			}
		}
		if len(probs) > 0 {
			return
		}
		if errs := s.Validate(); len(errs) > 0 {
			t.Fatalf("no problems but invalid: %v", errs)
		}
		if err := s.Schedule().Validate(); err != nil {
			t.Fatalf("no problems but the core refuses it: %v", err)
		}
		again, probs := Parse(Encode(s), "f.toml")
		if len(probs) > 0 || again != s {
			t.Fatalf("re-encoding changed it: %v\n%+v\n%+v", probs, again, s)
		}
		// Every profile is as safe to hand to the core as the main
		// settings, and writes back as it reads.
		file, _ := ParseFile(data, "f.toml")
		for _, p := range file.Profiles {
			ps := Layered(file, p.Name)
			if errs := ps.Validate(); len(errs) > 0 {
				t.Fatalf("profile %s: no problems but invalid: %v", p.Name, errs)
			}
			if err := ps.Schedule().Validate(); err != nil {
				t.Fatalf("profile %s: the core refuses it: %v", p.Name, err)
			}
		}
		back, probs := ParseFile(EncodeFile(file), "f.toml")
		if len(probs) > 0 || !sameProfiles(back.Profiles, file.Profiles) {
			t.Fatalf("re-encoding the profiles changed them: %v\n%s", probs, EncodeFile(file))
		}
	})
}

func TestSetStartAtLogin(t *testing.T) {
	p := filepath.Join(t.TempDir(), "config.toml")
	orig := "# my own comment\npreset = \"gentle\"\n\n[breaks]\nstrict = true\n"
	if err := os.WriteFile(p, []byte(orig), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, on := range []bool{true, false, true} {
		if err := SetStartAtLogin(p, on); err != nil {
			t.Fatal(err)
		}
		s, probs, err := Load(p)
		if err != nil || len(probs) > 0 || s.StartAtLogin != on || !s.Strict || s.Preset != PresetGentle {
			t.Fatalf("after SetStartAtLogin(%v): %+v %v %v", on, s, probs, err)
		}
	}
	data, _ := os.ReadFile(p)
	if !strings.HasPrefix(string(data), "# my own comment\n") || strings.Count(string(data), "start_at_login") != 1 {
		t.Errorf("file lost its layout or has the key twice:\n%s", data)
	}
	bad := "[stretch]\ninterval = \"1s\"\n"
	_ = os.WriteFile(p, []byte(bad), 0o600)
	if err := SetStartAtLogin(p, true); err == nil {
		t.Error("changed a file with problems")
	}
	if data, _ := os.ReadFile(p); string(data) != bad {
		t.Error("a file with problems was rewritten")
	}
}

func TestSummary(t *testing.T) {
	if Summary(nil) != "" {
		t.Error("summary of no problems")
	}
	one := []Problem{{File: "c.toml", Line: 3, Message: "Bad."}}
	if s := Summary(one); !strings.Contains(s, "c.toml:3: Bad.") || !strings.Contains(s, "previous settings") {
		t.Errorf("one: %q", s)
	}
	two := append(one, Problem{File: "c.toml", Line: 9, Message: "Worse."})
	if s := Summary(two); !strings.Contains(s, "2 mistakes") || !strings.Contains(s, "c.toml:3: Bad.") || !strings.Contains(s, "config check") {
		t.Errorf("two: %q", s)
	}
}

//go:build unix

package daemon

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/limber-app/limber/internal/api"
	"github.com/limber-app/limber/internal/notify"
	"github.com/limber-app/limber/internal/settings"
)

// Saving from the settings window (settings_set) into a symlinked
// config.toml (a dotfiles setup): the link stays, its target is edited in
// place with the user's comment kept, and its mode stays.
func TestSettingsSetThroughSymlink(t *testing.T) {
	dir := t.TempDir()
	target := filepath.Join(dir, "dotfiles", "limber.toml")
	if err := os.MkdirAll(filepath.Dir(target), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(target, []byte("# from my dotfiles\n[limits]\nhydration_goal = 5\n"), 0o640); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "config.toml")
	if err := os.Symlink(target, link); err != nil {
		t.Fatal(err)
	}
	st, _, err := settings.OpenStore(link)
	if err != nil {
		t.Fatal(err)
	}
	w := &world{}
	d := New(Options{Source: w, Now: w.Now, Notifier: &notify.Recorder{}, Settings: st})
	ctx, cancel := context.WithCancel(context.Background())
	stopped := make(chan struct{})
	go func() { d.loop(ctx, nil); close(stopped) }()
	defer func() { cancel(); <-stopped }()
	c := api.NewClient(api.Local(d.mux()))
	got, err := c.Settings(ctx)
	if err != nil {
		t.Fatal(err)
	}
	s := got.Settings
	s.HydrationGoal = 9
	if err := c.SetSettings(ctx, s); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Lstat(link); err != nil || fi.Mode()&os.ModeSymlink == 0 {
		t.Fatal("config.toml is no longer a symlink")
	}
	data, _ := os.ReadFile(target)
	if !strings.HasPrefix(string(data), "# from my dotfiles\n") || !strings.Contains(string(data), "hydration_goal = 9") {
		t.Errorf("target after saving:\n%s", data)
	}
	if fi, _ := os.Stat(target); fi.Mode().Perm() != 0o640 {
		t.Errorf("target mode %v, want 0640", fi.Mode().Perm())
	}
}

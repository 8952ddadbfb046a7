package paths

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Without XDG_RUNTIME_DIR the socket lives in the user's own cache folder,
// never at a guessable name in the shared temp folder.
func TestRuntimeDirFallback(t *testing.T) {
	cache := t.TempDir()
	t.Setenv("XDG_RUNTIME_DIR", "")
	t.Setenv("XDG_CACHE_HOME", cache)
	t.Setenv("HOME", t.TempDir())
	got := RuntimeDir()
	if got != filepath.Join(cache, "limber", "run") {
		t.Errorf("RuntimeDir %s, want under %s", got, cache)
	}
	if strings.HasPrefix(got, os.TempDir()+string(filepath.Separator)+"limber-") {
		t.Errorf("fallback in the shared temp folder: %s", got)
	}
	t.Setenv("XDG_RUNTIME_DIR", "/run/user/1000")
	if got := RuntimeDir(); got != "/run/user/1000/limber" {
		t.Errorf("with XDG_RUNTIME_DIR: %s", got)
	}
}

// The XDG config dirs, most important first; relative ones and repeats
// are dropped; unset is /etc/xdg.
func TestSystemConfigFiles(t *testing.T) {
	t.Setenv("XDG_CONFIG_DIRS", "/opt/site/xdg:relative/dir::/etc/xdg:/opt/site/xdg")
	got := SystemConfigFiles()
	want := []string{"/opt/site/xdg/limber/config.toml", "/etc/xdg/limber/config.toml"}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("got %q, want %q", got, want)
	}
	t.Setenv("XDG_CONFIG_DIRS", "")
	if got := SystemConfigFiles(); len(got) != 1 || got[0] != "/etc/xdg/limber/config.toml" {
		t.Errorf("unset: %q", got)
	}
}

package api

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/limber-app/limber/internal/settings"
)

func TestSettingsFile(t *testing.T) {
	f := SettingsFile{Path: filepath.Join(t.TempDir(), "config.toml")}
	ctx := context.Background()
	got, err := f.Settings(ctx)
	if err != nil || got.Settings != settings.Defaults() || got.Path != f.Path {
		t.Fatalf("missing file: %+v %v", got, err)
	}
	s := settings.Defaults()
	s.HydrationGoal = 5
	if err := f.SetSettings(ctx, s); err != nil {
		t.Fatal(err)
	}
	if got, err := f.Settings(ctx); err != nil || got.Settings.HydrationGoal != 5 || len(got.Problems) != 0 {
		t.Fatalf("after saving: goal %d, problems %v, %v", got.Settings.HydrationGoal, got.Problems, err)
	}
	s.Stretch.Interval = 0 // invalid: refused, file unchanged
	if err := f.SetSettings(ctx, s); err == nil {
		t.Fatal("invalid settings were saved")
	}
}

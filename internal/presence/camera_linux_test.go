package presence

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// inotify works on plain files: the watcher is pointed at files named like
// camera nodes, and this test process holds them open as a call would.
func TestCameraWatcher(t *testing.T) {
	dir := t.TempDir()
	node := filepath.Join(dir, "video0")
	if err := os.WriteFile(node, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	// Held before the watcher starts: the first scan must see it.
	early, err := os.Open(node)
	if err != nil {
		t.Fatal(err)
	}
	m := StartWith(context.Background(), Options{NoSystemBus: true, NoSessionBus: true, NoX: true, NoMicrophone: true,
		CameraGlob: filepath.Join(dir, "video*"), Retry: -1})
	defer m.Close()
	if !strings.Contains(strings.Join(m.Sources(), " "), PartCamera) {
		t.Fatalf("camera not live: %v", m.Off())
	}
	self := m.State().Camera
	if self == "" || !m.State().PresentNoInput() || !strings.Contains(m.State().Why(), "camera in use") {
		t.Fatalf("a node held at start: state %+v", m.State())
	}
	early.Close()
	waitState(t, m, 2*time.Second, "camera released", func(s State) bool { return s.Camera == "" })

	// A camera plugged in later is watched too.
	late := filepath.Join(dir, "video2")
	if err := os.WriteFile(late, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	time.Sleep(3 * cameraSettle) // let the watcher add the new node
	f, err := os.Open(late)
	if err != nil {
		t.Fatal(err)
	}
	waitState(t, m, 2*time.Second, "new node opened", func(s State) bool { return s.Camera == self })
	m.SetCalls(true, true, []string{self})
	if s := m.State(); s.Camera != "" {
		t.Fatalf("ignored program counted: %+v", s)
	}
	m.SetCalls(true, false, nil)
	if s := m.State(); s.Camera != "" {
		t.Fatalf("camera signal turned off counted: %+v", s)
	}
	m.SetCalls(true, true, nil)
	if s := m.State(); s.Camera != self {
		t.Fatalf("camera back on: %+v", s)
	}
	f.Close()
	waitState(t, m, 2*time.Second, "new node closed", func(s State) bool { return s.Camera == "" })
	// Other files in the folder are not cameras.
	other := filepath.Join(dir, "notes")
	os.WriteFile(other, nil, 0o600)
	g, _ := os.Open(other)
	defer g.Close()
	time.Sleep(3 * cameraSettle)
	if s := m.State(); s.Camera != "" {
		t.Fatalf("a non-camera file counted: %+v", s)
	}
}

func TestCameraWatcherMissingDir(t *testing.T) {
	m := StartWith(context.Background(), Options{NoSystemBus: true, NoSessionBus: true, NoX: true, NoMicrophone: true,
		CameraGlob: filepath.Join(t.TempDir(), "gone", "video*"), Retry: -1})
	defer m.Close()
	if off := strings.Join(m.Off(), "; "); !strings.Contains(off, "camera: watching") {
		t.Fatalf("Off() = %q", off)
	}
}

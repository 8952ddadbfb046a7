package presence

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestPulseTagstructRoundTrip(t *testing.T) {
	w := paCommand(paCmdReply, 7).str("mic").null().proplist("application.name", "Zoom", "x", "").u32(3)
	payload := w.packet()[paDescSize:]
	r := &paRead{b: payload}
	if cmd, tag := r.u32(), r.u32(); cmd != paCmdReply || tag != 7 {
		t.Fatalf("cmd %d tag %d", cmd, tag)
	}
	s, n := r.str(), r.str()
	props := r.proplist()
	last := r.u32()
	if r.err != nil || s != "mic" || n != "" || props["application.name"] != "Zoom" || len(props) != 2 || last != 3 || len(r.b) != 0 {
		t.Fatalf("read %q %q %v %d, err %v, rest %d", s, n, props, last, r.err, len(r.b))
	}
}

// sourceOutputBytes is one GET_SOURCE_OUTPUT_INFO_LIST entry at protocol 32,
// laid out as PulseAudio 16 sends it.
func sourceOutputBytes(index, source uint32, app, resample string, corked bool) []byte {
	w := &paWrite{}
	w.u32(index).str("RecordStream").u32(paInvalid).u32(5).u32(source)
	w.b = append(w.b, tagSampleSpec, 3, 2, 0, 0, 0xac, 0x44)
	w.b = append(w.b, tagChannelMap, 2, 1, 2)
	w.b = append(w.b, tagUsec, 0, 0, 0, 0, 0, 0, 0, 1)
	w.b = append(w.b, tagUsec, 0, 0, 0, 0, 0, 0, 0, 2)
	if resample == "" {
		w.null()
	} else {
		w.str(resample)
	}
	w.str("protocol-native.c").proplist("application.name", app)
	b := byte(tagFalse)
	if corked {
		b = tagTrue
	}
	w.b = append(w.b, b)
	w.b = append(w.b, tagCVolume, 1, 0, 1, 0, 0, tagFalse, tagTrue, tagTrue)
	w.b = append(w.b, tagFormatInfo, tagU8, 1)
	w.proplist()
	return w.b
}

func TestParseSourceOutputs(t *testing.T) {
	list := append(sourceOutputBytes(4, 1, "Zoom", "", false), sourceOutputBytes(9, 2, "pavucontrol", "peaks", true)...)
	outs, err := parseSourceOutputs(list, paVersion)
	if err != nil {
		t.Fatal(err)
	}
	if len(outs) != 2 || outs[0].index != 4 || outs[0].source != 1 || outs[0].app() != "Zoom" || outs[0].corked ||
		outs[1].index != 9 || outs[1].resample != "peaks" || !outs[1].corked {
		t.Fatalf("parsed %+v", outs)
	}
	for cut := 1; cut < len(list)/2; cut += 7 {
		if _, err := parseSourceOutputs(list[:cut], paVersion); err == nil {
			t.Fatalf("a list cut at %d parsed", cut)
		}
	}
}

func FuzzPulseReplies(f *testing.F) {
	f.Add(sourceOutputBytes(1, 2, "a", "peaks", false))
	f.Add(paCommand(1, 2).str("x").proplist("k", "v").b)
	f.Fuzz(func(t *testing.T, b []byte) {
		parseSourceOutputs(b, paVersion)
		parseSourceMonitor(b)
		r := &paRead{b: b}
		for r.err == nil && len(r.b) > 0 {
			before := len(r.b)
			r.skip()
			if r.err == nil && len(r.b) >= before {
				t.Fatal("skip consumed nothing")
			}
		}
	})
}

func TestCallSignalsIgnore(t *testing.T) {
	c := CallSignals{Microphone: true, Ignore: []string{"Dragon", " parecord ", ""}}
	tests := map[string]bool{"dragon": true, "Dragon NaturallySpeaking": true, "DragonFly": false, "parecord": true, "Zoom": false, "": false}
	for app, want := range tests {
		if got := c.ignored(app); got != want {
			t.Errorf("ignored(%q) = %v, want %v", app, got, want)
		}
	}
	if got := c.filter(true, []string{"Zoom", "dragon", "firefox"}); got != "Zoom, firefox" {
		t.Errorf("filter = %q", got)
	}
	if got := c.filter(false, []string{"Zoom"}); got != "" {
		t.Errorf("filter of a signal turned off = %q", got)
	}
}

// pulseServer starts a real PulseAudio with a null microphone ("mic") and
// a null output ("spk", whose monitor is not a microphone).
func pulseServer(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("a real PulseAudio: not with -short")
	}
	for _, p := range []string{"pulseaudio", "parecord"} {
		if _, err := exec.LookPath(p); err != nil {
			t.Skipf("%s is not installed (make deps installs pulseaudio and pulseaudio-utils)", p)
		}
	}
	dir, err := os.MkdirTemp("", "limber-pulse")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	sock := filepath.Join(dir, "native")
	ctx, cancel := context.WithCancel(context.Background())
	cmd := exec.CommandContext(ctx, "pulseaudio", "-n", "--daemonize=no", "--exit-idle-time=-1", "--disable-shm",
		"--use-pid-file=no", "-L", "module-native-protocol-unix socket="+sock,
		"-L", "module-null-source source_name=mic", "-L", "module-null-sink sink_name=spk")
	cmd.Env = append(os.Environ(), "HOME="+dir, "XDG_RUNTIME_DIR="+dir, "XDG_CONFIG_HOME="+dir, "DBUS_SESSION_BUS_ADDRESS=disabled:")
	var log strings.Builder
	cmd.Stdout, cmd.Stderr = &log, &log
	if err := cmd.Start(); err != nil {
		t.Fatalf("starting pulseaudio: %v", err)
	}
	t.Cleanup(func() { cancel(); cmd.Wait() })
	// The socket can appear before the cookie is written: wait for both,
	// or the first client authenticates with no cookie and is refused.
	cookie := filepath.Join(dir, "pulse", "cookie")
	for deadline := time.Now().Add(5 * time.Second); ; time.Sleep(20 * time.Millisecond) {
		_, serr := os.Stat(sock)
		if fi, err := os.Stat(cookie); serr == nil && err == nil && fi.Size() == 256 {
			break
		}
		if time.Now().After(deadline) {
			t.Skipf("pulseaudio did not start here:\n%s", log.String())
		}
	}
	t.Setenv("HOME", dir) // where the client looks for the cookie it wrote
	t.Setenv("XDG_CONFIG_HOME", dir)
	return sock
}

// record starts parecord on a device, as a call would.
func record(t *testing.T, sock, device string) *exec.Cmd {
	t.Helper()
	cmd := exec.Command("parecord", "-d", device, "/dev/null")
	cmd.Env = append(os.Environ(), "PULSE_SERVER=unix:"+sock)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	return cmd
}

func waitState(t *testing.T, m *Monitor, within time.Duration, what string, ok func(State) bool) {
	t.Helper()
	start := time.Now()
	for {
		select {
		case <-m.Wake():
		case <-time.After(20 * time.Millisecond):
		}
		if ok(m.State()) {
			t.Logf("%s after %v", what, time.Since(start).Round(time.Millisecond))
			return
		}
		if time.Since(start) > within {
			t.Fatalf("%s: not within %v (state %+v)", what, within, m.State())
		}
	}
}

func TestMicrophoneWithRealPulseAudio(t *testing.T) {
	sock := pulseServer(t)
	m := StartWith(context.Background(), Options{NoSystemBus: true, NoSessionBus: true, NoX: true, NoCamera: true,
		PulseSocket: sock, Retry: -1, Logf: t.Logf})
	defer m.Close()
	if !strings.Contains(strings.Join(m.Sources(), " "), PartMicrophone) {
		t.Fatalf("microphone not live: off %v", m.Off())
	}
	if s := m.State(); s.Microphone != "" || s.PresentNoInput() {
		t.Fatalf("no stream yet, state %+v", s)
	}
	// A recording of what the speakers play is no call.
	mon := record(t, sock, "spk.monitor")
	time.Sleep(500 * time.Millisecond)
	if s := m.State(); s.Microphone != "" {
		t.Fatalf("a monitor recording counted as a microphone: %+v", s)
	}
	mon.Process.Kill()

	call := record(t, sock, "mic")
	waitState(t, m, 2*time.Second, "recording seen", func(s State) bool {
		return s.Microphone == "parecord" && s.PresentNoInput() && strings.Contains(s.Why(), "parecord")
	})
	m.SetCalls(true, true, []string{"PAREcord"})
	if s := m.State(); s.Microphone != "" {
		t.Fatalf("an ignored program counted: %+v", s)
	}
	m.SetCalls(true, true, nil)
	if s := m.State(); s.Microphone != "parecord" {
		t.Fatalf("ignore list cleared, state %+v", s)
	}
	call.Process.Kill()
	waitState(t, m, 2*time.Second, "recording gone", func(s State) bool { return s.Microphone == "" && !s.PresentNoInput() })
}

func TestMicrophoneWithoutServer(t *testing.T) {
	m := StartWith(context.Background(), Options{NoSystemBus: true, NoSessionBus: true, NoX: true, NoCamera: true,
		PulseSocket: filepath.Join(t.TempDir(), "none"), Retry: -1})
	defer m.Close()
	if off := strings.Join(m.Off(), "; "); !strings.Contains(off, "microphone: connecting to PulseAudio") {
		t.Fatalf("Off() = %q", off)
	}
}

package packaging_test

import (
	"bufio"
	"bytes"
	"encoding/xml"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/pelletier/go-toml/v2"

	"github.com/limber-app/limber/internal/version"
)

// id is the app id; FyneApp.toml, the desktop entry, the metainfo and
// install.sh spell it too, and TestAppIDAgrees checks they agree.
const id = version.AppID

func iconSizes() []int { return []int{16, 22, 24, 32, 48, 64, 128, 256, 512} }

// fyneApp reads the FyneApp.toml details the packaging must agree with.
func fyneApp(t *testing.T) (appID, version string) {
	t.Helper()
	var meta struct {
		Details struct {
			ID      string
			Version string
		}
	}
	if err := decodeFile("../FyneApp.toml", &meta); err != nil {
		t.Fatalf("reading FyneApp.toml: %v", err)
	}
	return meta.Details.ID, meta.Details.Version
}

// dummyBinary writes a stand-in for limber that answers `completion SHELL`,
// and one for limber-window beside it.
func dummyBinary(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	bin := filepath.Join(dir, "limber")
	script := "#!/bin/sh\nif [ \"$1\" = completion ]; then echo \"# limber completion for $2\"; fi\n"
	if err := os.WriteFile(bin, []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "limber-window"), []byte(windowScript), 0o755); err != nil {
		t.Fatal(err)
	}
	return bin
}

// windowScript is the stand-in for limber-window.
const windowScript = "#!/bin/sh\necho limber-window \"$@\"\n"

// windowBinary is the stand-in limber-window beside a dummyBinary.
func windowBinary(bin string) string { return filepath.Join(filepath.Dir(bin), "limber-window") }

// run runs a command with a clean environment (no DESTDIR from outside).
func run(t *testing.T, dir string, env []string, name string, args ...string) (string, string, int) {
	t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "DESTDIR=") && !strings.HasPrefix(kv, "HOME=") {
			cmd.Env = append(cmd.Env, kv)
		}
	}
	cmd.Env = append(cmd.Env, env...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	code := 0
	if err != nil {
		ee, ok := err.(*exec.ExitError)
		if !ok {
			t.Fatalf("running %s: %v", name, err)
		}
		code = ee.ExitCode()
	}
	return stdout.String(), stderr.String(), code
}

// installedFiles lists every file an install writes, relative to PREFIX.
func installedFiles() []string {
	f := []string{
		"bin/limber",
		"libexec/limber/limber-window",
		"share/applications/" + id + ".desktop",
		"share/metainfo/" + id + ".metainfo.xml",
		"share/icons/hicolor/scalable/apps/" + id + ".svg",
		"share/bash-completion/completions/limber",
		"share/zsh/site-functions/_limber",
		"share/fish/vendor_completions.d/limber.fish",
		"share/doc/limber/card-format.md", // what `limber cards check` points at
	}
	for _, n := range iconSizes() {
		f = append(f, filepath.Join("share/icons/hicolor", itoa(n)+"x"+itoa(n), "apps", id+".png"))
	}
	return f
}

func itoa(n int) string { return strconv.Itoa(n) }

// checkTree checks every installed file under prefix: modes, contents,
// and the icon sizes.
func checkTree(t *testing.T, prefix string) {
	t.Helper()
	same := map[string]string{
		"share/applications/" + id + ".desktop":            "limber.desktop",
		"share/metainfo/" + id + ".metainfo.xml":           id + ".metainfo.xml",
		"share/icons/hicolor/scalable/apps/" + id + ".svg": "../assets/icon/limber.svg",
	}
	for _, f := range installedFiles() {
		path := filepath.Join(prefix, f)
		st, err := os.Stat(path)
		if err != nil {
			t.Errorf("missing %s", f)
			continue
		}
		wantExec := f == "bin/limber" || f == "libexec/limber/limber-window"
		if isExec := st.Mode().Perm()&0o111 != 0; isExec != wantExec {
			t.Errorf("%s: mode %v", f, st.Mode())
		}
		got, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if src, ok := same[f]; ok {
			want, err := os.ReadFile(src)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("%s differs from packaging/%s", f, src)
			}
		}
		if strings.HasSuffix(f, ".png") {
			cfg, err := png.DecodeConfig(bytes.NewReader(got))
			if err != nil {
				t.Errorf("%s: %v", f, err)
				continue
			}
			dir := filepath.Base(filepath.Dir(filepath.Dir(f))) // "48x48"
			if want := itoa(cfg.Width) + "x" + itoa(cfg.Height); dir != want {
				t.Errorf("%s is %s", f, want)
			}
		}
		if f == "libexec/limber/limber-window" && string(got) != windowScript {
			t.Errorf("%s is not the limber-window given", f)
		}
		for _, sh := range []string{"bash", "zsh", "fish"} {
			if strings.Contains(f, sh) && !strings.Contains(string(got), "completion for "+sh) {
				t.Errorf("%s holds %q, not the binary's %s completion", f, got, sh)
			}
		}
	}
}

func TestInstallAndUninstall(t *testing.T) {
	prefix := filepath.Join(t.TempDir(), "prefix")
	bin := dummyBinary(t)
	out, errOut, code := run(t, ".", nil, "./install.sh", prefix, bin, windowBinary(bin))
	if code != 0 {
		t.Fatalf("install.sh: exit %d\n%s%s", code, out, errOut)
	}
	checkTree(t, prefix)
	// Nothing beyond the list.
	var extra []string
	_ = filepath.WalkDir(prefix, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			rel, _ := filepath.Rel(prefix, p)
			// The desktop's own caches, refreshed after a live install.
			cache := rel == "share/applications/mimeinfo.cache" || rel == "share/icons/hicolor/icon-theme.cache"
			if !slices.Contains(installedFiles(), rel) && !cache {
				extra = append(extra, rel)
			}
		}
		return nil
	})
	if len(extra) > 0 {
		t.Errorf("unexpected files installed: %v", extra)
	}

	// Installing again over an existing install works.
	if _, errOut, code := run(t, ".", nil, "./install.sh", prefix, bin); code != 0 {
		t.Fatalf("second install: exit %d: %s", code, errOut)
	}
	if _, errOut, code := run(t, ".", nil, "./install.sh", "--uninstall", prefix); code != 0 {
		t.Fatalf("uninstall: exit %d: %s", code, errOut)
	}
	for _, f := range installedFiles() {
		if _, err := os.Stat(filepath.Join(prefix, f)); err == nil {
			t.Errorf("%s left after uninstall", f)
		}
	}
	if _, err := os.Stat(filepath.Join(prefix, "libexec/limber")); err == nil {
		t.Error("libexec/limber left after uninstall")
	}
}

func TestInstallDestDir(t *testing.T) {
	stage := t.TempDir()
	if _, errOut, code := run(t, ".", []string{"DESTDIR=" + stage}, "./install.sh", "/usr/local", dummyBinary(t)); code != 0 {
		t.Fatalf("install.sh with DESTDIR: exit %d: %s", code, errOut)
	}
	checkTree(t, filepath.Join(stage, "usr/local"))
}

func TestInstallWithoutCompletionSupport(t *testing.T) {
	// A binary that cannot print completions (say, built for another
	// system) still installs; only the completions are left out, with a note.
	bin := filepath.Join(t.TempDir(), "limber")
	if err := os.WriteFile(bin, []byte("#!/bin/sh\nexit 3\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(windowBinary(bin), []byte(windowScript), 0o755); err != nil {
		t.Fatal(err)
	}
	prefix := t.TempDir()
	_, errOut, code := run(t, ".", nil, "./install.sh", prefix, bin)
	if code != 0 || !strings.Contains(errOut, "no bash completion installed") {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
	if _, err := os.Stat(filepath.Join(prefix, "share/bash-completion/completions/limber")); err == nil {
		t.Error("an empty completion file was installed")
	}
	if _, err := os.Stat(filepath.Join(prefix, "share/applications", id+".desktop")); err != nil {
		t.Error("the rest was not installed")
	}
}

func TestInstallBadUsage(t *testing.T) {
	notExec := filepath.Join(t.TempDir(), "limber")
	if err := os.WriteFile(notExec, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	lonely := filepath.Join(t.TempDir(), "limber") // no limber-window beside it
	if err := os.WriteFile(lonely, []byte("#!/bin/sh\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	good := dummyBinary(t)
	tests := map[string]struct {
		args []string
		code int
		msg  string
	}{
		"no arguments":          {nil, 2, "usage"},
		"relative prefix":       {[]string{"here", notExec}, 2, "absolute path"},
		"not executable":        {[]string{t.TempDir(), notExec}, 1, "make build"},
		"missing binary":        {[]string{t.TempDir(), "/nonexistent/limber"}, 1, "not an executable file"},
		"missing window binary": {[]string{t.TempDir(), lonely}, 1, "limber-window is not an executable file"},
		"window not executable": {[]string{t.TempDir(), good, notExec}, 1, "make build"},
		"too many":              {[]string{t.TempDir(), good, good, good}, 2, "usage"},
		"uninstall extra":       {[]string{"--uninstall", "/a", "/b"}, 2, "usage"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			_, errOut, code := run(t, ".", nil, "./install.sh", tc.args...)
			if code != tc.code || !strings.Contains(errOut, tc.msg) {
				t.Errorf("exit %d stderr %q; want %d and %q", code, errOut, tc.code, tc.msg)
			}
		})
	}
}

// desktopEntry reads the [Desktop Entry] keys.
func desktopEntry(t *testing.T) map[string]string {
	t.Helper()
	f, err := os.Open("limber.desktop")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	keys := map[string]string{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if k, v, ok := strings.Cut(sc.Text(), "="); ok {
			keys[k] = v
		}
	}
	return keys
}

// TestAppIDAgrees: every file that spells the app id on its own (they
// cannot import the Go constant) spells it as internal/version does.
func TestAppIDAgrees(t *testing.T) {
	if appID, _ := fyneApp(t); appID != id {
		t.Errorf("FyneApp.toml ID %q, internal/version.AppID %q", appID, id)
	}
	if got := desktopEntry(t)["Icon"]; got != id {
		t.Errorf("limber.desktop Icon=%q, want %q", got, id)
	}
	// The windows' WM_CLASS (internal/ui/appwin) is not the app id: the
	// entry says which class its windows have.
	if got := desktopEntry(t)["StartupWMClass"]; got != version.WMClass {
		t.Errorf("limber.desktop StartupWMClass=%q, want %q", got, version.WMClass)
	}
	if _, err := os.Stat(id + ".metainfo.xml"); err != nil {
		t.Errorf("no metainfo named after the app id: %v", err)
	}
	script, err := os.ReadFile("install.sh")
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Contains(strings.Split(string(script), "\n"), "id="+id) {
		t.Errorf("install.sh does not set id=%s", id)
	}
}

func TestDesktopFile(t *testing.T) {
	appID, _ := fyneApp(t)
	if appID != id {
		t.Fatalf("FyneApp.toml ID %q, packaging uses %q", appID, id)
	}
	k := desktopEntry(t)
	want := map[string]string{"Type": "Application", "Name": "Limber", "Exec": "limber", "Icon": id,
		"Terminal": "false", "StartupNotify": "false"}
	for key, v := range want {
		if k[key] != v {
			t.Errorf("%s=%q, want %q", key, k[key], v)
		}
	}
	if !slices.Contains(strings.Split(k["Categories"], ";"), "Utility") || k["Comment"] == "" {
		t.Errorf("Categories %q Comment %q", k["Categories"], k["Comment"])
	}
	if p, err := exec.LookPath("desktop-file-validate"); err == nil {
		if out, errOut, code := run(t, ".", nil, p, "limber.desktop"); code != 0 || out != "" {
			t.Errorf("desktop-file-validate: exit %d\n%s%s", code, out, errOut)
		}
	} else {
		t.Log("desktop-file-validate not installed (desktop-file-utils): checked the keys only")
	}
}

func TestMetainfo(t *testing.T) {
	appID, version := fyneApp(t)
	data, err := os.ReadFile(id + ".metainfo.xml")
	if err != nil {
		t.Fatal(err)
	}
	var c struct {
		XMLName    xml.Name `xml:"component"`
		Type       string   `xml:"type,attr"`
		ID         string   `xml:"id"`
		Launchable string   `xml:"launchable"`
		Icon       string   `xml:"icon"`
		Binary     string   `xml:"provides>binary"`
		License    string   `xml:"project_license"`
		Releases   []struct {
			Version string `xml:"version,attr"`
		} `xml:"releases>release"`
	}
	if err := xml.Unmarshal(data, &c); err != nil {
		t.Fatalf("parsing metainfo: %v", err)
	}
	if c.Type != "desktop-application" || c.ID != appID || c.Launchable != appID+".desktop" || c.Icon != appID || c.Binary != "limber" {
		t.Errorf("metainfo: type %q id %q launchable %q icon %q binary %q", c.Type, c.ID, c.Launchable, c.Icon, c.Binary)
	}
	if c.License != "BSD-3-Clause" {
		t.Errorf("metainfo project_license %q, want BSD-3-Clause (as in LICENSE)", c.License)
	}
	if len(c.Releases) == 0 || c.Releases[0].Version != version {
		t.Errorf("newest release in metainfo is %v; FyneApp.toml says %s: add a <release> for it", c.Releases, version)
	}
	p, err := exec.LookPath("appstreamcli")
	if err != nil {
		t.Skip("appstreamcli not installed (apt-get install appstream): skipping AppStream validation")
	}
	if out, errOut, code := run(t, ".", nil, p, "validate", "--no-net", "--pedantic", id+".metainfo.xml"); code != 0 {
		t.Errorf("appstreamcli validate: exit %d\n%s%s", code, out, errOut)
	}
}

func TestPackageTarball(t *testing.T) {
	for _, tool := range []string{"tar", "xz", "make"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s not installed", tool)
		}
	}
	_, version := fyneApp(t)
	out := t.TempDir()
	bin := dummyBinary(t)
	stdout, errOut, code := run(t, ".", []string{"GOARCH=amd64"}, "./package.sh", bin, windowBinary(bin), out)
	if code != 0 {
		t.Fatalf("package.sh: exit %d\n%s", code, errOut)
	}
	tarball := filepath.Join(out, "limber-"+version+"-linux-amd64.tar.xz")
	if strings.TrimSpace(stdout) != tarball {
		t.Errorf("package.sh printed %q, want the tarball path %q", stdout, tarball)
	}
	x := t.TempDir()
	if _, errOut, code := run(t, x, nil, "tar", "-xJf", tarball); code != 0 {
		t.Fatalf("unpacking: %s", errOut)
	}
	dir := filepath.Join(x, "limber-"+version)
	checkTree(t, dir)

	// The tarball's own Makefile installs and removes it under ~/.local.
	home := t.TempDir()
	if out, errOut, code := run(t, dir, []string{"HOME=" + home}, "make", "user-install"); code != 0 {
		t.Fatalf("make user-install: exit %d\n%s%s", code, out, errOut)
	}
	checkTree(t, filepath.Join(home, ".local"))
	if out, errOut, code := run(t, dir, []string{"HOME=" + home}, "make", "user-uninstall"); code != 0 {
		t.Fatalf("make user-uninstall: exit %d\n%s%s", code, out, errOut)
	}
	for _, f := range installedFiles() {
		if _, err := os.Stat(filepath.Join(home, ".local", f)); err == nil {
			t.Errorf("%s left after make user-uninstall", f)
		}
	}
	if _, err := os.Stat(filepath.Join(home, ".local", "libexec/limber")); err == nil {
		t.Error("libexec/limber left after make user-uninstall")
	}
}

// TestMetainfoScreenshots: every screenshot of the metainfo is a file of
// docs/screenshots/ (where its URL points, in the repository), with the
// size the metainfo gives, and has a caption; exactly one is the default.
func TestMetainfoScreenshots(t *testing.T) {
	data, err := os.ReadFile(id + ".metainfo.xml")
	if err != nil {
		t.Fatal(err)
	}
	var c struct {
		Shots []struct {
			Type    string `xml:"type,attr"`
			Caption string `xml:"caption"`
			Image   struct {
				Width  int    `xml:"width,attr"`
				Height int    `xml:"height,attr"`
				URL    string `xml:",chardata"`
			} `xml:"image"`
		} `xml:"screenshots>screenshot"`
	}
	if err := xml.Unmarshal(data, &c); err != nil {
		t.Fatal(err)
	}
	if len(c.Shots) < 3 {
		t.Fatalf("%d screenshots in the metainfo", len(c.Shots))
	}
	const base = "https://raw.githubusercontent.com/limber-app/limber/main/"
	defaults := 0
	for _, s := range c.Shots {
		if s.Type == "default" {
			defaults++
		}
		rel, ok := strings.CutPrefix(s.Image.URL, base+"docs/screenshots/")
		if !ok {
			t.Errorf("screenshot %s is not in docs/screenshots/ of the repository (%s)", s.Image.URL, base)
			continue
		}
		f, err := os.Open(filepath.Join("../docs/screenshots", rel))
		if err != nil {
			t.Errorf("screenshot %s: %v", s.Image.URL, err)
			continue
		}
		cfg, err := png.DecodeConfig(f)
		f.Close()
		if err != nil {
			t.Errorf("%s: %v", rel, err)
			continue
		}
		if cfg.Width != s.Image.Width || cfg.Height != s.Image.Height {
			t.Errorf("%s is %dx%d; the metainfo says %dx%d", rel, cfg.Width, cfg.Height, s.Image.Width, s.Image.Height)
		}
		if strings.TrimSpace(s.Caption) == "" {
			t.Errorf("%s has no caption", rel)
		}
	}
	if defaults != 1 {
		t.Errorf("%d screenshots are type=default, want 1", defaults)
	}
}

// decodeFile reads the TOML file at path into v.
func decodeFile(path string, v any) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	return toml.Unmarshal(data, v)
}

package safefile

import (
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"syscall"
	"testing"
)

func TestRead(t *testing.T) {
	dir := t.TempDir()
	ok := filepath.Join(dir, "ok.toml")
	if err := os.WriteFile(ok, []byte("a = 1\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "link.toml")
	os.Symlink(ok, link)
	big := filepath.Join(dir, "big.toml")
	os.WriteFile(big, make([]byte, 2000), 0o600)
	loop := filepath.Join(dir, "loop.toml")
	os.Symlink(loop, loop)
	for name, tc := range map[string]struct {
		path string
		want error
	}{
		"regular":   {ok, nil},
		"symlink":   {link, nil},
		"too large": {big, ErrTooLarge},
		"folder":    {dir, ErrNotRegular},
		"/dev/zero": {"/dev/zero", ErrNotRegular},
		"loop":      {loop, syscall.ELOOP},
		"missing":   {filepath.Join(dir, "none"), os.ErrNotExist},
	} {
		t.Run(name, func(t *testing.T) {
			if runtime.GOOS == "windows" && tc.path == "/dev/zero" {
				t.Skip()
			}
			data, err := Read(tc.path, 1000)
			if tc.want == nil {
				if err != nil || string(data) != "a = 1\n" {
					t.Fatalf("%q %v", data, err)
				}
				return
			}
			if !errors.Is(err, tc.want) {
				t.Fatalf("err %v, want %v", err, tc.want)
			}
		})
	}
}

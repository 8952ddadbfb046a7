package settings

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
)

// WriteAtomic replaces path with data so that, whatever moment the process
// dies, path holds either its old content or data, never a mix: the bytes go
// to a temporary file in the same folder, are synced, renamed over path, and
// the folder is synced so the rename itself survives a crash.
func WriteAtomic(path string, data []byte, perm fs.FileMode) (err error) {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("creating %s: %w", dir, err)
	}
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	defer func() {
		if err != nil {
			_ = tmp.Close()
			_ = os.Remove(tmp.Name())
		}
	}()
	if _, err = tmp.Write(data); err != nil {
		return fmt.Errorf("writing %s: %w", tmp.Name(), err)
	}
	if err = tmp.Chmod(perm); err != nil && runtime.GOOS != "windows" {
		return fmt.Errorf("setting permissions of %s: %w", tmp.Name(), err)
	}
	if err = tmp.Sync(); err != nil {
		return fmt.Errorf("syncing %s: %w", tmp.Name(), err)
	}
	if err = tmp.Close(); err != nil {
		return fmt.Errorf("closing %s: %w", tmp.Name(), err)
	}
	if err = os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("replacing %s: %w", path, err)
	}
	return syncDir(dir)
}

func syncDir(dir string) error {
	if runtime.GOOS == "windows" {
		return nil // folders cannot be opened for syncing there; NTFS journals the rename
	}
	d, err := os.Open(dir)
	if err != nil {
		return fmt.Errorf("syncing %s: %w", dir, err)
	}
	defer d.Close()
	if err := d.Sync(); err != nil {
		return fmt.Errorf("syncing %s: %w", dir, err)
	}
	return nil
}

// ErrInvalid is wrapped by Save when the settings do not validate.
var ErrInvalid = errors.New("invalid settings")

// InvalidError is returned by Save for settings that do not validate.
type InvalidError struct{ Fields []FieldError }

func (e *InvalidError) Error() string {
	if len(e.Fields) == 0 {
		return ErrInvalid.Error()
	}
	return fmt.Sprintf("%s: %s", ErrInvalid, e.Fields[0])
}

func (e *InvalidError) Unwrap() error { return ErrInvalid }

// Save validates s and writes it atomically to path as a commented file.
// Invalid settings are never written (the error is an *InvalidError).
func Save(path string, s Settings) error {
	if errs := s.Validate(); len(errs) > 0 {
		return &InvalidError{Fields: errs}
	}
	s.Normalize()
	return WriteAtomic(path, Encode(s), 0o600)
}

// EnsureFile writes the default settings to path when no file is there
// (first run) and reports whether it did. An existing file, even a broken
// one, is never touched.
func EnsureFile(path string) (created bool, err error) {
	if _, err := os.Stat(path); err == nil {
		return false, nil
	} else if !errors.Is(err, fs.ErrNotExist) {
		return false, fmt.Errorf("checking %s: %w", path, err)
	}
	d := Defaults()
	d.Normalize()
	if err := WriteAtomic(path, Encode(d), 0o600); err != nil {
		return false, err
	}
	return true, nil
}

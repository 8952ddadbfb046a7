//go:build windows

package autostart

import (
	"errors"
	"fmt"
	"strings"

	"golang.org/x/sys/windows/registry"
)

const runKey = `Software\Microsoft\Windows\CurrentVersion\Run`

func on(exe string) error {
	k, _, err := registry.CreateKey(registry.CURRENT_USER, runKey, registry.SET_VALUE)
	if err != nil {
		return fmt.Errorf("turning on start at login: opening HKCU\\%s: %w", runKey, err)
	}
	defer k.Close()
	if err := k.SetStringValue(runValue, `"`+exe+`"`); err != nil {
		return fmt.Errorf("turning on start at login: %w", err)
	}
	return nil
}

func off() error {
	k, err := registry.OpenKey(registry.CURRENT_USER, runKey, registry.SET_VALUE)
	if errors.Is(err, registry.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("turning off start at login: opening HKCU\\%s: %w", runKey, err)
	}
	defer k.Close()
	if err := k.DeleteValue(runValue); err != nil && !errors.Is(err, registry.ErrNotExist) {
		return fmt.Errorf("turning off start at login: %w", err)
	}
	return nil
}

func get(exe string) (Status, error) {
	st := Status{Where: `HKCU\` + runKey + `\` + runValue}
	k, err := registry.OpenKey(registry.CURRENT_USER, runKey, registry.QUERY_VALUE)
	if errors.Is(err, registry.ErrNotExist) {
		return st, nil
	}
	if err != nil {
		return st, fmt.Errorf("reading HKCU\\%s: %w", runKey, err)
	}
	defer k.Close()
	v, _, err := k.GetStringValue(runValue)
	if errors.Is(err, registry.ErrNotExist) {
		return st, nil
	}
	if err != nil {
		return st, fmt.Errorf("reading HKCU\\%s: %w", runKey, err)
	}
	st.Enabled = true
	st.Command = strings.Trim(v, `"`)
	st.Stale = exe != "" && !strings.EqualFold(st.Command, exe)
	return st, nil
}

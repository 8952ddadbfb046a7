//go:build windows

package settings

import (
	"errors"
	"fmt"

	"fyne.io/fyne/v2/lang"
	"golang.org/x/sys/windows/registry"
)

// The policy key, as Group Policy (ADMX) or an MDM writes it.
const (
	policyPath = `Software\Policies\Limber`
	policyName = `HKLM\Software\Policies\Limber`
)

func nativeSources() []Source {
	k, err := registry.OpenKey(registry.LOCAL_MACHINE, policyPath, registry.QUERY_VALUE)
	if errors.Is(err, registry.ErrNotExist) {
		return nil // no policy
	}
	if err != nil {
		return []Source{{Name: policyName, Problems: []Problem{{File: policyName, Message: lang.X("settings.err.system_unreadable",
			"This system settings file cannot be read ({{.Err}}); it is left out.", map[string]any{"Err": err.Error()})}}}}
	}
	defer k.Close()
	stamp := ""
	if info, err := k.Stat(); err == nil {
		stamp = fmt.Sprintf("%s %d", policyName, info.ModTime().UnixNano())
	}
	names, err := k.ReadValueNames(0)
	if err != nil {
		return nil
	}
	values := map[string]any{}
	for _, n := range names {
		_, typ, err := k.GetValue(n, nil)
		if err != nil {
			continue
		}
		switch typ {
		case registry.SZ, registry.EXPAND_SZ:
			values[n], _, _ = k.GetStringValue(n)
		case registry.MULTI_SZ:
			values[n], _, _ = k.GetStringsValue(n)
		case registry.DWORD, registry.QWORD:
			values[n], _, _ = k.GetIntegerValue(n)
		}
	}
	src := PolicySource(policyName, values)
	src.stamp = stamp
	return []Source{src}
}

func nativeStamps() []string {
	k, err := registry.OpenKey(registry.LOCAL_MACHINE, policyPath, registry.QUERY_VALUE)
	if err != nil {
		return nil
	}
	defer k.Close()
	info, err := k.Stat()
	if err != nil {
		return nil
	}
	return []string{fmt.Sprintf("%s %d", policyName, info.ModTime().UnixNano())}
}

package settings

import (
	"math"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2/lang"
	"howett.net/plist"
)

// The OS's own ways to hand out settings, turned into Sources: the Windows
// registry's policy key (managed_windows.go reads it) and macOS's managed
// preferences plists (managed_darwin.go finds them). The conversion is
// here, free of any OS, so that it is tested everywhere. plist files are
// read with howett.net/plist (XML and binary, as MDM tools write them);
// the registry with golang.org/x/sys/windows/registry.

// PolicySource makes a Source of registry values, named with the TOML key
// names ("stretch.interval" = "45m"). Values are REG_SZ strings (a
// REG_MULTI_SZ for lists and "locked", or one string of names separated by
// commas), or REG_DWORD/REG_QWORD numbers for whole numbers and true/false
// (1/0). Each string is read as the key's type wants it: "true", "3",
// "45m"; what cannot be read goes to decode as it is, which says why.
func PolicySource(name string, values map[string]any) Source {
	doc := map[string]any{}
	t := table()
	for k, v := range values {
		key := strings.ToLower(strings.TrimSpace(k)) // registry names ignore case
		if key == lockedKey {
			if list, ok := v.([]string); ok {
				v = anyList(list)
			}
			doc[key] = v
			continue
		}
		i, known := t.byKey[key]
		if !known {
			doc[key] = v // reported as an unknown setting, with the nearest
			continue
		}
		doc[key] = policyValue(t.fields[i], v)
	}
	return Source{Name: name, Doc: doc}
}

// policyValue reads a registry value as the field's TOML value.
func policyValue(f Field, v any) any {
	switch x := v.(type) {
	case uint64:
		switch f.Type {
		case Bool:
			if x <= 1 {
				return x == 1
			}
		case Int, Duration: // a bare number of a duration is minutes, as in the file
			if x <= math.MaxInt32 {
				return int64(x)
			}
		}
		return strconv.FormatUint(x, 10)
	case []string:
		return anyList(x)
	case string:
		s := strings.TrimSpace(x)
		switch f.Type {
		case Bool:
			if b, err := strconv.ParseBool(s); err == nil {
				return b
			}
		case Int:
			if n, err := strconv.ParseInt(s, 10, 64); err == nil {
				return n
			}
		case Set, List:
			var list []string
			for _, n := range strings.Split(s, ",") {
				if n = strings.TrimSpace(n); n != "" {
					list = append(list, n)
				}
			}
			return anyList(list)
		}
		return s
	}
	return v
}

func anyList(list []string) []any {
	out := make([]any, len(list))
	for i, s := range list {
		out[i] = s
	}
	return out
}

// ReadPlistFile reads a managed preferences plist (XML or binary): its
// keys are the TOML key names, flat ("stretch.interval") or as nested
// dictionaries, with plist types (string, integer, boolean, array);
// "locked" is an array of key names. ok is false when there is no file.
func ReadPlistFile(path string) (Source, bool) {
	stamp, there := stampLine(path)
	if !there {
		return Source{}, false
	}
	src := Source{Name: path, stamp: stamp}
	data, err := ReadFile(path)
	if err == nil {
		var doc map[string]any
		if _, err = plist.Unmarshal(data, &doc); err == nil {
			src.Doc = plistDoc(doc).(map[string]any)
			return src, true
		}
		src.Problems = []Problem{{File: path, Message: lang.X("settings.err.plist", "This is not a property list of settings: {{.Err}}; it is left out.",
			map[string]any{"Err": err.Error()})}}
		return src, true
	}
	src.Problems = []Problem{{File: path, Message: lang.X("settings.err.system_unreadable",
		"This system settings file cannot be read ({{.Err}}); it is left out.", map[string]any{"Err": err.Error()})}}
	return src, true
}

// plistDoc turns plist values into the TOML decoder's: integers int64,
// dictionaries and arrays walked; dates as RFC 3339 text.
func plistDoc(v any) any {
	switch x := v.(type) {
	case uint64:
		if x > math.MaxInt64 {
			return float64(x)
		}
		return int64(x)
	case map[string]any:
		m := make(map[string]any, len(x))
		for k, e := range x {
			m[k] = plistDoc(e)
		}
		return m
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = plistDoc(e)
		}
		return out
	case time.Time:
		return x.Format(time.RFC3339)
	}
	return v
}

package settings

import "sort"

// Keys lists every key config.toml may hold ("posture.interval",
// "working_hours.monday.start"), sorted; the window checks it has a field
// for each.
func Keys() []string {
	k := knownKeys()
	sort.Strings(k)
	return k
}

//go:build !linux

package daemon

import "time"

// bootClock: unknown here (0); the core then treats a wall clock running
// ahead of the monotonic one as sleep.
func bootClock() time.Duration { return 0 }

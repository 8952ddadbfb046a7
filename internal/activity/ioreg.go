package activity

import (
	"bytes"
	"errors"
	"fmt"
	"strconv"
	"time"
)

// parseIoregIdle finds `"HIDIdleTime" = 123456789` (nanoseconds) in ioreg's
// output. It lives outside the darwin files so it is tested everywhere.
func parseIoregIdle(out []byte) (time.Duration, error) {
	key := []byte(`"HIDIdleTime" = `)
	i := bytes.Index(out, key)
	if i < 0 {
		return 0, errors.New("ioreg output has no HIDIdleTime")
	}
	rest := out[i+len(key):]
	end := 0
	for end < len(rest) && rest[end] >= '0' && rest[end] <= '9' {
		end++
	}
	n, err := strconv.ParseInt(string(rest[:end]), 10, 64)
	if err != nil {
		return 0, fmt.Errorf("parsing HIDIdleTime %q: %w", rest[:min(end+8, len(rest))], err)
	}
	return time.Duration(n), nil
}

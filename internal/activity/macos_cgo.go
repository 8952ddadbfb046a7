//go:build darwin && cgo

package activity

/*
#cgo LDFLAGS: -framework IOKit -framework CoreFoundation
#include <stdint.h>
#include <IOKit/IOKitLib.h>
#include <CoreFoundation/CoreFoundation.h>

// limber_hid_service finds the IOHIDSystem service once; MACH_PORT_NULL is
// the default main port (kIOMasterPortDefault is deprecated, kIOMainPortDefault
// needs macOS 12).
static io_service_t limber_hid_service(void) {
	return IOServiceGetMatchingService(MACH_PORT_NULL, IOServiceMatching("IOHIDSystem"));
}

// limber_hid_idle_ns reads HIDIdleTime (nanoseconds) from the service.
// It returns 0 on success, -1 when the property is missing or not a number.
static int limber_hid_idle_ns(io_service_t svc, int64_t *ns) {
	CFTypeRef prop = IORegistryEntryCreateCFProperty(svc, CFSTR("HIDIdleTime"), kCFAllocatorDefault, 0);
	if (prop == NULL) {
		return -1;
	}
	int rc = -1;
	if (CFGetTypeID(prop) == CFNumberGetTypeID() &&
	    CFNumberGetValue((CFNumberRef)prop, kCFNumberSInt64Type, ns)) {
		rc = 0;
	}
	CFRelease(prop);
	return rc;
}

static void limber_hid_release(io_service_t svc) {
	IOObjectRelease(svc);
}
*/
import "C"

import (
	"errors"
	"sync"
	"time"
)

const macName = NameMacHID

// macSource reads IOHIDSystem's HIDIdleTime through IOKit, keeping the
// service handle between polls.
type macSource struct {
	mu     sync.Mutex
	svc    C.io_service_t
	closed bool
}

// OpenMac finds the IOHIDSystem service.
func OpenMac() (Source, error) {
	svc := C.limber_hid_service()
	if svc == 0 {
		return nil, errors.New("IOHIDSystem service not found")
	}
	return &macSource{svc: svc}, nil
}

func (s *macSource) Name() string { return NameMacHID }

func (s *macSource) Idle() (time.Duration, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return 0, ErrClosed
	}
	var ns C.int64_t
	if C.limber_hid_idle_ns(s.svc, &ns) != 0 {
		return 0, errors.New("reading HIDIdleTime from IOHIDSystem failed")
	}
	return time.Duration(int64(ns)), nil
}

func (s *macSource) Close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if !s.closed {
		s.closed = true
		C.limber_hid_release(s.svc)
	}
	return nil
}

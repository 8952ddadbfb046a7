package presence

// notificationState maps Windows' QUERY_USER_NOTIFICATION_STATE to
// (away, busy). Kept outside the windows file so it is tested everywhere.
func notificationState(st int32) (away, busy bool) {
	switch st {
	case 1: // QUNS_NOT_PRESENT: screensaver, locked, or fast user switching
		return true, false
	case 2, 3, 4: // QUNS_BUSY (full screen), QUNS_RUNNING_D3D_FULL_SCREEN, QUNS_PRESENTATION_MODE
		return false, true
	default: // accepts notifications, quiet time (first hour after setup), app
		return false, false
	}
}

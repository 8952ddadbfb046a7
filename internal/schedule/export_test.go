package schedule

// TraceStages calls f with every stage change of s's tracks, for the
// stage tests; nil stops tracing.
func TraceStages(s *Scheduler, f func(k Kind, from, to string)) {
	if f == nil {
		s.trace = nil
		return
	}
	s.trace = func(k Kind, from, to stage) { f(k, from.String(), to.String()) }
}

// StageNames lists the names of all stages.
func StageNames() []string { return stageNames[:] }

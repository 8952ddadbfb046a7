package settings

import (
	"math"
	"math/rand/v2"
	"testing"
	"time"
)

// randomSettings draws every field of the table within its limits
// (durations log-uniformly, so short warnings and long intervals are
// common) and, in one draw of three, pushes one field just past a limit.
func randomSettings(r *rand.Rand) Settings {
	s := Defaults()
	if r.IntN(3) == 0 {
		s.ApplyPreset(PresetNames()[r.IntN(len(PresetNames()))])
	}
	fields := Fields()
	for _, f := range fields {
		if r.IntN(4) == 0 || f.Type == Clock && r.IntN(3) != 0 {
			continue // keep the default or preset value
		}
		if f.Type == Int || f.Type == Duration {
			if edge := r.IntN(12); edge < 2 {
				f.setNumber(&s, []int64{f.Min, 0}[edge]) // the boundary itself
				continue
			}
		}
		switch f.Type {
		case Bool:
			*f.Ptr(&s).(*bool) = r.IntN(2) == 0
		case Choice:
			if len(f.Options) > 0 {
				*f.Ptr(&s).(*string) = f.Options[r.IntN(len(f.Options))].Value
			}
		case Set:
			*f.Ptr(&s).(*Positions) = Positions{Desk: r.IntN(2) == 0, Standing: r.IntN(2) == 0, Floor: r.IntN(3) == 0}
		case Int, Clock:
			unit := int64(1)
			if f.Type == Clock {
				unit = minute
			}
			f.setNumber(&s, f.Min+r.Int64N((f.Max-f.Min)/unit+1)*unit)
		case Duration:
			lo, hi := max(f.Min, second), f.Max
			if hi == 0 {
				hi = lo + 10*hour
			}
			n := int64(math.Exp(math.Log(float64(lo)) + r.Float64()*(math.Log(float64(hi))-math.Log(float64(lo)))))
			f.setNumber(&s, min(max(n/second*second, f.Min), hi))
		}
	}
	if r.IntN(3) == 0 {
		f := fields[r.IntN(len(fields))]
		switch r.IntN(3) {
		case 0:
			f.setNumber(&s, f.Min-second)
		case 1:
			f.setNumber(&s, f.Max+minute)
		default:
			f.setNumber(&s, 0)
		}
	}
	return s
}

// The settings' rules are the policy, the core's Validate an assertion:
// every valid Settings (the defaults, every preset, and many random ones)
// gives a Config the core accepts. The reverse is not required: the
// settings are stricter (an 8 h cap, a cycle phase of 0, ...).
func TestValidSettingsNeverRefusedByCore(t *testing.T) {
	check := func(name string, s Settings) bool {
		if errs := s.Validate(); len(errs) > 0 {
			return false
		}
		if err := s.Schedule().Validate(); err != nil {
			t.Errorf("%s: settings valid, core refuses: %v\n%+v", name, err, s)
		}
		return true
	}
	if !check("defaults", Defaults()) {
		t.Fatalf("defaults invalid: %v", Defaults().Validate())
	}
	for _, n := range PresetNames() {
		s := Defaults()
		s.ApplyPreset(n)
		if !check(n, s) {
			t.Errorf("preset %s invalid: %v", n, s.Validate())
		}
	}
	r := rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 1))
	valid, n := 0, 20000
	if testing.Short() {
		n = 2000
	}
	for i := 0; i < n; i++ {
		if check("random", randomSettings(r)) {
			valid++
		}
	}
	if valid < n/50 { // each break kind's fields lower the share; 2 % still probes hundreds
		t.Errorf("only %d of %d random settings were valid: the generator no longer probes much", valid, n)
	}
	t.Logf("%d of %d random settings valid, all accepted by the core", valid, n)
}

// FuzzValidSettingsNeverRefusedByCore is the same with the fuzzer's seeds.
func FuzzValidSettingsNeverRefusedByCore(f *testing.F) {
	for i := uint64(0); i < 8; i++ {
		f.Add(i, i*7919)
	}
	f.Fuzz(func(t *testing.T, a, b uint64) {
		s := randomSettings(rand.New(rand.NewPCG(a, b)))
		if len(s.Validate()) > 0 {
			return
		}
		if err := s.Schedule().Validate(); err != nil {
			t.Fatalf("settings valid, core refuses: %v\n%+v", err, s)
		}
		s.Normalize()
		if again, probs := Parse(Encode(s), "f.toml"); len(probs) > 0 || again != s {
			t.Fatalf("valid settings do not survive the file: %v\n%+v\n%+v", probs, again, s)
		}
	})
}

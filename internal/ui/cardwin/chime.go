package cardwin

import (
	"bytes"
	"encoding/binary"
	"math"
	"os/exec"
	"runtime"
	"time"
)

// The card's optional sound: a soft two-note chime, synthesised here (a
// few kilobytes of WAV) and handed to the system's own player on stdin,
// so no audio library is linked. Where no player is found it stays quiet.

const chimeRate = 22050

// chimeWAV returns a 16-bit mono WAV of two soft sine notes with a slow
// decay: rising at the start of a break, falling at its end.
func chimeWAV(end bool) []byte {
	notes := []float64{660, 880} // E5, A5
	if end {
		notes = []float64{880, 660}
	}
	const noteLen = 0.28
	n := int(noteLen * chimeRate)
	samples := make([]int16, 0, n*len(notes))
	for _, f := range notes {
		for i := range n {
			t := float64(i) / chimeRate
			attack := math.Min(1, t/0.01) // no click at the start
			env := attack * math.Exp(-t*9)
			v := 0.22 * env * (math.Sin(2*math.Pi*f*t) + 0.25*math.Sin(4*math.Pi*f*t))
			samples = append(samples, int16(v*math.MaxInt16))
		}
	}
	var b bytes.Buffer
	data := len(samples) * 2
	b.WriteString("RIFF")
	binary.Write(&b, binary.LittleEndian, uint32(36+data))
	b.WriteString("WAVEfmt ")
	for _, v := range []any{uint32(16), uint16(1), uint16(1), uint32(chimeRate), uint32(chimeRate * 2), uint16(2), uint16(16)} {
		binary.Write(&b, binary.LittleEndian, v)
	}
	b.WriteString("data")
	binary.Write(&b, binary.LittleEndian, uint32(data))
	binary.Write(&b, binary.LittleEndian, samples)
	return b.Bytes()
}

// players are tried in order; each reads a WAV on stdin.
func players() [][]string {
	if runtime.GOOS == "darwin" {
		return nil // afplay needs a file; macOS stays quiet for now
	}
	return [][]string{{"paplay"}, {"pw-cat", "--playback", "-"}, {"aplay", "-q", "-"}}
}

// chime plays the start or end sound and waits for it (at most 3 s).
func chime(end bool) {
	wav := chimeWAV(end)
	for _, p := range players() {
		path, err := exec.LookPath(p[0])
		if err != nil {
			continue
		}
		cmd := exec.Command(path, p[1:]...)
		cmd.Stdin = bytes.NewReader(wav)
		if err := cmd.Start(); err != nil {
			continue
		}
		done := make(chan error, 1)
		go func() { done <- cmd.Wait() }()
		select {
		case err = <-done:
		case <-time.After(3 * time.Second):
			cmd.Process.Kill()
			err = <-done
		}
		if err == nil {
			return
		}
	}
}

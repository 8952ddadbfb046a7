package main

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"image"
	"image/png"
)

// icoEntry is one image of a Windows icon file.
type icoEntry struct {
	size int
	img  *image.NRGBA
}

// encodeICO writes a Windows .ico container. Entries below 256 px are
// stored as 32-bit BMP (with the 1-bit AND mask), which every Windows
// icon loader reads; 256 px, should one be added, is stored as PNG, as
// Windows expects for that size.
func encodeICO(entries []icoEntry) ([]byte, error) {
	payloads := make([][]byte, len(entries))
	for i, e := range entries {
		if e.img.Bounds().Dx() != e.size || e.img.Bounds().Dy() != e.size {
			return nil, fmt.Errorf("entry %d: image is %v, want %d×%d", i, e.img.Bounds().Size(), e.size, e.size)
		}
		switch {
		case e.size < 1 || e.size > 256:
			return nil, fmt.Errorf("entry %d: size %d outside 1..256", i, e.size)
		case e.size == 256:
			var buf bytes.Buffer
			if err := png.Encode(&buf, e.img); err != nil {
				return nil, fmt.Errorf("entry %d: %w", i, err)
			}
			payloads[i] = buf.Bytes()
		default:
			payloads[i] = dib(e.img)
		}
	}
	var out bytes.Buffer
	le := binary.LittleEndian
	w16 := func(v uint16) { _ = binary.Write(&out, le, v) }
	w32 := func(v uint32) { _ = binary.Write(&out, le, v) }
	w16(0) // reserved
	w16(1) // type: icon
	w16(uint16(len(entries)))
	offset := 6 + 16*len(entries)
	for i, e := range entries {
		dim := byte(e.size % 256) // 0 means 256
		out.Write([]byte{dim, dim, 0, 0})
		w16(1)  // colour planes
		w16(32) // bits per pixel
		w32(uint32(len(payloads[i])))
		w32(uint32(offset))
		offset += len(payloads[i])
	}
	for _, p := range payloads {
		out.Write(p)
	}
	return out.Bytes(), nil
}

// dib encodes an image as an icon bitmap: a BITMAPINFOHEADER with doubled
// height, bottom-up BGRA rows (straight alpha), then the AND mask.
func dib(img *image.NRGBA) []byte {
	n := img.Bounds().Dx()
	maskStride := ((n + 31) / 32) * 4
	var out bytes.Buffer
	le := binary.LittleEndian
	hdr := struct {
		Size                  uint32
		Width, Height         int32
		Planes, BitCount      uint16
		Compression, SizeImg  uint32
		XPels, YPels          int32
		ClrUsed, ClrImportant uint32
	}{40, int32(n), int32(2 * n), 1, 32, 0, uint32(n*n*4 + maskStride*n), 0, 0, 0, 0}
	_ = binary.Write(&out, le, hdr)
	for y := n - 1; y >= 0; y-- {
		for x := range n {
			c := img.NRGBAAt(x, y)
			out.Write([]byte{c.B, c.G, c.R, c.A})
		}
	}
	for y := n - 1; y >= 0; y-- {
		row := make([]byte, maskStride)
		for x := range n {
			if img.NRGBAAt(x, y).A == 0 {
				row[x/8] |= 0x80 >> (x % 8)
			}
		}
		out.Write(row)
	}
	return out.Bytes()
}

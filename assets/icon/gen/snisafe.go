package main

import (
	"image"
	"image/color"
)

// fyne.io/systray (v1.12.2) turns a PNG into the StatusNotifierItem
// pixmap by calling RGBA() on each pixel and keeping the low byte of each
// 16-bit premultiplied channel. That is right for opaque pixels and noise
// for partly transparent ones: the anti-aliased rim of a tray icon shows
// as coloured specks in the panel (seen in xfce4-panel here).
//
// sniSafe works around it without changing how the icon looks anywhere
// else: it stores the icon as 16-bit RGBA whose alpha is exactly A×257
// and whose colour channels are nudged, by less than half an 8-bit step
// once premultiplied, so that the low byte systray keeps is exactly the
// straight 8-bit value the panel expects.
func sniSafe(src *image.NRGBA) *image.NRGBA64 {
	b := src.Bounds()
	dst := image.NewNRGBA64(b)
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			c := src.NRGBAAt(x, y)
			if c.A == 0 {
				continue // transparent black: every byte is 0
			}
			a16 := uint32(c.A) * 0x101
			dst.SetNRGBA64(x, y, color.NRGBA64{
				R: channel16(c.R, a16), G: channel16(c.G, a16), B: channel16(c.B, a16),
				A: uint16(a16),
			})
		}
	}
	return dst
}

// channel16 finds the 16-bit straight value closest to v×257 whose
// premultiplied value (v16×a16/0xffff, as color.NRGBA64.RGBA computes
// it) has v as its low byte.
func channel16(v uint8, a16 uint32) uint16 {
	ideal := int64(v) * 0x101
	best, bestErr := int64(-1), int64(1<<62)
	// The premultiplied value moves by at most 1 per step of v16, so each
	// residue turns up within 256×0xffff/a16 steps of the ideal.
	span := int64(256*0xffff/a16) + 2
	for d := int64(0); d <= span; d++ {
		for _, v16 := range [2]int64{ideal - d, ideal + d} {
			if v16 < 0 || v16 > 0xffff {
				continue
			}
			if uint8((uint32(v16)*a16)/0xffff) == v {
				if e := d; e < bestErr {
					best, bestErr = v16, e
				}
			}
		}
		if best >= 0 {
			return uint16(best)
		}
	}
	// Unreachable for a16 ≥ 0x101: every residue lies within span.
	return uint16(ideal)
}

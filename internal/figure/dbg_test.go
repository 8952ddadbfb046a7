package figure

import (
	"fmt"
	"testing"

	"github.com/limber-app/limber/internal/cards"
	"github.com/limber-app/limber/internal/figure/pose"
)

func TestDbg(t *testing.T) {
	c, _ := cards.Builtin().Card("eye-palming")
	f := c.Figure
	pl := f.Place()
	for _, tm := range []float64{4.3, 8, 12} {
		p := f.At(tm)
		s := pose.Layout(p, f.Front, f.Feet)
		fmt.Println(tm, p.Angle(pose.Torso), p.Angle(pose.ArmR), p.Angle(pose.ForearmR), s.ShoulderR, s.ElbowR, pl.DeskY)
		for _, ct := range p.Touch {
			fmt.Println("  ", ct, pl.Gap(s, p, ct))
		}
	}
}

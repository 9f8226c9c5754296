package slacksim

import (
	"fmt"
	"html"
	"math"
	"strings"
	"unicode/utf8"
)

// Charts: the data_visualization block (pie, bar, area, line), checked
// against the limits Slack documents (title ≤ 50; 1–6 series of unique
// names ≤ 20; 1–20 points, one per axis category, each label ≤ 20 and
// among the categories; axis labels ≤ 50; pie: 1–6 segments, label ≤ 20,
// value > 0), and drawn as SVG for the sandbox.

// checkChart validates one data_visualization block at pointer p.
func checkChart(bad func(string, string, ...any), p string, b map[string]any) {
	title, _ := b["title"].(string)
	if n := utf8.RuneCountInString(title); n < 1 || n > 50 {
		bad(p+"/title", "must be between 1 and 50 characters")
	}
	chart, ok := b["chart"].(map[string]any)
	if !ok {
		bad(p+"/chart", "must be provided")
		return
	}
	p += "/chart"
	switch chart["type"] {
	case "pie":
		segs, _ := chart["segments"].([]any)
		if len(segs) < 1 || len(segs) > 6 {
			bad(p+"/segments", "must have between 1 and 6 items")
		}
		for i, s := range segs {
			m, _ := s.(map[string]any)
			sp := fmt.Sprintf("%s/segments/%d", p, i)
			checkLabel(bad, sp+"/label", m["label"], 20)
			if v, ok := m["value"].(float64); !ok || v <= 0 {
				bad(sp+"/value", "must be a number greater than 0")
			}
		}
	case "bar", "area", "line":
		axis, _ := chart["axis_config"].(map[string]any)
		if axis == nil {
			bad(p+"/axis_config", "must be provided")
			return
		}
		cats, _ := axis["categories"].([]any)
		if len(cats) < 1 || len(cats) > 20 {
			bad(p+"/axis_config/categories", "must have between 1 and 20 items")
		}
		known := map[string]bool{}
		for i, c := range cats {
			s, _ := c.(string)
			checkLabel(bad, fmt.Sprintf("%s/axis_config/categories/%d", p, i), c, 20)
			if known[s] {
				bad(fmt.Sprintf("%s/axis_config/categories/%d", p, i), "duplicate category %q", s)
			}
			known[s] = true
		}
		for _, k := range []string{"x_label", "y_label"} {
			if v, ok := axis[k]; ok {
				checkLabel(bad, p+"/axis_config/"+k, v, 50)
			}
		}
		series, _ := chart["series"].([]any)
		if len(series) < 1 || len(series) > 6 {
			bad(p+"/series", "must have between 1 and 6 items")
		}
		names := map[string]bool{}
		for i, s := range series {
			m, _ := s.(map[string]any)
			sp := fmt.Sprintf("%s/series/%d", p, i)
			name, _ := m["name"].(string)
			checkLabel(bad, sp+"/name", m["name"], 20)
			if names[name] {
				bad(sp+"/name", "must be unique across series")
			}
			names[name] = true
			data, _ := m["data"].([]any)
			if len(data) < 1 || len(data) > 20 || len(data) != len(cats) {
				bad(sp+"/data", "must have between 1 and 20 items, one per category")
			}
			seen := map[string]bool{}
			for j, d := range data {
				dm, _ := d.(map[string]any)
				dp := fmt.Sprintf("%s/data/%d", sp, j)
				label, _ := dm["label"].(string)
				checkLabel(bad, dp+"/label", dm["label"], 20)
				if !known[label] || seen[label] {
					bad(dp+"/label", "must match one axis_config category, once")
				}
				seen[label] = true
				if _, ok := dm["value"].(float64); !ok {
					bad(dp+"/value", "must be a number")
				}
			}
		}
	default:
		bad(p+"/type", "must be one of pie, bar, area, line")
	}
}

func checkLabel(bad func(string, string, ...any), ptr string, v any, max int) {
	s, ok := v.(string)
	if n := utf8.RuneCountInString(s); !ok || n < 1 || n > max {
		bad(ptr, "must be between 1 and %d characters", max)
	}
}

// chartColors are the series colours, in order.
var chartColors = []string{"#1264a3", "#e01e5a", "#2eb67d", "#ecb22e", "#36c5f0", "#7c3085"}

// chartHTML draws a data_visualization block as an inline SVG with its
// title and a legend; a block the validator would refuse draws nothing.
func chartHTML(blk map[string]any) string {
	chart, _ := blk["chart"].(map[string]any)
	if chart == nil {
		return ""
	}
	var b strings.Builder
	title, _ := blk["title"].(string)
	fmt.Fprintf(&b, `<figure class="chart" data-chart="%s"><figcaption>%s</figcaption>`, html.EscapeString(fmt.Sprint(chart["type"])), html.EscapeString(title))
	const w, h, pad = 480.0, 200.0, 28.0
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d" role="img" aria-label="%s">`, int(w), int(h), int(w), int(h), html.EscapeString(title))
	var legend []string
	if chart["type"] == "pie" {
		segs, _ := chart["segments"].([]any)
		total := 0.0
		for _, s := range segs {
			m, _ := s.(map[string]any)
			v, _ := m["value"].(float64)
			total += v
		}
		a := -math.Pi / 2
		cx, cy, r := h/2, h/2, h/2-10
		for i, s := range segs {
			m, _ := s.(map[string]any)
			v, _ := m["value"].(float64)
			if total <= 0 {
				break
			}
			da := 2 * math.Pi * v / total
			x1, y1 := cx+r*math.Cos(a), cy+r*math.Sin(a)
			x2, y2 := cx+r*math.Cos(a+da), cy+r*math.Sin(a+da)
			large := 0
			if da > math.Pi {
				large = 1
			}
			fmt.Fprintf(&b, `<path d="M%.1f,%.1f L%.1f,%.1f A%.1f,%.1f 0 %d 1 %.1f,%.1f Z" fill="%s"/>`, cx, cy, x1, y1, r, r, large, x2, y2, chartColors[i%len(chartColors)])
			a += da
			legend = append(legend, fmt.Sprint(m["label"]))
		}
	} else {
		axis, _ := chart["axis_config"].(map[string]any)
		cats, _ := axis["categories"].([]any)
		series, _ := chart["series"].([]any)
		lo, hi := 0.0, 0.0
		for _, s := range series {
			m, _ := s.(map[string]any)
			data, _ := m["data"].([]any)
			for _, d := range data {
				dm, _ := d.(map[string]any)
				v, _ := dm["value"].(float64)
				lo, hi = math.Min(lo, v), math.Max(hi, v)
			}
		}
		if hi == lo {
			hi = lo + 1
		}
		n := max(len(cats), 1)
		slot := (w - 2*pad) / float64(n)
		y := func(v float64) float64 { return pad + (h-2*pad)*(hi-v)/(hi-lo) }
		fmt.Fprintf(&b, `<line x1="%.0f" y1="%.1f" x2="%.0f" y2="%.1f" stroke="#bbb"/>`, pad, y(0), w-pad, y(0))
		for i, c := range cats {
			fmt.Fprintf(&b, `<text x="%.1f" y="%.0f" font-size="10" text-anchor="middle" fill="#616061">%s</text>`, pad+slot*(float64(i)+0.5), h-8, html.EscapeString(fmt.Sprint(c)))
		}
		fmt.Fprintf(&b, `<text x="2" y="%.1f" font-size="10" fill="#616061">%s</text><text x="2" y="%.1f" font-size="10" fill="#616061">%s</text>`, y(hi)+4, trimNum(hi), y(lo)+4, trimNum(lo))
		for si, s := range series {
			m, _ := s.(map[string]any)
			legend = append(legend, fmt.Sprint(m["name"]))
			data, _ := m["data"].([]any)
			color := chartColors[si%len(chartColors)]
			var pts []string
			for j, d := range data {
				dm, _ := d.(map[string]any)
				v, _ := dm["value"].(float64)
				if chart["type"] == "bar" {
					bw := slot * 0.8 / float64(max(len(series), 1))
					x := pad + slot*float64(j) + slot*0.1 + bw*float64(si)
					top, bottom := math.Min(y(v), y(0)), math.Max(y(v), y(0))
					fmt.Fprintf(&b, `<rect class="bar" x="%.1f" y="%.1f" width="%.1f" height="%.1f" fill="%s"/>`, x, top, bw, bottom-top, color)
				} else {
					pts = append(pts, fmt.Sprintf("%.1f,%.1f", pad+slot*(float64(j)+0.5), y(v)))
				}
			}
			if len(pts) > 0 {
				if chart["type"] == "area" {
					first, last := pad+slot*0.5, pad+slot*(float64(len(pts))-0.5)
					fmt.Fprintf(&b, `<polygon points="%.1f,%.1f %s %.1f,%.1f" fill="%s" fill-opacity="0.3"/>`, first, y(0), strings.Join(pts, " "), last, y(0), color)
				}
				fmt.Fprintf(&b, `<polyline class="line" points="%s" fill="none" stroke="%s" stroke-width="2"/>`, strings.Join(pts, " "), color)
			}
		}
	}
	b.WriteString(`</svg><div class="legend">`)
	for i, l := range legend {
		fmt.Fprintf(&b, `<span><i style="background:%s"></i>%s</span>`, chartColors[i%len(chartColors)], html.EscapeString(l))
	}
	b.WriteString(`</div></figure>`)
	return b.String()
}

func trimNum(v float64) string {
	if v == math.Trunc(v) {
		return fmt.Sprintf("%.0f", v)
	}
	return fmt.Sprintf("%.1f", v)
}

package blocks

import (
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/partnercoach/partnercoach/bot/i18n"
	"github.com/partnercoach/partnercoach/coach"
	"github.com/slack-go/slack"
)

// Charts (issue 16): Slack's data_visualization block, each with a text
// line beside it for clients that cannot draw it. Slack refuses a chart
// with more than 6 series or 20 points, labels over 20 characters or a
// title over 50: the builders below keep within them.
const (
	chartTitleMax  = 50
	chartLabelMax  = 20
	chartPointsMax = 20
)

// monthLabel is a short month name for an axis: "Oct 2026", "10/2026".
func monthLabel(l i18n.Locale, t time.Time) string {
	if l == i18n.FR {
		return t.Format("01/2006")
	}
	return t.Format("Jan 2006")
}

// weekLabel is a week's Monday for an axis: "Nov 30", "30/11".
func weekLabel(l i18n.Locale, t time.Time) string {
	if l == i18n.FR {
		return t.Format("02/01")
	}
	return t.Format("Jan 2")
}

func chartText(s string, max int) string { return Truncate(s, max) }

// GiveTakeChart draws closed business both ways by month as a bar chart,
// with the same figures in a text line; no month with business gives only
// the text line. At most the last 20 months are drawn.
func GiveTakeChart(l i18n.Locale, months []coach.MonthFlow) []slack.Block {
	if len(months) > chartPointsMax {
		months = months[len(months)-chartPointsMax:]
	}
	any := false
	for _, m := range months {
		any = any || m.GaveCount+m.GotCount > 0
	}
	if !any {
		return []slack.Block{Context(i18n.T(l, "chart.give_take.empty"))}
	}
	unit := i18n.T(l, "chart.give_take.count")
	if months[0].Currency != "" {
		unit = months[0].Currency
	}
	cats := make([]string, len(months))
	gave := make([]slack.DataVisualizationDataPoint, len(months))
	got := make([]slack.DataVisualizationDataPoint, len(months))
	var gaveText, gotText []string
	for i, m := range months {
		cats[i] = chartText(monthLabel(l, m.Month), chartLabelMax)
		gave[i] = slack.NewDataVisualizationDataPoint(cats[i], m.Gave)
		got[i] = slack.NewDataVisualizationDataPoint(cats[i], m.Got)
		gaveText = append(gaveText, cats[i]+" "+chartNumber(l, m.Gave))
		gotText = append(gotText, cats[i]+" "+chartNumber(l, m.Got))
	}
	chart := slack.NewDataVisualizationBarChart(slack.NewDataVisualizationAxisConfig(cats...).WithYLabel(chartText(unit, chartTitleMax)),
		slack.NewDataVisualizationDataSeries(chartText(i18n.T(l, "chart.gave"), chartLabelMax), gave...),
		slack.NewDataVisualizationDataSeries(chartText(i18n.T(l, "chart.got"), chartLabelMax), got...))
	return []slack.Block{
		slack.NewDataVisualizationBlock(chartText(i18n.T(l, "chart.give_take.title", unit), chartTitleMax), chart),
		Context(i18n.T(l, "chart.give_take.text", Escape(unit), strings.Join(gaveText, ", "), strings.Join(gotText, ", "))),
	}
}

// HealthChart draws the weekly health scores as a line; weeks without a
// snapshot are left out of the line (and said in the text line's range).
func HealthChart(l i18n.Locale, weeks []coach.WeekScore) []slack.Block {
	var cats []string
	var pts []slack.DataVisualizationDataPoint
	first, last, low := -1, 0, 101
	for _, w := range weeks {
		if !w.Known {
			continue
		}
		c := chartText(weekLabel(l, w.Week), chartLabelMax)
		cats = append(cats, c)
		pts = append(pts, slack.NewDataVisualizationDataPoint(c, float64(w.Score)))
		if first < 0 {
			first = w.Score
		}
		last, low = w.Score, min(low, w.Score)
	}
	if len(pts) > chartPointsMax {
		cats, pts = cats[len(cats)-chartPointsMax:], pts[len(pts)-chartPointsMax:]
	}
	if len(pts) == 0 {
		return nil
	}
	chart := slack.NewDataVisualizationLineChart(slack.NewDataVisualizationAxisConfig(cats...),
		slack.NewDataVisualizationDataSeries(chartText(i18n.T(l, "chart.health.series"), chartLabelMax), pts...))
	return []slack.Block{
		slack.NewDataVisualizationBlock(chartText(i18n.T(l, "chart.health.title"), chartTitleMax), chart),
		Context(i18n.T(l, "chart.health.text", first, last, low)),
	}
}

// chartNumber writes a chart value for the text line: rounded to a whole
// number, grouped by thousands in the reader's way (12,500 / 12 500).
func chartNumber(l i18n.Locale, v float64) string {
	n := int64(math.Round(v))
	neg := n < 0
	if neg {
		n = -n
	}
	sep := ","
	if l == i18n.FR {
		sep = "\u202f"
	}
	digits := strconv.FormatInt(n, 10)
	var b strings.Builder
	if neg {
		b.WriteByte('-')
	}
	for i, r := range digits {
		if i > 0 && (len(digits)-i)%3 == 0 {
			b.WriteString(sep)
		}
		b.WriteRune(r)
	}
	return b.String()
}

// WithChart puts chart before bl's last block (its buttons).
func WithChart(bl, chart []slack.Block) []slack.Block {
	if len(bl) == 0 {
		return chart
	}
	out := append(append(append([]slack.Block{}, bl[:len(bl)-1]...), chart...), bl[len(bl)-1])
	return out
}

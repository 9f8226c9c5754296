package slacksim

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/slack-go/slack"
)

func lineChart(title string, cats []string, series ...slack.DataVisualizationDataSeries) *slack.DataVisualizationBlock {
	return slack.NewDataVisualizationBlock(title, slack.NewDataVisualizationLineChart(slack.NewDataVisualizationAxisConfig(cats...), series...))
}

func points(cats []string, vals ...float64) []slack.DataVisualizationDataPoint {
	out := make([]slack.DataVisualizationDataPoint, len(vals))
	for i, v := range vals {
		out[i] = slack.NewDataVisualizationDataPoint(cats[i], v)
	}
	return out
}

func chartErrors(t *testing.T, b slack.Block) []string {
	t.Helper()
	raw, err := json.Marshal([]slack.Block{b})
	if err != nil {
		t.Fatal(err)
	}
	return ValidateBlocks(SurfaceMessage, raw)
}

func TestCharts_Validate(t *testing.T) {
	cats := []string{"Oct", "Nov", "Dec"}
	t.Run("OK", func(t *testing.T) {
		for _, b := range []slack.Block{
			lineChart("Health, last 13 weeks", cats, slack.NewDataVisualizationDataSeries("Health", points(cats, 40, 55, -3)...)),
			slack.NewDataVisualizationBlock("Give and take", slack.NewDataVisualizationBarChart(slack.NewDataVisualizationAxisConfig(cats...).WithYLabel("EUR"),
				slack.NewDataVisualizationDataSeries("We gave", points(cats, 1, 2, 3)...), slack.NewDataVisualizationDataSeries("We got", points(cats, 3, 2, 1)...))),
			slack.NewDataVisualizationBlock("Split", slack.NewDataVisualizationPieChart(slack.NewDataVisualizationSegment("Us", 2), slack.NewDataVisualizationSegment("Them", 1))),
		} {
			if errs := chartErrors(t, b); len(errs) != 0 {
				t.Errorf("valid chart refused: %v", errs)
			}
			// slack-go's own check agrees.
			if err := b.(*slack.DataVisualizationBlock).Validate(); err != nil {
				t.Errorf("slack-go refuses the sample: %v", err)
			}
		}
	})
	long := strings.Repeat("x", 21)
	many := make([]string, 21)
	for i := range many {
		many[i] = "w" + string(rune('A'+i))
	}
	vals := make([]float64, 21)
	sevenSeries := make([]slack.DataVisualizationDataSeries, 7)
	for i := range sevenSeries {
		sevenSeries[i] = slack.NewDataVisualizationDataSeries(string(rune('a'+i)), points(cats, 1, 2, 3)...)
	}
	for name, tt := range map[string]struct {
		block slack.Block
		ptr   string
	}{
		"TitleTooLong":     {lineChart(strings.Repeat("t", 51), cats, slack.NewDataVisualizationDataSeries("s", points(cats, 1, 2, 3)...)), "/blocks/0/title"},
		"TitleEmpty":       {lineChart("", cats, slack.NewDataVisualizationDataSeries("s", points(cats, 1, 2, 3)...)), "/blocks/0/title"},
		"SevenSeries":      {lineChart("t", cats, sevenSeries...), "/blocks/0/chart/series"},
		"NoSeries":         {lineChart("t", cats), "/blocks/0/chart/series"},
		"TwentyOnePoints":  {lineChart("t", many, slack.NewDataVisualizationDataSeries("s", points(many, vals...)...)), "/blocks/0/chart/axis_config/categories"},
		"LabelTooLong":     {lineChart("t", []string{long}, slack.NewDataVisualizationDataSeries("s", points([]string{long}, 1)...)), "/blocks/0/chart/axis_config/categories/0"},
		"SeriesNameLong":   {lineChart("t", cats, slack.NewDataVisualizationDataSeries(long, points(cats, 1, 2, 3)...)), "/blocks/0/chart/series/0/name"},
		"DuplicateSeries":  {lineChart("t", cats, slack.NewDataVisualizationDataSeries("s", points(cats, 1, 2, 3)...), slack.NewDataVisualizationDataSeries("s", points(cats, 1, 2, 3)...)), "/blocks/0/chart/series/1/name"},
		"PointPerCategory": {lineChart("t", cats, slack.NewDataVisualizationDataSeries("s", points(cats, 1, 2)...)), "/blocks/0/chart/series/0/data"},
		"PieZero":          {slack.NewDataVisualizationBlock("t", slack.NewDataVisualizationPieChart(slack.NewDataVisualizationSegment("a", 0))), "/blocks/0/chart/segments/0/value"},
	} {
		t.Run("Err"+name, func(t *testing.T) {
			errs := chartErrors(t, tt.block)
			if !strings.Contains(strings.Join(errs, "\n"), "[json-pointer:"+tt.ptr+"]") {
				t.Fatalf("errors %q lack %s", errs, tt.ptr)
			}
		})
	}
}

func TestCharts_PostRefused(t *testing.T) {
	s := New()
	defer s.Close()
	cats := []string{"Oct", "Nov", "Dec"}
	bad := lineChart(strings.Repeat("t", 51), cats, slack.NewDataVisualizationDataSeries("s", points(cats, 1, 2, 3)...))
	_, _, err := client(s, BotToken).PostMessageContext(context.Background(), "C0PARTNERS", slack.MsgOptionBlocks(bad))
	var se slack.SlackErrorResponse
	if !errors.As(err, &se) || se.Err != "invalid_blocks" {
		t.Fatalf("got %v, want invalid_blocks", err)
	}
	good := lineChart("Health", cats, slack.NewDataVisualizationDataSeries("Health", points(cats, 1, 2, 3)...))
	if _, _, err := client(s, BotToken).PostMessageContext(context.Background(), "C0PARTNERS", slack.MsgOptionBlocks(good)); err != nil {
		t.Fatalf("valid chart refused: %v", err)
	}
}

func TestCharts_RenderSVG(t *testing.T) {
	s := New()
	defer s.Close()
	cats := []string{"Oct", "Nov", "Dec"}
	raw, _ := json.Marshal([]slack.Block{
		slack.NewDataVisualizationBlock("Give & take", slack.NewDataVisualizationBarChart(slack.NewDataVisualizationAxisConfig(cats...),
			slack.NewDataVisualizationDataSeries("We gave", points(cats, 1, 2, 3)...), slack.NewDataVisualizationDataSeries("<We got>", points(cats, 3, 0, 1)...))),
		lineChart("Health", cats, slack.NewDataVisualizationDataSeries("Health", points(cats, 40, 50, 60)...)),
	})
	out := s.RenderHTML(raw)
	for _, want := range []string{"<svg", `class="bar"`, `class="line"`, "Give &amp; take", "&lt;We got&gt;", ">Nov<"} {
		if !strings.Contains(out, want) {
			t.Errorf("rendered chart lacks %q:\n%s", want, out)
		}
	}
	if n := strings.Count(out, `class="bar"`); n != 6 {
		t.Errorf("%d bars drawn, want 6 (2 series × 3 months)", n)
	}
}

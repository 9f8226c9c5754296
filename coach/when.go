package coach

import (
	"strconv"
	"strings"
	"time"
)

// ParseDate reads a calendar day and returns its midnight in loc (UTC when
// loc is nil): an ISO date ("2026-12-03"), or today, tomorrow, yesterday in
// English or French ("aujourd'hui", "demain", "hier"), counted from now in
// loc. Slash dates are refused on purpose: 03/12 is March in one country and
// December in the next.
func ParseDate(s string, now time.Time, loc *time.Location) (time.Time, error) {
	if loc == nil {
		loc = time.UTC
	}
	n := now.In(loc)
	today := time.Date(n.Year(), n.Month(), n.Day(), 0, 0, 0, 0, loc)
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "today", "aujourd'hui", "aujourd’hui", "auj":
		return today, nil
	case "tomorrow", "demain":
		return today.AddDate(0, 0, 1), nil
	case "yesterday", "hier":
		return today.AddDate(0, 0, -1), nil
	}
	d, err := time.ParseInLocation("2006-01-02", strings.TrimSpace(s), loc)
	if err != nil {
		return time.Time{}, FieldError("date", "date.invalid", s)
	}
	return d, nil
}

// ParseTimeOfDay reads a clock time: 24-hour ("14:30", "9:05", "14h30",
// "14h", "14") or 12-hour ("2pm", "2:30 pm", "12am"), plus "noon" and
// "midnight". It returns the hour (0–23) and minute.
func ParseTimeOfDay(s string) (hour, minute int, err error) {
	bad := FieldError("time", "time.invalid", s)
	t := strings.ToLower(strings.ReplaceAll(strings.TrimSpace(s), " ", ""))
	switch t {
	case "noon", "midi":
		return 12, 0, nil
	case "midnight", "minuit":
		return 0, 0, nil
	}
	ampm := ""
	for _, suf := range []string{"am", "pm", "a.m.", "p.m."} {
		if rest, ok := strings.CutSuffix(t, suf); ok {
			ampm, t = suf[:1], rest
			break
		}
	}
	hs, ms, hasMin := strings.Cut(strings.Replace(t, "h", ":", 1), ":")
	switch {
	case !hasMin, ms == "" && strings.Contains(t, "h"): // "2pm", "14h"
		ms = "00"
	}
	if len(hs) < 1 || len(hs) > 2 || len(ms) != 2 || !allDigits(hs) || !allDigits(ms) {
		return 0, 0, bad
	}
	hour, _ = strconv.Atoi(hs)
	minute, _ = strconv.Atoi(ms)
	if minute > 59 {
		return 0, 0, bad
	}
	switch ampm {
	case "":
		if hour > 23 {
			return 0, 0, bad
		}
	default:
		if hour < 1 || hour > 12 {
			return 0, 0, bad
		}
		hour %= 12 // 12am is midnight, 12pm is noon
		if ampm == "p" {
			hour += 12
		}
	}
	return hour, minute, nil
}

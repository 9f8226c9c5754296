package slacksim

import (
	"encoding/json"
	"fmt"
	"unicode/utf8"
)

// Surface is where blocks are shown; each has its own block limit.
type Surface int

const (
	SurfaceMessage Surface = iota // 50 blocks
	SurfaceModal                  // 100 blocks
	SurfaceHome                   // 100 blocks
)

// ValidateBlocks checks blocks against Block Kit's documented limits and
// returns Slack-style errors ("… [json-pointer:/blocks/3/text/text]"), none
// when they pass. Empty input is valid (a text-only message).
func ValidateBlocks(surface Surface, blocks json.RawMessage) []string {
	if len(blocks) == 0 || string(blocks) == "null" {
		return nil
	}
	var bs []map[string]any
	if err := json.Unmarshal(blocks, &bs); err != nil {
		return []string{"invalid JSON [json-pointer:/blocks]"}
	}
	var errs []string
	bad := func(ptr, format string, args ...any) {
		errs = append(errs, fmt.Sprintf(format, args...)+" [json-pointer:"+ptr+"]")
	}
	max := 50
	if surface != SurfaceMessage {
		max = 100
	}
	if len(bs) > max {
		bad("/blocks", "must have no more than %d items", max)
	}
	blockIDs := map[string]bool{}
	for i, b := range bs {
		p := fmt.Sprintf("/blocks/%d", i)
		if id, _ := b["block_id"].(string); id != "" {
			if len(id) > 255 {
				bad(p+"/block_id", "must be less than 256 characters")
			}
			if blockIDs[id] {
				bad(p+"/block_id", "duplicate block_id %q", id)
			}
			blockIDs[id] = true
		}
		switch b["type"] {
		case "header":
			checkText(bad, p+"/text", b["text"], 150, true, true)
		case "section":
			_, hasText := b["text"]
			fields, _ := b["fields"].([]any)
			if !hasText && len(fields) == 0 {
				bad(p, "must provide text or fields")
			}
			if hasText {
				checkText(bad, p+"/text", b["text"], 3000, true, false)
			}
			if len(fields) > 10 {
				bad(p+"/fields", "must have no more than 10 items")
			}
			for j, f := range fields {
				checkText(bad, fmt.Sprintf("%s/fields/%d", p, j), f, 2000, true, false)
			}
			if acc, ok := b["accessory"].(map[string]any); ok {
				checkElement(bad, p+"/accessory", acc)
			}
		case "context":
			els, _ := b["elements"].([]any)
			if len(els) == 0 || len(els) > 10 {
				bad(p+"/elements", "must have between 1 and 10 items")
			}
			for j, e := range els {
				checkText(bad, fmt.Sprintf("%s/elements/%d", p, j), e, 3000, true, false)
			}
		case "actions":
			els, _ := b["elements"].([]any)
			if len(els) == 0 || len(els) > 25 {
				bad(p+"/elements", "must have between 1 and 25 items")
			}
			for j, e := range els {
				if m, ok := e.(map[string]any); ok {
					checkElement(bad, fmt.Sprintf("%s/elements/%d", p, j), m)
				}
			}
		case "input":
			checkText(bad, p+"/label", b["label"], 2000, true, true)
			if el, ok := b["element"].(map[string]any); ok {
				checkElement(bad, p+"/element", el)
			}
		case "divider", "image", "rich_text":
		case "data_visualization": // issue 16: charts (charts.go)
			checkChart(bad, p, b)
		default:
			bad(p+"/type", "unknown block type %v", b["type"])
		}
	}
	return errs
}

func checkText(bad func(string, string, ...any), ptr string, v any, max int, required, plainOnly bool) {
	obj, ok := v.(map[string]any)
	if !ok {
		if required {
			bad(ptr, "must be a text object")
		}
		return
	}
	t, _ := obj["text"].(string)
	typ, _ := obj["type"].(string)
	if typ != "plain_text" && typ != "mrkdwn" {
		bad(ptr+"/type", "must be plain_text or mrkdwn")
	}
	if plainOnly && typ != "plain_text" {
		bad(ptr+"/type", "must be plain_text")
	}
	if n := utf8.RuneCountInString(t); n == 0 || n > max {
		bad(ptr+"/text", "must be between 1 and %d characters", max)
	}
}

func checkElement(bad func(string, string, ...any), ptr string, el map[string]any) {
	if id, _ := el["action_id"].(string); len(id) > 255 {
		bad(ptr+"/action_id", "must be less than 256 characters")
	}
	switch el["type"] {
	case "button":
		checkText(bad, ptr+"/text", el["text"], 75, true, true)
		if v, _ := el["value"].(string); len(v) > 2000 {
			bad(ptr+"/value", "must be less than 2001 characters")
		}
		if u, _ := el["url"].(string); len(u) > 3000 {
			bad(ptr+"/url", "must be less than 3001 characters")
		}
	case "file_input": // issue 17: Slack allows 1 to 10 files
		if n, ok := el["max_files"].(float64); ok && (n < 1 || n > 10) {
			bad(ptr+"/max_files", "must be between 1 and 10")
		}
	case "static_select", "overflow", "radio_buttons", "checkboxes":
		opts, _ := el["options"].([]any)
		for j, o := range opts {
			if m, ok := o.(map[string]any); ok {
				checkText(bad, fmt.Sprintf("%s/options/%d/text", ptr, j), m["text"], 75, true, false)
				if v, _ := m["value"].(string); len(v) > 150 {
					bad(fmt.Sprintf("%s/options/%d/value", ptr, j), "must be less than 151 characters")
				}
			}
		}
	}
}

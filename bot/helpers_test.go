package bot_test

import (
	"encoding/json"
	"testing"
)

func homeBlocks(t *testing.T, view json.RawMessage) json.RawMessage {
	t.Helper()
	var v struct {
		Blocks json.RawMessage `json:"blocks"`
	}
	if err := json.Unmarshal(view, &v); err != nil {
		t.Fatal(err)
	}
	return v.Blocks
}

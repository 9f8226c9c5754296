package app

import (
	"io"
	"log/slog"
)

// NewLogger returns the process logger: JSON (for log pipelines) or text
// (for a terminal), at the configured level. LoadConfig has validated both.
func NewLogger(c Config, w io.Writer) *slog.Logger {
	var level slog.Level
	_ = level.UnmarshalText([]byte(c.LogLevel))
	opts := &slog.HandlerOptions{Level: level}
	if c.LogFormat == "text" {
		return slog.New(slog.NewTextHandler(w, opts))
	}
	return slog.New(slog.NewJSONHandler(w, opts))
}

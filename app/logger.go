package app

import (
	"io"
	"log/slog"
	"strings"
)

// sensitiveKeys are attribute names whose values are never logged, whatever
// their type.
var sensitiveKeys = []string{"key", "token", "secret", "passphrase", "password", "authorization", "private", "mnemonic", "seed"}

// NewLogger returns the daemon's structured JSON logger at level, redacting
// any attribute whose name suggests a secret.
func NewLogger(w io.Writer, level string) *slog.Logger {
	var l slog.Level
	if err := l.UnmarshalText([]byte(level)); err != nil {
		l = slog.LevelInfo
	}
	return slog.New(slog.NewJSONHandler(w, &slog.HandlerOptions{Level: l, ReplaceAttr: redactAttr}))
}

func redactAttr(_ []string, a slog.Attr) slog.Attr {
	name := strings.ToLower(a.Key)
	// Paths to files that hold secrets are fine to show; their contents are not.
	if strings.HasSuffix(name, "file") || strings.HasSuffix(name, "path") {
		return a
	}
	for _, s := range sensitiveKeys {
		if strings.Contains(name, s) {
			return slog.String(a.Key, redacted)
		}
	}
	return a
}

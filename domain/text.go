package domain

// Clip shortens s to at most n runes for an error message, marking the cut
// with "…". It never splits a UTF-8 sequence.
func Clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	if r := []rune(s); len(r) > n {
		return string(r[:n]) + "…"
	}
	return s
}

package main

import (
	"slices"
	"strings"
)

// suggest returns the candidates nearest to a word someone mistyped (a command, a flag, a rule
// ID or name), for a "did you mean" hint: those that start with it, else those within a small
// edit distance (case-insensitive), the nearest first, at most three. None when nothing is near.
func suggest(word string, candidates []string) []string {
	w := strings.ToLower(strings.TrimSpace(word))
	if w == "" {
		return nil
	}
	var prefixed []string
	for _, c := range candidates {
		if lc := strings.ToLower(c); strings.HasPrefix(lc, w) && lc != w {
			prefixed = append(prefixed, c)
		}
	}
	if len(prefixed) > 0 && len(prefixed) <= 3 {
		return prefixed
	}
	limit := max(2, len(w)/4)
	type near struct {
		name string
		d    int
	}
	var found []near
	for _, c := range candidates {
		if d := editDistance(w, strings.ToLower(c)); d <= limit {
			found = append(found, near{c, d})
		}
	}
	slices.SortStableFunc(found, func(a, b near) int { return a.d - b.d })
	var out []string
	for _, n := range found {
		if len(out) == 3 {
			break
		}
		out = append(out, n.name)
	}
	return out
}

// editDistance is the Levenshtein distance of a and b (bytes; names here are ASCII).
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// orList joins names as "a", "a or b", "a, b or c".
func orList(names []string) string {
	switch len(names) {
	case 0:
		return ""
	case 1:
		return names[0]
	}
	return strings.Join(names[:len(names)-1], ", ") + " or " + names[len(names)-1]
}

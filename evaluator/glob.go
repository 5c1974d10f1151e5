package evaluator

import (
	"errors"
	"path"
	"path/filepath"
	"strings"

	"github.com/bmatcuk/doublestar/v4"
)

// Globs (waiver file: and --exclude) are matched by doublestar: `*`, `?` and `[...]` within a
// folder, `**` across folders. Its matcher keeps one position to go back to for `*` and one for
// `**`, so a match costs at most the length of the pattern times the length of the name,
// however many `**` a pattern has. Braces ({a,b}), which doublestar would expand into
// alternatives tried one after another, are refused.

// checkGlob validates a glob.
func checkGlob(pattern string) error {
	if pattern == "" {
		return errors.New("an empty glob")
	}
	p := filepath.ToSlash(pattern)
	for i := 0; i < len(p); i++ {
		switch p[i] {
		case '\\':
			i++ // an escaped character
		case '{', '}':
			return errors.New("not a valid glob: braces ({a,b}) are not supported; write one glob per alternative")
		}
	}
	if !doublestar.ValidatePattern(cleanPath(p)) {
		return errors.New("not a valid glob: " + doublestar.ErrBadPattern.Error())
	}
	return nil
}

// matchGlob matches a file name as given on the command line (or found in a directory) against
// a glob; ** matches any number of folders, none included.
func matchGlob(pattern, name string) bool {
	return doublestar.MatchUnvalidated(cleanPath(pattern), cleanPath(name))
}

// excludes reports whether an --exclude glob leaves a path out: a glob with a / matches the
// path as found; one without matches the file or folder name at any depth.
func excludes(pattern, p string) bool {
	if !strings.Contains(filepath.ToSlash(pattern), "/") {
		return matchGlob(pattern, path.Base(cleanPath(p)))
	}
	return matchGlob(pattern, p)
}

// cleanPath puts a file name into the form globs match: / separators, no ./ or duplicate /.
func cleanPath(p string) string {
	if p == "-" || p == "" {
		return p
	}
	return path.Clean(filepath.ToSlash(p))
}

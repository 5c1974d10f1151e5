package main

import (
	"fmt"
	"io"
	"os"
)

// colorOutput decides whether `check` writes the text report in colour. "never" and "always"
// say so; "auto" (the default) colours only when the report goes to a terminal (a character
// device) and NO_COLOR is unset or empty (https://no-color.org). A flag given on the command
// line wins over NO_COLOR, as no-color.org asks, so --color always colours even with it set.
// Only the text format uses colour; a file or a pipe never gets an escape code under auto.
func colorOutput(mode string, out io.Writer, getenv func(string) string) (bool, error) {
	switch mode {
	case "never":
		return false, nil
	case "always":
		return true, nil
	case "auto":
		return getenv("NO_COLOR") == "" && isTerminal(out), nil
	}
	return false, fmt.Errorf("%q is not auto, always or never", mode)
}

// isTerminal is true when w is a file that is a character device (a terminal).
func isTerminal(w io.Writer) bool {
	f, ok := w.(interface{ Stat() (os.FileInfo, error) })
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

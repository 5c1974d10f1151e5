package evaluator

import (
	"fmt"
	"io/fs"
	"os"
)

// openRegular opens a file that must be a regular file: a named pipe, a device or a socket is
// refused with an error that says what it is, and opening never blocks on one (the file is
// opened without waiting for a writer, then checked).
func openRegular(path string) (*os.File, error) {
	if info, err := os.Stat(path); err == nil && !info.Mode().IsRegular() && !info.IsDir() {
		return nil, notRegular(path, info.Mode())
	}
	f, err := os.OpenFile(path, os.O_RDONLY|nonBlocking, 0)
	if err != nil {
		return nil, &InputError{File: path, Problems: []string{fmt.Sprintf("cannot read: %v", unwrapPathError(err))}}
	}
	info, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, &InputError{File: path, Problems: []string{fmt.Sprintf("cannot read: %v", unwrapPathError(err))}}
	}
	if info.IsDir() {
		f.Close()
		return nil, &InputError{File: path, Problems: []string{"is a directory: a file is expected here"}}
	}
	if !info.Mode().IsRegular() {
		f.Close()
		return nil, notRegular(path, info.Mode())
	}
	return f, nil
}

// readRegular reads a regular file of at most limit bytes.
func readRegular(path string, limit int64) ([]byte, error) {
	f, err := openRegular(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return readLimited(path, f, limit)
}

func notRegular(path string, mode fs.FileMode) *InputError {
	return &InputError{File: path, Problems: []string{fmt.Sprintf("not a regular file (%s): refused, since reading it could block or never end; give a file", FileModeName(mode))}}
}

// FileModeName names the type of a file that is not a regular one ("a named pipe", "a
// symbolic link", ...), for messages that refuse it: the loader's, and the CLI's export.
func FileModeName(mode fs.FileMode) string {
	switch {
	case mode&fs.ModeSymlink != 0:
		return "a symbolic link"
	case mode&fs.ModeDir != 0:
		return "a directory"
	case mode&fs.ModeNamedPipe != 0:
		return "a named pipe"
	case mode&fs.ModeSocket != 0:
		return "a socket"
	case mode&fs.ModeCharDevice != 0:
		return "a character device"
	case mode&fs.ModeDevice != 0:
		return "a device"
	case mode&fs.ModeIrregular != 0:
		return "an irregular file"
	}
	return "not a regular file"
}

package main

import (
	"bufio"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"github.com/aksarc-opa/aksarc-opa/evaluator"
)

// generatedList is the file in which `export` lists what it wrote into a folder, so that the next
// run removes what it no longer generates without reading anything else there.
const generatedList = ".aksarc-opa-generated"

// maxGeneratedList bounds the read of a generated list: a list of a few hundred names is small.
const maxGeneratedList = 1 << 20

// withGeneratedList returns files and, under generatedList, the sorted list of their names.
func withGeneratedList(files map[string][]byte) map[string][]byte {
	out := make(map[string][]byte, len(files)+1)
	names := make([]string, 0, len(files))
	for name, b := range files {
		out[name] = b
		names = append(names, name)
	}
	slices.Sort(names)
	var b strings.Builder
	b.WriteString("# The files `aksarc-opa export` wrote into this folder; the next export removes those it no\n")
	b.WriteString("# longer writes, and nothing else. Generated: do not edit.\n")
	for _, n := range names {
		b.WriteString(n + "\n")
	}
	out[generatedList] = []byte(b.String())
	return out
}

// writeTree makes dir hold files (slash-separated names below dir) and removes the files an
// earlier export listed in dir's generated list but these files no longer include. It works
// only inside dir: it writes regular files through a temporary file and a rename, never
// through a symbolic link or into a FIFO or device (an existing file of that kind is an
// error), follows no link out of dir, and reads nothing but the generated list. Files that no
// list names are left alone.
func writeTree(dir string, files map[string][]byte) error {
	root, err := openOutputRoot(dir)
	if err != nil {
		return err
	}
	defer root.Close()
	previous, err := readGeneratedList(root)
	if err != nil {
		return fmt.Errorf("%s: %w", filepath.Join(dir, generatedList), err)
	}
	names := make([]string, 0, len(files))
	for name := range files {
		if !fs.ValidPath(name) || name == "." {
			return fmt.Errorf("export: %q is not a path inside the output folder", name)
		}
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		if err := writeRegular(root, name, files[name]); err != nil {
			return fmt.Errorf("%s: %w", filepath.Join(dir, filepath.FromSlash(name)), err)
		}
	}
	for _, name := range previous {
		if _, still := files[name]; still {
			continue
		}
		info, err := root.Lstat(filepath.FromSlash(name))
		switch {
		case errors.Is(err, fs.ErrNotExist):
			continue
		case err != nil:
			return err
		case !info.Mode().IsRegular():
			continue // not what export writes: leave it
		}
		if err := root.Remove(filepath.FromSlash(name)); err != nil {
			return err
		}
	}
	return nil
}

// readGeneratedList reads the names an earlier export listed; none when there is no list.
func readGeneratedList(root *os.Root) ([]string, error) {
	info, err := root.Lstat(generatedList)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	if !info.Mode().IsRegular() {
		return nil, fmt.Errorf("not a regular file (%s)", info.Mode().Type())
	}
	f, err := root.Open(generatedList)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var names []string
	sc := bufio.NewScanner(io.LimitReader(f, maxGeneratedList))
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		// Only names inside the folder: a list that names ../x or /x is not ours.
		if !fs.ValidPath(line) || line == "." || line == generatedList {
			return nil, fmt.Errorf("names %q, which is not a file inside the folder", line)
		}
		names = append(names, path.Clean(line))
	}
	return names, sc.Err()
}

// writeRegular writes data to name inside root: a new regular file, renamed over the old one,
// which must be a regular file if it exists.
func writeRegular(root *os.Root, name string, data []byte) error {
	native := filepath.FromSlash(name)
	if dir := filepath.Dir(native); dir != "." {
		if err := root.MkdirAll(dir, 0o755); err != nil {
			return err
		}
	}
	info, err := root.Lstat(native)
	switch {
	case errors.Is(err, fs.ErrNotExist):
	case err != nil:
		return err
	case !info.Mode().IsRegular():
		return fmt.Errorf("exists and is not a regular file (%s): export writes only regular files; remove it", evaluator.FileModeName(info.Mode()))
	}
	var suffix [6]byte
	if _, err := rand.Read(suffix[:]); err != nil {
		return err
	}
	tmp := filepath.Join(filepath.Dir(native), "."+filepath.Base(native)+"."+hex.EncodeToString(suffix[:])+".tmp")
	f, err := root.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = root.Rename(tmp, native)
	}
	if err != nil {
		_ = root.Remove(tmp)
	}
	return err
}

// writeFile writes one regular file (the bundle) as writeTree writes each of its files: path's
// folder is the root, nothing outside it is touched.
func writeFile(p string, data []byte) error {
	root, err := openOutputRoot(filepath.Dir(p))
	if err != nil {
		return err
	}
	defer root.Close()
	if err := writeRegular(root, filepath.Base(p), data); err != nil {
		return fmt.Errorf("%s: %w", p, err)
	}
	return nil
}

// openOutputRoot makes the output folder dir when it is missing and opens it as the root that
// every write of an export goes through.
func openOutputRoot(dir string) (*os.Root, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	return os.OpenRoot(dir)
}

package evaluator

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// Extensions of the files a directory walk reads.
var Extensions = []string{".yaml", ".yml", ".json"}

// Load reads documents from paths: files (any name), directories (recursively, the files with
// one of Extensions, skipping hidden folders such as .git), or "-" for stdin.
func Load(paths []string, stdin io.Reader) ([]*Document, error) {
	var docs []*Document
	for _, p := range paths {
		if p == "-" {
			if stdin == nil {
				return nil, &InputError{File: "-", Problems: []string{"no standard input"}}
			}
			d, err := Decode("-", stdin)
			if err != nil {
				return nil, err
			}
			docs = append(docs, d...)
			continue
		}
		files, err := expand(p)
		if err != nil {
			return nil, err
		}
		for _, f := range files {
			d, err := loadFile(f)
			if err != nil {
				return nil, err
			}
			docs = append(docs, d...)
		}
	}
	return docs, nil
}

func loadFile(path string) ([]*Document, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, &InputError{File: path, Problems: []string{fmt.Sprintf("cannot read: %v", unwrapPathError(err))}}
	}
	defer f.Close()
	return Decode(path, f)
}

// expand lists the files a path stands for, in lexical order.
func expand(path string) ([]string, error) {
	info, err := os.Stat(path)
	if err != nil {
		return nil, &InputError{File: path, Problems: []string{fmt.Sprintf("cannot read: %v", unwrapPathError(err))}}
	}
	if !info.IsDir() {
		return []string{path}, nil
	}
	var files []string
	err = filepath.WalkDir(path, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return &InputError{File: p, Problems: []string{fmt.Sprintf("cannot read: %v", unwrapPathError(err))}}
		}
		if d.IsDir() {
			if p != path && strings.HasPrefix(d.Name(), ".") {
				return filepath.SkipDir
			}
			return nil
		}
		if d.Type()&fs.ModeSymlink != 0 {
			// The walk does not follow links; say so rather than skip what is behind one.
			if target, err := os.Stat(p); err == nil && target.IsDir() {
				return &InputError{File: p, Problems: []string{"a link to a directory is not followed: name the directory itself"}}
			}
		}
		ext := strings.ToLower(filepath.Ext(p))
		for _, e := range Extensions {
			if ext == e {
				files = append(files, p)
				break
			}
		}
		return nil
	})
	if err == nil && len(files) == 0 {
		return nil, &InputError{File: path, Problems: []string{fmt.Sprintf("no %s files in this directory", strings.Join(Extensions, ", "))}}
	}
	return files, err
}

func unwrapPathError(err error) error {
	if errors.Is(err, fs.ErrNotExist) {
		return errNoSuchFile // the same words on every platform (Windows says "cannot find the file")
	}
	if pe, ok := err.(*fs.PathError); ok {
		return pe.Err
	}
	return err
}

// errNoSuchFile is a missing file, in the same words on every platform.
var errNoSuchFile = errors.New("no such file or directory")

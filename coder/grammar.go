package coder

import (
	"bufio"
	"embed"
	"fmt"
	"github.com/parley-events/parley/argmodel"
	"strings"
)

//go:embed data/*
var grammarFS embed.FS

// lightVerbs and modalWords are the coder's grammar knowledge, read from
// data/ at start-up (the embedded files are checked by the tests).
var (
	lightVerbs       = map[string]bool{}
	modalWords       = map[string]modalWord{}
	requestModes     = map[string]string{}    // requested thing → REQUEST mode
	facilities       = map[string]bool{}      // nouns of places that house forces or staff
	causeNouns       = map[string]causeNoun{} // hostile acts only as what a response answers
	performative     = map[string]bool{}      // verbs of a joint declaration ("have hereby stated")
	relativePronouns = map[string]bool{}      // "which" in "the village, which jets struck"
	sportsWords      = map[string]bool{}      // "match", "striker": hostile words there are plays of a game
)

// causeNoun is the event a cause noun stands for, and the line it is on.
type causeNoun struct{ typ, mode, source string }

type modalWord struct{ modality, where string }

func init() {
	mustReadWords("data/light_verbs.txt", lightVerbs)
	mustReadWords("data/facilities.txt", facilities)
	mustRead("data/request_modes.tsv", func(f []string) error {
		if len(f) != 2 {
			return fmt.Errorf("want 2 fields, got %d", len(f))
		}
		requestModes[f[0]] = f[1]
		return nil
	})
	mustReadWords("data/sports_words.txt", sportsWords)
	mustReadWords("data/relative_pronouns.txt", relativePronouns)
	mustReadWords("data/performatives.txt", performative)
	mustRead("data/cause_nouns.tsv", func(f []string) error {
		if len(f) != 3 {
			return fmt.Errorf("want 3 fields, got %d", len(f))
		}
		mode := f[2]
		if mode == "-" {
			mode = ""
		}
		causeNouns[f[0]] = causeNoun{f[1], mode, fmt.Sprintf("cause_nouns.tsv:%s", f[0])}
		return nil
	})
	mustRead("data/modality.tsv", func(f []string) error {
		if len(f) != 3 {
			return fmt.Errorf("want 3 fields, got %d", len(f))
		}
		modalWords[f[2]+":"+f[0]] = modalWord{f[1], f[2]}
		return nil
	})
}

// embeddedArguments reads the trained argument model, data/arguments.tsv
// (written by parley train args).
func embeddedArguments() *argmodel.Model {
	const name = "data/arguments.tsv"
	f, err := grammarFS.Open(name)
	if err != nil {
		panic(err)
	}
	defer f.Close()
	m, err := argmodel.Read(f, name)
	if err != nil {
		panic(err)
	}
	return m
}

// mustReadWords reads a word list, one word (its first field) a line,
// into set.
func mustReadWords(name string, set map[string]bool) {
	mustRead(name, func(f []string) error {
		set[f[0]] = true
		return nil
	})
}

func mustRead(name string, fn func([]string) error) {
	data, err := grammarFS.ReadFile(name)
	if err != nil {
		panic(err)
	}
	sc := bufio.NewScanner(strings.NewReader(string(data)))
	line := 0
	for sc.Scan() {
		line++
		t := strings.TrimSpace(sc.Text())
		if t == "" || strings.HasPrefix(t, "#") {
			continue
		}
		if err := fn(strings.Split(t, "\t")); err != nil {
			panic(fmt.Sprintf("coder: %s:%d: %v", name, line, err))
		}
	}
}

// modalityOf looks up a word used in a given position ("aux", "neg",
// "embed", "mark").
func modalityOf(where, word string) string {
	return modalWords[where+":"+strings.ToLower(word)].modality
}

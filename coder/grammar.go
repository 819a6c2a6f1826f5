package coder

import (
	"bytes"
	"embed"
	"fmt"
	"strings"

	"github.com/parley-events/parley/argmodel"
	"github.com/parley-events/parley/event"
	"github.com/parley-events/parley/wordlist"
)

//go:embed data/*
var grammarFS embed.FS

// The coder's grammar knowledge, read from data/ at start-up (the embedded
// files are checked by the tests).
var (
	lightVerbs       = mustReadWords("light_verbs.txt")
	modalWords       = map[string]modalWord{}
	requestModes     = map[string]string{}                    // requested thing → REQUEST mode
	facilities       = mustReadWords("facilities.txt")        // nouns of places that house forces or staff
	causeNouns       = map[string]causeNoun{}                 // hostile acts only as what a response answers
	performative     = mustReadWords("performatives.txt")     // verbs of a joint declaration ("have hereby stated")
	relativePronouns = mustReadWords("relative_pronouns.txt") // "which" in "the village, which jets struck"
	sportsWords      = mustReadWords("sports_words.txt")      // "match", "striker": hostile words there are plays of a game
	// complementCase lists the prepositions that attach an event noun as
	// the complement of a light verb ("engaged in talks"), unlike those that
	// set the scene ("at the meeting").
	complementCase = mustReadWords("complement_prepositions.txt")
	proximityCase  = mustReadWords("proximity_prepositions.txt") // set an act next to its target ("drills near Taiwan")
	stationWords   = mustReadWords("station_words.txt")          // people are kept at a place ("where US forces are stationed")
	responseWords  = mustReadWords("response_nouns.txt")         // "in response to": the governed event is the cause
	genericWords   = mustReadWords("generic_words.txt")          // too common to tie two sentences to one happening
	pairNouns      = mustReadWords("pair_nouns.txt")             // "the two countries": the sides of the latest two-sided event
)

// causeNoun is the event a cause noun stands for, and the line it is on.
type causeNoun struct {
	typ          event.Type
	mode, source string
}

type modalWord struct {
	modality event.Modality
	where    string
}

func init() {
	mustRead("request_modes.tsv", 2, func(f []string) error {
		requestModes[f[0]] = f[1]
		return nil
	})
	mustRead("cause_nouns.tsv", 3, func(f []string) error {
		mode := f[2]
		if mode == "-" {
			mode = ""
		}
		causeNouns[f[0]] = causeNoun{event.Type(f[1]), mode, fmt.Sprintf("cause_nouns.tsv:%s", f[0])}
		return nil
	})
	mustRead("modality.tsv", 3, func(f []string) error {
		m := event.Modality(f[1])
		if !m.Valid() || m == event.Asserted {
			return fmt.Errorf("modality %q is not negated, future, hypothetical or conditional", f[1])
		}
		modalWords[f[2]+":"+f[0]] = modalWord{m, f[2]}
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

// mustReadWords reads the word list data/name.
func mustReadWords(name string) wordlist.Set {
	return wordlist.MustParse("coder/data/"+name, string(mustData(name)))
}

// mustRead calls fn with the fields of every line of table data/name,
// which must have n of them.
func mustRead(name string, n int, fn func([]string) error) {
	err := wordlist.Rows("coder/data/"+name, bytes.NewReader(mustData(name)), n, func(_ int, f []string) error { return fn(f) })
	if err != nil {
		panic("coder: " + err.Error())
	}
}

func mustData(name string) []byte {
	data, err := grammarFS.ReadFile("data/" + name)
	if err != nil {
		panic(err)
	}
	return data
}

// modalityOf looks up a word used in a given position ("aux", "neg",
// "embed", "mark").
func modalityOf(where, word string) event.Modality {
	return modalWords[where+":"+strings.ToLower(word)].modality
}

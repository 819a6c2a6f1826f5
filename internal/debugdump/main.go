// Command debugdump prints the parse and mentions of the sentences of a
// document that contain a given word: a developer's tool for reading why
// the coder did what it did.
package main

import (
	"fmt"
	"os"
	"strings"

	"github.com/parley-events/parley/kb"
	"github.com/parley-events/parley/mention"
	"github.com/parley-events/parley/nlp"
	"github.com/parley-events/parley/reader"
)

func main() {
	for d, err := range reader.Documents(os.Args[1:2], reader.Options{}) {
		if err != nil {
			fmt.Println(err)
			continue
		}
		nlp.Annotate(d)
		ms := mention.Find(d, kb.Default())
		for si, s := range d.Sentences {
			if !strings.Contains(d.SentenceText(s), os.Args[2]) {
				continue
			}
			fmt.Printf("# %d %s\n", si, d.SentenceText(s))
			for i := s.First; i < s.Last; i++ {
				t := d.Tokens[i]
				m := ""
				if mm := ms.At(i); mm != nil {
					m = fmt.Sprintf("[%s|%s|%s|%s|%s]", mm.Name, mm.Country, mm.Sector, mm.Kind, mm.Role)
				}
				fmt.Printf("%d\t%s\t%s\t%s\t%d\t%s\t%s\n", i-s.First+1, t.Text, t.Lemma, t.UPOS, t.Head-s.First+1, t.Rel, m)
			}
		}
	}
}

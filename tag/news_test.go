package tag

import (
	"strings"
	"testing"
)

// TestNewsWords checks the word shapes of wire news that the web-text
// treebank rarely shows: all-caps datelines, hyphenated and multi-part
// names, U.S., decimals, curly quotes and apostrophes.
func TestNewsWords(t *testing.T) {
	for _, c := range []struct {
		sentence string
		word     string // the word to check (first occurrence)
		upos     string
	}{
		{"MOSCOW ( Reuters ) - Russian troops shelled the village on Monday .", "MOSCOW", "PROPN"},
		{"MOSCOW ( Reuters ) - Russian troops shelled the village on Monday .", "Reuters", "PROPN"},
		{"MOSCOW ( Reuters ) - Russian troops shelled the village on Monday .", "shelled", "VERB"},
		{"KYIV , Ukraine ( AP ) — Ukraine ’s president said Sunday that peace talks had stalled .", "KYIV", "PROPN"},
		{"KYIV , Ukraine ( AP ) — Ukraine ’s president said Sunday that peace talks had stalled .", "’s", "PART"},
		{"KYIV , Ukraine ( AP ) — Ukraine ’s president said Sunday that peace talks had stalled .", "that", "SCONJ"},
		{"KYIV , Ukraine ( AP ) — Ukraine ’s president said Sunday that peace talks had stalled .", "talks", "NOUN"},
		{"Iran 's deputy foreign minister Ali Bagheri Kani met EU envoy Enrique Mora in Brussels .", "Bagheri", "PROPN"},
		{"Iran 's deputy foreign minister Ali Bagheri Kani met EU envoy Enrique Mora in Brussels .", "Kani", "PROPN"},
		{"Iran 's deputy foreign minister Ali Bagheri Kani met EU envoy Enrique Mora in Brussels .", "met", "VERB"},
		{"The U.S. economy grew 2.3 percent in the third quarter , the Commerce Department said .", "U.S.", "PROPN"},
		{"The U.S. economy grew 2.3 percent in the third quarter , the Commerce Department said .", "2.3", "NUM"},
		{"The U.S. economy grew 2.3 percent in the third quarter , the Commerce Department said .", "grew", "VERB"},
		{"“ We will not negotiate with terrorists , ” he told reporters .", "“", "PUNCT"},
		{"“ We will not negotiate with terrorists , ” he told reporters .", "”", "PUNCT"},
		{"“ We will not negotiate with terrorists , ” he told reporters .", "negotiate", "VERB"},
		{"Hamas militants fired rockets at Israel , which responded with air strikes on Gaza .", "militants", "NOUN"},
		{"Hamas militants fired rockets at Israel , which responded with air strikes on Gaza .", "strikes", "NOUN"},
		{"Hamas militants fired rockets at Israel , which responded with air strikes on Gaza .", "Gaza", "PROPN"},
		{"The talks , which began in Doha , collapsed after the Taliban rejected the proposal .", "collapsed", "VERB"},
		{"UN Secretary-General Antonio Guterres condemned the attack .", "Guterres", "PROPN"},
		{"UN Secretary-General Antonio Guterres condemned the attack .", "condemned", "VERB"},
	} {
		words := strings.Fields(c.sentence)
		upos := make([]string, len(words))
		xpos := make([]string, len(words))
		Default().Tag(words, upos, xpos)
		found := false
		for i, w := range words {
			if w == c.word {
				found = true
				if upos[i] != c.upos {
					t.Errorf("%q in %q: UPOS %s/%s, want %s", w, c.sentence, upos[i], xpos[i], c.upos)
				}
				break
			}
		}
		if !found {
			t.Fatalf("test case word %q not in %q", c.word, c.sentence)
		}
	}
}

// TestQuoteFolding checks that curly and straight quotes tag alike.
func TestQuoteFolding(t *testing.T) {
	curly := strings.Fields("“ It ’s over , ” she said .")
	plain := strings.Fields(`" It 's over , " she said .`)
	cu, cx := make([]string, len(curly)), make([]string, len(curly))
	pu, px := make([]string, len(plain)), make([]string, len(plain))
	Default().Tag(curly, cu, cx)
	Default().Tag(plain, pu, px)
	for i := range curly {
		if cu[i] != pu[i] || cx[i] != px[i] {
			t.Errorf("%q tagged %s/%s, %q tagged %s/%s", curly[i], cu[i], cx[i], plain[i], pu[i], px[i])
		}
	}
}

func TestTagEmptyAndConcurrent(t *testing.T) {
	Default().Tag(nil, nil, nil)
	words := strings.Fields("Protesters marched in Cairo on Friday .")
	want := make([]string, len(words))
	Default().Tag(words, want, make([]string, len(words)))
	done := make(chan bool)
	for g := 0; g < 4; g++ {
		go func() {
			up, xp := make([]string, len(words)), make([]string, len(words))
			for k := 0; k < 200; k++ {
				Default().Tag(words, up, xp)
				for i := range up {
					if up[i] != want[i] {
						t.Errorf("concurrent Tag gave %v, want %v", up, want)
						done <- true
						return
					}
				}
			}
			done <- true
		}()
	}
	for g := 0; g < 4; g++ {
		<-done
	}
}

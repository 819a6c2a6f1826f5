package nlp

import (
	"github.com/parley-events/parley/doc"
	"github.com/parley-events/parley/pipeline"
	"github.com/parley-events/parley/segment"
)

// Stages returns the language pipeline's stages: segment, then annotate.
// A document that already has them (read from CoNLL-U, or annotated
// before) keeps its tokens and their annotation.
//
// Tagging, lemmatising and parsing are one stage because they run
// sentence by sentence over the same (truecased) words and scratch
// buffers: a sentence is tagged, lemmatised and parsed while it is in the
// cache.
func Stages() []pipeline.Stage {
	return []pipeline.Stage{
		pipeline.Func("segment", []doc.Layer{doc.LayerText}, []doc.Layer{doc.LayerTokens, doc.LayerSentences},
			func(d *doc.Document) error {
				if d.Tokens == nil {
					segment.Segment(d)
				}
				return nil
			}),
		pipeline.Func("annotate", []doc.Layer{doc.LayerTokens, doc.LayerSentences},
			[]doc.Layer{doc.LayerTags, doc.LayerLemmas, doc.LayerParse},
			func(d *doc.Document) error {
				if len(d.Tokens) == 0 || d.Tokens[0].UPOS == "" {
					Annotate(d)
				}
				return nil
			}),
	}
}

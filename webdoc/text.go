package webdoc

import (
	"strings"

	"golang.org/x/net/html"
)

// Text renders the text of an HTML subtree as paragraphs separated by a
// blank line (the segmenter never lets a sentence cross one). White space
// inside a paragraph is collapsed to single spaces; figures, their
// captions and anything a browser would not show are left out: captions
// and photo credits repeat the story in fragments ("REUTERS/Name").
func Text(n *html.Node) string {
	var r textRenderer
	r.walk(n)
	r.breakParagraph()
	return strings.Join(r.paras, "\n\n")
}

type textRenderer struct {
	paras []string
	cur   strings.Builder
	space bool // a space is pending before the next word
}

// blocks are the elements that start a new paragraph.
var blocks = map[string]bool{
	"p": true, "div": true, "section": true, "article": true, "main": true,
	"h1": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true,
	"blockquote": true, "pre": true, "li": true, "ul": true, "ol": true,
	"dl": true, "dt": true, "dd": true, "table": true, "tr": true,
	"header": true, "footer": true, "address": true, "hr": true, "br": true,
}

// skipped are elements whose content is not article text.
var skipped = map[string]bool{
	"script": true, "style": true, "noscript": true, "template": true,
	"figure": true, "figcaption": true, "picture": true, "img": true,
	"svg": true, "video": true, "audio": true, "iframe": true, "object": true,
	"button": true, "form": true, "input": true, "select": true, "textarea": true,
	"nav": true, "aside": true, "head": true,
}

func (r *textRenderer) walk(n *html.Node) {
	switch n.Type {
	case html.TextNode:
		r.words(n.Data)
		return
	case html.ElementNode:
		if skipped[n.Data] || hidden(n) {
			return
		}
		if n.Data == "br" {
			// Two <br>s in a row are how some sites separate paragraphs;
			// one is a line break inside a paragraph.
			if prev := prevElement(n); prev != nil && prev.Data == "br" {
				r.breakParagraph()
			} else {
				r.space = true
			}
			return
		}
		if n.Data == "td" || n.Data == "th" {
			r.space = true
		}
	}
	block := n.Type == html.ElementNode && blocks[n.Data]
	if block {
		r.breakParagraph()
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		r.walk(c)
	}
	if block {
		r.breakParagraph()
	}
}

// words appends text, collapsing white space (including no-break spaces).
func (r *textRenderer) words(s string) {
	for _, c := range s {
		if isSpace(c) {
			r.space = true
			continue
		}
		if r.space && r.cur.Len() > 0 {
			r.cur.WriteByte(' ')
		}
		r.space = false
		r.cur.WriteRune(c)
	}
}

func isSpace(c rune) bool {
	switch c {
	case ' ', '\t', '\n', '\r', '\f', '\v', '\u00a0', '\u2009', '\u200a', '\u202f', '\u3000':
		return true
	}
	return false
}

func (r *textRenderer) breakParagraph() {
	if p := strings.TrimSpace(r.cur.String()); p != "" {
		r.paras = append(r.paras, p)
	}
	r.cur.Reset()
	r.space = false
}

func prevElement(n *html.Node) *html.Node {
	for p := n.PrevSibling; p != nil; p = p.PrevSibling {
		switch p.Type {
		case html.ElementNode:
			return p
		case html.TextNode:
			if strings.TrimFunc(p.Data, isSpace) != "" {
				return nil
			}
		}
	}
	return nil
}

// hidden says whether an element is not shown to readers.
func hidden(n *html.Node) bool {
	for _, a := range n.Attr {
		switch a.Key {
		case "hidden":
			return true
		case "aria-hidden":
			if a.Val == "true" {
				return true
			}
		case "style":
			s := strings.ReplaceAll(strings.ToLower(a.Val), " ", "")
			if strings.Contains(s, "display:none") || strings.Contains(s, "visibility:hidden") {
				return true
			}
		}
	}
	return false
}

// Command parley turns dated news articles into PLOVER political events.
//
// Each subcommand lives in its own file and registers itself in commands;
// this file only dispatches.
package main

import (
	"fmt"
	"os"
	"sort"
	"strings"
)

// command is one `parley NAME` subcommand.
type command struct {
	name  string
	usage string // one line: arguments and purpose
	run   func(args []string) int
}

var commands = map[string]command{}

func register(c command) { commands[c.name] = c }

func main() {
	if len(os.Args) < 2 || os.Args[1] == "-h" || os.Args[1] == "--help" || os.Args[1] == "help" {
		usage()
		if len(os.Args) < 2 {
			os.Exit(2)
		}
		return
	}
	c, ok := commands[os.Args[1]]
	if !ok {
		fmt.Fprintf(os.Stderr, "parley: unknown command %q\n\n", os.Args[1])
		usage()
		os.Exit(2)
	}
	os.Exit(c.run(os.Args[2:]))
}

func usage() {
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	var b strings.Builder
	b.WriteString("parley: political events from news text, offline.\n\nUsage:\n")
	for _, n := range names {
		fmt.Fprintf(&b, "  parley %-8s %s\n", n, commands[n].usage)
	}
	b.WriteString("\nRun 'parley COMMAND -h' for a command's flags.\n")
	fmt.Fprint(os.Stderr, b.String())
}

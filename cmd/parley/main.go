// Command parley turns dated news articles into PLOVER political events.
//
// Each subcommand lives in its own file and registers itself in commands;
// this file only dispatches.
//
// Conventions every command follows: `parley COMMAND -h` (or --help, or
// `parley help COMMAND`) prints the command's usage on standard output and
// exits 0; a mistake in the arguments is reported on standard error with
// the usage and exits 2; a failure while working exits 1.
package main

import (
	"fmt"
	"os"
	"slices"
	"sort"
	"strings"

	"github.com/parley-events/parley/internal/version"
)

// command is one `parley NAME` subcommand.
type command struct {
	name  string
	usage string // one line: arguments and purpose
	run   func(args []string) int
	// subcommands are the words that may follow the name ("dict import"),
	// for commands that have them.
	subcommands []string
}

var commands = map[string]command{}

func register(c command) { commands[c.name] = c }

func main() { os.Exit(run(os.Args[1:])) }

// run dispatches the arguments after the program name and returns the
// exit status.
func run(args []string) int {
	if len(args) == 0 {
		usage(os.Stderr)
		return 2
	}
	switch args[0] {
	case "-h", "-help", "--help":
		usage(os.Stdout)
		return 0
	case "help":
		if len(args) == 1 {
			usage(os.Stdout)
			return 0
		}
		return run(append(args[1:2], "--help"))
	case "version", "-version", "--version":
		fmt.Println("parley " + version.String())
		return 0
	}
	c, ok := commands[args[0]]
	if !ok {
		fmt.Fprintf(os.Stderr, "parley: unknown command %q\n\n", args[0])
		usage(os.Stderr)
		return 2
	}
	if helpAsked(args[1:]) {
		// Usage goes to standard output when asked for, and asking is no
		// mistake: the command is run with the help flag alone (and its
		// subcommand), so its flag set prints the usage and stops before
		// doing anything, and the status is 0.
		help := []string{"--help"}
		if len(args) > 1 && slices.Contains(c.subcommands, args[1]) {
			help = []string{args[1], "--help"}
		}
		stderr := os.Stderr
		os.Stderr = os.Stdout
		c.run(help)
		os.Stderr = stderr
		return 0
	}
	return c.run(args[1:])
}

// helpAsked says whether a command's arguments ask for its usage: -h,
// -help or --help anywhere before "--".
func helpAsked(args []string) bool {
	for _, a := range args {
		switch a {
		case "-h", "-help", "--help":
			return true
		case "--":
			return false
		}
	}
	return false
}

func usage(w *os.File) {
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	var b strings.Builder
	b.WriteString("parley " + version.Release + ": political events from news text, offline.\n\nUsage:\n")
	for _, n := range names {
		fmt.Fprintf(&b, "  parley %-8s %s\n", n, commands[n].usage)
	}
	b.WriteString("  parley version  print the version\n")
	b.WriteString("\nRun 'parley COMMAND --help' (or 'parley help COMMAND') for a command's flags.\n")
	fmt.Fprint(w, b.String())
}

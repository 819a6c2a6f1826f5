package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/parley-events/parley/dict"
	"github.com/parley-events/parley/kb"
)

func init() {
	register(command{
		name:  "dict",
		usage: "import [--out DIR] [--raw] [--skips] FILES... | check DIR: PETRARCH/Phoenix dictionaries to parley tables",
		run:   runDict,

		subcommands: []string{"import", "check"},
	})
}

// dictUsage is the usage line of parley dict.
const dictUsage = "usage: parley dict import [--out DIR] [--raw] [--skips] FILES... | parley dict check [--raw] DIR\n\n" +
	"import turns PETRARCH/Phoenix actor, agent and CAMEO verb dictionaries into parley's knowledge tables;\n" +
	"check loads a folder of such tables and reports what it holds. Run 'parley dict import --help' for flags."

func runDict(args []string) int {
	if len(args) == 0 {
		fmt.Fprintln(os.Stderr, dictUsage)
		return 2
	}
	switch args[0] {
	case "-h", "-help", "--help":
		fmt.Fprintln(os.Stderr, dictUsage)
		return 0
	case "import":
		return dictImport(args[1:])
	case "check":
		return dictCheck(args[1:])
	}
	fmt.Fprintf(os.Stderr, "parley dict: unknown subcommand %q (want import or check)\n", args[0])
	return 2
}

func dictImport(args []string) int {
	fs := flag.NewFlagSet("dict import", flag.ContinueOnError)
	out := fs.String("out", "dict-out", "folder to write the parley tables into")
	raw := fs.Bool("raw", false, "test dictionaries: keep unknown country codes and non-CAMEO event codes (needs a loader that accepts them)")
	skips := fs.Bool("skips", false, "list every skipped entry with its file and line")
	maxExp := fs.Int("max-expansions", 64, "largest number of trigger lines one verb pattern may expand to through synsets")
	setUsage(fs, "parley dict import [--out DIR] [--raw] [--skips] FILES...",
		"Imports PETRARCH/Phoenix dictionaries (*.actors.txt, *.agents.txt, CAMEO verb files) into parley's\nknowledge tables in --out.")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() == 0 {
		fmt.Fprintln(os.Stderr, "parley dict import: no dictionary files given")
		return 2
	}
	res, err := dict.Import(fs.Args(), dict.Options{Raw: *raw, MaxExpansions: *maxExp})
	if err != nil {
		fmt.Fprintln(os.Stderr, "parley dict import:", err)
		return 1
	}
	if err := res.Write(*out); err != nil {
		fmt.Fprintln(os.Stderr, "parley dict import:", err)
		return 1
	}
	res.Report.Print(os.Stdout)
	if *skips {
		for _, s := range res.Report.Skips {
			fmt.Println(s)
		}
	}
	fmt.Printf("wrote %s\n", *out)
	return 0
}

func dictCheck(args []string) int {
	fs := flag.NewFlagSet("dict check", flag.ContinueOnError)
	raw := fs.Bool("raw", false, "accept the non-PLOVER event codes of a folder imported with --raw")
	setUsage(fs, "parley dict check [--raw] DIR", "Loads a folder of knowledge tables (as dict import writes them) and counts what each holds.")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return 2
	}
	k, err := kb.LoadWith(os.DirFS(fs.Arg(0)), kb.LoadOptions{RawCAMEO: *raw})
	if err == nil {
		err = k.LoadLexicon()
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	for f, n := range k.Counts() {
		fmt.Printf("%8d  %s\n", n, f)
	}
	fmt.Println("ok")
	return 0
}

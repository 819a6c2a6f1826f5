package export

import (
	"bytes"
	"embed"
	"fmt"
	"strconv"
	"strings"
	"sync"

	"github.com/parley-events/parley/wordlist"
)

//go:embed data/*.tsv
var dataFS embed.FS

// countryCodes are one country's codes in other schemes.
type countryCodes struct {
	FIPS string // FIPS 10-4 / GEC, as GDELT's geography columns use
	COW  int    // Correlates of War state number, 0 when not a COW state
	Name string
}

type tables struct {
	countries map[string]countryCodes // by ISO alpha-3 (KOS for Kosovo)
	goldstein map[string]float64      // by CAMEO code
}

var (
	tablesOnce sync.Once
	loaded     *tables
	loadErr    error
)

// lookups returns the embedded tables, loaded once. They ship with the
// binary, so an error here is a bug in a data file (the package's tests
// load them).
func lookups() (*tables, error) {
	tablesOnce.Do(func() { loaded, loadErr = loadTables() })
	return loaded, loadErr
}

func loadTables() (*tables, error) {
	t := &tables{countries: map[string]countryCodes{}, goldstein: map[string]float64{}}
	err := readTSV("data/countries.tsv", 4, func(line int, f []string) error {
		if len(f[0]) != 3 || strings.ToUpper(f[0]) != f[0] {
			return fmt.Errorf("bad alpha-3 code %q", f[0])
		}
		if f[1] != "" && len(f[1]) != 2 {
			return fmt.Errorf("bad FIPS code %q", f[1])
		}
		c := countryCodes{FIPS: f[1], Name: f[3]}
		if f[2] != "" {
			n, err := strconv.Atoi(f[2])
			if err != nil || n <= 0 || n >= 1000 {
				return fmt.Errorf("bad COW code %q", f[2])
			}
			c.COW = n
		}
		if _, dup := t.countries[f[0]]; dup {
			return fmt.Errorf("%s listed twice", f[0])
		}
		t.countries[f[0]] = c
		return nil
	})
	if err != nil {
		return nil, err
	}
	err = readTSV("data/goldstein.tsv", 2, func(line int, f []string) error {
		if n := len(f[0]); n < 2 || n > 4 || strings.Trim(f[0], "0123456789") != "" {
			return fmt.Errorf("bad CAMEO code %q", f[0])
		}
		v, err := strconv.ParseFloat(f[1], 64)
		if err != nil || v < -10 || v > 10 {
			return fmt.Errorf("bad Goldstein score %q (want -10..10)", f[1])
		}
		t.goldstein[f[0]] = v
		return nil
	})
	return t, err
}

// readTSV calls row for every data line of an embedded table, which must
// have n tab-separated fields; errors name the file and line.
func readTSV(name string, n int, row func(line int, fields []string) error) error {
	b, err := dataFS.ReadFile(name)
	if err != nil {
		return err
	}
	return wordlist.Rows("export/"+name, bytes.NewReader(b), n, row)
}

// Goldstein returns the Goldstein conflict-cooperation score of a CAMEO
// event code, falling back to the nearest parent code ("0874" to "087" to
// "08"); ok is false for a code outside CAMEO.
func Goldstein(cameo string) (score float64, ok bool) {
	t, err := lookups()
	if err != nil {
		return 0, false
	}
	return t.goldsteinOf(cameo)
}

func (t *tables) goldsteinOf(cameo string) (float64, bool) {
	for c := cameo; len(c) >= 2; c = c[:len(c)-1] {
		if v, ok := t.goldstein[c]; ok {
			return v, true
		}
	}
	return 0, false
}

// country returns the codes of an ISO alpha-3 country, or ok false for a
// PLOVER special code (IGO, UNO, ...) or an unknown one.
func (t *tables) country(iso3 string) (countryCodes, bool) {
	c, ok := t.countries[iso3]
	return c, ok
}

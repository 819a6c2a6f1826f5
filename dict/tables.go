package dict

import (
	"bytes"
	"embed"
	"fmt"
	"strings"
	"sync"

	"github.com/parley-events/parley/wordlist"
)

// tablesFS holds the mapping tables (see the package documentation).
//
//go:embed data/*.tsv
var tablesFS embed.FS

// ploverOf is one line of cameo_plover.tsv.
type ploverOf struct{ Type, Mode string }

// mappings are the parsed mapping tables.
type mappings struct {
	plover    map[string]ploverOf // CAMEO event code (prefix) -> type, mode
	sector    map[string]string   // agent chunk -> PLOVER sector ("" for known non-sector chunks)
	countries map[string]string   // CAMEO country code -> ISO code, "region" or "gone"
}

func loadMappings() (*mappings, error) {
	m := &mappings{plover: map[string]ploverOf{}, sector: map[string]string{}, countries: map[string]string{}}
	err := readTSV("data/cameo_plover.tsv", 3, func(f []string) error {
		m.plover[f[0]] = ploverOf{f[1], dash(f[2])}
		return nil
	})
	if err == nil {
		err = readTSV("data/cameo_agents.tsv", 3, func(f []string) error {
			m.sector[f[0]] = dash(f[1])
			return nil
		})
	}
	if err == nil {
		err = readTSV("data/cameo_countries.tsv", 2, func(f []string) error {
			m.countries[f[0]] = f[1]
			return nil
		})
	}
	return m, err
}

func dash(s string) string {
	if s == "-" {
		return ""
	}
	return s
}

func readTSV(name string, cols int, fn func([]string) error) error {
	data, err := tablesFS.ReadFile(name)
	if err != nil {
		return err
	}
	return wordlist.Rows(name, bytes.NewReader(data), 0, func(_ int, f []string) error {
		if len(f) != cols {
			return fmt.Errorf("%d columns, want %d", len(f), cols)
		}
		return fn(f)
	})
}

// Plover maps a CAMEO event code to a PLOVER type and mode ("" when the
// type has no matching mode). reason is set when the code gives no type:
// the code is not a CAMEO code, or PLOVER drops its family (01, 02).
func (m *mappings) Plover(code string) (typ, mode, reason string) {
	if len(code) < 2 || len(code) > 4 || strings.Trim(code, "0123456789") != "" {
		return "", "", "not a CAMEO event code"
	}
	for k := len(code); k >= 2; k-- {
		if p, ok := m.plover[code[:k]]; ok {
			if p.Type == "drop" {
				return "", "", "CAMEO " + code[:2] + " (PLOVER drops public statements and appeals)"
			}
			return p.Type, p.Mode, ""
		}
	}
	return "", "", "not a CAMEO event code"
}

// Special first chunks of CAMEO actor codes that are not countries.
var specialFirst = map[string]bool{"IGO": true, "NGO": true, "NGM": true, "MNC": true, "IMG": true}

// Islamist chunks: an IMG group with one of these is PLOVER's ISM.
var islamist = map[string]bool{"MOS": true, "MUS": true, "SUN": true, "SHI": true, "ALQ": true}

// ActorCode is a CAMEO actor code translated to parley's country and sector.
type ActorCode struct {
	Country string // ISO alpha-3 or PLOVER special code (IGO UNO EUR NGO ISM IMG MNC)
	Sector  string // PLOVER sector, "" for a country-level code
	Sub     string // the second chunk when it is a sub-national or organisation code (USAASM: ASM)
}

// Actor maps a CAMEO actor code. known says whether a three-letter code is
// a country parley knows; with raw set, any three letters are taken as the
// country as written (test dictionaries use fictional countries), and
// region and former-state codes are not translated.
func (m *mappings) Actor(code string, known func(string) bool, raw bool) (ActorCode, string) {
	code = strings.ToUpper(code)
	if len(code) < 3 || len(code)%3 != 0 {
		return ActorCode{}, "actor code length not a multiple of 3"
	}
	for _, r := range code {
		if (r < 'A' || r > 'Z') && (r < '0' || r > '9') {
			if code[:3] == "---" {
				return ActorCode{}, "actor code without a country (---)"
			}
			return ActorCode{}, "actor code with characters other than letters and digits"
		}
	}
	chunks := make([]string, 0, len(code)/3)
	for i := 0; i < len(code); i += 3 {
		chunks = append(chunks, code[i:i+3])
	}
	var a ActorCode
	first, rest := chunks[0], chunks[1:]
	switch first {
	case "IGO":
		a.Country, a.Sector = "IGO", "IGO"
		for _, c := range rest {
			switch c {
			case "UNO":
				a.Country = "UNO"
			case "EEC", "EEU", "EUR":
				a.Country = "EUR"
			}
		}
	case "NGO", "NGM":
		a.Country, a.Sector = "NGO", "NGO"
	case "MNC":
		a.Country, a.Sector = "MNC", "BUS"
		return a, ""
	case "IMG":
		a.Country, a.Sector = "IMG", "REB"
		for _, c := range rest {
			if islamist[c] {
				a.Country = "ISM"
			}
		}
		return a, ""
	case "INT":
		return a, "CAMEO INT (international, unspecified): no PLOVER country"
	default:
		iso := first
		if !raw {
			if t, ok := m.countries[first]; ok {
				switch t {
				case "region":
					return a, "CAMEO region code (no country)"
				case "gone":
					return a, "former state (not in parley's countries)"
				}
				iso = t
			}
			if !known(iso) {
				return a, "country code not in parley's countries"
			}
		} else if strings.Trim(first, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") != "" {
			return a, "country code is not three letters"
		}
		a.Country = iso
	}
	for i, c := range rest {
		s, isAgent := m.sector[c]
		if !isAgent {
			if i == 0 && !specialFirst[first] {
				a.Sub = c
			}
			continue
		}
		if s != "" {
			a.Sector = s
			break
		}
	}
	return a, ""
}

// Sector maps an agents-dictionary code ("GOVFRM", "MUSRAD") to a PLOVER
// sector: the first chunk with one.
func (m *mappings) Sector(code string) (string, string) {
	code = strings.ToUpper(code)
	if len(code)%3 != 0 || code == "" {
		return "", "agent code length not a multiple of 3"
	}
	for i := 0; i < len(code); i += 3 {
		if s := m.sector[code[i:i+3]]; s != "" {
			return s, ""
		}
	}
	return "", "agent code without a PLOVER sector (religion, ethnic or unknown group code)"
}

var (
	sharedMappings    *mappings
	sharedMappingsErr error
	mappingsOnce      sync.Once
)

// PloverOf maps a CAMEO event code to its PLOVER type and mode by PLOVER's
// translation table. ok is false when PLOVER has no type for the code
// (not a CAMEO code, or a family PLOVER drops).
func PloverOf(code string) (typ, mode string, ok bool) {
	mappingsOnce.Do(func() { sharedMappings, sharedMappingsErr = loadMappings() })
	if sharedMappingsErr != nil {
		return "", "", false
	}
	typ, mode, _ = sharedMappings.Plover(code)
	return typ, mode, typ != ""
}

// ActorOf translates a CAMEO actor code ("IRNGOV", "IGOUNO", "PSEREBHMS")
// to a PLOVER country (ISO alpha-3 or PLOVER's special codes) and sector,
// with known telling which ISO codes are countries. ok is false when the
// code names no country (a region, "---", "INT").
func ActorOf(code string, known func(string) bool) (country, sector string, ok bool) {
	mappingsOnce.Do(func() { sharedMappings, sharedMappingsErr = loadMappings() })
	if sharedMappingsErr != nil {
		return "", "", false
	}
	a, why := sharedMappings.Actor(code, known, false)
	return a.Country, a.Sector, why == "" && a.Country != ""
}

package coder

import "testing"

// Arguments found from grammar, each class with paraphrases of our own and
// a sentence that must not match.
func TestGrammarFrames(t *testing.T) {
	cases := []struct {
		class string
		text  string
		want  []want
		not   []want
	}{
		// A passive verb whose pattern has words after its recipient:
		// the subject is the recipient, the "by" phrase the actor.
		{"passive with a pattern word after the recipient", "Israel was urged by France to accept a ceasefire.", []want{{"REQUEST", "FRA", "ISR", false}}, nil},
		{"passive with a pattern word after the recipient", "Iran was urged by Germany to release the detained sailors.", []want{{"REQUEST", "DEU", "IRN", false}}, nil},
		{"passive with a pattern word after the recipient", "Egypt was accused by Ethiopia of blocking the talks.", []want{{"ACCUSE", "ETH", "EGY", false}}, nil},
		{"passive with a pattern word after the recipient", "Kenya urged Somalia to reopen the border.", []want{{"REQUEST", "KEN", "SOM", false}}, []want{{"REQUEST", "SOM", "KEN", false}}},
		// Two subjects the parse did not coordinate are both actors.
		{"subjects the parse left uncoordinated", "The United States and Britain struck rebel targets in Yemen on Friday.", []want{{"ASSAULT", "USA", "YEM", false}, {"ASSAULT", "GBR", "YEM", false}}, nil},
		{"subjects the parse left uncoordinated", "France and Germany condemned the coup in Niger.", []want{{"ACCUSE", "FRA", "", false}, {"ACCUSE", "DEU", "", false}}, nil},
		{"subjects the parse left uncoordinated", "Qatar and Egypt welcomed the truce in Gaza.", []want{{"SUPPORT", "QAT", "", false}, {"SUPPORT", "EGY", "", false}}, nil},
		{"subjects the parse left uncoordinated", "Turkey, which borders Syria, shelled Kurdish positions.", nil, []want{{"ASSAULT", "SYR", "", false}}},
		// The object of a relative clause is the noun it describes.
		{"relative clause object", "The Lebanese village, which Israeli jets struck on Monday, lies near the border.", []want{{"ASSAULT", "ISR", "LBN", false}}, nil},
		{"relative clause object", "The three Pakistani nationals whom Indian police arrested on Monday carried forged papers.", []want{{"COERCE", "IND", "PAK", false}}, nil},
		{"relative clause object", "The two Kenyan reporters whom Ugandan soldiers detained on Friday were released on Sunday.", []want{{"COERCE", "UGA", "KEN", false}}, nil},
		{"relative clause object", "The Syrian town that Turkish drones bombed overnight was evacuated.", []want{{"ASSAULT", "TUR", "SYR", false}}, nil},
		{"relative clause object", "The Chinese diplomat who criticised Japan left Tokyo.", []want{{"ACCUSE", "CHN", "JPN", false}}, []want{{"ACCUSE", "JPN", "CHN", false}}},
		// "it" and "the group" refer back to an organisation or country.
		{"pronoun and definite description", "Hamas has governed Gaza since 2007. On Sunday it fired rockets at Israel.", []want{{"ASSAULT", "PSE", "ISR", false}}, nil},
		{"pronoun and definite description", "Hezbollah is based in southern Lebanon. The group fired rockets at Israel.", []want{{"ASSAULT", "LBN", "ISR", false}}, nil},
		{"pronoun and definite description", "Russia said it had struck Ukrainian positions.", []want{{"ASSAULT", "RUS", "UKR", false}}, nil},
		{"pronoun and definite description", "The Houthi movement seized a tanker on Monday. On Tuesday the movement attacked Israel.", []want{{"ASSAULT", "YEM", "ISR", false}}, nil},
		{"pronoun and definite description", "Iran praised Iraq. It is clear that the talks helped.", nil, []want{{"SUPPORT", "IRN", "IRN", false}}},
		// "between A and B": the sides of an event noun, each the other's.
		{"event noun between two sides", "Talks between the Iranian and Iraqi foreign ministers took place in Baghdad.", []want{{"CONSULT", "IRN", "IRQ", true}}, nil},
		{"event noun between two sides", "The agreement between Saudi Arabia and Iran ended years of estrangement.", []want{{"AGREE", "SAU", "IRN", true}}, nil},
		{"event noun between two sides", "Negotiations between Egypt and Ethiopia resumed on Monday.", []want{{"CONSULT", "EGY", "ETH", true}}, nil},
		{"event noun between two sides", "The border between Kenya and Somalia stayed open.", nil, []want{{"CONSULT", "KEN", "SOM", true}, {"AGREE", "KEN", "SOM", true}, {"ASSAULT", "KEN", "SOM", true}}},
		// Coordinated nationality adjectives over one noun: one side each.
		{"coordinated nationality adjectives", "Pakistani and Afghan border forces exchanged fire near Torkham.", []want{{"ASSAULT", "PAK", "AFG", true}}, nil},
		{"coordinated nationality adjectives", "Serbian and Croatian units exchanged fire.", []want{{"ASSAULT", "SRB", "HRV", true}}, nil},
		{"coordinated nationality adjectives", "Israel struck Iranian and Syrian targets overnight.", []want{{"ASSAULT", "ISR", "IRN", false}, {"ASSAULT", "ISR", "SYR", false}}, nil},
		{"coordinated nationality adjectives", "Iranian forces struck Kurdish militants in Iraq.", nil, []want{{"ASSAULT", "IRQ", "IRN", false}}},
		// Where two named sides met is no third side.
		{"meeting place", "Turkey's and Egypt's foreign ministers met in Ankara on Tuesday.", []want{{"CONSULT", "TUR", "EGY", true}}, nil},
		{"meeting place", "The Turkish and Egyptian foreign ministers met in Cairo.", []want{{"CONSULT", "TUR", "EGY", true}}, nil},
		{"meeting place", "India and China met in Moscow.", []want{{"CONSULT", "IND", "CHN", true}}, []want{{"CONSULT", "IND", "RUS", false}}},
		// What an event noun did, told by a verb, is no second event.
		{"outcome of an event noun", "Israel's strikes on Lebanon killed 12 fighters on Monday.", []want{{"ASSAULT", "ISR", "LBN", false}}, []want{{"ASSAULT", "ISR", "", false}}},
		{"outcome of an event noun", "The strikes by Russian jets on Idlib destroyed a hospital.", []want{{"ASSAULT", "RUS", "SYR", false}}, []want{{"ASSAULT", "RUS", "", false}}},
		{"outcome of an event noun", "Russian shelling of Kharkiv wounded five civilians.", []want{{"ASSAULT", "RUS", "UKR", false}}, []want{{"ASSAULT", "RUS", "", false}}},
		{"outcome of an event noun", "Israeli troops killed three Palestinians in Jenin.", []want{{"ASSAULT", "ISR", "PSE", false}}, nil},
		// A passive agent the parse hung on the phrase before it.
		{"passive agent attached too low", "Humanitarian aid was delivered to Turkey by Saudi Arabia on Wednesday.", []want{{"AID", "SAU", "TUR", false}}, nil},
		{"passive agent attached too low", "Ukraine was attacked by Russia on Monday.", []want{{"ASSAULT", "RUS", "UKR", false}}, nil},
		{"passive agent attached too low", "Iran was urged by Germany to release the sailors.", []want{{"REQUEST", "DEU", "IRN", false}}, nil},
		{"passive agent attached too low", "Aid was delivered to Turkey by road.", nil, []want{{"AID", "TUR", "TUR", false}}},
		// "X, which ..." when the parse made the relative clause the main one.
		{"relative clause subject", "India, which called on Pakistan on Monday to act against militant groups, shares a border with its neighbour.", []want{{"REQUEST", "IND", "PAK", false}}, nil},
		{"relative clause subject", "Washington, which warned Tehran on Sunday against attacking Israel, says it is watching closely.", []want{{"THREATEN", "USA", "IRN", false}}, nil},
		{"relative clause subject", "Egypt, which hosted the talks, praised Qatar.", []want{{"SUPPORT", "EGY", "QAT", false}}, nil},
		// A light verb's event noun keeps its own recipient slot.
		{"light verb and event noun", "Iran held talks with Iraq on Sunday.", []want{{"CONSULT", "IRN", "IRQ", true}}, nil},
		{"light verb and event noun", "The Iranian foreign minister held talks with his Iraqi counterpart in Baghdad.", []want{{"CONSULT", "IRN", "IRQ", true}}, nil},
		{"light verb and event noun", "Japan held a meeting with South Korea.", []want{{"CONSULT", "JPN", "KOR", true}}, nil},
		{"light verb and event noun", "Chad held consultations with Sudan on Monday.", []want{{"CONSULT", "TCD", "SDN", true}}, nil},
		{"light verb and event noun", "Chad held a rally with Sudanese flags.", nil, []want{{"CONSULT", "TCD", "SDN", true}}},
		// A recipient the frames read from a complement clause stands.
		{"recipient in a complement clause", "Kenya demanded that Somalia reopen the border crossing at Mandera.", []want{{"REQUEST", "KEN", "SOM", false}}, nil},
		{"recipient in a complement clause", "Kenya demanded that Somalia withdraw its troops.", []want{{"REQUEST", "KEN", "SOM", false}}, nil},
		{"recipient in a complement clause", "Egypt urged that Ethiopia halt the filling of the dam at Guba.", []want{{"REQUEST", "EGY", "ETH", false}}, nil},
		// An office written with a non-breaking hyphen is the same office.
		{"typographic hyphen", "The Secretary\u2011General condemned the attack by M23.", []want{{"ACCUSE", "UNO", "COD", false}}, nil},
		{"typographic hyphen", "The Secretary\u2010General welcomed the agreement signed by Ethiopia.", []want{{"SUPPORT", "UNO", "ETH", false}}, nil},
		{"typographic hyphen", "The Under\u2011Secretary\u2011General for Political Affairs briefed the Council.", nil, []want{{"CONSULT", "UNO", "UNO", false}}},
		// Judging an act is aimed at whoever did it.
		{"judgement of an act", "Uganda condemned the attack carried out by the Allied Democratic Forces.", []want{{"ACCUSE", "UGA", "COD", false}}, nil},
		{"judgement of an act", "Kenya praised the agreement signed by Ethiopia.", []want{{"SUPPORT", "KEN", "ETH", false}}, nil},
		{"judgement of an act", "France praised the deal reached by Serbia and Kosovo.", []want{{"SUPPORT", "FRA", "SRB", false}, {"SUPPORT", "FRA", "KOS", false}}, nil},
		{"judgement of an act", "Egypt condemned the raid launched by Israeli forces.", []want{{"ACCUSE", "EGY", "ISR", false}}, nil},
		{"judgement of an act", "Kenya praised the agreement signed in Ethiopia.", nil, []want{{"SUPPORT", "KEN", "ETH", false}}},
		// Scheduled and expected acts have not happened yet.
		{"scheduled act", "Russia and North Korea are set to sign a defence pact next month.", nil, []want{{"AGREE", "RUS", "PRK", true}}},
		{"scheduled act", "Iran is likely to strike Israel.", nil, []want{{"ASSAULT", "IRN", "ISR", false}}},
		{"scheduled act", "Egypt is due to sign an agreement with Sudan.", nil, []want{{"AGREE", "EGY", "SDN", true}}},
		{"scheduled act", "Egypt signed an agreement with Sudan, as set out in the plan.", []want{{"AGREE", "EGY", "SDN", true}}, nil},
		// "its" forces are the forces of the body named before.
		{"possessive pronoun", "According to the Russian defence ministry, its forces struck a Ukrainian ammunition depot near Kharkiv.", []want{{"ASSAULT", "RUS", "UKR", false}}, []want{{"ASSAULT", "UKR", "UKR", false}}},
		{"possessive pronoun", "The Israeli army said its aircraft had bombed a Hamas command centre in Gaza City.", []want{{"ASSAULT", "ISR", "PSE", false}}, nil},
		{"possessive pronoun", "The Turkish army said its jets struck Kurdish militants in Iraq.", []want{{"ASSAULT", "TUR", "IRQ", false}}, nil},
		{"possessive pronoun", "Iraq said the Turkish jets struck its territory.", []want{{"ASSAULT", "TUR", "IRQ", false}}, []want{{"ASSAULT", "IRQ", "IRQ", false}}},
	}
	for _, c := range cases {
		evs := codeText(t, c.text, "2024-05-10")
		for _, w := range c.want {
			if !has(evs, w) {
				t.Errorf("%s: %s\n want %s %s→%s; got:%s", c.class, c.text, w.typ, w.actor, w.recipient, describe(evs))
			}
		}
		for _, w := range c.not {
			if has(evs, w) {
				t.Errorf("%s: %s\n do not want %s %s→%s; got:%s", c.class, c.text, w.typ, w.actor, w.recipient, describe(evs))
			}
		}
	}
}

// Rules over the tagger's spans. Names are runs of capitalised words; a person's name is
// the last two words of a run that are neither titles ("Lt. Gen.") nor words of organisations
// ("Council", "Ministry"). A source is resolved in this order: a name in it; a surname alone,
// widened to the fullest form of that name in the article; a pronoun or a role noun ("he",
// "the opposition figure"), to the nearest named speaker before it; else the source as
// written (an organisation: "the regional council").
//
// Venues and relays come from phrases in the sentences around an attribution ("on the air
// of a telethon", "in an interview with X", "told X", "with a reference to X", "X quoted",
// "according to X" when X is an outlet) and from sentences that name the speaker ("This was
// stated by Jane Roe on ..."), which then hold for all of that speaker's statements.
#include "quotes/provenance.h"

#include "entities/names.h"
#include "quotes/sentences.h"
#include "util/strings.h"

#include <re2/re2.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace sitrep::quotes {

namespace {

bool Capitalised(std::string_view w) {
  if (w.empty()) return false;
  int32_t i = 0;
  UChar32 c;
  U8_NEXT(w.data(), i, int32_t(w.size()), c);
  return c > 0 && u_isupper(c);
}

bool Alphabetic(std::string_view w) {
  for (int32_t i = 0; i < int32_t(w.size());) {
    UChar32 c;
    U8_NEXT(w.data(), i, int32_t(w.size()), c);
    if (c < 0 || !(u_isalpha(c) || c == '-' || c == '\'' || c == 0x2019 || c == '.')) return false;
  }
  return true;
}

const std::set<std::string, std::less<>>& TitleWords() {
  static const std::set<std::string, std::less<>> words = {
      "Mr", "Mr.", "Mrs", "Mrs.", "Ms", "Ms.", "Dr", "Dr.", "President", "Minister", "General", "Gen.",
      "Lt.", "Lieutenant", "Colonel", "Col.", "Commander", "Chief", "Secretary", "Deputy", "Chairman",
      "Spokesman", "Spokeswoman", "Sen.", "Senator", "Rep.", "Governor", "Gov.", "Prime", "Foreign",
      "Military", "Expert", "Analyst", "Head", "Director", "Ambassador", "Sir", "Lord", "Prof.",
      "Professor", "Judge", "Mayor", "Captain", "Capt.", "Major", "Maj.", "Admiral", "Adm.", "Sgt.",
      "Sergeant", "Officer", "Vice", "Speaker", "The", "A", "An", "In", "On", "At", "As", "But", "And",
      "According", "This", "That", "It", "He", "She", "They", "We", "I", "Read", "More", "If", "When",
      "While", "Although", "After", "Before", "Since", "So", "Then", "Yet", "Also", "Now", "However",
      "Meanwhile", "Earlier", "Later", "Today", "Yesterday", "Still", "Even", "Only", "For", "From",
      "With", "By", "Of", "To", "Why", "What", "How", "Where", "Who", "Our", "His", "Her", "Their"};
  return words;
}

const std::set<std::string, std::less<>>& OrganisationWords() {
  static const std::set<std::string, std::less<>> words = {
      "Ministry", "Council", "Institute", "Centre", "Center", "Intelligence", "Forces", "Force",
      "Army", "Service", "Committee", "Office", "Party", "Government", "University", "Agency",
      "Cabinet", "Staff", "Union", "Bank", "Court", "Parliament", "Assembly", "Department", "Command",
      "Armed", "Defence", "Defense", "Security", "National", "Republic", "United", "States",
      "Federation", "Kingdom", "Corporation", "Company", "Group", "Association", "Organisation",
      "Organization", "Commission", "Police", "Guard", "Board", "Foundation", "Network", "Times",
      "Post", "News", "Radio", "TV", "Television", "Truth", "Journal", "Press", "Daily", "Channel",
      "Review", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
      "January", "February", "March", "April", "May", "June", "July", "August", "September",
      "October", "November", "December"};
  return words;
}

// Words that make a source phrase a person by role ("the opposition figure").
const std::set<std::string, std::less<>>& RoleNouns() {
  static const std::set<std::string, std::less<>> words = {
      "representative", "figure", "spokesman", "spokeswoman", "spokesperson", "minister", "official",
      "commander", "expert", "analyst", "secretary", "head", "chief", "leader", "president",
      "general", "officer", "politician", "diplomat", "adviser", "advisor", "lawmaker", "senator",
      "governor", "mayor", "ambassador", "chairman", "director", "dictator", "envoy", "deputy",
      "general", "prosecutor", "activist", "economist", "researcher", "scientist", "professor",
      "chancellor", "premier", "colonel", "lieutenant"};
  return words;
}

// Words of media names: a source or a name with one of these is an outlet.
const std::set<std::string, std::less<>>& MediaWords() {
  static const std::set<std::string, std::less<>> words = {
      "News", "Radio", "TV", "Television", "Agency", "Times", "Post", "Truth", "Journal", "Telegraph",
      "Guardian", "Spectator", "Press", "Herald", "Tribune", "Gazette", "Daily",
      "Magazine", "Channel", "Broadcasting", "Reuters", "BBC", "CNN", "AP", "AFP", "Bloomberg"};
  return words;
}

struct Word {
  Span span;
  std::string_view text;
};

std::vector<Word> WordsIn(const Article& a, Span s) {
  std::vector<Word> out;
  for (const Span& t : a.tokens)
    if (t.begin >= s.begin && t.end <= s.end) out.push_back({t, a.Text(t)});
  return out;
}

// Runs of capitalised words (a hyphen or an apostrophe inside a word is fine).
std::vector<std::vector<Word>> NameRuns(const std::vector<Word>& words) {
  std::vector<std::vector<Word>> runs;
  std::vector<Word> run;
  for (const Word& w : words) {
    if (Capitalised(w.text) && Alphabetic(w.text)) {
      run.push_back(w);
      continue;
    }
    if (!run.empty()) runs.push_back(std::move(run));
    run.clear();
  }
  if (!run.empty()) runs.push_back(std::move(run));
  return runs;
}

bool Acronym(std::string_view w) {
  size_t upper = 0;
  for (char c : w) {
    if (c >= 'a' && c <= 'z') return false;
    upper += c >= 'A' && c <= 'Z';
  }
  return upper >= 2;
}

bool PersonWord(std::string_view w) {
  return Capitalised(w) && !Acronym(w) && Alphabetic(w) && !TitleWords().count(w) && !OrganisationWords().count(w) &&
         !MediaWords().count(w) && w.find('.') == std::string_view::npos;
}

// The person's name in a run: its last two words when both may be a name, else empty.
std::string PersonIn(const std::vector<Word>& run, const Article& a) {
  if (run.size() < 2) return "";
  const Word& first = run[run.size() - 2];
  const Word& last = run.back();
  if (!PersonWord(first.text) || !PersonWord(last.text)) return "";
  for (const Word& w : run)
    if (OrganisationWords().count(w.text) || MediaWords().count(w.text)) {
      // "Port Authority of Harbour Mira Stoyanova": organisation words before the name
      // are fine; inside the last two they were excluded above.
      continue;
    }
  return std::string(a.text.substr(first.span.begin, last.span.end - first.span.begin));
}

struct Person {
  std::string name;
  std::string surname;
  uint32_t at = 0;  // byte where it is mentioned
};

std::vector<Person> PeopleIn(const Article& a) {
  std::vector<Person> out;
  for (const auto& run : NameRuns(WordsIn(a, {0, uint32_t(a.text.size())}))) {
    std::string name = PersonIn(run, a);
    if (!name.empty()) out.push_back({name, std::string(run.back().text), run[run.size() - 2].span.begin});
  }
  return out;
}

bool IsPronoun(std::string_view s) {
  static const std::set<std::string, std::less<>> kPronouns = {
      "he", "she", "who", "him", "her", "He", "She", "Who", "I"};
  return kPronouns.count(s) > 0;
}

bool IsOutlet(const Article& a, std::string_view name) {
  if (name.empty()) return false;
  for (const auto& r : a.relays)
    if (AsciiLower(r) == AsciiLower(name)) return true;
  if (!a.outlet.empty() && AsciiLower(a.outlet) == AsciiLower(name)) return true;
  // Compiled once: building an RE2 costs more than the rest of the quotes stage's rules.
  static const RE2 domain(R"([A-Za-z]\.(?:com|net|org|NET|ru|ua|by|info)\b)");
  if (RE2::PartialMatch(name, domain)) return true;
  std::string_view rest = name;
  while (!rest.empty()) {
    size_t space = rest.find(' ');
    std::string_view w = rest.substr(0, space);
    if (MediaWords().count(w)) return true;
    if (space == std::string_view::npos) break;
    rest.remove_prefix(space + 1);
  }
  return false;
}

// A capitalised name phrase: "The Spectator", "Radio Harbour", "HARBOUR TV", "Example.NET".
const char* kName = R"(((?:the |The )?[\p{Lu}][\p{L}\p{N}.'’-]*(?: (?:of |the |for )?[\p{Lu}][\p{L}\p{N}.'’-]*)*))";

struct Provenance {
  std::string venue;
  std::vector<std::string> relays;
};

void AddRelay(std::vector<std::string>& relays, const std::string& r) {
  if (!r.empty() && std::find(relays.begin(), relays.end(), r) == relays.end()) relays.push_back(r);
}

std::string StripThe(std::string s) {
  if (s.rfind("the ", 0) == 0) s.erase(0, 4);
  while (!s.empty() && s.back() == '.') s.pop_back();
  return s;
}

// Whether a sentence may hold a venue or relay phrase: each pattern of ProvenanceIn needs one
// of these words (lower-cased here, a superset of what the case-bound patterns take). Most
// sentences hold none, and these few scans cost less than the nine patterns. None has an 's'
// or a 'k': Unicode case folding lets the case-blind patterns match those by non-ASCII
// letters (the long s, the Kelvin sign); sentences with such folding partners of ASCII
// letters go to the patterns anyway.
bool MayHoldProvenance(std::string_view sentence) {
  if (sentence.find("\xC4\xB0") != std::string_view::npos || sentence.find("\xC4\xB1") != std::string_view::npos ||
      sentence.find("\xC5\xBF") != std::string_view::npos || sentence.find("\xE2\x84") != std::string_view::npos)
    return true;
  static constexpr std::string_view kWords[] = {
      "air of", "live on",                                                    // air
      "interview ",                                                           // interview
      "told ", "telling ", "speaking to ", "comments to ", "said to ",        // told
      " channel", " program", " show",                                        // channel
      "national ", "press conference", "briefing", "telethon",                // television
      "telegram channel", "facebook page", "twitter account", "blog",         // social
      "reference to", "citing", "quoted by", "quoting",                       // reference
      " quoted", " cited", " report", " writes", " wrote",                    // quoted
      "according to"};                                                        // according
  // One pass over the lower-cased text, trying the words that start with each pair of bytes
  // where some word starts with that pair (a bit a pair says so).
  static const auto kByFirst = [] {
    std::array<std::vector<std::string_view>, 256> by_first;
    for (std::string_view w : kWords) by_first[static_cast<unsigned char>(w[0])].push_back(w);
    return by_first;
  }();
  static const auto kPairs = [] {
    std::array<uint64_t, 1024> pairs{};
    for (std::string_view w : kWords) {
      const unsigned pair = static_cast<unsigned char>(w[0]) << 8 | static_cast<unsigned char>(w[1]);
      pairs[pair >> 6] |= uint64_t(1) << (pair & 63);
    }
    return pairs;
  }();
  thread_local std::string lower;
  lower.assign(sentence);
  for (char& c : lower)
    if (c >= 'A' && c <= 'Z') c = char(c - 'A' + 'a');
  const std::string_view text(lower);
  for (size_t i = 0; i + 1 < text.size(); ++i) {
    const unsigned pair = static_cast<unsigned char>(text[i]) << 8 | static_cast<unsigned char>(text[i + 1]);
    if (!(kPairs[pair >> 6] >> (pair & 63) & 1)) continue;
    for (std::string_view w : kByFirst[static_cast<unsigned char>(text[i])])
      if (text[i + 1] == w[1] && text.substr(i).starts_with(w)) return true;
  }
  return false;
}

// Venue and relay phrases in one sentence.
Provenance ProvenanceIn(const Article& a, std::string_view sentence) {
  Provenance p;
  if (!MayHoldProvenance(sentence)) return p;
  static const RE2 air(R"((?i:on the air of|on air of|live on) (?:the )?([^,.;]+))");
  static const RE2 interview(std::string(R"((?i:interview (?:with|to|for)) )") + kName);
  static const RE2 told(std::string(R"(\b(?:told|telling|speaking to|in comments to|said to) )") + kName);
  static const RE2 channel(std::string(R"(\bon (?:the )?)") + kName + R"( (?:channel|programme|program|show))");
  static const RE2 television(R"(\b(?:for|on) (national (?:television|TV|radio)|(?:a|the) (?:press conference|briefing|telethon)))");
  static const RE2 social(R"(\b(?:on|in) (?:his|her|their|its) (Telegram channel|Facebook page|Twitter account|blog))");
  static const RE2 reference(std::string(R"((?i:with (?:a )?reference to|citing|as quoted by|quoting) )") + kName);
  static const RE2 quoted(std::string(kName) + R"( (?:quoted|cited|reports|reported|writes|wrote)\b)");
  static const RE2 according(std::string(R"((?i:according to) )") + kName);
  std::string m;
  if (RE2::PartialMatch(sentence, air, &m) || RE2::PartialMatch(sentence, interview, &m) ||
      RE2::PartialMatch(sentence, channel, &m) || RE2::PartialMatch(sentence, television, &m) ||
      RE2::PartialMatch(sentence, social, &m))
    p.venue = m;
  else if (RE2::PartialMatch(sentence, told, &m) && IsOutlet(a, StripThe(m)))
    p.venue = m;
  while (!p.venue.empty() && p.venue.back() == '.') p.venue.pop_back();
  re2::StringPiece rest(sentence.data(), sentence.size());
  while (RE2::FindAndConsume(&rest, reference, &m)) AddRelay(p.relays, StripThe(m));
  rest = re2::StringPiece(sentence.data(), sentence.size());
  while (RE2::FindAndConsume(&rest, quoted, &m))
    if (IsOutlet(a, StripThe(m)) && StripThe(m) != a.outlet) AddRelay(p.relays, StripThe(m));
  rest = re2::StringPiece(sentence.data(), sentence.size());
  while (RE2::FindAndConsume(&rest, according, &m))
    if (IsOutlet(a, StripThe(m)) && StripThe(m) != a.outlet) AddRelay(p.relays, StripThe(m));
  if (IsOutlet(a, p.venue) && std::find(p.relays.begin(), p.relays.end(), p.venue) != p.relays.end())
    p.relays.erase(std::find(p.relays.begin(), p.relays.end(), p.venue));
  return p;
}

class Resolver {
 public:
  explicit Resolver(const Article& a) : a_(a), people_(PeopleIn(a)) {}

  // The fullest name in the article for a surname, else the surname. A surname spelt
  // otherwise ("Hordienko" beside "Petro Hordiyenko") is the same name when their romanised keys match.
  std::string Fullest(std::string_view surname) const {
    for (const Person& p : people_)
      if (p.surname == surname) return p.name;
    // Spellings of one name start alike; ICU's transliteration is the costly part, so only
    // then.
    if (surname.empty() || std::none_of(people_.begin(), people_.end(), [&](const Person& p) {
          return !p.surname.empty() && p.surname[0] == surname[0];
        }))
      return std::string(surname);
    const std::string key = names::WordKey(names::Romanise(surname));
    if (key.size() < 3) return std::string(surname);
    if (surname_keys_.empty())  // romanised once a call, and only when a spelling differs
      for (const Person& p : people_) surname_keys_.push_back(names::WordKey(names::Romanise(p.surname)));
    for (size_t i = 0; i < people_.size(); ++i)
      if (surname_keys_[i] == key) return people_[i].name;
    return std::string(surname);
  }

  // A person named in the span, in its fullest form, or empty.
  std::string PersonNamed(Span s) const {
    auto words = WordsIn(a_, s);
    for (const auto& run : NameRuns(words)) {
      std::string name = PersonIn(run, a_);
      if (!name.empty()) return Fullest(std::string_view(name).substr(name.rfind(' ') + 1));
    }
    for (const auto& run : NameRuns(words))
      if (run.size() == 1 && PersonWord(run[0].text) && !IsOutlet(a_, run[0].text)) {
        std::string full = Fullest(run[0].text);
        if (full.find(' ') != std::string::npos) return full;
      }
    return "";
  }

  // The nearest person before `at`: a speaker already resolved, else a name mentioned.
  std::string Before(uint32_t at, const std::vector<std::pair<uint32_t, std::string>>& speakers) const {
    std::string best;
    uint32_t best_at = 0;
    for (const auto& [pos, name] : speakers)
      if (pos < at && pos >= best_at) best = name, best_at = pos;
    if (!best.empty()) return best;
    for (const Person& p : people_)
      if (p.at < at && p.at >= best_at) best = p.name, best_at = p.at;
    return best;
  }

 private:
  const Article& a_;
  std::vector<Person> people_;
  mutable std::vector<std::string> surname_keys_;
};

// "the opposition figure", "The representative of the agency": a determiner, maybe some
// adjectives, then a noun for a person (before any "of" or comma).
bool RoleSource(std::string_view source) {
  std::string lower = AsciiLower(source);
  for (std::string_view stop : {" of ", ","})
    if (size_t at = lower.find(stop); at != std::string::npos) lower.resize(at);
  if (!(lower.starts_with("the ") || lower.starts_with("a ") || lower.starts_with("an "))) return false;
  const size_t space = lower.rfind(' ');
  return RoleNouns().count(lower.substr(space + 1)) > 0;
}

// Question-and-answer interviews: answers start with a dash after a question paragraph, and
// the interviewee is named only in a credit ("Excerpted from “Jane Roe: ...”").
struct InterviewCredit {
  std::string interviewee;
  uint32_t at = 0;  // where the credit's quoted title opens
};

std::optional<InterviewCredit> FindInterviewCredit(const Article& a) {
  static const RE2 credit(R"(([“"])([\p{Lu}][\p{L}'’-]+ [\p{Lu}][\p{L}'’-]+): )");
  re2::StringPiece mark;
  std::string name;
  if (!RE2::PartialMatch(a.text, credit, &mark, &name)) return std::nullopt;
  return InterviewCredit{name, uint32_t(mark.data() - a.text.data())};
}

// The last answer stops where the credit line starts: the credit's few lead-in words
// ("Excerpted from") follow the answer's closing quotation mark, its full stop, or a line break.
uint32_t AnswerEnd(const Article& a, Span answer, uint32_t credit_at) {
  if (credit_at <= answer.begin || credit_at >= answer.end) return answer.end;
  const std::string_view before = std::string_view(a.text).substr(answer.begin, credit_at - answer.begin);
  size_t boundary = std::string_view::npos, after = 0;  // the last boundary mark, and where it ends
  for (std::string_view mark : {"\n", "\"", ".", "!", "?", "”", "»", "…"})
    if (const size_t at = before.rfind(mark); at != std::string_view::npos && at + mark.size() > after)
      boundary = at, after = at + mark.size();
  if (boundary == std::string_view::npos) return answer.end;
  const std::string_view lead_in = before.substr(after);
  int words = 0;
  for (size_t i = 0; i < lead_in.size(); ++i) {
    const char c = lead_in[i];
    if (!std::isalpha(static_cast<unsigned char>(c)) && c != ' ' && c != ':') return answer.end;
    if (c != ' ' && (i == 0 || lead_in[i - 1] == ' ')) ++words;
  }
  if (words > 4) return answer.end;
  size_t end = before[boundary] == '\n' ? boundary : after;
  while (end > 0 && (before[end - 1] == ' ' || before[end - 1] == '\n')) --end;
  for (std::string_view close : {"”", "\"", "»"})
    if (before.substr(0, end).ends_with(close)) end -= close.size();
  return answer.begin + uint32_t(end);
}

void AddInterviewAnswers(Article& a, const InterviewCredit& credit) {
  bool after_question = false;
  for (size_t i = 0; i < a.paragraphs.size(); ++i) {
    std::string_view p = a.Text(a.paragraphs[i]);
    const bool question = !p.empty() && p.back() == '?' && p.size() < 400;
    const bool answer = after_question && (p.starts_with("— ") || p.starts_with("- ") || p.starts_with("– "));
    if (answer) {
      const size_t dash = p.find(' ');
      Span content{a.paragraphs[i].begin + uint32_t(dash + 1), a.paragraphs[i].end};
      size_t j = i + 1;
      while (j < a.paragraphs.size() && a.Text(a.paragraphs[j]).back() != '?') content.end = a.paragraphs[j++].end;
      content.end = AnswerEnd(a, content, credit.at);
      Attribution q;
      q.cue = {a.paragraphs[i].begin, a.paragraphs[i].begin + uint32_t(dash)};
      q.content = content;
      q.speaker = credit.interviewee;
      q.direct = true;
      // The tagger's finds inside the answer are the interviewee's own words.
      std::erase_if(a.attributions, [&](const Attribution& x) {
        return x.cue.begin >= content.begin && x.cue.end <= content.end;
      });
      a.attributions.push_back(q);
    }
    after_question = question;
  }
  std::sort(a.attributions.begin(), a.attributions.end(),
            [](const Attribution& x, const Attribution& y) { return x.cue.begin < y.cue.begin; });
}

bool Covered(const Article& a, uint32_t at) {
  for (const Attribution& q : a.attributions)
    if (q.content.begin <= at && at < q.content.end) return true;
  return false;
}

bool OpensQuote(std::string_view p) {
  return p.starts_with("\"") || p.starts_with("“") || p.starts_with("«") || p.starts_with("„");
}

// "A similar view came from the regional governor, Jane Roe:" then a quoted paragraph.
void AddColonQuotes(Article& a, const Resolver& r, std::vector<std::pair<uint32_t, std::string>>& speakers) {
  for (size_t i = 0; i + 1 < a.paragraphs.size(); ++i) {
    std::string_view intro = a.Text(a.paragraphs[i]);
    const Span next = a.paragraphs[i + 1];
    if (intro.empty() || intro.back() != ':' || !OpensQuote(a.Text(next)) || Covered(a, next.begin)) continue;
    const Span intro_sentence = SentenceSpanAt(a, a.paragraphs[i].end - 1);
    Attribution q;
    q.cue = {a.paragraphs[i].end - 1, a.paragraphs[i].end};
    q.source = intro_sentence;
    q.content = next;
    q.direct = true;
    q.speaker = r.PersonNamed(intro_sentence);
    if (q.speaker.empty()) continue;
    // The source is the name as the introducer writes it, when it writes it so.
    if (const size_t at = a.Text(intro_sentence).rfind(q.speaker); at != std::string_view::npos)
      q.source = {intro_sentence.begin + uint32_t(at), intro_sentence.begin + uint32_t(at + q.speaker.size())};
    speakers.push_back({q.cue.begin, q.speaker});
    a.attributions.push_back(q);
  }
}

// A title ending in a credit ("Rates will rise - Roe") is the credited person's claim.
void AddHeadlineCredit(Article& a, const Resolver& r) {
  if (a.title.empty() || a.paragraphs.empty()) return;
  const Span first = a.paragraphs.front();
  if (a.Text(first) != a.title) return;
  static const RE2 credit(R"((.+) [-–—] ([\p{Lu}][\p{L}'’-]+(?: [\p{Lu}][\p{L}'’-]+)?)$)");
  std::string said, who;
  if (!RE2::FullMatch(a.title, credit, &said, &who)) return;
  std::erase_if(a.attributions, [&](const Attribution& x) { return x.cue.begin < first.end; });
  Attribution q;
  q.content = {first.begin, first.begin + uint32_t(said.size())};
  q.cue = {q.content.end + 1, q.content.end + 1 + uint32_t(a.title.size() - said.size() - who.size() - 2)};
  q.source = {first.end - uint32_t(who.size()), first.end};
  q.speaker = who.find(' ') == std::string::npos ? r.Fullest(who) : who;
  a.attributions.push_back(q);
}

size_t ParagraphAt(const Article& a, uint32_t at) {
  for (size_t i = 0; i < a.paragraphs.size(); ++i)
    if (a.paragraphs[i].begin <= at && at < a.paragraphs[i].end) return i;
  return a.paragraphs.size();
}

bool HasQuoteMark(std::string_view s) {
  for (std::string_view m : {"\"", "“", "”", "«", "»", "„"})
    if (s.find(m) != std::string_view::npos) return true;
  return false;
}

int MarkKind(std::string_view t, size_t i, size_t& len) {
  len = 1;
  if (t[i] == '"') return 2;
  for (auto [mark, kind] : {std::pair<std::string_view, int>{"“", 1}, {"«", 1}, {"„", 1}, {"”", -1}, {"»", -1}})
    if (t.substr(i, mark.size()) == mark) {
      len = mark.size();
      return kind;
    }
  return 0;
}

// Where the quotation still open at the end of `s` opens (marks paired left to right), or npos.
size_t OpenQuoteAtEnd(std::string_view s) {
  size_t open = std::string_view::npos;
  for (size_t i = 0, len = 1; i < s.size(); i += len) {
    int kind = MarkKind(s, i, len);
    if (kind == 2) kind = open == std::string_view::npos ? 1 : -1;
    if (kind == 1 && open == std::string_view::npos) open = i;
    else if (kind == -1) open = std::string_view::npos;
  }
  return open;
}

// A quotation over several paragraphs closes in the paragraph that credits it ("...,"
// Roe said.) with no opening mark there to pair with the closing one: it began in an earlier
// paragraph left open (news style opens each paragraph of it and closes only the last), and
// every paragraph between belongs to it (a leftover line such as "Read more: ..." inside is
// carried along). A quotation opened and closed in the credit's paragraph stays there.
void ExtendQuotesOverParagraphs(Article& a) {
  constexpr size_t kMostParagraphs = 8;
  const std::string_view text = a.text;
  for (Attribution& q : a.attributions) {
    if (q.content.size() == 0 || q.cue.begin < q.content.end) continue;  // credit after the quote only
    const size_t p = ParagraphAt(a, q.content.end > 0 ? q.content.end - 1 : 0);
    if (p >= a.paragraphs.size()) continue;
    const uint32_t para_begin = a.paragraphs[p].begin;
    // The closing mark right after the content's last word (inside the content or after it).
    uint32_t close = q.content.end;
    for (bool more = true; more && close > q.content.begin;) {
      const std::string_view tail = text.substr(q.content.begin, close - q.content.begin);
      more = true;
      if (tail.back() == ',' || tail.back() == '.' || tail.back() == ' ' || tail.back() == '"') --close;
      else if (tail.ends_with("”")) close -= 3;
      else if (tail.ends_with("»")) close -= 2;
      else more = false;
    }
    while (close < a.paragraphs[p].end && (text[close] == ',' || text[close] == '.' || text[close] == ' ')) ++close;
    size_t len = 0;
    if (close >= a.paragraphs[p].end || MarkKind(text, close, len) == 0 || MarkKind(text, close, len) == 1) continue;
    // A quotation opened in this paragraph before the mark is the one it closes.
    if (OpenQuoteAtEnd(text.substr(para_begin, close - para_begin)) != std::string_view::npos) continue;
    // The paragraph where it opened: the nearest earlier one left open.
    for (size_t back = 1; back <= kMostParagraphs && back <= p; ++back) {
      std::string_view para = a.Text(a.paragraphs[p - back]);
      if (const size_t open = OpenQuoteAtEnd(para); open != std::string_view::npos) {
        q.content.begin = a.paragraphs[p - back].begin + uint32_t(open);
        q.direct = true;
        break;
      }
      if (HasQuoteMark(para)) break;  // quotations opened and closed there: not ours
    }
  }
}

// "We", "I" or "let's" inside someone's quotation is the quoted speaker talking, not a new
// attribution for a reader: drop those. So is any cue with its content inside a quotation
// credited to someone ("... until today he understood that ...," Roe said): the words are
// the quoted speaker's.
void DropQuotedFirstPerson(Article& a) {
  static const std::set<std::string, std::less<>> kFirstPerson = {"i", "we", "let's", "let’s", "'s", "’s", "you", "us", ""};
  std::vector<Span> quoted;
  for (const Attribution& q : a.attributions)
    if (q.direct) quoted.push_back(q.content);
  std::erase_if(a.attributions, [&](const Attribution& q) {
    const bool first_person = kFirstPerson.count(AsciiLower(a.Text(q.source))) > 0;
    for (Span c : quoted) {
      if (c == q.content || !(c.begin <= q.cue.begin && q.cue.end <= c.end)) continue;
      if (first_person || (c.begin <= q.content.begin && q.content.end <= c.end)) return true;
    }
    return false;
  });
}

bool HasWord(std::string_view s) {
  for (char c : s)
    if (static_cast<unsigned char>(c) >= 0x80 || std::isalnum(static_cast<unsigned char>(c))) return true;
  return false;
}

uint32_t Overlap(Span x, Span y) {
  const uint32_t begin = std::max(x.begin, y.begin), end = std::min(x.end, y.end);
  return end > begin ? end - begin : 0;
}

// What a reader should not see twice. An outlet's attribution that carries someone's
// statement ("..., Jane Roe said, Nordinform reports") is that statement's relay (already in
// its chain), not a statement of the outlet's own. One speaker's two attributions whose
// contents share more than half of the shorter are one statement credited twice ("“...,” she
// said" and "she added"): the longer stays.
void DropRelaysAndRepeats(Article& a) {
  std::vector<bool> drop(a.attributions.size(), false);
  for (size_t i = 0; i < a.attributions.size(); ++i) {
    const Attribution& outer = a.attributions[i];
    if (!IsOutlet(a, StripThe(outer.speaker))) continue;
    for (const Attribution& inner : a.attributions)
      if (&inner != &outer && !inner.speaker.empty() && !IsOutlet(a, StripThe(inner.speaker)) &&
          inner.cue.begin >= outer.content.begin && inner.cue.end <= outer.content.end)
        drop[i] = true;
  }
  for (size_t i = 0; i < a.attributions.size(); ++i)
    for (size_t j = 0; j < a.attributions.size(); ++j) {
      const Attribution &x = a.attributions[i], &y = a.attributions[j];
      if (i == j || drop[j] || x.speaker.empty() || x.speaker != y.speaker) continue;
      const uint32_t shorter = std::min(x.content.size(), y.content.size());
      if (shorter == 0 || 2 * Overlap(x.content, y.content) <= shorter) continue;
      if (x.content.size() < y.content.size() || (x.content.size() == y.content.size() && i > j)) drop[i] = true;
    }
  for (size_t i = drop.size(); i-- > 0;)
    if (drop[i]) a.attributions.erase(a.attributions.begin() + i);
}

// "The agency believes that ..." and then "This was stated by its spokesman Jane Roe on ...":
// an organisation's statement was made by the person the next sentence credits it to.
std::string StatedBy(const Article& a, const Resolver& r, const Attribution& q) {
  static const RE2 stated(
      R"(^(?:This|That|It|These words|This statement|The statement) (?:was|were) (?:stated|said|announced|reported|voiced|declared|made) by\b)");
  const uint32_t end = std::max(q.content.end, q.cue.end);
  // The sentence after the statement's own, not one further on.
  for (const Sentence& s : a.sentences)
    if (s.span.begin >= end) return RE2::PartialMatch(a.Text(s.span), stated) ? r.PersonNamed(s.span) : "";
  return "";
}

}  // namespace

void TraceProvenance(Article& a) {
  for (Attribution& q : a.attributions)
    if (!HasWord(a.Text(q.source))) q.source = {};  // a stray dash is no source
  ExtendQuotesOverParagraphs(a);
  DropQuotedFirstPerson(a);
  Resolver r(a);
  // Speakers, in text order, so pronouns find the names before them.
  std::sort(a.attributions.begin(), a.attributions.end(),
            [](const Attribution& x, const Attribution& y) { return x.cue.begin < y.cue.begin; });
  std::vector<std::pair<uint32_t, std::string>> speakers;
  static const RE2 as_put(std::string(R"(\bas (?:[\p{L}’' ]+ )?)") + kName + R"( (?:put it|said|noted|wrote))");
  for (Attribution& q : a.attributions) {
    const std::string source(a.Text(q.source));
    const uint32_t at = q.source.size() ? q.source.begin : q.cue.begin;
    std::string speaker;
    std::string m;
    const Span sentence = SentenceSpanAt(a, q.cue.begin);
    if (RE2::PartialMatch(a.Text(sentence), as_put, &m) && r.PersonNamed(sentence).size()) {
      speaker = r.PersonNamed({uint32_t(a.Text(sentence).find(m) + sentence.begin), sentence.end});
    }
    if (speaker.empty() && !source.empty()) speaker = r.PersonNamed(q.source);
    // A pronoun or a role noun, or a quotation with no source of its own (a quote that goes on
    // after a break), belongs to the named speaker before it.
    if (speaker.empty() && (IsPronoun(source) || RoleSource(source) || (source.empty() && q.direct)))
      speaker = r.Before(at, speakers);
    if (speaker.empty()) speaker = StatedBy(a, r, q);
    const bool person = !speaker.empty();
    if (speaker.empty()) speaker = source;
    q.speaker = speaker;
    if (person) speakers.push_back({at, speaker});
  }
  AddColonQuotes(a, r, speakers);
  AddHeadlineCredit(a, r);
  if (const auto credit = FindInterviewCredit(a)) AddInterviewAnswers(a, *credit);

  // Venues and relays by sentence, and by speaker for sentences that name one.
  std::map<std::string, Provenance> by_speaker;
  for (const Sentence& s : a.sentences) {
    Provenance p = ProvenanceIn(a, a.Text(s.span));
    if (p.venue.empty() && p.relays.empty()) continue;
    std::string who = r.PersonNamed(s.span);
    if (who.empty()) continue;
    Provenance& known = by_speaker[who];
    if (known.venue.empty()) known.venue = p.venue;
    for (const auto& x : p.relays) AddRelay(known.relays, x);
  }
  static const RE2 quoting(R"((?i)quot|cit)");
  for (Attribution& q : a.attributions) {
    Provenance own = ProvenanceIn(a, a.Text(SentenceSpanAt(a, q.cue.begin)));
    // An outlet that quotes ("the agency quoted ...") relays the person it names ("quoted
    // Jane Roe as saying"), else the person quoted before it.
    if (IsOutlet(a, StripThe(q.speaker))) {
      std::string outlet = StripThe(q.speaker);
      std::string person;
      const Span sentence = SentenceSpanAt(a, q.cue.begin);
      const std::string_view after = std::string_view(a.text).substr(q.cue.end, sentence.end > q.cue.end ? sentence.end - q.cue.end : 0);
      if (const size_t as = after.find(" as "); as != std::string_view::npos && as < 60)
        person = r.PersonNamed({q.cue.end, q.cue.end + uint32_t(as)});
      if (person.empty()) person = r.Before(q.cue.begin, speakers);
      if (!person.empty() && (q.source.end <= q.cue.begin) &&
          RE2::PartialMatch(a.Text(q.cue), quoting)) {
        q.speaker = person;
        AddRelay(own.relays, outlet);
      }
    }
    const auto known = by_speaker.find(q.speaker);
    if (IsOutlet(a, StripThe(q.speaker))) own.venue.clear();
    q.venue = !own.venue.empty() ? own.venue : known != by_speaker.end() ? known->second.venue : "";
    q.relays = own.relays;
    if (known != by_speaker.end())
      for (const auto& x : known->second.relays) AddRelay(q.relays, x);
  }
  // Statements inside what an outlet reports reached the article through that outlet.
  for (const Attribution& outer : a.attributions) {
    if (!IsOutlet(a, StripThe(outer.speaker))) continue;
    for (Attribution& inner : a.attributions)
      if (&inner != &outer && inner.cue.begin >= outer.content.begin && inner.cue.end <= outer.content.end)
        AddRelay(inner.relays, StripThe(outer.speaker));
  }
  // A speaker's other statements in the article came the same way.
  std::map<std::string, std::vector<std::string>> relays_of;
  for (const Attribution& q : a.attributions)
    for (const auto& x : q.relays) AddRelay(relays_of[q.speaker], x);
  for (Attribution& q : a.attributions) {
    for (const auto& x : relays_of[q.speaker]) AddRelay(q.relays, x);
    std::erase(q.relays, q.speaker);
    std::erase(q.relays, a.outlet);
    if (q.venue.size() && std::find(q.relays.begin(), q.relays.end(), StripThe(q.venue)) != q.relays.end())
      std::erase(q.relays, StripThe(q.venue));
  }
  DropRelaysAndRepeats(a);
}

}  // namespace sitrep::quotes

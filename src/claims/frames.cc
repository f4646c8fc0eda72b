#include "claims/frames.h"

#include <algorithm>
#include <array>
#include <optional>
#include <string_view>
#include <unordered_map>

#include "claims/terms.h"
#include "entities/countries.h"

namespace sitrep::claims {

namespace {

// Word forms, lower-cased, of each kind of deed. Forms that mostly mean something else are
// left out: "press" (the press), "fired" (shots fired), "involved" (the people involved).
struct DeedWords {
  Deed deed;
  const char* words;
};
constexpr DeedWords kDeedLexicon[] = {
    {Deed::kCoerce,
     "force forces forced forcing pressure pressured pressures pressuring pressed push pushes pushed "
     "pushing persuade persuades persuaded persuading coerce coerces coerced coercing compel compels "
     "compelled compelling drag drags dragged dragging demand demands demanded demanding urge urges urged "
     "urging involve involves involving involvement"},
    {Deed::kJoin, "join joins joined joining intervene intervenes intervened intervention participate "
                  "participates participated participation"},
    {Deed::kAttack, "attack attacks attacked attacking strike strikes struck shelled shelling bombed bombing "
                    "invade invades invaded invading invasion raid raided aggression assault assaulted"},
    {Deed::kMeet, "meet meets met meeting talks visit visits visited visiting"},
    {Deed::kKill, "kill kills killed killing murder murdered murdering"},
    {Deed::kArrest, "arrest arrests arrested arresting detain detains detained jailed"},
    {Deed::kHire, "hire hires hired hiring appoint appoints appointed"},
    {Deed::kOust, "sack sacks sacked oust ousts ousted resign resigns resigned parted relieved dismiss "
                  "dismisses dismissed dismissing"},
    {Deed::kOffer, "offer offers offered offering"},
};

struct ObjectWords {
  ObjectClass object;
  const char* words;
};
constexpr ObjectWords kObjectLexicon[] = {
    {kMilitary, "troops army armies forces military soldiers battalion battalions brigade brigades"},
    {kWar, "war wars operation offensive fighting hostilities front invasion aggression"},
    {kSanctions, "sanctions embargo"},
    {kWeapons, "weapons arms missiles ammunition munitions"},
};

// Words before a name that make it the leader of the country named beside it.
constexpr std::array kLeaderNouns = {"president", "dictator", "leader", "premier", "prime",
                                     "chancellor", "king", "queen", "ruler", "autocrat", "emir",
                                     "sultan", "tsar", "monarch"};
constexpr size_t kLeaderWindow = 6;  // tokens before the name's last word

// A name after one of these is where or to whom, not who acts.
constexpr std::array kPrepositions = {"against", "of", "in", "to", "from", "with", "on", "at", "into",
                                      "for", "by", "about", "toward", "towards", "over", "near",
                                      "under", "between", "during", "since", "without"};
// Of these, the ones after which a name is a place or a time, not who is acted on.
constexpr std::array kLocatives = {"in", "at", "from", "near", "by", "with", "for", "during", "since",
                                   "without", "between", "under"};
constexpr std::array kDeterminers = {"the", "a", "an", "its", "his", "her", "their"};
constexpr std::array kPassiveAuxiliaries = {"was", "were", "been", "is", "are", "be", "being", "got", "get"};
constexpr size_t kFrameSentences = 2;
// A deed after one of these, in the same clause, is supposed, not told: "if X attacks Y",
// "unless X joins". So is one after the inverted conditional: "should" followed by a name
// ("should X attempt to invade Y"), or "were"/"had" so opening a clause ("Had X joined, ...").
constexpr std::array kConditionals = {"if", "unless", "whether", "lest"};
constexpr std::array kInvertedConditionals = {"should", "were", "had"};

template <size_t N>
bool In(std::string_view lower, const std::array<const char*, N>& set) {
  return std::any_of(set.begin(), set.end(), [&](const char* s) { return lower == s; });
}

bool IsCapitalised(std::string_view w) { return !w.empty() && w[0] >= 'A' && w[0] <= 'Z'; }

std::string Lower(std::string_view w) {
  std::string out;
  dedup::LowerInto(w, out);
  return out;
}

// "Moscow's" → "Moscow".
std::string_view WithoutPossessive(std::string_view w) {
  for (std::string_view s : {std::string_view("'s"), std::string_view("\xE2\x80\x99s")})
    if (w.size() > s.size() && w.substr(w.size() - s.size()) == s) return w.substr(0, w.size() - s.size());
  return w;
}

std::string_view CountryWord(std::string_view w) {
  w = WithoutPossessive(w);
  if (w.empty() || w[0] < 'A' || w[0] > 'Z') return {};
  return CountryOf(w);
}

// Each lexicon as a table, built once: every token of every statement is looked up.
template <typename Row, size_t N, typename Value>
std::unordered_map<std::string, Value> Table(const Row (&rows)[N], Value Row::*value) {
  std::unordered_map<std::string, Value> out;
  for (const Row& row : rows) {
    std::string_view l(row.words);
    for (size_t at = 0; at < l.size();) {
      size_t end = l.find(' ', at);
      if (end == std::string_view::npos) end = l.size();
      out.emplace(std::string(l.substr(at, end - at)), row.*value);
      at = end + 1;
    }
  }
  return out;
}

std::optional<Deed> DeedOf(const std::string& lower) {
  static const auto table = Table(kDeedLexicon, &DeedWords::deed);
  auto it = table.find(lower);
  return it == table.end() ? std::nullopt : std::optional<Deed>(it->second);
}

uint8_t ObjectOf(const std::string& lower) {
  static const auto table = Table(kObjectLexicon, &ObjectWords::object);
  auto it = table.find(lower);
  return it == table.end() ? 0 : it->second;
}

size_t TokenIndex(const Article& a, uint32_t at) {
  return std::lower_bound(a.tokens.begin(), a.tokens.end(), at,
                          [](const Span& t, uint32_t x) { return t.end <= x; }) -
         a.tokens.begin();
}

// The nearest word before token `k`, skipping determiners, lower-cased; empty at the start.
std::string WordBefore(const Article& a, size_t k, uint32_t floor) {
  while (k-- > 0 && a.tokens[k].begin >= floor) {
    const std::string w = Lower(a.Text(a.tokens[k]));
    if (!dedup::IsWordToken(w)) return "";
    if (!In(w, kDeterminers)) return w;
  }
  return "";
}

// The token (or the one after it) marks a possessive: "Moscow's", "Moscow ’s".
bool Possessive(const Article& a, size_t k) {
  const std::string_view w = a.Text(a.tokens[k]);
  if (WithoutPossessive(w).size() != w.size()) return true;
  if (k + 1 >= a.tokens.size()) return false;
  const std::string_view next = a.Text(a.tokens[k + 1]);
  return next == "'s" || next == "\xE2\x80\x99s" || next == "'" || next == "\xE2\x80\x99";
}

// The segmenter keeps a quotation whole, so one of its sentences can hold a paragraph or
// more: read frames clause by clause, cut at sentence marks and line breaks.
std::vector<Span> Clauses(const Article& a, Span span, size_t most) {
  std::vector<Span> out;
  uint32_t begin = span.begin;
  size_t newline = a.text.find('\n', begin);
  for (const Span& token : TokensIn(a, span)) {
    if (out.size() >= most) return out;
    const std::string_view w = a.Text(token);
    if (w == "." || w == "!" || w == "?" || w == ";") {
      if (token.end > begin) out.push_back({begin, token.end});
      begin = token.end;
    } else if (newline < token.begin) {
      if (token.begin > begin) out.push_back({begin, token.begin});
      begin = token.begin;
    } else {
      continue;
    }
    newline = a.text.find('\n', begin);
  }
  if (span.end > begin && out.size() < most) out.push_back({begin, span.end});
  return out;
}

}  // namespace

const char* DeedName(Deed d) {
  switch (d) {
    case Deed::kCoerce: return "coerce";
    case Deed::kJoin: return "join";
    case Deed::kAttack: return "attack";
    case Deed::kMeet: return "meet";
    case Deed::kKill: return "kill";
    case Deed::kArrest: return "arrest";
    case Deed::kHire: return "hire";
    case Deed::kOust: return "oust";
    case Deed::kOffer: return "offer";
  }
  return "coerce";
}

std::string Frame::Describe() const {
  std::string out = "agent " + (agent.empty() ? std::string("unsaid") : agent) + ", patient " +
                    (patient.empty() ? std::string("unsaid") : patient) + ", " + DeedName(deed);
  std::string about;
  for (auto [bit, word] : {std::pair{kWar, "war"}, {kMilitary, "the military"}, {kSanctions, "sanctions"},
                           {kWeapons, "weapons"}})
    if (objects & bit) about += (about.empty() ? "" : " and ") + std::string(word);
  if (!about.empty()) out += (deed == Deed::kCoerce ? " into " : " about ") + about;
  return out;
}

struct Actors::Occurrence {
  uint32_t begin = 0;
  std::string actor;
  std::string before;  // the word before it, lower-cased
  bool possessive = false;  // "Moscow's plan to ...": whose deed, whatever comes before
  bool CanAct() const { return possessive || !In(before, kPrepositions); }
};

Actors::Actors(const std::vector<Article>& articles, dedup::Vocabulary& vocab) : vocab_(vocab) {
  std::unordered_map<std::string, std::unordered_map<std::string, int>> votes;
  for (const Article& a : articles)
    for (const Mention& m : a.mentions) {
      if (m.type != EntityType::kPerson || m.span.size() == 0) continue;
      const size_t last = TokenIndex(a, m.span.end - 1);
      if (last >= a.tokens.size()) continue;
      dedup::Term t;
      if (!vocab.Lookup(a.Text(a.tokens[last]), false, t)) continue;
      // The country nearest the name, with a leader's noun among the words before it.
      bool leader = false;
      std::string_view country;
      for (size_t k = last, n = 0; k-- > 0 && n < kLeaderWindow; ++n) {
        const std::string_view w = a.Text(a.tokens[k]);
        if (w == "." || w == ";" || w == "\n") break;
        leader |= In(Lower(w), kLeaderNouns);
        if (country.empty()) country = CountryWord(w);
      }
      if (leader && !country.empty()) ++votes[vocab.Key(t.id)][std::string(country)];
    }
  for (auto& [person, countries] : votes) {
    auto best = std::max_element(countries.begin(), countries.end(),
                                 [](const auto& x, const auto& y) { return x.second < y.second; });
    leaders_.push_back({person, best->first});
  }
  std::sort(leaders_.begin(), leaders_.end());
}

std::string Actors::PersonActor(const Article& a, const Mention& m) const {
  const size_t last = TokenIndex(a, m.span.end - 1);
  if (last >= a.tokens.size()) return "";
  dedup::Term t;
  if (!vocab_.Lookup(WithoutPossessive(a.Text(a.tokens[last])), false, t)) return "";
  const std::string& key = vocab_.Key(t.id);
  auto it = std::lower_bound(leaders_.begin(), leaders_.end(), std::pair<std::string, std::string>{key, ""});
  if (m.type == EntityType::kPerson && it != leaders_.end() && it->first == key) return it->second;
  return key;
}

std::vector<Actors::Occurrence> Actors::ActorsIn(const Article& a, Span sentence) const {
  std::vector<Occurrence> out;
  const size_t first = TokenIndex(a, sentence.begin);
  // Countries by the words that stand for them.
  for (size_t k = first; k < a.tokens.size() && a.tokens[k].begin < sentence.end; ++k) {
    const std::string_view country = CountryWord(a.Text(a.tokens[k]));
    if (!country.empty())
      out.push_back({a.tokens[k].begin, std::string(country), WordBefore(a, k, sentence.begin), Possessive(a, k)});
  }
  // People, places and bodies named otherwise.
  for (const Mention& m : a.mentions) {
    if (m.span.begin < sentence.begin || m.span.end > sentence.end) continue;
    bool has_country = false;
    for (const Span& token : TokensIn(a, m.span)) has_country |= !CountryWord(a.Text(token)).empty();
    if (has_country) continue;
    std::string actor = PersonActor(a, m);
    if (!actor.empty())
      out.push_back({m.span.begin, std::move(actor), WordBefore(a, TokenIndex(a, m.span.begin), sentence.begin),
                     Possessive(a, TokenIndex(a, m.span.end - 1))});
  }
  std::sort(out.begin(), out.end(), [](const Occurrence& x, const Occurrence& y) { return x.begin < y.begin; });
  return out;
}

std::vector<std::string> Actors::PeopleIn(const Article& a, Span span) const {
  std::vector<std::string> out;
  for (const Mention& m : a.mentions) {
    if (m.type != EntityType::kPerson || m.span.begin < span.begin || m.span.end > span.end) continue;
    const size_t last = TokenIndex(a, m.span.end - 1);
    dedup::Term t;
    if (last < a.tokens.size() && vocab_.Lookup(WithoutPossessive(a.Text(a.tokens[last])), false, t))
      out.push_back(vocab_.Key(t.id));
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

std::vector<Frame> Actors::FramesOf(const Article& a, Span content) const {
  std::vector<Frame> frames;
  for (const Span span : Clauses(a, content, kFrameSentences)) {
    std::vector<Occurrence> actors;
    bool read = false;
    const std::span<const Span> tokens = TokensIn(a, span);
    std::vector<std::optional<Deed>> deeds(tokens.size());
    std::vector<uint8_t> objects_after(tokens.size() + 1, 0);  // what the words after each token are about
    std::vector<uint8_t> supposes(tokens.size(), 0);  // 1 opens a supposition, 2 ends one
    for (size_t k = tokens.size(); k-- > 0;) {
      const std::string_view word = a.Text(tokens[k]);
      const std::string lower = Lower(word);
      deeds[k] = DeedOf(lower);
      objects_after[k] = objects_after[k + 1] | ObjectOf(lower);
      const bool clause_start = k == 0 || a.Text(tokens[k - 1]) == ",";
      const bool before_name = k + 1 < tokens.size() && IsCapitalised(a.Text(tokens[k + 1]));
      if (In(lower, kConditionals) || (lower == "should" && before_name) ||
          (In(lower, kInvertedConditionals) && clause_start && before_name))
        supposes[k] = 1;
      else if (word == "," || word == ":")
        supposes[k] = 2;
    }
    bool supposed = false;
    for (size_t k = 0; k < tokens.size(); ++k) {
      if (supposes[k]) supposed = supposes[k] == 1;
      const std::optional<Deed> deed = deeds[k];
      if (!deed || supposed) continue;
      if (!read) actors = ActorsIn(a, span), read = true;
      Frame f;
      f.deed = *deed;
      const uint32_t at = tokens[k].begin;
      const bool passive = k > 0 && In(Lower(a.Text(tokens[k - 1])), kPassiveAuxiliaries);
      for (const Occurrence& o : actors) {
        if (passive) {
          // "Marek was hired by the Lions": the subject is acted on, the agent follows "by".
          if (o.begin < at && o.CanAct()) f.patient = o.actor;
          if (o.begin > at && o.before == "by") {
            f.agent = o.actor;
            break;
          }
          continue;
        }
        if (o.begin < at && o.CanAct()) f.agent = o.actor;
        if (o.begin > at && o.actor != f.agent && !In(o.before, kLocatives)) {
          f.patient = o.actor;
          break;
        }
      }
      f.objects = objects_after[k + 1];
      if (f.agent.empty() && f.patient.empty()) continue;
      // "In addition to involving X in the war, Y is trying to ...": with no agent before the
      // deed and another actor free to be the sentence's subject after it, who does it is unclear.
      if (f.agent.empty() && std::any_of(actors.begin(), actors.end(), [&](const Occurrence& o) {
            return o.begin > at && o.actor != f.patient && o.CanAct();
          }))
        continue;
      if (std::none_of(frames.begin(), frames.end(), [&](const Frame& g) {
            return g.agent == f.agent && g.patient == f.patient && g.deed == f.deed && g.objects == f.objects;
          }))
        frames.push_back(std::move(f));
    }
  }
  return frames;
}

namespace {

// "A met B" and "B met A" tell one meeting.
Frame Ordered(const Frame& f) {
  Frame o = f;
  if (f.deed == Deed::kMeet && !f.agent.empty() && !f.patient.empty() && f.patient < f.agent)
    std::swap(o.agent, o.patient);
  return o;
}

bool SameOrderedDeed(const Frame& a, const Frame& b) {
  if (a.deed != b.deed || a.patient.empty() || a.patient != b.patient) return false;
  const bool about_the_same = (a.objects & b.objects) != 0;
  if (a.objects && b.objects && !about_the_same) return false;
  if (!a.agent.empty() && !b.agent.empty()) return a.agent == b.agent;
  // One side leaves the agent unsaid: the same deed to the same patient about the same thing.
  return (a.agent.empty() != b.agent.empty()) && about_the_same;
}

}  // namespace

bool SameDeed(const Frame& a, const Frame& b) { return SameOrderedDeed(Ordered(a), Ordered(b)); }

bool OtherActors(const Frame& x, const Frame& y) {
  const Frame a = Ordered(x), b = Ordered(y);
  const auto opposed = [](Deed p, Deed q) { return p == Deed::kHire && q == Deed::kOust; };
  if ((opposed(a.deed, b.deed) || opposed(b.deed, a.deed)) && !a.patient.empty() && a.patient == b.patient)
    return true;
  if (a.deed != b.deed) return false;
  return (!a.agent.empty() && !b.agent.empty() && a.agent != b.agent) ||
         (!a.patient.empty() && !b.patient.empty() && a.patient != b.patient);
}

const Frame* SharedFrame(const std::vector<Frame>& a, const std::vector<Frame>& b) {
  for (const Frame& f : a)
    for (const Frame& g : b)
      if (SameDeed(f, g)) return &f;
  return nullptr;
}

bool FramesConflict(const std::vector<Frame>& a, const std::vector<Frame>& b) {
  if (a.empty() || b.empty() || SharedFrame(a, b)) return false;
  bool same_kind = false;
  for (const Frame& f : a)
    for (const Frame& g : b) {
      if (OtherActors(f, g)) return true;
      same_kind |= f.deed == g.deed;
    }
  // One tells of talks, the other of coercion: other deeds, however many words they share.
  return !same_kind;
}

}  // namespace sitrep::claims

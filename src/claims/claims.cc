#include "claims/claims.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <map>
#include <optional>
#include <set>
#include <span>
#include <tuple>
#include <unordered_map>

#include "dedup/passages.h"
#include "dedup/words.h"
#include "entities/countries.h"
#include "quotes/quotes.h"

namespace sitrep::claims {

namespace {

using TermVector = std::vector<std::pair<uint32_t, double>>;  // sorted by term, unit length

// A statement before grouping: what it says as terms, and which other statements share a
// reused passage with it.
struct Draft {
  Statement statement;
  TermVector terms;
  std::vector<uint32_t> names, numbers;  // sorted term ids: who and how many, what tells events apart
  std::set<size_t> passage_links;
  std::optional<uint32_t> speaker_key;  // the speaker's surname as a term
};

bool Intersect(const std::vector<uint32_t>& a, const std::vector<uint32_t>& b) {
  for (auto i = a.begin(), j = b.begin(); i != a.end() && j != b.end();) {
    if (*i < *j) ++i;
    else if (*j < *i) ++j;
    else return true;
  }
  return false;
}

// Two look-alike events are told in the same words with other names and figures ("a quake
// of 6.1 killed 12 in X" / "a quake of 7.6 killed 3 in Y"): statements that both give names,
// or both give figures, and share none of them are about different things.
bool Compatible(const Draft& a, const Draft& b) {
  if (!a.numbers.empty() && !b.numbers.empty() && !Intersect(a.numbers, b.numbers)) return false;
  if (!a.names.empty() && !b.names.empty() && !Intersect(a.names, b.names)) return false;
  return true;
}

constexpr size_t kMinLeadWords = 6;
constexpr size_t kMinSharedTerms = 3;

// The article's tokens inside a span, found by binary search: tokens are in text order.
std::span<const Span> TokensIn(const Article& a, Span span) {
  auto first = std::lower_bound(a.tokens.begin(), a.tokens.end(), span.begin,
                                [](const Span& t, uint32_t at) { return t.end <= at; });
  auto last = std::lower_bound(first, a.tokens.end(), span.end,
                               [](const Span& t, uint32_t at) { return t.begin < at; });
  return {first, last};
}

bool Overlaps(Span a, Span b) { return a.begin < b.end && b.begin < a.end; }

size_t SharedCount(const TermVector& a, const TermVector& b) {
  size_t n = 0;
  for (auto i = a.begin(), j = b.begin(); i != a.end() && j != b.end();) {
    if (i->first < j->first) ++i;
    else if (j->first < i->first) ++j;
    else ++n, ++i, ++j;
  }
  return n;
}

double Cosine(const TermVector& a, const TermVector& b) {
  double dot = 0;
  for (auto i = a.begin(), j = b.begin(); i != a.end() && j != b.end();) {
    if (i->first < j->first) ++i;
    else if (j->first < i->first) ++j;
    else dot += (i++)->second * (j++)->second;
  }
  return dot;
}

// The article a copy was taken from, followed up to the first one.
size_t RootOf(const StoryArticles& story, const std::map<std::string, size_t>& index, size_t i) {
  for (int hops = 0; hops < 16 && i < story.upstream.size() && !story.upstream[i].empty(); ++hops) {
    auto it = index.find(story.upstream[i]);
    if (it == index.end()) break;
    i = it->second;
  }
  return i;
}

// The first sentence long enough to state something: the article's own report of the event.
std::optional<Span> LeadSentence(const Article& a) {
  for (const Sentence& s : a.sentences) {
    const std::string_view text = a.Text(s.span);
    if (std::count(text.begin(), text.end(), ' ') + 1 >= static_cast<long>(kMinLeadWords)) return s.span;
  }
  return std::nullopt;
}

std::vector<Draft> Statements(const StoryArticles& story, dedup::Vocabulary& vocab) {
  std::vector<Draft> out;
  std::map<std::string, size_t> index;
  for (size_t k = 0; k < story.articles.size(); ++k) index[story.articles[k].id] = k;
  for (size_t ai = 0; ai < story.articles.size(); ++ai) {
    const Article& a = story.articles[ai];
    const size_t root = RootOf(story, index, ai);
    for (const Attribution* found : DistinctAttributions(a)) {
      const Attribution& at = *found;
      Draft d;
      Statement& s = d.statement;
      s.article = ai;
      s.span = at.content;
      s.text = a.Text(at.content);
      s.speaker = !at.speaker.empty() ? at.speaker : std::string(a.Text(at.source));
      s.chain = ProvenanceChain(a, at, s.speaker);
      s.stance = StanceOf(a.Text(at.cue), s.text);
      out.push_back(std::move(d));
    }
    if (a.attributions.empty()) {
      if (auto lead = LeadSentence(a)) {
        Draft d;
        // The article's own report: its relays belong to some of its statements, not to it.
        std::vector<std::string> chain;
        if (!a.outlet.empty()) chain.push_back(a.outlet);
        d.statement = {ai, *lead, std::string(a.Text(*lead)), "", chain, "",
                       Stance::kReports, ""};
        out.push_back(std::move(d));
      }
    }
    // Origins: the speaker by name (a transliteration is the same speaker), else the agency
    // that relayed the statement, else the first article of a copy chain.
    for (size_t k = out.size(); k-- > 0 && out[k].statement.article == ai;) {
      Statement& s = out[k].statement;
      dedup::Term t;
      const std::string_view last = std::string_view(s.speaker).substr(s.speaker.rfind(' ') + 1);
      if (!s.speaker.empty() && vocab.Lookup(last, false, t)) {
        s.origin = "speaker " + vocab.Key(t.id);
        out[k].speaker_key = t.id;
      }
      else if (!s.speaker.empty()) s.origin = "speaker " + s.speaker;
      else if (s.chain.size() > 1) s.origin = "relay " + s.chain.front();
      else s.origin = "article " + story.articles[root].id;
    }
  }
  return out;
}

// A token's term. As an actor, a country's capital, people or seat of government is the country itself,
// so "Warsaw refused" and "the Polish government refused" name one actor.
bool TermOf(std::string_view token, bool sentence_initial, dedup::Vocabulary& vocab, dedup::Term& t,
            bool as_actor) {
  if (as_actor && !token.empty() && token[0] >= 'A' && token[0] <= 'Z') {
    const std::string_view country = CountryOf(token);
    if (!country.empty()) return vocab.Lookup(country, false, t);
  }
  return vocab.Lookup(token, sentence_initial, t);
}

using TermCounts = std::unordered_map<uint32_t, double>;

// A denial seldom repeats the verbs of what it denies: "forced X to join the war" answers
// "pressed X to send troops into the fighting". Words of one kind of deed are read as one
// term (the first of each row) when a denial is matched to its claim.
constexpr const char* kDeedWords[] = {
    "force forced forcing pressure pressured pressuring press pressed push pushed persuade persuaded "
    "coerce coerced compel compelled drag dragged demand demands demanded urge urged",
    "join joined joining involve involved involvement involving participate participation enter "
    "intervene intervention",
    "war warfare fighting fight invasion invade offensive operation hostilities",
    "attack attacked strike struck assault bomb bombed shelling shelled",
    "kill killed killing murder murdered dead died death",
    "arrest arrested detain detained detention custody",
    "resign resigned resignation quit step",
};

// Term id → the term of its kind of deed, in one story's vocabulary.
using DeedTerms = std::unordered_map<uint32_t, uint32_t>;

DeedTerms ReadDeeds(dedup::Vocabulary& vocab) {
  DeedTerms out;
  for (const char* row : kDeedWords) {
    std::string_view r(row);
    std::optional<uint32_t> head;
    for (size_t at = 0; at < r.size();) {
      size_t end = r.find(' ', at);
      if (end == std::string_view::npos) end = r.size();
      dedup::Term t;
      if (vocab.Lookup(r.substr(at, end - at), false, t)) {
        if (!head) head = t.id;
        out.emplace(t.id, *head);
      }
      at = end + 1;
    }
  }
  return out;
}

// The terms of a span; its names and figures go to `names` and `numbers` when given.
// With `deeds`, as a denial is matched: countries for their capitals and peoples, one term a
// kind of deed.
void CountTerms(const Article& a, Span span, dedup::Vocabulary& vocab, TermCounts& tf, const DeedTerms* deeds,
                std::vector<uint32_t>* names = nullptr, std::vector<uint32_t>* numbers = nullptr) {
  bool first = true;
  for (const Span& token : TokensIn(a, span)) {
    dedup::Term t;
    if (TermOf(a.Text(token), first, vocab, t, deeds != nullptr)) {
      if (deeds)
        if (auto it = deeds->find(t.id); it != deeds->end()) t.id = it->second;
      tf[t.id] += 1;
      // Names tell events apart as actors: "Polish" and "Poland" are one.
      dedup::Term actor;
      if (names && t.kind == dedup::TermKind::kName)
        names->push_back(TermOf(a.Text(token), false, vocab, actor, true) ? actor.id : t.id);
      if (numbers && t.kind == dedup::TermKind::kNumber) numbers->push_back(t.id);
    }
    first = false;
  }
}

// Document frequencies over the story's statements: a word every statement uses says nothing.
struct TermWeights {
  std::unordered_map<uint32_t, int> df;
  double n = 0;

  TermVector Vector(const TermCounts& tf) const {
    TermVector v;
    for (auto& [term, count] : tf) {
      auto it = df.find(term);
      v.push_back({term, (1 + std::log(count)) * std::log(1 + n / (it == df.end() ? 1 : it->second))});
    }
    std::sort(v.begin(), v.end());
    double norm = 0;
    for (auto& [term, w] : v) norm += w * w;
    if (norm > 0)
      for (auto& [term, w] : v) w /= std::sqrt(norm);
    return v;
  }
};

TermWeights WeighTerms(const StoryArticles& story, std::vector<Draft>& drafts, dedup::Vocabulary& vocab) {
  TermWeights weights;
  std::vector<TermCounts> tf(drafts.size());
  for (size_t i = 0; i < drafts.size(); ++i) {
    const Article& a = story.articles[drafts[i].statement.article];
    CountTerms(a, drafts[i].statement.span, vocab, tf[i], nullptr, &drafts[i].names, &drafts[i].numbers);
    for (auto* ids : {&drafts[i].names, &drafts[i].numbers}) {
      std::sort(ids->begin(), ids->end());
      ids->erase(std::unique(ids->begin(), ids->end()), ids->end());
    }
    for (auto& [term, n] : tf[i]) ++weights.df[term];
  }
  weights.n = static_cast<double>(drafts.size());
  for (size_t i = 0; i < drafts.size(); ++i) drafts[i].terms = weights.Vector(tf[i]);
  return weights;
}

// Statements whose content lies in a passage the copies stage finds in two articles: one
// statement, reworded or translated.
void LinkPassages(const StoryArticles& story, std::vector<Draft>& drafts) {
  dedup::PassageIndex index;
  for (size_t ai = 0; ai < story.articles.size(); ++ai) {
    for (const dedup::PassageMatch& m :
         index.Add(story.articles[ai], static_cast<uint32_t>(ai), true, [](uint32_t) { return false; }))
      for (size_t i = 0; i < drafts.size(); ++i) {
        if (drafts[i].statement.article != ai || !Overlaps(drafts[i].statement.span, m.here)) continue;
        for (size_t j = 0; j < drafts.size(); ++j)
          if (drafts[j].statement.article == m.other && Overlaps(drafts[j].statement.span, m.there)) {
            drafts[i].passage_links.insert(j);
            drafts[j].passage_links.insert(i);
          }
      }
  }
}

// A reporter's paraphrase and the quote that bears it out, one after the other ("Marek said
// the port was forced to sign, according to Nordinform. 'They forced us,' Marek said."): one
// statement told twice. The paraphrase is often credited to the agency that relayed it; its
// origin is then the speaker it names.
constexpr uint32_t kFollowUpGap = 300;  // characters between the two
constexpr size_t kFollowUpShared = 2;

void LinkFollowUps(std::vector<Draft>& drafts) {
  std::vector<size_t> order(drafts.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    const Statement &x = drafts[a].statement, &y = drafts[b].statement;
    return std::tie(x.article, x.span.begin) < std::tie(y.article, y.span.begin);
  });
  for (size_t k = 0; k + 1 < order.size(); ++k) {
    Draft &first = drafts[order[k]], &next = drafts[order[k + 1]];
    const Statement &p = first.statement, &q = next.statement;
    if (p.article != q.article || q.span.begin < p.span.end || q.span.begin - p.span.end > kFollowUpGap) continue;
    if (p.stance == Stance::kDenies || q.stance == Stance::kDenies || !next.speaker_key) continue;
    const bool same_speaker = first.speaker_key == next.speaker_key;
    if (!same_speaker && !std::binary_search(first.names.begin(), first.names.end(), *next.speaker_key)) continue;
    if (SharedCount(first.terms, next.terms) < kFollowUpShared + (same_speaker ? 0 : 1)) continue;
    first.passage_links.insert(order[k + 1]);
    next.passage_links.insert(order[k]);
    // Credited to a relay of the quote that follows: the quoted speaker said it.
    if (!same_speaker && std::find(q.chain.begin() + 1, q.chain.end(), p.speaker) != q.chain.end())
      first.statement.origin = q.origin;
  }
}

// Nouns for what a denial rejects: "the reports that ...", "such claims".
constexpr std::array kReportNouns = {"report", "reports", "claim", "claims", "speculation", "speculations",
                                     "allegation", "allegations", "rumour", "rumours", "rumor", "rumors",
                                     "statement", "statements", "talk", "suggestion", "suggestions",
                                     "accusation", "accusations", "assertion", "assertions", "story",
                                     "stories", "information", "news", "insinuations"};
// Words of a sentence that tells what a later denial points back to: "was reported", "claimed".
constexpr std::array kReportWords = {"report", "reports", "reported", "reportedly", "claim", "claims", "claimed",
                                     "allegation", "allegations", "alleged", "allegedly", "rumour", "rumours",
                                     "rumor", "rumors", "rumoured", "rumored", "speculation", "speculations",
                                     "speculated", "accused", "accusation", "accusations", "suggested"};
constexpr std::array kObjectLinks = {"about", "that", "of", "on", "regarding", "concerning"};
constexpr size_t kMinObjectTerms = 3;
constexpr size_t kContextSentences = 3;

template <size_t N>
bool OneOf(std::string_view word, const std::array<const char*, N>& set) {
  std::string lower;
  dedup::LowerInto(word, lower);
  return std::any_of(set.begin(), set.end(), [&](const char* s) { return lower == s; });
}

// What a denial calls false, as spans of its article, and how it was found: the words after
// "reports that" / "claims about"; when it points back ("these reports", "this is not true")
// also the sentence before it that tells what it answers.
std::pair<std::vector<Span>, std::string> DenialObject(const Article& a, Span content,
                                                       dedup::Vocabulary& vocab) {
  std::vector<Span> words;
  for (const Span& token : TokensIn(a, content)) {
    if (dedup::IsWordToken(a.Text(token))) words.push_back(token);
  }
  size_t terms = 0;
  for (size_t k = 0; k < words.size(); ++k) {
    dedup::Term t;
    terms += !IsDenyingWord(a.Text(words[k])) && vocab.Lookup(a.Text(words[k]), false, t);
    if (!OneOf(a.Text(words[k]), kReportNouns) || k + 1 >= words.size() ||
        !OneOf(a.Text(words[k + 1]), kObjectLinks))
      continue;
    size_t end = k + 2;
    while (end < words.size() && !IsDenyingWord(a.Text(words[end]))) ++end;
    if (end > k + 2) {
      const Span object{words[k + 2].begin, words[end - 1].end};
      return {{object}, std::string(a.Text(words[k])) + " " + std::string(a.Text(words[k + 1])) + " \"" +
                            std::string(a.Text(object)) + "\""};
    }
  }
  const bool points_back = std::any_of(words.begin(), words.end(), [&](Span w) {
    return OneOf(a.Text(w), kReportNouns);
  });
  if (!points_back && terms >= kMinObjectTerms) return {{content}, "its own words"};
  // What it points back to: the nearest sentence before it that speaks of reports or claims
  // ("was reported", "claimed"), else the sentence just before it.
  size_t s = 0;
  while (s < a.sentences.size() && a.sentences[s].span.end <= content.begin) ++s;
  if (s == 0) return {{content}, "its own words"};
  size_t answered = s - 1;
  for (size_t back = 1; back <= kContextSentences && back <= s; ++back) {
    const Span sentence = a.sentences[s - back].span;
    bool speaks_of_reports = false;
    for (const Span& token : TokensIn(a, sentence)) {
      speaks_of_reports |= OneOf(a.Text(token), kReportWords);
    }
    if (speaks_of_reports) {
      answered = s - back;
      break;
    }
  }
  return {{content, a.sentences[answered].span}, "what the sentence before it tells"};
}

// The capitals and peoples in a span that stand for their country, as "Warsaw for Poland".
std::string ActorsNamed(const Article& a, const std::vector<Span>& spans) {
  std::set<std::string> said;
  for (Span span : spans)
    for (const Span& token : TokensIn(a, span)) {
      const std::string_view w = a.Text(token);
      const std::string_view country = w.empty() || w[0] < 'A' || w[0] > 'Z' ? "" : CountryOf(w);
      if (!country.empty() && country != w) said.insert(std::string(w) + " for " + std::string(country));
    }
  std::string out;
  for (const std::string& s : said) out += (out.empty() ? "" : ", ") + s;
  return out;
}

// The terms two statements share, heaviest first, as a reason a person can check.
std::string SharedTerms(const TermVector& a, const TermVector& b, const dedup::Vocabulary& vocab) {
  std::vector<std::pair<double, std::string>> shared;
  for (auto i = a.begin(), j = b.begin(); i != a.end() && j != b.end();) {
    if (i->first < j->first) ++i;
    else if (j->first < i->first) ++j;
    else shared.push_back({-(i->second * j->second), vocab.Key(i->first)}), ++i, ++j;
  }
  std::sort(shared.begin(), shared.end());
  std::string out;
  for (size_t k = 0; k < shared.size() && k < 5; ++k) out += (k ? ", " : "") + shared[k].second;
  return out;
}

struct Group {
  std::vector<size_t> members;
};

// What tells an event from a look-alike (two quakes, two office shootings): where, who and
// which year, as the article's opening sentences give them, and every place and person it
// names anywhere. Sorted term ids; years as numbers.
struct EventAnchors {
  std::vector<uint32_t> lead_places, places, lead_people, people;
  std::vector<int> lead_years;
  // How often each person and place is named: the one named most is whom the article is about.
  std::unordered_map<uint32_t, int> person_count, place_count;
};

constexpr size_t kLeadSentences = 3;

void SortUnique(std::vector<uint32_t>& ids) {
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
}

// A name's key: its last word as a name term ("New Orleans" → orleans' skeleton, "Ilya
// Marek" → marek's), so a full name and a surname alone meet.
std::optional<uint32_t> NameKey(const Article& a, Span span, dedup::Vocabulary& vocab) {
  std::optional<uint32_t> key;
  for (const Span& token : TokensIn(a, span)) {
    dedup::Term t;
    if (dedup::IsWordToken(a.Text(token)) && vocab.Lookup(a.Text(token), false, t)) key = t.id;
  }
  return key;
}

EventAnchors AnchorsOf(const Article& a, dedup::Vocabulary& vocab) {
  EventAnchors out;
  const uint32_t lead_end =
      a.sentences.empty() ? 0 : a.sentences[std::min(a.sentences.size(), kLeadSentences) - 1].span.end;
  for (const Mention& m : a.mentions) {
    if (m.type != EntityType::kPlace && m.type != EntityType::kPerson) continue;
    const auto key = NameKey(a, m.span, vocab);
    if (!key) continue;
    const bool place = m.type == EntityType::kPlace;
    (place ? out.places : out.people).push_back(*key);
    ++(place ? out.place_count : out.person_count)[*key];
    if (m.span.end <= lead_end) (place ? out.lead_places : out.lead_people).push_back(*key);
  }
  for (auto* ids : {&out.lead_places, &out.places, &out.lead_people, &out.people}) SortUnique(*ids);
  for (const Span& token : a.tokens) {
    if (token.begin >= lead_end) break;
    const std::string_view w = a.Text(token);
    if (w.size() == 4 && std::all_of(w.begin(), w.end(), [](char c) { return c >= '0' && c <= '9'; })) {
      const int year = std::stoi(std::string(w));
      if (year >= 1900 && year <= 2099) out.lead_years.push_back(year);
    }
  }
  std::sort(out.lead_years.begin(), out.lead_years.end());
  return out;
}

// Both articles open on places (or people, or years) and neither names any the other opens
// on: two events, however alike their words.
bool Disjoint(const std::vector<uint32_t>& lead_a, const std::vector<uint32_t>& all_a,
              const std::vector<uint32_t>& lead_b, const std::vector<uint32_t>& all_b) {
  return !lead_a.empty() && !lead_b.empty() && !Intersect(lead_a, all_b) && !Intersect(lead_b, all_a);
}

// The name an article gives most, when it gives it at least twice and more than any other.
std::optional<uint32_t> Protagonist(const std::unordered_map<uint32_t, int>& counts) {
  std::optional<uint32_t> best;
  int most = 1, second = 0;
  for (auto [key, n] : counts) {
    if (n > most) second = most, most = n, best = key;
    else if (n > second) second = n;
  }
  return most > second ? best : std::nullopt;
}

int CountOf(const std::unordered_map<uint32_t, int>& counts, uint32_t key) {
  auto it = counts.find(key);
  return it == counts.end() ? 0 : it->second;
}

// Each article is about its own person (or place), one the other names seldom if at all:
// two arrests of two players, two quakes in two provinces.
bool OtherProtagonists(const std::unordered_map<uint32_t, int>& a, const std::unordered_map<uint32_t, int>& b) {
  const auto pa = Protagonist(a), pb = Protagonist(b);
  if (!pa || !pb || *pa == *pb) return false;
  return 2 * CountOf(b, *pa) < CountOf(b, *pb) && 2 * CountOf(a, *pb) < CountOf(a, *pa);
}

// Which anchor tells two articles' events apart; empty when none does.
std::string ConflictingAnchor(const EventAnchors& a, const EventAnchors& b) {
  if (Disjoint(a.lead_places, a.places, b.lead_places, b.places)) return "places";
  if (Disjoint(a.lead_people, a.people, b.lead_people, b.people)) return "people";
  if (OtherProtagonists(a.person_count, b.person_count)) return "main person";
  if (OtherProtagonists(a.place_count, b.place_count)) return "main place";
  if (!a.lead_years.empty() && !b.lead_years.empty() &&
      std::none_of(a.lead_years.begin(), a.lead_years.end(), [&](int y) {
        return std::binary_search(b.lead_years.begin(), b.lead_years.end(), y);
      }))
    return "years";
  return "";
}

// Whether two articles' events conflict, each pair decided once.
class EventConflicts {
 public:
  EventConflicts(const StoryArticles& story, dedup::Vocabulary& vocab) : n_(story.articles.size()) {
    for (const Article& a : story.articles) anchors_.push_back(AnchorsOf(a, vocab));
    known_.assign(n_ * n_, -1);
  }
  bool operator()(size_t a, size_t b) {
    if (a == b) return false;
    int8_t& k = known_[a * n_ + b];
    if (k < 0) k = known_[b * n_ + a] = ConflictingAnchor(anchors_[a], anchors_[b]).empty() ? 0 : 1;
    return k == 1;
  }

 private:
  size_t n_;
  std::vector<EventAnchors> anchors_;
  std::vector<int8_t> known_;
};

// The best claim for a draft among `groups`, by its closest member; -1 when none is close.
std::pair<int, std::string> BestGroup(const std::vector<Draft>& drafts, const std::vector<Group>& groups,
                                      size_t i, double bar, const dedup::Vocabulary& vocab,
                                      bool need_assertion, EventConflicts& conflicts) {
  int best = -1;
  double best_score = bar;
  std::string why;
  for (size_t g = 0; g < groups.size(); ++g) {
    // Every member must be about the same event, not only the closest one: a claim grows one
    // statement at a time, and a chain of close pairs can walk from one event to its look-alike.
    if (std::any_of(groups[g].members.begin(), groups[g].members.end(), [&](size_t m) {
          return conflicts(drafts[i].statement.article, drafts[m].statement.article);
        }))
      continue;
    if (need_assertion && std::all_of(groups[g].members.begin(), groups[g].members.end(), [&](size_t m) {
          return drafts[m].statement.stance == Stance::kDenies;
        }))
      continue;
    for (size_t m : groups[g].members) {
      if (drafts[i].passage_links.count(m)) {
        char buf[64];
        snprintf(buf, sizeof buf, "reuses a passage of statement %zu", m + 1);
        return {static_cast<int>(g), buf};
      }
      // A denial answers a claim in its own words; the others must agree on names and figures.
      if (!need_assertion && !Compatible(drafts[i], drafts[m])) continue;
      // Two short statements meet on one or two words by chance ("need", "anymore"): one
      // statement told twice shares several.
      if (!need_assertion && SharedCount(drafts[i].terms, drafts[m].terms) < kMinSharedTerms) continue;
      const double c = Cosine(drafts[i].terms, drafts[m].terms);
      if (c >= best_score) {
        best_score = c;
        best = static_cast<int>(g);
        char buf[48];
        snprintf(buf, sizeof buf, "cosine %.2f with statement %zu: ", c, m + 1);
        why = buf + SharedTerms(drafts[i].terms, drafts[m].terms, vocab);
      }
    }
  }
  return {best, why};
}

constexpr double kCoverTie = 0.9;

// How much of what a denial calls false (`object`) one statement says: the object's weight
// they share; 0 unless they share an actor and a deed (two deeds when the denial names no one).
double DeniedCover(const TermVector& object, const TermVector& said, bool object_names,
                   dedup::Vocabulary& vocab) {
  size_t actors = 0, words = 0;
  double cover = 0;
  for (auto p = object.begin(), q = said.begin(); p != object.end() && q != said.end();) {
    if (p->first < q->first) ++p;
    else if (q->first < p->first) ++q;
    else {
      const char kind = vocab.Key(p->first)[0];
      (kind == '@' ? actors : words) += kind != '#';
      cover += p->second * p->second;
      ++p, ++q;
    }
  }
  if (words == 0 || actors + words < 2 || (object_names && actors == 0)) return 0;
  return cover;
}

// The claim a denial answers: the one whose statements, with capitals and peoples read as the
// countries they stand for, come closest to what the denial calls false, sharing with it at
// least one actor and one word of what was done. -1 when none is close enough.
std::pair<int, std::string> DeniedClaim(const StoryArticles& story, const std::vector<Draft>& drafts,
                                        const std::vector<Group>& groups, size_t i, double bar,
                                        dedup::Vocabulary& vocab, const TermWeights& weights,
                                        const DeedTerms& deeds, EventConflicts& conflicts) {
  const Statement& denial = drafts[i].statement;
  const Article& a = story.articles[denial.article];
  const auto [spans, found] = DenialObject(a, denial.span, vocab);
  TermCounts object_tf;
  for (Span span : spans) CountTerms(a, span, vocab, object_tf, &deeds);
  const TermVector object = weights.Vector(object_tf);
  const bool object_names = std::any_of(object.begin(), object.end(), [&](const auto& t) {
    return vocab.Key(t.first)[0] == '@';
  });
  struct Candidate {
    double cover;
    size_t support;
    int group;
    std::string why;
  };
  std::vector<Candidate> candidates;
  int best = -1;
  size_t best_support = 0;
  double best_cover = 0;
  std::string why;
  for (size_t g = 0; g < groups.size(); ++g) {
    const auto& members = groups[g].members;
    if (std::any_of(members.begin(), members.end(),
                    [&](size_t m) { return conflicts(denial.article, drafts[m].statement.article); }))
      continue;
    // The statement of the claim that says most of it: a claim of many statements must not
    // win by gathering, across them, words that no one of them says together.
    double cover = 0;
    TermVector claim;
    for (size_t m : members) {
      if (drafts[i].passage_links.count(m)) {
        char buf[64];
        snprintf(buf, sizeof buf, "reuses a passage of statement %zu", m + 1);
        return {static_cast<int>(g), buf};
      }
      if (drafts[m].statement.stance == Stance::kDenies) continue;
      TermCounts tf;
      CountTerms(story.articles[drafts[m].statement.article], drafts[m].statement.span, vocab, tf, &deeds);
      const TermVector said = weights.Vector(tf);
      const double c = DeniedCover(object, said, object_names, vocab);
      if (c > cover) cover = c, claim = said;
    }
    if (cover < bar || cover <= 0) continue;
    const size_t support = std::count_if(members.begin(), members.end(), [&](size_t m) {
      return drafts[m].statement.stance != Stance::kDenies;
    });
    char buf[64];
    snprintf(buf, sizeof buf, ": the claim says %.0f%% of it, sharing ", 100 * cover);
    std::string reason = "denies " + found + buf + SharedTerms(object, claim, vocab);
    const std::string stand_ins = ActorsNamed(a, spans);
    if (!stand_ins.empty()) reason += " (" + stand_ins + ")";
    candidates.push_back({cover, support, static_cast<int>(g), reason});
  }
  // Claims that say about as much of it alike: the denial answers the one most widely told.
  double most = 0;
  for (const Candidate& c : candidates) most = std::max(most, c.cover);
  for (const Candidate& c : candidates) {
    if (c.cover < kCoverTie * most) continue;
    if (best < 0 || std::tie(c.support, c.cover) > std::tie(best_support, best_cover))
      best = c.group, best_support = c.support, best_cover = c.cover, why = c.why;
  }
  return {best, why};
}

constexpr double kFullWordingTerms = 10;

Claim MakeClaim(const StoryArticles& story, const std::vector<Draft>& drafts, const Group& g) {
  Claim c;
  std::set<size_t> articles;
  std::set<std::string> outlets, origins;
  bool asserted = false;
  double best_centrality = -1;
  for (size_t m : g.members) {
    c.statements.push_back(drafts[m].statement);
    Statement& s = c.statements.back();
    // An agency credited with a statement its article also quotes the speaker for, relayed by
    // that agency, passes on that speaker's words: one origin.
    for (size_t o : g.members) {
      const Statement& t = drafts[o].statement;
      if (o != m && t.article == s.article && !s.speaker.empty() && t.chain.size() > 1 &&
          std::find(t.chain.begin() + 1, t.chain.end(), s.speaker) != t.chain.end()) {
        s.origin = t.origin;
        break;
      }
    }
    if (s.stance == Stance::kDenies) {
      ++c.against;
      continue;
    }
    asserted = true;
    articles.insert(s.article);
    if (!story.articles[s.article].outlet.empty()) outlets.insert(story.articles[s.article].outlet);
    origins.insert(s.origin);
    // The wording: the statement closest to the others, but a fragment ("to the capital for
    // talks") says less than a sentence, however central its few words.
    double centrality = 0;
    for (size_t o : g.members) centrality += o == m ? 0 : Cosine(drafts[m].terms, drafts[o].terms);
    centrality *= std::min(1.0, static_cast<double>(drafts[m].terms.size()) / kFullWordingTerms);
    if (centrality > best_centrality) best_centrality = centrality, c.wording = s.text;
  }
  if (!asserted) c.wording = c.statements.front().text;
  c.articles = articles.size();
  c.outlets = outlets.size();
  c.origins = origins.size();
  c.contested = asserted && c.against > 0;
  return c;
}

}  // namespace

std::vector<Claim> FindClaims(const StoryArticles& story, const ClaimOptions& options) {
  dedup::Vocabulary vocab;
  std::vector<Draft> drafts = Statements(story, vocab);
  const TermWeights weights = WeighTerms(story, drafts, vocab);
  LinkPassages(story, drafts);
  LinkFollowUps(drafts);
  EventConflicts conflicts(story, vocab);
  const DeedTerms deeds = ReadDeeds(vocab);
  std::vector<Group> groups;
  // Assertions first, in story order; denials then answer the claim they match best.
  for (int pass = 0; pass < 2; ++pass)
    for (size_t i = 0; i < drafts.size(); ++i) {
      const bool denial = drafts[i].statement.stance == Stance::kDenies;
      if (denial != (pass == 1)) continue;
      auto [g, why] = denial ? DeniedClaim(story, drafts, groups, i, options.deny_join, vocab, weights, deeds, conflicts)
                             : BestGroup(drafts, groups, i, options.join, vocab, false, conflicts);
      if (g < 0) {
        groups.push_back({{i}});
        continue;
      }
      drafts[i].statement.why = why;
      groups[g].members.push_back(i);
    }
  std::vector<Claim> claims;
  for (const Group& g : groups) claims.push_back(MakeClaim(story, drafts, g));
  std::stable_sort(claims.begin(), claims.end(), [](const Claim& a, const Claim& b) {
    return std::make_tuple(b.origins, b.contested, b.statements.size()) <
           std::make_tuple(a.origins, a.contested, a.statements.size());
  });
  return claims;
}

}  // namespace sitrep::claims

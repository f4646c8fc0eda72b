#include "brief/brief.h"

#include <algorithm>
#include <map>
#include <numeric>
#include <set>
#include <tuple>

#include "brief/summary.h"
#include "claims/claims.h"
#include "entities/speakers.h"
#include "quotes/quotes.h"
#include "time/timeline.h"
#include "util/strings.h"

namespace sitrep::brief {

namespace {

// Oldest first; undated ones after the dated, in arrival order.
std::vector<size_t> DateOrder(const std::vector<Article>& articles) {
  std::vector<size_t> order(articles.size());
  std::iota(order.begin(), order.end(), 0);
  auto key = [&](size_t i) {
    const DateTime& d = articles[i].published.when;
    return std::pair(!d.known(), d.known() ? d.UnixSeconds() : 0);
  };
  std::stable_sort(order.begin(), order.end(), [&](size_t x, size_t y) { return key(x) < key(y); });
  return order;
}

// An untitled article is known by its opening words, cut at a space so UTF-8 stays whole.
std::string OpeningWords(const Article& a, size_t max_bytes = 80) {
  if (a.sentences.empty()) return "";
  std::string_view first = a.Text(a.sentences.front().span);
  if (first.size() <= max_bytes) return std::string(first);
  const size_t cut = first.rfind(' ', max_bytes);
  return std::string(first.substr(0, cut == std::string_view::npos ? 0 : cut)) + " …";
}

Source SourceOf(const Article& a, const std::string& upstream) {
  Source s;
  s.article_id = a.id;
  s.outlet = a.outlet;
  s.title = a.title.empty() ? OpeningWords(a) : a.title;
  s.url = a.url;
  if (a.published.when.known()) {
    s.published = a.published.when.Iso();
    s.date_evidence = a.published.evidence.source;
  }
  s.relays = a.relays;
  s.copy_of = upstream;
  return s;
}

// The story's entities as actors: people first, then those mentioned in most articles.
std::vector<Actor> Actors(const std::vector<Entity>& entities) {
  std::vector<Actor> out;
  // A name the tagger typed two ways in one place ("Harbour" as a person and a place) is
  // shown once, as the entity that holds it among more mentions.
  std::set<std::string> named;
  for (const Entity& e : entities) {
    if (e.type == EntityType::kMisc || !named.insert(e.name).second) continue;
    if (e.type != EntityType::kPerson && e.articles.size() < 2 && e.mentions < 2) continue;
    Actor a;
    a.name = e.name;
    a.type = EntityTypeName(e.type);
    a.variants = e.variants;
    for (const EntityRole& r : e.roles)
      if (std::find(a.roles.begin(), a.roles.end(), r.role) == a.roles.end()) a.roles.push_back(r.role);
    a.mentions = e.mentions;
    a.articles = e.articles.size();
    out.push_back(std::move(a));
  }
  // Names one person is known by that the tagger also typed as something else.
  std::set<std::string> person_names;
  for (const Actor& a : out)
    if (a.type == "person") person_names.insert(a.variants.begin(), a.variants.end());
  std::erase_if(out, [&](const Actor& a) { return a.type != "person" && person_names.count(a.name); });
  constexpr size_t kMaxActors = 16;
  std::stable_sort(out.begin(), out.end(), [](const Actor& x, const Actor& y) {
    return std::make_tuple(x.type != "person", -static_cast<long>(x.articles), -static_cast<long>(x.mentions)) <
           std::make_tuple(y.type != "person", -static_cast<long>(y.articles), -static_cast<long>(y.mentions));
  });
  if (out.size() > kMaxActors) out.resize(kMaxActors);
  return out;
}

// A quote as one line of prose: white space (paragraph breaks too) as single spaces, the
// quotation marks and the comma that closed it off taken away; renderers add their own marks.
std::string QuoteText(std::string_view text) {
  std::string out;
  for (char c : text) {
    const bool space = c == ' ' || c == '\n' || c == '\t' || c == '\r';
    if (!space) out += c;
    else if (!out.empty() && out.back() != ' ') out += ' ';
  }
  static const std::vector<std::string> kMarks = {"\"", "“", "”", "«", "»", "'", "‘", "’", "„", ",", " "};
  for (bool changed = true; changed;) {
    changed = false;
    for (const std::string& m : kMarks) {
      if (out.size() >= m.size() && out.compare(0, m.size(), m) == 0) out.erase(0, m.size()), changed = true;
      if (out.size() >= m.size() && out.compare(out.size() - m.size(), m.size(), m) == 0)
        out.erase(out.size() - m.size()), changed = true;
    }
  }
  return out;
}

constexpr size_t kMaxSpeakers = 16, kQuotesPerSpeaker = 3;
constexpr const char* kUnnamed = "(speaker not named)";

// A speaker the quotes stage could not name: nothing, or a bare pronoun.
bool Unnamed(const std::string& speaker) {
  static const std::set<std::string> kPronouns = {"he", "she", "it", "they", "we", "i", "you", "this", "that"};
  return speaker.empty() || kPronouns.count(AsciiLower(speaker));
}

std::vector<QuoteLine> Quotes(const std::vector<Article>& articles,
                              const std::vector<size_t>& source_of_article) {
  std::vector<QuoteLine> out;
  for (size_t ai = 0; ai < articles.size(); ++ai) {
    const Article& a = articles[ai];
    for (const Attribution* found : DistinctAttributions(a)) {
      const Attribution& at = *found;
      QuoteLine q;
      q.speaker = !at.speaker.empty() ? at.speaker : std::string(a.Text(at.source));
      if (Unnamed(q.speaker)) q.speaker = kUnnamed;
      q.text = QuoteText(a.Text(at.content));
      q.direct = at.direct;
      q.venue = at.venue;
      q.chain = ProvenanceChain(a, at, q.speaker == kUnnamed ? "" : q.speaker);
      q.source = source_of_article[ai];
      out.push_back(std::move(q));
    }
  }
  // Grouped by speaker, the speaker with most to say first; within a speaker, source order.
  std::map<std::string, size_t> said;
  for (const auto& q : out) ++said[q.speaker];
  // Unnamed speakers last, whatever they said.
  auto rank = [&](const QuoteLine& q) { return q.speaker == kUnnamed ? 0 : said[q.speaker]; };
  std::stable_sort(out.begin(), out.end(), [&](const QuoteLine& x, const QuoteLine& y) {
    if (rank(x) != rank(y)) return rank(x) > rank(y);
    if (x.speaker != y.speaker) return x.speaker < y.speaker;
    return x.source < y.source;
  });
  return out;
}

// One screen: the speakers who said most, each with a few statements taken from as many of
// their articles as possible (a speaker quoted in two articles says different things in each).
std::vector<QuoteLine> Shown(std::vector<QuoteLine> said, size_t& not_shown) {
  std::vector<QuoteLine> shown;
  size_t speakers = 0;
  for (size_t begin = 0, end; begin < said.size(); begin = end) {
    for (end = begin; end < said.size() && said[end].speaker == said[begin].speaker; ++end) {}
    if (speakers++ == kMaxSpeakers) break;
    std::vector<bool> taken(end - begin, false);
    std::set<size_t> sources_this_round;
    size_t picked = 0;
    while (picked < std::min(kQuotesPerSpeaker, end - begin)) {
      sources_this_round.clear();
      for (size_t i = begin; i < end && picked < kQuotesPerSpeaker; ++i)
        if (!taken[i - begin] && sources_this_round.insert(said[i].source).second) taken[i - begin] = true, ++picked;
    }
    for (size_t i = begin; i < end; ++i)
      if (taken[i - begin]) shown.push_back(std::move(said[i]));
  }
  not_shown = said.size() - shown.size();
  return shown;
}

void AddOnce(std::vector<std::string>& list, const std::string& item) {
  if (!item.empty() && std::find(list.begin(), list.end(), item) == list.end()) list.push_back(item);
}

void AddOnce(std::vector<size_t>& list, size_t item) {
  if (std::find(list.begin(), list.end(), item) == list.end()) list.push_back(item);
}

// Claims worth a reader's time: those someone is quoted on, or that several origins back.
constexpr size_t kMaxClaims = 8;

void Claims(const StoryArticles& story, const std::vector<claims::Claim>& found,
            const std::vector<size_t>& source_of_article, Brief& b) {
  for (const claims::Claim& c : found) {
    const bool attributed = std::any_of(c.statements.begin(), c.statements.end(),
                                        [](const auto& s) { return !s.speaker.empty(); });
    if (!attributed && c.origins < 2) continue;
    ClaimLine line;
    line.wording = QuoteText(c.wording);
    line.statements = c.statements.size();
    line.articles = c.articles;
    line.outlets = c.outlets;
    line.origins = c.origins;
    line.contested = c.contested;
    for (const auto& s : c.statements) {
      const std::string& who = s.speaker.empty() ? story.articles[s.article].outlet : s.speaker;
      const bool denies = s.stance == claims::Stance::kDenies;
      AddOnce(denies ? line.denied_by : line.asserted_by, who);
      AddOnce(denies ? line.against_sources : line.for_sources, source_of_article[s.article]);
    }
    const std::string quoted = "“" + line.wording + "”";
    if (line.contested)
      // A denial by an unnamed source in an outlet-less article has no name to give.
      b.open_questions.push_back("Contested: " + quoted + " is denied" +
                                 (line.denied_by.empty() ? " in the story" : " by " + line.denied_by.front()) + ".");
    else if (line.origins == 1 && !line.asserted_by.empty())
      b.open_questions.push_back("Rests on one source (" + line.asserted_by.front() + "): " + quoted);
    b.claims.push_back(std::move(line));
    if (b.claims.size() == kMaxClaims) break;
  }
}

void AddTimeline(const StoryArticles& story, const std::vector<size_t>& source_of_article, Brief& b) {
  std::map<std::string, size_t> index;
  for (size_t i = 0; i < story.articles.size(); ++i) index[story.articles[i].id] = source_of_article[i];
  const Timeline t = BuildTimeline(story.articles);
  for (const auto& [article, when] : t.inferred_dates)
    if (auto it = index.find(article); it != index.end() && b.sources[it->second].published.empty()) {
      b.sources[it->second].inferred = when.when.Iso().substr(0, 10);
      b.sources[it->second].inferred_evidence = when.evidence.detail;
    }
  for (const auto* part : {&t.events, &t.outlook})
    for (const TimelineEvent& e : *part) {
      TimelineLine line{e.when, e.what, part == &t.outlook, {}};
      for (const TimelineSource& s : e.sources)
        if (auto it = index.find(s.article); it != index.end()) AddOnce(line.sources, it->second);
      b.timeline.push_back(std::move(line));
    }
}

}  // namespace

std::string Source::DateShown() const {
  if (!published.empty()) return published;
  return inferred.empty() ? "unknown" : "~" + inferred + " (inferred)";
}

std::vector<SameStatement> SameStatements(const std::vector<claims::Claim>& found) {
  std::vector<SameStatement> same;
  for (size_t group = 0; group < found.size(); ++group) {
    const claims::Claim& c = found[group];
    if (c.articles < 2) continue;
    for (const claims::Statement& s : c.statements)
      if (s.stance != claims::Stance::kDenies) same.push_back({s.article, s.span, group});
  }
  return same;
}

Brief BuildBrief(StoryArticles story, size_t summary_words) {
  const std::vector<Entity> entities = ResolveStory(story.articles);
  Brief b;
  b.story = story.id;
  const std::vector<Article>& articles = story.articles;
  std::vector<size_t> source_of_article(articles.size());
  const std::vector<size_t> order = DateOrder(articles);
  std::set<std::string> outlets;
  for (size_t i : order) {
    source_of_article[i] = b.sources.size();
    const std::string upstream = i < story.upstream.size() ? story.upstream[i] : "";
    b.sources.push_back(SourceOf(articles[i], upstream));
    if (!articles[i].outlet.empty()) outlets.insert(articles[i].outlet);
    b.copies += !upstream.empty();
  }
  b.outlets = outlets.size();
  for (const Source& s : b.sources) {
    if (s.published.empty()) continue;
    const std::string day = s.published.substr(0, 10);
    if (b.first_seen.empty() || day < b.first_seen) b.first_seen = day;
    if (day > b.last_seen) b.last_seen = day;
  }

  const std::vector<claims::Claim> found = claims::FindClaims(story);
  SummaryOptions opt;
  opt.max_words = summary_words;
  const auto summary = Summarize(articles, opt, SameStatements(found));
  for (const auto& s : summary)
    b.summary.push_back({std::string(articles[s.article].Text(s.span)), source_of_article[s.article]});
  // The headline: the title of the article behind the summary's best sentence.
  auto best = std::max_element(summary.begin(), summary.end(),
                               [](const auto& x, const auto& y) { return x.score < y.score; });
  if (best != summary.end() && !articles[best->article].title.empty())
    b.headline = articles[best->article].title;
  for (size_t i = 0; b.headline.empty() && i < order.size(); ++i) b.headline = articles[order[i]].title;
  if (b.headline.empty()) b.headline = story.label;

  b.actors = Actors(entities);
  b.quotes = Shown(Quotes(articles, source_of_article), b.quotes_not_shown);
  Claims(story, found, source_of_article, b);
  AddTimeline(story, source_of_article, b);
  return b;
}

}  // namespace sitrep::brief

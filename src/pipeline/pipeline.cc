#include "pipeline/pipeline.h"

#include <cctype>

#include "clean/clean.h"
#include "ingest/html.h"
#include "text/language.h"
#include "text/segment.h"
#include "time/article_date.h"
#include "time/date_parse.h"
#include "util/encoding.h"
#include "util/strings.h"

namespace sitrep {

namespace {


// A short first paragraph without final punctuation reads as a headline.
std::string HeadlineOf(const CleanText& clean) {
  if (clean.paragraphs.empty()) return "";
  Span first = clean.paragraphs.front();
  std::string_view p = std::string_view(clean.text).substr(first.begin, first.size());
  if (p.size() < 12 || p.size() > 200 || clean.paragraphs.size() < 2) return "";
  char last = p.back();
  if (last == '.' || last == ':' || last == ',' || last == ';') return "";
  return std::string(p);
}

// The first non-empty of the candidates, in order of trust.
template <typename... T>
std::string FirstOf(const T&... candidates) {
  std::string out;
  ((out.empty() ? (void)(out = candidates) : (void)0), ...);
  return out;
}

// "harbour24.org" and "Harbour24" name one outlet.
bool SameOutlet(std::string_view a, std::string_view b) {
  auto key = [](std::string_view s) {
    std::string k;
    for (char c : s) if (std::isalnum(static_cast<unsigned char>(c))) k += std::tolower(static_cast<unsigned char>(c));
    for (std::string_view tld : {"com", "org", "net", "info", "ua", "by", "ru"})
      if (k.size() > tld.size() + 2 && k.ends_with(tld) && s.find('.') != std::string_view::npos) {
        k.resize(k.size() - tld.size());
        break;
      }
    return k;
  };
  return !a.empty() && !b.empty() && key(a) == key(b);
}

}  // namespace

std::string HostOf(std::string_view url) {
  size_t scheme = url.find("://");
  if (scheme == std::string_view::npos) return "";
  std::string_view rest = url.substr(scheme + 3);
  rest = rest.substr(0, rest.find_first_of("/?#"));
  if (size_t at = rest.find('@'); at != std::string_view::npos) rest.remove_prefix(at + 1);
  rest = rest.substr(0, rest.find(':'));
  if (rest.starts_with("www.")) rest.remove_prefix(4);
  std::string host(rest);
  for (char& c : host) c = std::tolower(static_cast<unsigned char>(c));
  return host;
}

Article BuildArticle(Document&& doc) {
  Article a;
  a.origin = std::move(doc.origin);
  a.format = doc.container;
  HtmlPage page;
  std::string raw;
  if (doc.is_html) {
    std::string html = ToUtf8(doc.body, doc.charset, true, &a.warnings);
    page = ReadHtml(html, doc.url);
    raw = Join(page.paragraphs, "\n");
  } else {
    raw = std::move(doc.body);
    if (size_t bad = RepairUtf8(raw))
      a.warnings.push_back("invalid UTF-8: " + std::to_string(bad) + " bytes replaced by U+FFFD");
  }
  CleanText clean = Clean(raw);
  for (std::string& w : clean.warnings) a.warnings.push_back(std::move(w));

  for (std::string* field : {&doc.url, &doc.title, &doc.date, &doc.outlet, &doc.byline}) {
    RepairUtf8(*field);
    *field = std::string(TrimSpace(*field));
  }
  // Metadata the container states beats what the page's markup says, which beats what
  // the bare text reveals.
  a.url = FirstOf(doc.url, page.url, clean.url);
  a.title = FirstOf(doc.title, page.title, clean.title, HeadlineOf(clean));
  a.outlet = FirstOf(doc.outlet, page.outlet, clean.outlet, HostOf(a.url));
  a.byline = FirstOf(doc.byline, page.byline);
  a.language = FirstOf(doc.language, page.language);
  if (a.language.empty()) a.language = GuessLanguage(clean.text);
  if (auto when = doc.date.empty() ? std::nullopt : ParseDate(doc.date)) {
    a.published = {*when, {doc.container, doc.date}, 0.95f};
  } else if (page.published.when.known()) {
    a.published = page.published;
  } else {
    a.published = clean.published;
  }
  if (!doc.date.empty() && !a.published.when.known())
    a.warnings.push_back("unreadable date '" + doc.date + "'");
  // An outlet does not relay itself.
  for (std::string& r : clean.relays)
    if (!SameOutlet(r, a.outlet)) a.relays.push_back(std::move(r));
  a.text = std::move(clean.text);
  a.paragraphs = std::move(clean.paragraphs);
  Segment(a);
  // Nothing states the date: infer it from the dates the text reports (marked "inferred",
  // with a confidence below any stated date's).
  if (!a.published.when.known())
    if (auto inferred = InferPublicationTime(a)) a.published = std::move(*inferred);
  a.id = ArticleId(a.url, a.text);
  return a;
}

}  // namespace sitrep

#include "ingest/html.h"

#include <cstdlib>
#include <memory>

#include <gumbo.h>

#include "ingest/html_eval.h"
#include "ingest/html_meta.h"
#include "ingest/html_prune.h"
#include "ingest/html_text.h"
#include "ingest/page_date.h"

namespace sitrep {

namespace {

// Gumbo allocates every node, attribute and string on its own; a page's parse is thrown
// away whole, so one bump arena freed at the end saves most of malloc's and free's time.
class Arena {
 public:
  ~Arena() {
    for (char* b : blocks_) std::free(b);
  }
  static void* Allocate(void* self, size_t n) { return static_cast<Arena*>(self)->Take(n); }
  static void Release(void*, void*) {}

 private:
  void* Take(size_t n) {
    n = (n + 15) & ~size_t{15};
    if (n > left_) {
      size_t size = std::max(n, kBlock);
      char* b = static_cast<char*>(std::malloc(size));
      if (b == nullptr) throw std::bad_alloc();
      blocks_.push_back(b);
      next_ = b;
      left_ = size;
    }
    void* out = next_;
    next_ += n;
    left_ -= n;
    return out;
  }
  static constexpr size_t kBlock = 1 << 20;
  std::vector<char*> blocks_;
  char* next_ = nullptr;
  size_t left_ = 0;
};

// Splits a JSON-LD body at its line breaks; some CMSs write it as one long line.
std::vector<std::string> Lines(const std::string& body) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= body.size()) {
    size_t end = body.find('\n', start);
    if (end == std::string::npos) end = body.size();
    std::string line = body.substr(start, end - start);
    while (!line.empty() && (line.back() == ' ' || line.back() == '\r')) line.pop_back();
    size_t first = line.find_first_not_of(' ');
    if (first != std::string::npos) out.push_back(line.substr(first));
    start = end + 1;
  }
  return out;
}

size_t Tokens(const std::vector<std::string>& paragraphs) {
  size_t n = 0;
  for (const auto& p : paragraphs) n += ShingleTokens(p).size();
  return n;
}

// JSON-LD articleBody is often a teaser, sometimes HTML, and rarely split into paragraphs;
// it wins only when it holds all the page showed and clearly more (text the page hid
// behind "read more" or a script).
bool BodyIsFuller(const std::string& body, const std::vector<std::string>& shown) {
  if (body.empty() || body.find('<') != std::string::npos) return false;
  std::vector<std::string> lines = Lines(body);
  ExtractionScore overlap = ScoreExtraction(JoinParagraphs(lines), JoinParagraphs(shown));
  return overlap.recall >= 0.95 && Tokens(lines) > Tokens(shown) * 1.05;
}

}  // namespace

HtmlPage ReadHtml(std::string_view html, std::string_view url) {
  auto flat = FlattenDeepNesting(html);
  std::string pruned = PruneHtml(flat ? *flat : html);
  Arena arena;
  GumboOptions options = kGumboDefaultOptions;
  options.allocator = &Arena::Allocate;
  options.deallocator = &Arena::Release;
  options.userdata = &arena;
  options.max_errors = 0;  // we never read gumbo's error list
  GumboOutput* out = gumbo_parse_with_options(&options, pruned.data(), pruned.size());

  PageMeta meta = ReadPageMeta(out->root, url);
  HtmlPage page;
  page.title = std::move(meta.title);
  page.url = std::move(meta.url);
  page.outlet = std::move(meta.outlet);
  page.byline = std::move(meta.byline);
  page.language = std::move(meta.language);
  page.description = std::move(meta.description);
  page.paragraphs = ExtractMainText(out->root, page.title);
  if (BodyIsFuller(meta.article_body, page.paragraphs)) page.paragraphs = Lines(meta.article_body);
  page.published = FindPageDate(out->root, url);
  return page;  // the arena frees the parse
}

}  // namespace sitrep

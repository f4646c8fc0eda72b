#include "ingest/html_eval.h"

#include <unicode/uchar.h>

#include <chrono>
#include <filesystem>
#include <unordered_map>

#include <nlohmann/json.hpp>

#include "ingest/document.h"
#include "ingest/html.h"
#include "util/byte_source.h"
#include "util/encoding.h"
#include "util/strings.h"

namespace sitrep {

namespace {

constexpr size_t kShingle = 4;

// Multiset of shingles, each keyed by its tokens joined with a separator no token holds.
std::unordered_map<std::string, int> Shingles(const std::vector<std::string>& tokens) {
  std::unordered_map<std::string, int> bag;
  if (tokens.empty()) return bag;
  size_t count = tokens.size() >= kShingle ? tokens.size() - kShingle + 1 : 1;
  for (size_t i = 0; i < count; ++i) {
    std::string key;
    for (size_t k = i; k < std::min(tokens.size(), i + kShingle); ++k) {
      key += tokens[k];
      key += '\x1f';
    }
    ++bag[key];
  }
  return bag;
}

size_t Total(const std::unordered_map<std::string, int>& bag) {
  size_t n = 0;
  for (const auto& [key, count] : bag) n += count;
  return n;
}

size_t Common(const std::unordered_map<std::string, int>& a,
              const std::unordered_map<std::string, int>& b) {
  size_t n = 0;
  for (const auto& [key, count] : a) {
    auto it = b.find(key);
    if (it != b.end()) n += std::min(count, it->second);
  }
  return n;
}

std::string ReadFile(const std::string& path) {
  return ByteSource::OpenFile(path)->ReadAll(size_t{1} << 30);
}

// The page's file: gzipped as the benchmark ships it, or plain.
std::string PagePath(const std::string& dir, const std::string& id) {
  std::string gz = dir + "/" + id + ".html.gz";
  return std::filesystem::exists(gz) ? gz : dir + "/" + id + ".html";
}

}  // namespace

std::string JoinParagraphs(const std::vector<std::string>& paragraphs) {
  std::string text;
  for (const std::string& p : paragraphs) {
    if (!text.empty()) text += '\n';
    text += p;
  }
  return text;
}

ExtractionRun EvaluateExtraction(const std::string& html_dir, const std::string& gold_path) {
  nlohmann::json gold = nlohmann::json::parse(ReadFile(gold_path), nullptr, false);
  if (!gold.is_object()) throw InputError(gold_path + ": not a JSON object of gold pages");
  ExtractionRun run;
  for (const auto& [id, page] : gold.items()) {
    std::string path = PagePath(html_dir, id);
    if (!std::filesystem::exists(path)) {
      run.missing.push_back(id);
      continue;
    }
    std::vector<std::string> warnings;
    std::string html = ToUtf8(ReadFile(path), "", true, &warnings);
    std::string url = page.value("url", "");
    auto start = std::chrono::steady_clock::now();
    HtmlPage read = ReadHtml(html, url);
    run.seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    run.tally.Add(ScoreExtraction(JoinParagraphs(read.paragraphs), page.value("articleBody", "")));
  }
  return run;
}

std::vector<std::string> ShingleTokens(std::string_view text) {
  std::vector<std::string> tokens;
  std::string lower = UnicodeLower(text);
  std::string token;
  int32_t i = 0, n = lower.size();
  while (i < n) {
    UChar32 c;
    int32_t start = i;
    U8_NEXT(lower.data(), i, n, c);
    if (c >= 0 && u_isUWhiteSpace(c)) {
      if (!token.empty()) tokens.push_back(std::move(token));
      token.clear();
    } else {
      token.append(lower, start, i - start);
    }
  }
  if (!token.empty()) tokens.push_back(std::move(token));
  return tokens;
}

ExtractionScore ScoreExtraction(std::string_view extracted, std::string_view gold) {
  std::vector<std::string> got = ShingleTokens(extracted), want = ShingleTokens(gold);
  ExtractionScore s;
  s.exact = got == want;
  auto got_bag = Shingles(got), want_bag = Shingles(want);
  size_t got_n = Total(got_bag), want_n = Total(want_bag);
  if (got_n == 0 || want_n == 0) {
    s.precision = s.recall = (got_n == want_n) ? 1 : 0;
    return s;
  }
  double common = Common(got_bag, want_bag);
  s.precision = common / got_n;
  s.recall = common / want_n;
  return s;
}

void ExtractionTally::Add(const ExtractionScore& s) {
  ++pages_;
  precision_sum_ += s.precision;
  recall_sum_ += s.recall;
  if (s.exact) ++exact_;
}

double ExtractionTally::precision() const { return pages_ ? precision_sum_ / pages_ : 0; }
double ExtractionTally::recall() const { return pages_ ? recall_sum_ / pages_ : 0; }
double ExtractionTally::accuracy() const {
  return pages_ ? static_cast<double>(exact_) / pages_ : 0;
}
double ExtractionTally::f1() const {
  double p = precision(), r = recall();
  return p + r > 0 ? 2 * p * r / (p + r) : 0;
}

}  // namespace sitrep

// How close an extracted article body is to a gold one, measured as the article-extraction
// benchmark does: shingles of 4 lower-cased, whitespace-separated tokens, compared as
// multisets, so that extra boilerplate costs precision and lost paragraphs cost recall.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace sitrep {

struct ExtractionScore {
  double precision = 0, recall = 0;
  bool exact = false;  // the token sequences are the same
};

// Precision is the share of extracted shingles found in the gold text, recall the share of
// gold shingles found in the extraction. Texts of fewer than 4 tokens make one shingle of
// all they have. An empty side scores 0 unless both are empty (then 1).
ExtractionScore ScoreExtraction(std::string_view extracted, std::string_view gold);

// Scores over many pages: each page weighs the same however long it is.
class ExtractionTally {
 public:
  void Add(const ExtractionScore& s);
  size_t pages() const { return pages_; }
  double precision() const;
  double recall() const;
  double f1() const;  // from the averaged precision and recall
  double accuracy() const;

 private:
  size_t pages_ = 0, exact_ = 0;
  double precision_sum_ = 0, recall_sum_ = 0;
};

// The paragraphs of an extraction as the benchmark compares them: joined by "\n".
std::string JoinParagraphs(const std::vector<std::string>& paragraphs);

// One run of ReadHtml over a benchmark set: `html_dir` holds <id>.html.gz (or <id>.html),
// `gold_path` is {id: {articleBody, url}}. Pages whose file is missing are listed, not
// scored. Throws InputError when the gold file cannot be read.
struct ExtractionRun {
  ExtractionTally tally;
  double seconds = 0;  // spent in ReadHtml alone, not in reading or decoding files
  std::vector<std::string> missing;
};
ExtractionRun EvaluateExtraction(const std::string& html_dir, const std::string& gold_path);

// Lower-cased tokens split at any Unicode white space; exposed for tests.
std::vector<std::string> ShingleTokens(std::string_view text);

}  // namespace sitrep

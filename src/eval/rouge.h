// ROUGE (Lin 2004) as the rouge-score package computes it: text lower-cased and split on
// anything that is not an ASCII letter or digit, no stemming, no stop words removed.
// ROUGE-N counts clipped n-gram matches; ROUGE-L uses the longest common subsequence of the
// whole texts. Against several references, each score is the mean over the references.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace sitrep::eval {

struct RougeScore {
  double precision = 0, recall = 0, f1 = 0;
};

struct Rouge {
  RougeScore rouge1, rouge2, rougeL;
};

// The tokens ROUGE compares: "U.S. troops" -> {"u", "s", "troops"}.
std::vector<std::string> RougeTokens(std::string_view text);

RougeScore RougeN(const std::vector<std::string>& candidate,
                  const std::vector<std::string>& reference, int n);
RougeScore RougeL(const std::vector<std::string>& candidate,
                  const std::vector<std::string>& reference);

// All three, averaged over the references.
Rouge Score(std::string_view candidate, const std::vector<std::string>& references);

}  // namespace sitrep::eval

#include "eval/rouge.h"

#include <algorithm>
#include <map>

namespace sitrep::eval {

namespace {

RougeScore FromCounts(double matches, double candidate, double reference) {
  RougeScore s;
  s.precision = candidate > 0 ? matches / candidate : 0;
  s.recall = reference > 0 ? matches / reference : 0;
  s.f1 = s.precision + s.recall > 0 ? 2 * s.precision * s.recall / (s.precision + s.recall) : 0;
  return s;
}

std::map<std::vector<std::string>, int> NGrams(const std::vector<std::string>& tokens, int n) {
  std::map<std::vector<std::string>, int> out;
  for (size_t i = 0; i + n <= tokens.size(); ++i)
    ++out[std::vector<std::string>(tokens.begin() + i, tokens.begin() + i + n)];
  return out;
}

size_t LongestCommonSubsequence(const std::vector<std::string>& a,
                                const std::vector<std::string>& b) {
  std::vector<size_t> row(b.size() + 1), prev(b.size() + 1);
  for (size_t i = 1; i <= a.size(); ++i) {
    std::swap(row, prev);
    for (size_t j = 1; j <= b.size(); ++j)
      row[j] = a[i - 1] == b[j - 1] ? prev[j - 1] + 1 : std::max(prev[j], row[j - 1]);
  }
  return row[b.size()];
}

void Add(RougeScore& sum, const RougeScore& s) {
  sum.precision += s.precision;
  sum.recall += s.recall;
  sum.f1 += s.f1;
}

void Divide(RougeScore& s, double n) {
  s.precision /= n;
  s.recall /= n;
  s.f1 /= n;
}

}  // namespace

std::vector<std::string> RougeTokens(std::string_view text) {
  std::vector<std::string> out;
  std::string word;
  for (char c : text) {
    const bool keep = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    if (c >= 'A' && c <= 'Z') word += static_cast<char>(c - 'A' + 'a');
    else if (keep) word += c;
    else if (!word.empty()) out.push_back(std::move(word)), word.clear();
  }
  if (!word.empty()) out.push_back(std::move(word));
  return out;
}

RougeScore RougeN(const std::vector<std::string>& candidate,
                  const std::vector<std::string>& reference, int n) {
  const auto c = NGrams(candidate, n), r = NGrams(reference, n);
  double matches = 0, c_total = 0, r_total = 0;
  for (const auto& [gram, count] : c) {
    c_total += count;
    if (auto it = r.find(gram); it != r.end()) matches += std::min(count, it->second);
  }
  for (const auto& [gram, count] : r) r_total += count;
  return FromCounts(matches, c_total, r_total);
}

RougeScore RougeL(const std::vector<std::string>& candidate,
                  const std::vector<std::string>& reference) {
  return FromCounts(static_cast<double>(LongestCommonSubsequence(candidate, reference)),
                    static_cast<double>(candidate.size()), static_cast<double>(reference.size()));
}

Rouge Score(std::string_view candidate, const std::vector<std::string>& references) {
  Rouge sum;
  const auto c = RougeTokens(candidate);
  for (const std::string& reference : references) {
    const auto r = RougeTokens(reference);
    Add(sum.rouge1, RougeN(c, r, 1));
    Add(sum.rouge2, RougeN(c, r, 2));
    Add(sum.rougeL, RougeL(c, r));
  }
  if (!references.empty()) {
    const double n = static_cast<double>(references.size());
    Divide(sum.rouge1, n), Divide(sum.rouge2, n), Divide(sum.rougeL, n);
  }
  return sum;
}

}  // namespace sitrep::eval

#include "text/word_clusters.h"

#include <fasttext/fasttext.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <numeric>
#include <ostream>
#include <random>
#include <stdexcept>

namespace sitrep::text {

namespace fs = std::filesystem;

namespace {

double Seconds(std::chrono::steady_clock::time_point since) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - since).count();
}

// The centroids of `assign`'s clusters over unit rows, normalised; `weight` gets each one's weight.
std::vector<float> Centroids(const std::vector<float>& x, const std::vector<float>& row_weight,
                             const std::vector<int>& assign, int d, std::vector<float>& weight) {
  const int k = *std::max_element(assign.begin(), assign.end()) + 1;
  std::vector<float> c(size_t(k) * d, 0.0f);
  weight.assign(k, 0.0f);
  for (size_t i = 0; i < assign.size(); ++i) {
    weight[assign[i]] += row_weight[i];
    for (int j = 0; j < d; ++j) c[size_t(assign[i]) * d + j] += row_weight[i] * x[i * d + j];
  }
  for (int r = 0; r < k; ++r) {
    float norm = 0;
    for (int j = 0; j < d; ++j) norm += c[size_t(r) * d + j] * c[size_t(r) * d + j];
    norm = std::sqrt(std::max(norm, 1e-12f));
    for (int j = 0; j < d; ++j) c[size_t(r) * d + j] /= norm;
  }
  return c;
}

}  // namespace

std::vector<int> SphericalKMeans(const std::vector<float>& x, const std::vector<float>& weight, int d, int k,
                                 int iterations, unsigned seed) {
  const size_t n = weight.size();
  k = std::min<int>(k, int(n));
  std::vector<int> assign(n, 0);
  if (k <= 0) return assign;
  std::mt19937 rng(seed);
  std::vector<size_t> order(n);
  std::iota(order.begin(), order.end(), 0);
  std::shuffle(order.begin(), order.end(), rng);
  std::vector<float> centre(size_t(k) * d);
  for (int c = 0; c < k; ++c) std::copy_n(&x[order[c] * d], d, &centre[size_t(c) * d]);
  for (int it = 0; it < iterations; ++it) {
    for (size_t i = 0; i < n; ++i) {
      const float* row = &x[i * d];
      float best = -1e30f;
      for (int c = 0; c < k; ++c) {
        const float* cen = &centre[size_t(c) * d];
        float dot = 0;
        for (int j = 0; j < d; ++j) dot += row[j] * cen[j];
        if (dot > best) best = dot, assign[i] = c;
      }
    }
    std::fill(centre.begin(), centre.end(), 0.0f);
    for (size_t i = 0; i < n; ++i)
      for (int j = 0; j < d; ++j) centre[size_t(assign[i]) * d + j] += weight[i] * x[i * d + j];
    for (int c = 0; c < k; ++c) {
      float norm = 0;
      for (int j = 0; j < d; ++j) norm += centre[size_t(c) * d + j] * centre[size_t(c) * d + j];
      norm = std::sqrt(norm);
      if (norm == 0) {  // an empty cluster takes a random row
        std::copy_n(&x[order[rng() % n] * d], d, &centre[size_t(c) * d]);
        continue;
      }
      for (int j = 0; j < d; ++j) centre[size_t(c) * d + j] /= norm;
    }
  }
  return assign;
}

WordClusters ClusterWords(const std::vector<std::vector<std::string>>& texts, const WordClusterOptions& o,
                          std::ostream& log) {
  auto start = std::chrono::steady_clock::now();
  // fastText reads a file: one text a line.
  fs::path corpus = fs::temp_directory_path() / ("sitrep-vectors-" + std::to_string(getpid()) + ".txt");
  {
    std::ofstream out(corpus);
    for (const auto& t : texts) {
      for (size_t i = 0; i < t.size(); ++i) out << (i ? " " : "") << t[i];
      out << '\n';
    }
    if (!out) throw std::runtime_error(corpus.string() + ": cannot write");
  }
  fasttext::Args args;
  args.input = corpus.string();
  args.model = fasttext::model_name::sg;
  args.loss = fasttext::loss_name::ns;
  args.dim = o.dim;
  args.epoch = o.epochs;
  args.minCount = o.min_count;
  args.thread = 1;  // one thread: the same vectors every run
  args.seed = int(o.seed);
  args.bucket = 200000;
  args.verbose = 0;
  fasttext::FastText ft;
  try {
    ft.train(args);
  } catch (...) {
    fs::remove(corpus);
    throw;
  }
  fs::remove(corpus);
  auto dict = ft.getDictionary();
  const int d = o.dim;
  WordClusters out;
  std::vector<float> x, weight;
  fasttext::Vector v(d);
  for (int32_t i = 0; i < dict->nwords(); ++i) {
    std::string w = dict->getWord(i);
    if (w == "</s>") continue;
    ft.getWordVector(v, w);
    float norm = v.norm();
    if (norm == 0) continue;
    out.words.push_back(w);
    for (int j = 0; j < d; ++j) x.push_back(v[j] / norm);
    weight.push_back(1.0f);
  }
  log << "word clusters: " << out.words.size() << " word vectors in " << Seconds(start) << " s\n";
  if (out.words.empty()) return out;
  auto fine = SphericalKMeans(x, weight, d, o.clusters, 12, o.seed);
  std::vector<float> fine_weight, mid_weight;
  const auto fine_centres = Centroids(x, weight, fine, d, fine_weight);
  auto mid = SphericalKMeans(fine_centres, fine_weight, d, std::max(2, o.clusters / 5), 20, o.seed + 1);
  const auto mid_centres = Centroids(fine_centres, fine_weight, mid, d, mid_weight);
  auto coarse = SphericalKMeans(mid_centres, mid_weight, d, std::max(2, o.clusters / 25), 20, o.seed + 2);
  for (size_t i = 0; i < out.words.size(); ++i) out.ids.push_back({fine[i], mid[fine[i]], coarse[mid[fine[i]]]});
  out.sizes = {*std::max_element(fine.begin(), fine.end()) + 1, *std::max_element(mid.begin(), mid.end()) + 1,
               *std::max_element(coarse.begin(), coarse.end()) + 1};
  log << "word clusters: " << out.sizes[0] << "/" << out.sizes[1] << "/" << out.sizes[2] << " in " << Seconds(start)
      << " s\n";
  return out;
}

}  // namespace sitrep::text

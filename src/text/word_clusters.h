// Word clusters from unlabelled text: fastText skip-gram vectors, then spherical k-means at
// three nested sizes (each clusters the centroids of the finer one). Words that occur in like
// contexts share a cluster, so a tagger can carry what it learned of one word to its
// neighbours ("asserted" to "contended"). Deterministic: one thread, fixed seeds.
#pragma once

#include <array>
#include <iosfwd>
#include <string>
#include <vector>

namespace sitrep::text {

struct WordClusterOptions {
  int dim = 50;         // vector size
  int epochs = 5;       // passes over the text
  int min_count = 3;    // rarer words get no vector
  int clusters = 1000;  // finest size; the coarser are k/5 and k/25
  unsigned seed = 1;
};

struct WordClusters {
  std::vector<std::string> words;
  std::vector<std::array<int, 3>> ids;  // per word: fine, middle, coarse cluster, each from 0
  std::array<int, 3> sizes = {0, 0, 0};
};

// `texts`: one text a vector of tokens, as the caller wants them keyed (e.g. lower-cased).
// Throws std::runtime_error when the scratch file for fastText cannot be written.
WordClusters ClusterWords(const std::vector<std::vector<std::string>>& texts, const WordClusterOptions& options,
                          std::ostream& log);

// Spherical k-means over unit rows of `x` (n × d), each row weighted; returns a cluster a row.
std::vector<int> SphericalKMeans(const std::vector<float>& x, const std::vector<float>& weight, int d, int k,
                                 int iterations, unsigned seed);

}  // namespace sitrep::text

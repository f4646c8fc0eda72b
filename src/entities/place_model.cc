// Gradient boosting with Newton steps (each tree fitted to the logistic loss's gradient and
// curvature, as XGBoost does), over features cut once into quantile bins so a split search
// is a pass over histograms.
#include "entities/place_model.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <iomanip>
#include <istream>
#include <ostream>
#include <sstream>
#include <stdexcept>

#include "util/models.h"

namespace sitrep::names {

namespace {

constexpr const char* kMagic = "sitrep-places-model";
constexpr int kVersion = 1;

double Sigmoid(double z) { return 1 / (1 + std::exp(-z)); }

// Candidate thresholds of one feature: midpoints between its distinct training values, at
// most `bins` of them, at quantiles when there are more.
std::vector<double> Cuts(std::vector<double> values, int bins) {
  std::sort(values.begin(), values.end());
  values.erase(std::unique(values.begin(), values.end()), values.end());
  std::vector<double> cuts;
  if (values.size() < 2) return cuts;
  size_t gaps = values.size() - 1;
  size_t wanted = std::min<size_t>(gaps, static_cast<size_t>(std::max(1, bins - 1)));
  for (size_t k = 1; k <= wanted; ++k) {
    size_t i = k * gaps / wanted;  // the gap after value i-1
    double cut = (values[i - 1] + values[i]) / 2;
    if (cuts.empty() || cut > cuts.back()) cuts.push_back(cut);
  }
  return cuts;
}

// Solves a x = b by Gaussian elimination with partial pivoting (a is small and, with the
// penalty on its diagonal, well conditioned).
std::vector<double> Solve(std::vector<std::vector<double>> a, std::vector<double> b) {
  const size_t n = b.size();
  for (size_t c = 0; c < n; ++c) {
    size_t p = c;
    for (size_t r = c + 1; r < n; ++r)
      if (std::abs(a[r][c]) > std::abs(a[p][c])) p = r;
    std::swap(a[c], a[p]);
    std::swap(b[c], b[p]);
    if (std::abs(a[c][c]) < 1e-12) continue;
    for (size_t r = 0; r < n; ++r) {
      if (r == c) continue;
      double k = a[r][c] / a[c][c];
      if (k == 0) continue;
      for (size_t j = c; j < n; ++j) a[r][j] -= k * a[c][j];
      b[r] -= k * b[c];
    }
  }
  std::vector<double> x(n);
  for (size_t i = 0; i < n; ++i) x[i] = std::abs(a[i][i]) > 1e-12 ? b[i] / a[i][i] : 0;
  return x;
}

// L2-penalised logistic regression by Newton's method; weight 0 is the bias (not penalised),
// then one a feature.
std::vector<double> FitLogistic(const std::vector<std::vector<double>>& x,
                                const std::vector<bool>& y, double l2) {
  const size_t d = x[0].size() + 1;
  std::vector<double> w(d);
  for (int iteration = 0; iteration < 30; ++iteration) {
    std::vector<double> grad(d);
    std::vector<std::vector<double>> hess(d, std::vector<double>(d));
    for (size_t r = 0; r < x.size(); ++r) {
      double z = w[0];
      for (size_t i = 1; i < d; ++i) z += w[i] * x[r][i - 1];
      double p = Sigmoid(z), g = p - (y[r] ? 1.0 : 0.0), h = std::max(p * (1 - p), 1e-9);
      for (size_t i = 0; i < d; ++i) {
        double xi = i ? x[r][i - 1] : 1;
        grad[i] += g * xi;
        for (size_t j = 0; j < d; ++j) hess[i][j] += h * xi * (j ? x[r][j - 1] : 1);
      }
    }
    for (size_t i = 0; i < d; ++i) {
      if (i) grad[i] += l2 * w[i], hess[i][i] += l2;
      hess[i][i] += 1e-9;
    }
    auto step = Solve(std::move(hess), std::move(grad));
    double largest = 0;
    for (size_t i = 0; i < d; ++i) {
      w[i] -= step[i];
      largest = std::max(largest, std::abs(step[i]));
    }
    if (largest < 1e-8) break;
  }
  return w;
}

struct Split {
  double gain = 0;
  int feature = -1;
  size_t cut = 0;  // rows whose bin is at most this go left
};

class Grower {
 public:
  Grower(const std::vector<std::vector<uint8_t>>& bins, const std::vector<std::vector<double>>& cuts,
         const std::vector<double>& grad, const std::vector<double>& hess,
         const PlaceTrainOptions& o)
      : bins_(bins), cuts_(cuts), grad_(grad), hess_(hess), o_(o) {}

  // Appends the subtree for `rows` to `tree` and returns its root's index.
  template <typename Node>
  int Grow(std::vector<size_t> rows, int depth, std::vector<Node>& tree) {
    double g = 0, h = 0;
    for (size_t r : rows) g += grad_[r], h += hess_[r];
    int index = static_cast<int>(tree.size());
    tree.emplace_back();
    Split s = depth < o_.depth ? Best(rows, g, h) : Split{};
    if (s.feature < 0) {
      tree[index].value = -o_.shrinkage * g / (h + o_.l2);
      return index;
    }
    std::vector<size_t> left, right;
    for (size_t r : rows) (bins_[r][s.feature] <= s.cut ? left : right).push_back(r);
    rows.clear();
    rows.shrink_to_fit();
    tree[index].feature = s.feature;
    tree[index].threshold = cuts_[s.feature][s.cut];
    int l = Grow(std::move(left), depth + 1, tree);
    int r = Grow(std::move(right), depth + 1, tree);
    tree[index].left = l;
    tree[index].right = r;
    return index;
  }

 private:
  Split Best(const std::vector<size_t>& rows, double g, double h) const {
    Split best;
    const double parent = g * g / (h + o_.l2);
    for (size_t f = 0; f < cuts_.size(); ++f) {
      size_t n = cuts_[f].size();
      if (n == 0) continue;
      std::vector<double> hg(n + 1), hh(n + 1);
      for (size_t r : rows) {
        hg[bins_[r][f]] += grad_[r];
        hh[bins_[r][f]] += hess_[r];
      }
      double gl = 0, hl = 0;
      for (size_t c = 0; c < n; ++c) {
        gl += hg[c];
        hl += hh[c];
        double gr = g - gl, hr = h - hl;
        if (hl < o_.min_hessian || hr < o_.min_hessian) continue;
        double gain = gl * gl / (hl + o_.l2) + gr * gr / (hr + o_.l2) - parent;
        if (gain > best.gain + 1e-12) best = {gain, static_cast<int>(f), c};
      }
    }
    return best;
  }

  const std::vector<std::vector<uint8_t>>& bins_;
  const std::vector<std::vector<double>>& cuts_;
  const std::vector<double>& grad_;
  const std::vector<double>& hess_;
  const PlaceTrainOptions& o_;
};

}  // namespace

PlaceModel PlaceModel::Train(const std::vector<std::vector<double>>& features,
                             const std::vector<bool>& same, const PlaceTrainOptions& o) {
  if (features.empty() || features.size() != same.size())
    throw std::runtime_error("place model: no labelled pairs to train on");
  if (o.bins < 2 || o.bins > 256) throw std::runtime_error("place model: bins must be 2..256");
  PlaceModel m;
  m.feature_count_ = features[0].size();
  const size_t n = features.size(), d = m.feature_count_;
  std::vector<std::vector<double>> cuts(d);
  for (size_t f = 0; f < d; ++f) {
    std::vector<double> column(n);
    for (size_t r = 0; r < n; ++r) column[r] = features[r].at(f);
    cuts[f] = Cuts(std::move(column), o.bins);
  }
  std::vector<std::vector<uint8_t>> bins(n, std::vector<uint8_t>(d));
  for (size_t r = 0; r < n; ++r)
    for (size_t f = 0; f < d; ++f)
      bins[r][f] = static_cast<uint8_t>(
          std::lower_bound(cuts[f].begin(), cuts[f].end(), features[r][f]) - cuts[f].begin());
  // Ties at a cut: lower_bound puts a value equal to the cut left, as Score's "below or equal".
  double positives = static_cast<double>(std::count(same.begin(), same.end(), true));
  double prior = std::clamp(positives / static_cast<double>(n), 1e-3, 1 - 1e-3);
  m.bias_ = std::log(prior / (1 - prior));
  if (o.linear_l2 >= 0) {
    auto w = FitLogistic(features, same, o.linear_l2);
    m.bias_ = w[0];
    m.linear_.assign(w.begin() + 1, w.end());
  }
  std::vector<double> z(n), grad(n), hess(n);
  for (size_t r = 0; r < n; ++r) z[r] = m.Margin(features[r].data(), d);
  std::vector<size_t> all(n);
  for (size_t r = 0; r < n; ++r) all[r] = r;
  for (int t = 0; t < o.trees; ++t) {
    for (size_t r = 0; r < n; ++r) {
      double p = Sigmoid(z[r]);
      grad[r] = p - (same[r] ? 1.0 : 0.0);
      hess[r] = std::max(p * (1 - p), 1e-6);
    }
    Tree tree;
    Grower(bins, cuts, grad, hess, o).Grow(all, 0, tree);
    for (size_t r = 0; r < n; ++r) {
      int i = 0;
      while (tree[i].feature >= 0)
        i = features[r][tree[i].feature] <= tree[i].threshold ? tree[i].left : tree[i].right;
      z[r] += tree[i].value;
    }
    m.trees_.push_back(std::move(tree));
  }
  return m;
}

double PlaceModel::Margin(const double* features, size_t count) const {
  double z = bias_;
  for (size_t i = 0; i < linear_.size() && i < count; ++i) z += linear_[i] * features[i];
  return z;
}

double PlaceModel::Score(const double* features, size_t count) const {
  double z = Margin(features, count);
  for (const Tree& tree : trees_) {
    int i = 0;
    while (tree[i].feature >= 0) {
      size_t f = static_cast<size_t>(tree[i].feature);
      double x = f < count ? features[f] : 0;
      i = x <= tree[i].threshold ? tree[i].left : tree[i].right;
    }
    z += tree[i].value;
  }
  return Sigmoid(z);
}

void PlaceModel::Save(std::ostream& out) const {
  out << kMagic << ' ' << kVersion << '\n'
      << "features " << feature_count_ << '\n'
      << std::setprecision(17) << "bias " << bias_ << '\n'
      << "linear " << linear_.size();
  for (double w : linear_) out << ' ' << w;
  out << '\n' << "trees " << trees_.size() << '\n';
  out << std::setprecision(9);
  for (const Tree& tree : trees_) {
    out << "tree " << tree.size() << '\n';
    for (const Node& n : tree) {
      if (n.feature < 0) out << "leaf " << n.value << '\n';
      else out << n.feature << ' ' << n.threshold << ' ' << n.left << ' ' << n.right << '\n';
    }
  }
}

PlaceModel PlaceModel::Load(std::istream& in, const std::string& name) {
  auto fail = [&](const std::string& why) {
    return std::runtime_error(name + ": not a place model (" + why + ")");
  };
  std::string word;
  int version = 0;
  if (!(in >> word >> version) || word != kMagic) throw fail("no '" + std::string(kMagic) + "' header");
  if (version != kVersion) throw fail("version " + std::to_string(version));
  PlaceModel m;
  size_t trees = 0;
  if (!(in >> word >> m.feature_count_) || word != "features") throw fail("no feature count");
  if (!(in >> word >> m.bias_) || word != "bias") throw fail("no bias");
  size_t weights = 0;
  if (!(in >> word >> weights) || word != "linear" || weights > m.feature_count_)
    throw fail("no linear weights");
  m.linear_.resize(weights);
  for (double& w : m.linear_)
    if (!(in >> w)) throw fail("linear weights truncated");
  if (!(in >> word >> trees) || word != "trees" || trees > 100000) throw fail("no tree count");
  for (size_t t = 0; t < trees; ++t) {
    size_t nodes = 0;
    if (!(in >> word >> nodes) || word != "tree" || nodes == 0 || nodes > 1000000)
      throw fail("tree " + std::to_string(t) + " truncated");
    Tree tree(nodes);
    for (size_t i = 0; i < nodes; ++i) {
      Node& n = tree[i];
      if (!(in >> word)) throw fail("tree " + std::to_string(t) + " truncated");
      if (word == "leaf") {
        if (!(in >> n.value)) throw fail("a leaf without a value");
        continue;
      }
      char* end = nullptr;
      long f = std::strtol(word.c_str(), &end, 10);
      if (*end || f < 0 || static_cast<size_t>(f) >= m.feature_count_) throw fail("bad feature " + word);
      n.feature = static_cast<int>(f);
      if (!(in >> n.threshold >> n.left >> n.right)) throw fail("a split without its children");
      // Children come after their parent, so a walk from the root always ends at a leaf.
      if (n.left <= static_cast<int>(i) || n.right <= static_cast<int>(i) ||
          n.left >= static_cast<int>(nodes) || n.right >= static_cast<int>(nodes))
        throw fail("a child out of range");
    }
    m.trees_.push_back(std::move(tree));
  }
  return m;
}

PlaceModel PlaceModel::Load(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error(path + ": cannot open the place model");
  return Load(in, path);
}

std::vector<LabelledPair> LoadLabelledPairs(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error(path + ": cannot open");
  std::vector<LabelledPair> pairs;
  std::string line;
  size_t number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) continue;
    std::vector<std::string> cols;
    std::istringstream split(line);
    for (std::string col; cols.size() < 3 && std::getline(split, col, '\t');) cols.push_back(col);
    std::string label = cols.size() >= 3 ? cols[2] : "";
    for (char& c : label) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    if (label != "TRUE" && label != "FALSE") {
      if (number == 1) continue;  // a header
      throw std::runtime_error(path + ":" + std::to_string(number) +
                               ": expected name<TAB>name<TAB>TRUE|FALSE");
    }
    pairs.push_back({cols[0], cols[1], label == "TRUE"});
  }
  return pairs;
}

std::string PlaceModelPath() { return ModelPath("SITREP_PLACES_MODEL", "places.model"); }

namespace {

struct Loaded {
  PlaceModel model;
  std::string error;
  bool ok = false;
};

const Loaded& LoadedModel() {
  static const Loaded* loaded = [] {
    auto* l = new Loaded;
    try {
      l->model = PlaceModel::Load(PlaceModelPath());
      l->ok = true;
    } catch (const std::exception& e) {
      l->error = e.what();
    }
    return l;
  }();
  return *loaded;
}

}  // namespace

const PlaceModel* DefaultPlaceModel() {
  const Loaded& l = LoadedModel();
  return l.ok ? &l.model : nullptr;
}

const std::string& PlaceModelError() { return LoadedModel().error; }

}  // namespace sitrep::names

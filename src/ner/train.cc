#include "ner/train.h"

#include <fasttext/fasttext.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <functional>
#include <fstream>
#include <numeric>
#include <ostream>
#include <random>

#include <nlohmann/json.hpp>

#include "ner/conll.h"
#include "ner/conlleval.h"
#include "ner/model.h"
#include "util/input_error.h"
#include "util/strings.h"

namespace sitrep::ner {

namespace fs = std::filesystem;

namespace {

double Seconds(std::chrono::steady_clock::time_point since) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - since).count();
}

bool KeepsPeriod(std::string_view w) {
  static const char* kAbbreviations[] = {"Mr", "Mrs", "Ms", "Dr", "Prof", "Gen", "Col", "Lt", "Sgt",
                                         "Rep", "Sen", "Gov", "St", "Jr", "Sr", "Co", "Corp", "Inc",
                                         "Ltd", "Bros", "Jan", "Feb", "Mar", "Apr", "Aug", "Sept",
                                         "Sep", "Oct", "Nov", "Dec", "No", "vs", "Mt", "Ft"};
  if (w.find('.') != std::string_view::npos) return true;  // "U.S" + "."
  if (w.size() == 1 && w[0] >= 'A' && w[0] <= 'Z') return true;  // an initial
  for (const char* a : kAbbreviations)
    if (w == a) return true;
  return false;
}

}  // namespace

std::vector<std::string> ConllTokens(std::string_view text) {
  std::vector<std::string> out;
  size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && (text[i] == ' ' || text[i] == '\n' || text[i] == '\t' || text[i] == '\r')) ++i;
    size_t j = i;
    while (j < text.size() && !(text[j] == ' ' || text[j] == '\n' || text[j] == '\t' || text[j] == '\r')) ++j;
    std::string_view w = text.substr(i, j - i);
    i = j;
    if (w.empty()) continue;
    while (!w.empty() && std::string_view("\"'([{<`").find(w.front()) != std::string_view::npos) {
      out.emplace_back(1, w.front());
      w.remove_prefix(1);
    }
    std::vector<std::string> tail;
    while (!w.empty()) {
      char c = w.back();
      if (std::string_view("\"')]}>,;:!?").find(c) != std::string_view::npos ||
          (c == '.' && !KeepsPeriod(w.substr(0, w.size() - 1)))) {
        tail.emplace_back(1, c);
        w.remove_suffix(1);
      } else {
        break;
      }
    }
    if (w.size() > 2 && (w.ends_with("'s") || w.ends_with("'S"))) {
      out.emplace_back(w.substr(0, w.size() - 2));
      out.emplace_back(w.substr(w.size() - 2));
    } else if (w.size() > 3 && w.ends_with("n't")) {
      out.emplace_back(w.substr(0, w.size() - 3));
      out.emplace_back("n't");
    } else if (!w.empty()) {
      out.emplace_back(w);
    }
    out.insert(out.end(), tail.rbegin(), tail.rend());
  }
  return out;
}

namespace {

// ---- the lexicon: clusters and capitalisation from unlabelled text ----

bool IsUpperAscii(char c) { return c >= 'A' && c <= 'Z'; }
bool HasLetterAscii(std::string_view w) {
  for (char c : w)
    if ((c >= 'a' && c <= 'z') || IsUpperAscii(c)) return true;
  return false;
}

struct CaseCounts {
  uint32_t up = 0, down = 0;
};

void CountCase(const std::vector<std::string>& tokens, KeyMap<CaseCounts>& counts) {
  bool initial = true;
  for (const auto& t : tokens) {
    if (!initial && HasLetterAscii(t)) {
      auto& c = counts[HashBytes(AsciiLower(t))];
      (IsUpperAscii(t[0]) ? c.up : c.down) += 1;
    }
    initial = t == "." || t == "!" || t == "?" || t == ":" || t == "\"";
  }
}

// The clusters' centres (weighted sums of their members, scaled to unit length) and their
// weights (the members' summed weights): the points the next, coarser clustering groups.
std::pair<std::vector<float>, std::vector<float>> Centroids(const std::vector<float>& x, const std::vector<float>& weight,
                                                           const std::vector<int>& cluster, int d) {
  const int k = *std::max_element(cluster.begin(), cluster.end()) + 1;
  std::vector<float> c(size_t(k) * d, 0.0f), w(k, 0.0f);
  for (size_t i = 0; i < cluster.size(); ++i) {
    w[cluster[i]] += weight[i];
    for (int j = 0; j < d; ++j) c[size_t(cluster[i]) * d + j] += weight[i] * x[i * d + j];
  }
  for (int a = 0; a < k; ++a) {
    float norm = 0;
    for (int j = 0; j < d; ++j) norm += c[size_t(a) * d + j] * c[size_t(a) * d + j];
    norm = std::sqrt(std::max(norm, 1e-12f));
    for (int j = 0; j < d; ++j) c[size_t(a) * d + j] /= norm;
  }
  return {std::move(c), std::move(w)};
}

// Spherical k-means over unit rows of `x` (n × d), each row weighted; returns a cluster a row.
std::vector<int> KMeans(const std::vector<float>& x, const std::vector<float>& weight, int d, int k,
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

std::vector<std::vector<std::string>> ReadUnlabelled(const std::vector<std::string>& paths) {
  std::vector<std::vector<std::string>> texts;
  for (const auto& path : paths) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw InputError(path + ": cannot open");
    std::string line;
    long number = 0;
    while (std::getline(in, line)) {
      ++number;
      if (TrimSpace(line).empty()) continue;
      auto j = nlohmann::json::parse(line, nullptr, false);
      if (j.is_discarded() || !j.is_object())
        throw InputError(path + ":" + std::to_string(number) + ": not a JSON object");
      auto text = j.find("text");
      if (text == j.end() || !text->is_string()) continue;
      texts.push_back(ConllTokens(text->get<std::string>()));
    }
  }
  return texts;
}

void BuildLexicon(const TrainOptions& o, const std::vector<ConllDocument>& train, Lexicon& lexicon,
                  std::ostream& log) {
  auto start = std::chrono::steady_clock::now();
  auto texts = ReadUnlabelled(o.unlabelled);
  for (const auto& doc : train)
    for (const auto& s : doc.sentences) texts.push_back(s.words);
  size_t tokens = 0;
  KeyMap<CaseCounts> case_counts;
  for (const auto& t : texts) {
    tokens += t.size();
    CountCase(t, case_counts);
  }
  case_counts.ForEach([&](uint64_t key, const CaseCounts& c) {
    const uint32_t n = c.up + c.down;
    if (n < 2) return;
    const double up = double(c.up) / n;
    lexicon.capitalised[key] = up < 0.05 ? 1 : up < 0.3 ? 2 : up < 0.7 ? 3 : up < 0.95 ? 4 : 5;
  });
  log << "lexicon: " << texts.size() << " texts, " << tokens << " tokens, "
      << lexicon.capitalised.size() << " words with a capitalisation rate\n";

  // fastText reads a file: one text a line, tokens as CoNLL cuts them.
  fs::path corpus = fs::temp_directory_path() / ("sitrep-ner-corpus-" + std::to_string(getpid()) + ".txt");
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
  args.epoch = o.vector_epochs;
  args.minCount = 3;
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
  std::vector<std::string> words;
  std::vector<float> x, weight;
  fasttext::Vector v(d);
  for (int32_t i = 0; i < dict->nwords(); ++i) {
    std::string w = dict->getWord(i);
    if (w == "</s>") continue;
    ft.getWordVector(v, w);
    float norm = v.norm();
    if (norm == 0) continue;
    words.push_back(w);
    for (int j = 0; j < d; ++j) x.push_back(v[j] / norm);
    weight.push_back(1.0f);
  }
  log << "lexicon: " << words.size() << " word vectors in " << Seconds(start) << " s\n";
  // Three granularities, each clustering the centroids of the finer one, so they nest.
  auto fine = KMeans(x, weight, d, o.clusters, 12, o.seed);
  auto [cx, cw] = Centroids(x, weight, fine, d);
  auto mid = KMeans(cx, cw, d, std::max(2, o.clusters / 5), 20, o.seed + 1);
  auto [mx, mw] = Centroids(cx, cw, mid, d);
  auto coarse = KMeans(mx, mw, d, std::max(2, o.clusters / 25), 20, o.seed + 2);
  for (size_t i = 0; i < words.size(); ++i) {
    const uint32_t c0 = fine[i], c1 = mid[c0], c2 = coarse[c1];
    lexicon.clusters[HashBytes(words[i])] = (c0 + 1) | ((c1 + 1) << 10) | ((c2 + 1) << 20);
  }
  log << "lexicon: clusters " << cw.size() << "/" << mw.size() << "/" << (*std::max_element(coarse.begin(), coarse.end()) + 1)
      << " in " << Seconds(start) << " s\n";
}

// ---- documents with gold labels ----

struct Sample {
  DocInput doc;
  std::vector<uint8_t> gold;
  std::vector<std::vector<std::string>> gold_tags;  // as in the file, for scoring
  Features first, second;
  std::vector<uint32_t> first_index, second_index;  // feature indices (kUnknown when unseen)
  int fold = 0;
};

constexpr uint32_t kUnknown = UINT32_MAX;

std::vector<Sample> ToSamples(const std::vector<ConllDocument>& docs, int folds) {
  std::vector<Sample> out;
  for (size_t k = 0; k < docs.size(); ++k) {
    Sample s;
    s.fold = int(k % folds);
    for (const auto& sentence : docs[k].sentences) {
      s.doc.sentence_begin.push_back(uint32_t(s.doc.words.size()));
      for (const auto& w : sentence.words) s.doc.words.push_back(NormaliseWord(w));
      std::vector<uint8_t> labels(sentence.words.size(), 0);
      for (const Chunk& c : ChunksOf(sentence.tags)) {
        int type = TypeOf(c.type);
        if (type < 0) throw InputError("unknown entity type \"" + c.type + "\"");
        for (int i = c.begin; i < c.end; ++i)
          labels[i] = uint8_t(MakeLabel(type, c.end - c.begin == 1 ? 3 : i == c.begin ? 0 : i + 1 == c.end ? 2 : 1));
      }
      s.gold.insert(s.gold.end(), labels.begin(), labels.end());
      s.gold_tags.push_back(sentence.tags);
    }
    out.push_back(std::move(s));
  }
  return out;
}

void AddNames(const Sample& s, Gazetteer& g) {
  for (size_t k = 0; k < s.doc.sentence_begin.size(); ++k) {
    const size_t b = s.doc.sentence_begin[k], e = s.doc.SentenceEnd(k);
    for (size_t i = b; i < e; ++i) {
      if (LabelPos(s.gold[i]) != 0 && LabelPos(s.gold[i]) != 3) continue;
      size_t j = i;
      while (LabelPos(s.gold[i]) == 0 && j + 1 < e && LabelPos(s.gold[j]) != 2) ++j;
      g.Add(std::vector<std::string>(s.doc.words.begin() + i, s.doc.words.begin() + j + 1), LabelType(s.gold[i]));
    }
  }
}

// ---- the averaged structured perceptron ----

class FeatureIndex {
 public:
  uint32_t Add(uint64_t h) {
    uint32_t& slot = index_[h];
    if (slot == 0) {
      hashes_.push_back(h);
      slot = uint32_t(hashes_.size());
    }
    return slot - 1;
  }
  uint32_t Find(uint64_t h) const {
    const uint32_t* slot = index_.Find(h);
    return slot ? *slot - 1 : kUnknown;
  }
  size_t size() const { return hashes_.size(); }
  uint64_t hash(uint32_t i) const { return hashes_[i]; }

 private:
  KeyMap<uint32_t> index_;  // hash -> index + 1
  std::vector<uint64_t> hashes_;
};

class Perceptron {
 public:
  explicit Perceptron(size_t features) : w_(features * kLabels, 0.0f), u_(features * kLabels, 0.0f) {}

  // Trains on the samples whose fold differs from `held_out` (-1: all), reading `second`
  // pass features or first.
  void Train(const std::vector<Sample>& samples, int held_out, bool second, int epochs, unsigned seed,
             const std::function<void(int)>& after_epoch) {
    std::vector<std::pair<uint32_t, uint32_t>> sentences;
    for (uint32_t d = 0; d < samples.size(); ++d)
      if (samples[d].fold != held_out)
        for (uint32_t k = 0; k < samples[d].doc.sentence_begin.size(); ++k) sentences.push_back({d, k});
    std::mt19937 rng(seed);
    std::vector<float> emissions;
    std::vector<uint8_t> predicted;
    for (int epoch = 0; epoch < epochs; ++epoch) {
      std::shuffle(sentences.begin(), sentences.end(), rng);
      for (auto [d, k] : sentences) {
        const Sample& s = samples[d];
        const auto& index = second ? s.second_index : s.first_index;
        const auto& offsets = second ? s.second.offsets : s.first.offsets;
        const size_t b = s.doc.sentence_begin[k], e = s.doc.SentenceEnd(k), n = e - b;
        emissions.assign(n * kLabels, 0.0f);
        for (size_t i = b; i < e; ++i) {
          float* out = &emissions[(i - b) * kLabels];
          for (uint32_t f = offsets[i]; f < offsets[i + 1]; ++f) {
            if (index[f] == kUnknown) continue;
            const float* row = &w_[size_t(index[f]) * kLabels];
            for (int l = 0; l < kLabels; ++l) out[l] += row[l];
          }
        }
        predicted.resize(n);
        Viterbi(emissions.data(), kLabels, n, t_, predicted.data());
        for (size_t i = b; i < e; ++i) {
          const int g = s.gold[i], p = predicted[i - b];
          if (g != p) {
            for (uint32_t f = offsets[i]; f < offsets[i + 1]; ++f) {
              if (index[f] == kUnknown) continue;
              Update(size_t(index[f]) * kLabels + g, 1.0f);
              Update(size_t(index[f]) * kLabels + p, -1.0f);
            }
          }
          if (i > b) {
            const int gp = s.gold[i - 1], pp = predicted[i - 1 - b];
            if (gp != pp || g != p) {
              t_[gp][g] += 1, tu_[gp][g] += c_;
              t_[pp][p] -= 1, tu_[pp][p] -= c_;
            }
          }
        }
        ++c_;
      }
      if (after_epoch) after_epoch(epoch + 1);
    }
  }

  // The averaged weights, one row a feature index, and transitions.
  std::vector<LabelWeights> Averaged(float (*transitions)[kLabels]) const {
    std::vector<LabelWeights> rows(w_.size() / kLabels);
    for (size_t f = 0; f < rows.size(); ++f)
      for (int l = 0; l < kLabels; ++l) rows[f][l] = w_[f * kLabels + l] - u_[f * kLabels + l] / c_;
    for (int p = 0; p < kLabels; ++p)
      for (int l = 0; l < kLabels; ++l) transitions[p][l] = t_[p][l] - tu_[p][l] / c_;
    return rows;
  }

 private:
  void Update(size_t at, float by) {
    w_[at] += by;
    u_[at] += by * c_;
  }
  std::vector<float> w_, u_;
  float t_[kLabels][kLabels] = {}, tu_[kLabels][kLabels] = {};
  float c_ = 1;
};

void IndexFeatures(const Features& f, FeatureIndex& index, bool grow, std::vector<uint32_t>& out) {
  out.resize(f.hashes.size());
  for (size_t i = 0; i < f.hashes.size(); ++i) out[i] = grow ? index.Add(f.hashes[i]) : index.Find(f.hashes[i]);
}

// Both passes' rows into the model's table; weights too small to matter after int8
// quantisation are dropped to keep the model small.
void BuildTable(const FeatureIndex& index, const std::vector<LabelWeights>& first,
                const std::vector<LabelWeights>& second, WeightTable& table) {
  std::vector<std::pair<uint64_t, WeightTable::Row>> rows;
  for (size_t f = 0; f < index.size(); ++f) {
    WeightTable::Row row{};
    bool any = false;
    for (int l = 0; l < kLabels; ++l) {
      if (f < first.size()) row[l] = first[f][l];
      if (f < second.size()) row[WeightTable::kSecond + l] = second[f][l];
      any |= std::fabs(row[l]) > 1e-4f || std::fabs(row[WeightTable::kSecond + l]) > 1e-4f;
    }
    if (any) rows.push_back({index.hash(uint32_t(f)), row});
  }
  table.Build(rows);
}

std::string IobTag(uint8_t label) {
  if (label == 0) return "O";
  const int pos = LabelPos(label);
  return std::string(pos == 0 || pos == 3 ? "B-" : "I-") + TypeName(LabelType(label));
}

ConllEval Score(const ModelParts& model, const std::vector<Sample>& dev, bool two_passes) {
  ConllEval eval;
  std::vector<uint8_t> labels;
  for (const auto& s : dev) {
    TagDocument(model, s.doc, labels, two_passes);
    for (size_t k = 0; k < s.doc.sentence_begin.size(); ++k) {
      std::vector<std::string> guessed;
      for (size_t i = s.doc.sentence_begin[k]; i < s.doc.SentenceEnd(k); ++i) guessed.push_back(IobTag(labels[i]));
      eval.AddSentence(s.gold_tags[k], guessed);
    }
  }
  return eval;
}

}  // namespace

NerModel Train(const TrainOptions& o, std::ostream& log) {
  auto start = std::chrono::steady_clock::now();
  auto train_docs = ReadConll(o.train_path);
  if (train_docs.empty()) throw InputError(o.train_path + ": no sentences");
  std::vector<ConllDocument> dev_docs;
  if (!o.dev_path.empty()) dev_docs = ReadConll(o.dev_path);
  NerModel model;
  ModelParts& m = model.parts();
  m.provenance = o.provenance;
  if (!o.lexicon_cache.empty() && fs::exists(o.lexicon_cache)) {
    m.lexicon = std::move(NerModel::Load(o.lexicon_cache).parts().lexicon);
    log << "lexicon: read from " << o.lexicon_cache << "\n";
  } else {
    BuildLexicon(o, train_docs, m.lexicon, log);
    if (!o.lexicon_cache.empty()) {
      NerModel cache;
      cache.parts().lexicon = m.lexicon;
      cache.Save(o.lexicon_cache);
    }
  }

  auto train = ToSamples(train_docs, o.folds);
  auto dev = ToSamples(dev_docs, 1);
  for (const auto& s : train) AddNames(s, m.gazetteer);
  // Training text sees gazetteers made from the other folds only.
  std::vector<Gazetteer> fold_gazetteers(o.folds);
  for (const auto& s : train)
    for (int f = 0; f < o.folds; ++f)
      if (s.fold != f) AddNames(s, fold_gazetteers[f]);
  // Features seen once in the training text name one token: they teach nothing general.
  FeatureIndex index;
  KeyMap<uint32_t> seen;
  for (auto& s : train) {
    FirstPassFeatures(m.lexicon, fold_gazetteers[s.fold], s.doc, s.first);
    for (uint64_t h : s.first.hashes) ++seen[h];
  }
  for (auto& s : train) {
    for (uint64_t h : s.first.hashes)
      if (*seen.Find(h) >= uint32_t(o.min_count)) index.Add(h);
    IndexFeatures(s.first, index, false, s.first_index);
  }
  log << "features: " << index.size() << " first-pass, gazetteer " << m.gazetteer.size() << " names, "
      << Seconds(start) << " s\n";

  // First-pass labels for the training text, each fold tagged by a model that never saw it.
  std::vector<std::vector<uint8_t>> jackknifed(train.size());
  for (int f = 0; f < o.folds; ++f) {
    Perceptron p(index.size());
    p.Train(train, f, false, o.epochs, o.seed + 10 + f, {});
    ModelParts fold_model;
    fold_model.lexicon = m.lexicon;
    fold_model.gazetteer = fold_gazetteers[f];
    BuildTable(index, p.Averaged(fold_model.transitions[0]), {}, fold_model.weights);
    for (size_t d = 0; d < train.size(); ++d)
      if (train[d].fold == f) TagDocument(fold_model, train[d].doc, jackknifed[d], false);
    log << "fold " << f + 1 << "/" << o.folds << " done, " << Seconds(start) << " s\n";
  }
  std::vector<LabelWeights> first;
  {
    Perceptron p(index.size());
    p.Train(train, -1, false, o.epochs, o.seed, [&](int epoch) {
      if (dev.empty()) return;
      BuildTable(index, p.Averaged(m.transitions[0]), {}, m.weights);
      log << "first pass, epoch " << epoch << ": dev F1 " << Score(m, dev, false).Overall().f1 << "\n";
    });
    first = p.Averaged(m.transitions[0]);
  }
  // The second pass reads the first pass's features and its own.
  Features extra;
  for (size_t d = 0; d < train.size(); ++d) {
    Sample& s = train[d];
    SecondPassFeatures(s.doc, jackknifed[d], extra);
    s.second.Clear();
    for (size_t i = 0; i < s.doc.words.size(); ++i) {
      s.second.hashes.insert(s.second.hashes.end(), s.first.hashes.begin() + s.first.offsets[i],
                             s.first.hashes.begin() + s.first.offsets[i + 1]);
      s.second.hashes.insert(s.second.hashes.end(), extra.hashes.begin() + extra.offsets[i],
                             extra.hashes.begin() + extra.offsets[i + 1]);
      s.second.offsets.push_back(uint32_t(s.second.hashes.size()));
    }
    IndexFeatures(s.second, index, true, s.second_index);
  }
  log << "features: " << index.size() << " with the second pass's\n";
  {
    Perceptron p(index.size());
    p.Train(train, -1, true, o.epochs, o.seed + 1, [&](int epoch) {
      if (dev.empty()) return;
      BuildTable(index, first, p.Averaged(m.transitions[1]), m.weights);
      log << "second pass, epoch " << epoch << ": dev F1 " << Score(m, dev, true).Overall().f1 << "\n";
    });
    BuildTable(index, first, p.Averaged(m.transitions[1]), m.weights);
  }
  log << "trained in " << Seconds(start) << " s: " << m.weights.size() << " weight rows\n";
  return model;
}

}  // namespace sitrep::ner

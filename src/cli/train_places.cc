// sitrep train places: builds the place-name matcher's model (models/places.model) from
// labelled toponym pairs. Two-fold first, so the figures it prints are on pairs the model
// did not see: fit on the file's first half and score the second, then the other way round;
// then fits on the whole file and writes that model.
#include <cstdio>
#include <exception>
#include <fstream>
#include <stdexcept>

#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "entities/names.h"
#include "entities/place_model.h"

namespace sitrep::cli {

namespace {

struct Rows {
  std::vector<std::vector<double>> features;
  std::vector<bool> same;
};

Rows Slice(const Rows& all, size_t begin, size_t end) {
  Rows r;
  r.features.assign(all.features.begin() + begin, all.features.begin() + end);
  r.same.assign(all.same.begin() + begin, all.same.begin() + end);
  return r;
}

struct Counts {
  size_t tp = 0, fp = 0, fn = 0;
  void Add(const Counts& o) { tp += o.tp, fp += o.fp, fn += o.fn; }
  nlohmann::json Json() const {
    double p = tp + fp ? double(tp) / double(tp + fp) : 0;
    double r = tp + fn ? double(tp) / double(tp + fn) : 0;
    return {{"precision", p}, {"recall", r}, {"f1", p + r > 0 ? 2 * p * r / (p + r) : 0}};
  }
};

Counts Score(const names::PlaceModel& m, const Rows& rows) {
  Counts c;
  for (size_t i = 0; i < rows.features.size(); ++i) {
    bool same = m.Score(rows.features[i].data(), rows.features[i].size()) >= names::kSamePlace;
    c.tp += same && rows.same[i];
    c.fp += same && !rows.same[i];
    c.fn += !same && rows.same[i];
  }
  return c;
}

}  // namespace

void AddTrainPlaces(CLI::App& train) {
  auto* cmd = train.add_subcommand(
      "places", "Train the place-name matcher on labelled pairs (two-fold figures, then all)");
  static std::string path, out = "models/places.model";
  static names::PlaceTrainOptions o;
  cmd->add_option("--pairs", path, "TSV of labelled pairs (name, name, TRUE/FALSE)")->required();
  cmd->add_option("--out", out, "Model file to write")->capture_default_str();
  cmd->add_option("--trees", o.trees, "Boosting rounds")->capture_default_str();
  cmd->add_option("--depth", o.depth, "Tree depth")->capture_default_str();
  cmd->add_option("--shrinkage", o.shrinkage, "Each tree's weight")->capture_default_str();
  cmd->add_option("--min-hessian", o.min_hessian, "Least curvature in a leaf")->capture_default_str();
  cmd->add_option("--l2", o.l2, "Penalty on leaf values")->capture_default_str();
  cmd->add_option("--linear-l2", o.linear_l2,
                  "Penalty of the logistic regression the trees start from (below 0: none)")
      ->capture_default_str();
  cmd->callback([] {
    try {
      auto pairs = names::LoadLabelledPairs(path);
      if (pairs.size() < 4) throw std::runtime_error(path + ": too few labelled pairs to train on");
      names::NameCache cache;
      Rows all;
      for (const auto& p : pairs) {
        auto f = names::PlacePairFeatures(cache.Get(p.a), cache.Get(p.b));
        all.features.emplace_back(f.begin(), f.end());
        all.same.push_back(p.same);
      }
      const size_t half = pairs.size() / 2;
      Rows first = Slice(all, 0, half), second = Slice(all, half, pairs.size());
      Counts a = Score(names::PlaceModel::Train(first.features, first.same, o), second);
      Counts b = Score(names::PlaceModel::Train(second.features, second.same, o), first);
      Counts pooled = a;
      pooled.Add(b);
      auto model = names::PlaceModel::Train(all.features, all.same, o);
      std::ofstream file(out);
      model.Save(file);
      if (!file.flush()) throw std::runtime_error(out + ": cannot write");
      nlohmann::json j = {{"pairs", pairs.size()},
                          {"features", names::kPlaceFeatures},
                          {"trees", model.tree_count()},
                          {"fit_first_score_second", a.Json()},
                          {"fit_second_score_first", b.Json()},
                          {"two_fold", pooled.Json()},
                          {"in_sample", Score(model, all).Json()},
                          {"model", out}};
      std::printf("%s\n", j.dump().c_str());
    } catch (const std::exception& e) {
      std::fprintf(stderr, "train places: %s\n", e.what());
      ExitCode() = 1;
    }
  });
}

}  // namespace sitrep::cli

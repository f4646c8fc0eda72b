// sitrep eval names --pairs FILE: the name matcher against labelled pairs (TSV: name, name,
// TRUE/FALSE in the first three columns, an optional header line), at the matcher's own
// threshold (names::kSamePlace for places, the default; names::kSameName for people), never
// one fitted to the file. --features writes each pair's place-matcher features.
#include <chrono>
#include <cstdio>
#include <fstream>
#include <stdexcept>

#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "entities/names.h"
#include "entities/place_model.h"

namespace sitrep::cli {

void AddEvalNames(CLI::App& eval) {
  auto* cmd = eval.add_subcommand(
      "names", "Score the name matcher on labelled pairs (TSV: name, name, TRUE/FALSE)");
  static std::string path;
  static bool show_misses = false;
  static double threshold = -1;
  static std::string kind = "place";
  static std::string features_path;
  cmd->add_option("--pairs", path, "TSV file of labelled name pairs")->required();
  cmd->add_option("--threshold", threshold, "Call pairs scoring at least this the same")
      ->capture_default_str();
  cmd->add_option("--kind", kind, "place (toponyms, the default) or person: which matcher")
      ->check(CLI::IsMember({"place", "person"}));
  cmd->add_option("--features", features_path,
                  "Write each pair's place-matcher features and label to this TSV");
  cmd->add_flag("--misses", show_misses, "List the pairs judged wrongly, with their scores");
  cmd->callback([] {
    try {
      auto pairs = names::LoadLabelledPairs(path);
      const bool place = kind == "place";
      if (place && !names::DefaultPlaceModel()) throw std::runtime_error(names::PlaceModelError());
      if (threshold < 0) threshold = place ? names::kSamePlace : names::kSameName;
      std::ofstream features;
      if (!features_path.empty()) {
        features.open(features_path);
        if (!features) throw std::runtime_error(features_path + ": cannot write");
      }
      names::NameCache cache;
      size_t tp = 0, fp = 0, fn = 0;
      nlohmann::json misses = nlohmann::json::array();
      auto start = std::chrono::steady_clock::now();
      for (const auto& p : pairs) {
        const names::NameForm& fa = cache.Get(p.a);
        const names::NameForm& fb = cache.Get(p.b);
        double score = place ? names::PlaceNameSimilarity(fa, fb) : names::NameSimilarity(fa, fb);
        if (features) {
          features << (p.same ? 1 : 0);
          for (double x : names::PlacePairFeatures(fa, fb)) features << '\t' << x;
          features << '\n';
        }
        bool same = score >= threshold;
        tp += same && p.same;
        fp += same && !p.same;
        fn += !same && p.same;
        if (show_misses && same != p.same)
          misses.push_back({{"a", p.a}, {"b", p.b}, {"gold", p.same}, {"score", score},
                            {"a_key", fa.romanised}, {"b_key", fb.romanised}});
      }
      double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      double precision = tp + fp ? double(tp) / double(tp + fp) : 0;
      double recall = tp + fn ? double(tp) / double(tp + fn) : 0;
      double f1 = precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0;
      nlohmann::json j = {{"pairs", pairs.size()},   {"precision", precision},
                          {"recall", recall},        {"f1", f1},
                          {"threshold", threshold},          {"kind", kind},
                          {"pairs_per_s", s > 0 ? double(pairs.size()) / s : 0.0}};
      if (show_misses) j["misses"] = misses;
      std::printf("%s\n", j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace).c_str());
      if (pairs.empty()) {
        std::fprintf(stderr, "eval names: %s: no labelled pairs\n", path.c_str());
        ExitCode() = 1;
      }
    } catch (const std::exception& e) {
      std::fprintf(stderr, "eval names: %s\n", e.what());
      ExitCode() = 1;
    }
  });
}

}  // namespace sitrep::cli

// sitrep eval time --timeml DIR: the temporal tagger against gold TIMEX3 annotation (TimeML
// .tml files or MEANTIME XML, told apart by content), scored the TempEval-3 way.
#include <chrono>
#include <cstdio>
#include <exception>

#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "time/article_date.h"
#include "time/timeml.h"
#include "time/timex.h"
#include "time/timex_eval.h"

namespace sitrep::cli {

namespace {

using timex_eval::Scored;

bool Overlaps(Span a, Span b) { return a.begin < b.end && b.begin < a.end; }

// The tagger's expressions for one document; the DCT is given, so whatever the tagger finds
// over its span (MEANTIME's dateline) is neither credited nor charged, and nor is what lies
// past the annotated part of the document.
std::vector<Scored> Predict(const timeml::GoldDocument& doc) {
  std::vector<Scored> out;
  // A file without a creation time is read as the product reads an undated article: anchored
  // on the date inferred from its text.
  DateTime anchor = doc.dct;
  if (!anchor.known())
    if (auto inferred = InferPublicationTime(doc.text)) anchor = inferred->when;
  for (auto& t : FindTimexes(doc.text, anchor)) {
    if (doc.dct_span && Overlaps(*doc.dct_span, t.span)) continue;
    if (t.span.begin >= doc.scored_end) continue;
    out.push_back({t.span, t.type, t.value, t.mod});
  }
  return out;
}

std::vector<Scored> GoldOf(const timeml::GoldDocument& doc) {
  std::vector<Scored> out;
  for (auto& g : doc.timexes) out.push_back({g.span, g.type, g.value, g.mod});
  return out;
}

nlohmann::json PrfJson(timex_eval::Prf p) { return {{"p", p.p}, {"r", p.r}, {"f1", p.f1}}; }

// Misses as "gold|pred" lines: extent errors, spurious, missed, wrong values.
void AddMisses(const timeml::GoldDocument& doc, const std::vector<Scored>& gold,
               const std::vector<Scored>& pred, nlohmann::json& misses) {
  auto text = [&](Span s) { return doc.text.substr(s.begin, s.size()); };
  std::vector<bool> gold_hit(gold.size()), pred_hit(pred.size());
  for (auto [g, p] : timex_eval::Match(gold, pred)) {
    gold_hit[g] = pred_hit[p] = true;
    if (gold[g].span == pred[p].span && gold[g].value == pred[p].value && gold[g].type == pred[p].type)
      continue;
    misses.push_back({{"kind", "mismatch"}, {"gold", text(gold[g].span)},
                      {"gold_value", gold[g].type + " " + gold[g].value}, {"found", text(pred[p].span)},
                      {"found_value", pred[p].type + " " + pred[p].value}, {"dct", doc.dct.Iso()},
                      {"context", doc.text.substr(gold[g].span.begin > 60 ? gold[g].span.begin - 60 : 0, 120 + gold[g].span.size())}});
  }
  for (size_t g = 0; g < gold.size(); ++g)
    if (!gold_hit[g])
      misses.push_back({{"kind", "missed"}, {"gold", text(gold[g].span)},
                        {"gold_value", gold[g].type + " " + gold[g].value}, {"dct", doc.dct.Iso()},
                        {"context", doc.text.substr(gold[g].span.begin > 60 ? gold[g].span.begin - 60 : 0, 120 + gold[g].span.size())}});
  for (size_t p = 0; p < pred.size(); ++p)
    if (!pred_hit[p])
      misses.push_back({{"kind", "spurious"}, {"found", text(pred[p].span)},
                        {"found_value", pred[p].type + " " + pred[p].value},
                        {"context", doc.text.substr(pred[p].span.begin > 40 ? pred[p].span.begin - 40 : 0, 80 + pred[p].span.size())}});
}

}  // namespace

void AddEvalTime(CLI::App& eval) {
  // MEANTIME puts TIMEX3 only in each article's title and first sentences (0-5, dateline
  // included): all 488 of its English TIMEX3 lie there, while 270 month, weekday and year
  // tokens further down carry none. Scoring past that point would charge correct finds.
  auto* cmd = eval.add_subcommand(
      "time",
      "Score temporal expressions against TimeML/MEANTIME gold (TempEval-3 strict/relaxed "
      "extents, value and type F1). MEANTIME annotates times only in the title and the first "
      "sentences (0-5), so only that part of its documents is scored.");
  static std::string dir;
  static bool show_misses = false;
  cmd->add_option("--timeml", dir, "Folder of .tml (TimeML) or MEANTIME .xml files")->required();
  cmd->add_flag("--misses", show_misses, "List every extent, value and type error");
  cmd->callback([] {
    try {
      auto docs = timeml::LoadGoldDir(dir);
      timex_eval::Counts total;
      nlohmann::json misses = nlohmann::json::array();
      size_t bytes = 0;
      auto start = std::chrono::steady_clock::now();
      for (const auto& doc : docs) {
        auto gold = GoldOf(doc);
        auto pred = Predict(doc);
        total.Add(timex_eval::Score(gold, pred));
        if (show_misses) AddMisses(doc, gold, pred, misses);
        bytes += doc.text.size();
      }
      double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      using timex_eval::FromCounts;
      nlohmann::json j = {
          {"documents", docs.size()},
          {"gold", total.gold},
          {"predicted", total.predicted},
          {"strict", PrfJson(FromCounts(total.strict, total.predicted, total.gold))},
          {"relaxed", PrfJson(FromCounts(total.relaxed, total.predicted, total.gold))},
          {"value_f1", FromCounts(total.value, total.predicted, total.gold).f1},
          {"type_f1", FromCounts(total.type, total.predicted, total.gold).f1},
          {"mod_f1", total.mod_gold ? nlohmann::json(FromCounts(total.mod, total.mod_predicted, total.mod_gold).f1) : nlohmann::json()},
          {"documents_per_s", s > 0 ? docs.size() / s : 0.0}};
      if (show_misses) j["misses"] = misses;
      std::printf("%s\n", j.dump().c_str());
      if (docs.empty()) ExitCode() = 1;
    } catch (const std::exception& e) {
      std::fprintf(stderr, "eval time: %s\n", e.what());
      ExitCode() = 1;
    }
  });
}

}  // namespace sitrep::cli

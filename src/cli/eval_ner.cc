// sitrep eval ner --conll FILE: the entity tagger against CoNLL-2003 gold, scored as
// conlleval scores it (exact spans and types).
#include <chrono>
#include <cstdio>
#include <exception>
#include <fstream>
#include <stdexcept>

#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "ner/conll.h"
#include "ner/conlleval.h"
#include "ner/ner.h"

namespace sitrep::cli {

namespace {
nlohmann::json PrfJson(const ner::Prf& p) {
  return {{"precision", p.precision}, {"recall", p.recall}, {"f1", p.f1}};
}
}  // namespace

void AddEvalNer(CLI::App& eval) {
  auto* cmd = eval.add_subcommand(
      "ner",
      "Score the named-entity tagger on a CoNLL-2003 file (conlleval's exact-span scoring; "
      "precision, recall and F1 as fractions)");
  static std::string conll, model_path, output;
  cmd->add_option("--conll", conll, "CoNLL file: token ... tag a line, -DOCSTART- between documents")
      ->required();
  cmd->add_option("--model", model_path, "The model (default: $SITREP_NER_MODEL or models/ner.model)");
  cmd->add_option("--output", output,
                  "Also write \"word gold guess\" lines (conlleval's input) to this file");
  cmd->callback([] {
    try {
      auto model = ner::NerModel::Load(model_path.empty() ? ner::DefaultModelPath() : model_path);
      auto docs = ner::ReadConll(conll);
      ner::ConllEval score;
      std::ofstream out;
      if (!output.empty()) {
        out.open(output);
        if (!out) throw std::runtime_error(output + ": cannot write");
      }
      double seconds = 0;
      for (const auto& doc : docs) {
        std::vector<std::vector<std::string>> words;
        for (const auto& s : doc.sentences) words.push_back(s.words);
        auto start = std::chrono::steady_clock::now();
        auto tags = ner::TagSentences(model, words);
        seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        for (size_t k = 0; k < doc.sentences.size(); ++k) {
          score.AddSentence(doc.sentences[k].tags, tags[k]);
          if (!out.is_open()) continue;
          for (size_t i = 0; i < tags[k].size(); ++i)
            out << doc.sentences[k].words[i] << ' ' << doc.sentences[k].tags[i] << ' ' << tags[k][i] << '\n';
          out << '\n';
        }
      }
      auto overall = score.Overall();
      nlohmann::json per_type = nlohmann::json::object();
      for (const auto& t : score.Types()) per_type[t] = PrfJson(score.OfType(t));
      nlohmann::json j = {{"precision", overall.precision},
                          {"recall", overall.recall},
                          {"f1", overall.f1},
                          {"per_type", per_type},
                          {"documents", docs.size()},
                          {"gold_entities", score.gold_chunks()},
                          {"predicted_entities", score.guessed_chunks()},
                          {"correct_entities", score.correct_chunks()},
                          {"tokens", score.tokens()},
                          {"tokens_per_s", seconds > 0 ? score.tokens() / seconds : 0.0}};
      std::printf("%s\n", j.dump().c_str());
      if (docs.empty()) {
        std::fprintf(stderr, "eval ner: %s: no sentences\n", conll.c_str());
        ExitCode() = 1;
      }
    } catch (const std::exception& e) {
      std::fprintf(stderr, "eval ner: %s\n", e.what());
      ExitCode() = 1;
    }
  });
}

}  // namespace sitrep::cli

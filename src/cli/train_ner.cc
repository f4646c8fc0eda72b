// sitrep train ner: builds the entity tagger's model from CoNLL-2003 training data and
// unlabelled news (see README.md for the command that rebuilt models/ner.model).
#include <cstdio>
#include <exception>
#include <iostream>
#include <sstream>

#include "cli/commands.h"
#include "ner/train.h"

namespace sitrep::cli {

void AddTrainNer(CLI::App& train) {
  auto* cmd = train.add_subcommand("ner", "Train the named-entity tagger (deterministic, one thread)");
  static ner::TrainOptions o;
  static std::string out;
  cmd->add_option("--conll", o.train_path, "CoNLL training file")->required();
  cmd->add_option("--dev", o.dev_path, "CoNLL file scored after each epoch (not trained on)");
  cmd->add_option("--unlabelled", o.unlabelled,
                  "JSON Lines of unlabelled news (\"text\" field) for word clusters; repeatable")
      ->required();
  cmd->add_option("--out", out, "Where to write the model")->required();
  cmd->add_option("--epochs", o.epochs, "Perceptron epochs a pass")->capture_default_str();
  cmd->add_option("--min-count", o.min_count, "Drop features seen fewer times in training")
      ->capture_default_str();
  cmd->add_option("--clusters", o.clusters, "Finest number of word clusters")->capture_default_str();
  cmd->add_option("--dim", o.dim, "Word-vector size")->capture_default_str();
  cmd->add_option("--vector-epochs", o.vector_epochs, "fastText epochs")->capture_default_str();
  cmd->add_option("--seed", o.seed, "Random seed")->capture_default_str();
  cmd->add_option("--lexicon-cache", o.lexicon_cache,
                  "Reuse the clusters from this file when it exists, else save them there (for "
                  "trying feature changes without rebuilding word vectors)");
  cmd->callback([] {
    try {
      std::ostringstream command;
      command << "sitrep train ner --conll " << o.train_path << " --unlabelled";
      for (const auto& u : o.unlabelled) command << " " << u;
      command << " --epochs " << o.epochs << " --min-count " << o.min_count << " --clusters " << o.clusters << " --dim " << o.dim
              << " --vector-epochs " << o.vector_epochs << " --seed " << o.seed;
      o.provenance = command.str();
      auto model = ner::Train(o, std::cerr);
      model.Save(out);
      std::fprintf(stderr, "wrote %s\n", out.c_str());
    } catch (const std::exception& e) {
      std::fprintf(stderr, "train ner: %s\n", e.what());
      ExitCode() = 1;
    }
  });
}

}  // namespace sitrep::cli

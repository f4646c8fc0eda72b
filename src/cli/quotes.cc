// sitrep quotes: who said what in stored articles; sitrep eval quotes: the attribution
// tagger against PolNeAR; sitrep train quotes: rebuilds models/quotes.model.
#include <chrono>
#include <cstdio>
#include <fstream>
#include <map>

#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "cli/output.h"
#include "entities/speakers.h"
#include "quotes/polnear.h"
#include "quotes/provenance.h"
#include "quotes/quotes.h"
#include "quotes/repair.h"

namespace sitrep::cli {

namespace {

nlohmann::json SpanJson(const Article& a, Span s) {
  if (s.size() == 0) return nullptr;
  return {{"begin", s.begin}, {"end", s.end}, {"text", std::string(a.Text(s))}};
}

nlohmann::json AttributionsJson(const Article& a) {
  nlohmann::json list = nlohmann::json::array();
  for (const Attribution& q : a.attributions)
    list.push_back({{"speaker", q.speaker}, {"source", SpanJson(a, q.source)},
                    {"cue", SpanJson(a, q.cue)}, {"content", SpanJson(a, q.content)},
                    {"direct", q.direct}, {"venue", q.venue}, {"relays", q.relays}});
  return {{"id", a.id}, {"outlet", a.outlet}, {"title", a.title}, {"attributions", list}};
}

void PrintAttributions(const Article& a) {
  printf("## %s  %s  %s\n", a.id.c_str(), a.outlet.empty() ? "-" : a.outlet.c_str(), Headline(a).c_str());
  for (const Attribution& q : a.attributions) {
    std::string content(a.Text(q.content));
    if (content.size() > 300) content = content.substr(0, 297) + "...";
    std::string chain = q.speaker.empty() ? "(unnamed)" : q.speaker;
    if (!q.venue.empty()) chain += " — " + q.venue;
    for (const auto& r : q.relays) chain += " → " + r;
    if (!a.outlet.empty()) chain += " → " + a.outlet;
    printf("- %s [%s] %s\n    %s\n", chain.c_str(), std::string(a.Text(q.cue)).c_str(),
           q.direct ? "(direct)" : "(reported)", content.c_str());
  }
  printf("\n");
}

// What `sitrep quotes` reads: the articles to list, in order, and each with the rest of its
// story, so that a speaker is named as the story names them ("Hordienko" in one article and
// "Petro Hordiyenko" in another are one person), whether one article, one story or the whole
// store is listed. An article placed in no story stands alone.
struct Reading {
  std::vector<std::vector<Article>> stories;
  std::vector<std::string> listed;  // article ids, in the order to list them
};

Reading ArticlesToRead(Store& store, const std::string& article_id, StoryId story) {
  Reading r;
  auto story_of = [&](const std::string& id) -> StoryId {
    const auto placement = store.PlacementOf(id);
    return placement ? placement->story.story : 0;
  };
  auto read_story = [&](StoryId id) {
    auto read = store.ReadStory(id);
    if (!read) throw std::runtime_error("no story " + std::to_string(id));
    return std::move(read->articles);
  };
  if (!article_id.empty()) {
    auto a = store.Get(article_id);
    if (!a) throw std::runtime_error("no article with id '" + article_id + "'");
    r.listed.push_back(a->id);
    const StoryId id = story_of(a->id);
    r.stories.push_back(id ? read_story(id) : std::vector<Article>{std::move(*a)});
    return r;
  }
  if (story != 0) {
    r.stories.push_back(read_story(story));
    for (const Article& a : r.stories.back()) r.listed.push_back(a.id);
    return r;
  }
  std::map<StoryId, size_t> group;  // story -> index into r.stories
  store.ForEachArticle([&](const Article& a, bool) {
    r.listed.push_back(a.id);
    const StoryId id = story_of(a.id);
    if (id == 0) {
      r.stories.push_back({a});
      return;
    }
    auto [it, added] = group.emplace(id, r.stories.size());
    if (added) r.stories.emplace_back();
    r.stories[it->second].push_back(a);
  });
  return r;
}

nlohmann::json Prf(const quotes::Prf& p) { return {{"p", p.p()}, {"r", p.r()}, {"f1", p.f1()}}; }

}  // namespace

void AddQuotes(CLI::App& app, Globals& g) {
  auto* cmd = app.add_subcommand("quotes", "Who said what: attributions with speaker, venue and relays");
  static std::string article_id;
  static StoryId story = 0;
  cmd->add_option("--article", article_id, "One article (id or unique prefix)");
  cmd->add_option("--story", story, "The articles of one story");
  AddDbOption(cmd, g);
  cmd->add_flag("--json", g.json, "Print JSON");
  cmd->callback([&g] {
    try {
      auto store = Store::Open(g.db);
      Reading reading = ArticlesToRead(*store, article_id, story);
      std::map<std::string, const Article*> by_id;
      for (std::vector<Article>& articles : reading.stories) {
        for (Article& a : articles) FindAttributions(a);
        ResolveStory(articles);
        for (const Article& a : articles) by_id[a.id] = &a;
      }
      nlohmann::json out = nlohmann::json::array();
      for (const std::string& id : reading.listed) {
        const Article& a = *by_id.at(id);
        if (g.json) out.push_back(AttributionsJson(a));
        else PrintAttributions(a);
      }
      if (!QuoteModelError().empty()) throw std::runtime_error(QuoteModelError());
      if (g.json) printf("%s\n", nlohmann::json{{"articles", out}}.dump(2).c_str());
    } catch (const std::exception& e) {
      fprintf(stderr, "sitrep quotes: %s\n", e.what());
      ExitCode() = 1;
    }
  });
}

void AddEvalQuotes(CLI::App& eval) {
  auto* cmd = eval.add_subcommand(
      "quotes", "Score attributions (content, source, cue spans) against PolNeAR JSON Lines; "
                "the first annotator of each article is the gold");
  static std::string file;
  static std::string dump;
  static bool gold_cues = false;
  static bool model_only = false;
  cmd->add_option("--polnear", file, "PolNeAR JSON Lines (train.jsonl, dev.jsonl)")->required();
  cmd->add_flag("--gold-cues", gold_cues, "Give the gold cues (scores source and content finding alone)");
  cmd->add_flag("--model-only", model_only, "Score the model's spans before the rules after it (src/quotes/repair.cc) mend them");
  cmd->add_option("--dump", dump, "Also write each article's gold and found spans here (JSON Lines, byte offsets), to study the misses");
  cmd->callback([] {
    try {
      auto docs = quotes::LoadPolnear(file);
      quotes::QuoteModel model;
      std::ifstream in(QuoteModelPath(), std::ios::binary);
      if (!in || !model.Load(in)) throw std::runtime_error(QuoteModelPath() + ": cannot read the quotes model");
      quotes::Prf content_exact, content_overlap, source_exact, source_overlap, cue_exact;
      size_t gold_count = 0, found_count = 0;
      std::ofstream dump_out;
      if (!dump.empty() && !(dump_out = std::ofstream(dump))) throw std::runtime_error(dump + ": cannot write");
      auto start = std::chrono::steady_clock::now();
      for (const auto& d : docs) {
        std::vector<Span> gc, gs, gq, fc, fs, fq;
        for (const auto& g : d.attributions) {
          gc.push_back(g.ContentHull());
          if (g.source.size()) gs.push_back(g.source);
          if (g.cue.size()) gq.push_back(g.cue);
        }
        Article repaired = d.article;
        repaired.attributions = quotes::Attributions(model, d.article, gold_cues ? &gq : nullptr);
        if (!model_only) quotes::RepairAttributions(repaired, {.for_reader = false});
        const std::vector<Attribution>& found = repaired.attributions;
        for (const auto& f : found) {
          fc.push_back(f.content);
          if (f.source.size()) fs.push_back(f.source);
          fq.push_back(f.cue);
        }
        gold_count += gc.size();
        found_count += fc.size();
        content_exact.Add(quotes::ScoreExact(d.article, gc, fc));
        content_overlap.Add(quotes::ScoreOverlap(d.article, gc, fc));
        source_exact.Add(quotes::ScoreExact(d.article, gs, fs));
        source_overlap.Add(quotes::ScoreOverlap(d.article, gs, fs));
        cue_exact.Add(quotes::ScoreExact(d.article, gq, fq));
        if (dump_out.is_open()) {
          auto spans = [](const std::vector<Span>& v) {
            nlohmann::json out = nlohmann::json::array();
            for (Span s : v) out.push_back({s.begin, s.end});
            return out;
          };
          nlohmann::json gold = nlohmann::json::array(), guess = nlohmann::json::array();
          for (const auto& g : d.attributions)
            gold.push_back({{"cue", spans({g.cue})}, {"source", spans({g.source})}, {"content", spans(g.content)}});
          for (const auto& f : found)
            guess.push_back({{"cue", spans({f.cue})}, {"source", spans({f.source})}, {"content", spans({f.content})}});
          dump_out << nlohmann::json({{"id", d.id}, {"text", d.article.text}, {"gold", gold}, {"found", guess}}).dump() << "\n";
        }
      }
      double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      nlohmann::json j = {
          {"documents", docs.size()},
          {"attributions", gold_count},
          {"found", found_count},
          {"content", {{"exact", Prf(content_exact)}, {"overlap", Prf(content_overlap)}}},
          {"source", {{"exact", Prf(source_exact)}, {"overlap", Prf(source_overlap)}}},
          {"cue", {{"exact", Prf(cue_exact)}}},
          {"documents_per_s", s > 0 ? docs.size() / s : 0.0}};
      printf("%s\n", j.dump().c_str());
      if (docs.empty()) ExitCode() = 1;
    } catch (const std::exception& e) {
      fprintf(stderr, "eval quotes: %s\n", e.what());
      ExitCode() = 1;
    }
  });
}

void AddTrainQuotes(CLI::App& train) {
  auto* cmd = train.add_subcommand("quotes", "Train the attribution tagger on PolNeAR JSON Lines");
  static std::string file, out = "models/quotes.model";
  static int epochs = 4;  // chosen on a held-out sixth of train: 3-6 beat 8-15 (the perceptrons overfit)
  cmd->add_option("--polnear", file, "Training file (train.jsonl)")->required();
  cmd->add_option("--out", out, "Model file to write")->capture_default_str();
  cmd->add_option("--epochs", epochs, "Passes over the data")->capture_default_str();
  cmd->callback([] {
    try {
      auto docs = quotes::LoadPolnear(file);
      auto model = quotes::Train(docs, epochs);
      std::ofstream o(out, std::ios::binary);
      model.Save(o);
      if (!o.flush()) throw std::runtime_error(out + ": cannot write");
      fprintf(stderr, "train quotes: wrote %s\n", out.c_str());
    } catch (const std::exception& e) {
      fprintf(stderr, "train quotes: %s\n", e.what());
      ExitCode() = 1;
    }
  });
}

}  // namespace sitrep::cli

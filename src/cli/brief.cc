// sitrep brief STORY: one story's brief, as Markdown (default), JSON or a self-contained HTML
// page.
#include <cstdio>
#include <fstream>

#include "brief/render.h"
#include "cli/commands.h"
#include "cli/output.h"
#include "store/store.h"

namespace sitrep::cli {

bool PrintBrief(const brief::Brief& b, const std::string& format, const std::string& out_path) {
  std::string text = format == "json"   ? brief::ToJson(b).dump(2) + "\n"
                     : format == "html" ? brief::ToHtml(b)
                                        : brief::ToMarkdown(b);
  if (out_path.empty() || out_path == "-") {
    fwrite(text.data(), 1, text.size(), stdout);
    return true;
  }
  std::ofstream out(out_path, std::ios::binary);
  out << text;
  if (!out.flush()) {
    fprintf(stderr, "sitrep: cannot write %s\n", out_path.c_str());
    return false;
  }
  return true;
}

void AddBrief(CLI::App& app, Globals& g) {
  auto* cmd = app.add_subcommand("brief", "One story's brief: summary, actors, who said what, sources");
  static StoryId id = 0;
  static std::string format = "md", out;
  cmd->add_option("story", id, "Story number")->required();
  AddDbOption(cmd, g);
  cmd->add_option("--format", format, "md, json or html")
      ->check(CLI::IsMember({"md", "json", "html"}))
      ->capture_default_str();
  cmd->add_flag("--json", g.json, "The same as --format json");
  cmd->add_option("-o,--output", out, "Write to this file instead of stdout");
  cmd->callback([&g] {
    auto story = ReadStoryOrSay(g.db, id);
    if (!story) return;
    if (!PrintBrief(brief::BuildBrief(*story), g.json ? "json" : format, out)) ExitCode() = 1;
  });
}

}  // namespace sitrep::cli

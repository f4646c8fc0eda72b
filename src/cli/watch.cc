// sitrep watch FEED-URL... | --feeds FILE: polls RSS and Atom feeds and ingests their new
// articles as they come (src/watch/).
#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <fstream>

#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "watch/watch.h"

namespace sitrep::cli {

namespace {

std::atomic<bool> g_stop{false};

void OnStopSignal(int) { g_stop = true; }

// One feed URL a line; blank lines and lines starting with # are skipped.
bool ReadFeedList(const std::string& path, std::vector<std::string>& feeds) {
  std::ifstream in(path);
  if (!in) {
    fprintf(stderr, "sitrep: %s: cannot read the feed list\n", path.c_str());
    return false;
  }
  std::string line;
  while (std::getline(in, line)) {
    size_t b = line.find_first_not_of(" \t\r");
    if (b == std::string::npos || line[b] == '#') continue;
    size_t e = line.find_last_not_of(" \t\r");
    feeds.push_back(line.substr(b, e - b + 1));
  }
  return true;
}

}  // namespace

void AddWatch(CLI::App& app, Globals& g) {
  auto* cmd = app.add_subcommand("watch", "Poll RSS/Atom feeds and ingest new articles as they come");
  static std::vector<std::string> feeds;
  static std::string feed_list;
  static long interval = 300, max_backoff = 3600;
  static watch::WatchOptions options;
  cmd->add_option("feeds", feeds, "Feed URLs (http or https)");
  cmd->add_option("--feeds", feed_list, "File with one feed URL a line (# comments)");
  AddDbOption(cmd, g);
  cmd->add_flag("--json", g.json, "Print the summary as JSON when it stops");
  cmd->add_option("--interval", interval, "Seconds between polls of a feed (longer when the feed asks)")
      ->capture_default_str()->check(CLI::Range(1L, 7L * 24 * 3600));
  cmd->add_option("--max-backoff", max_backoff, "Longest wait after errors, in seconds")
      ->capture_default_str()->check(CLI::Range(1L, 7L * 24 * 3600));
  cmd->add_flag("--once", options.once, "Poll each feed once, then exit (for cron and tests)");
  cmd->add_option("--batch", options.batch_size, "Articles a transaction")->capture_default_str()
      ->check(CLI::Range(1, 10000));
  cmd->add_option("--timeout", options.fetch.timeout_s, "Seconds a fetch may take")->capture_default_str()
      ->check(CLI::Range(1, 3600));
  cmd->add_option("--max-page", options.fetch.max_bytes, "Largest feed or page in bytes")->capture_default_str()
      ->check(CLI::Range(1024, 1 << 30));
  cmd->add_option("--user-agent", options.fetch.user_agent, "User-Agent header")->capture_default_str();
  cmd->callback([&g] {
    if (!feed_list.empty() && !ReadFeedList(feed_list, feeds)) {
      ExitCode() = 1;
      return;
    }
    if (feeds.empty()) {
      fprintf(stderr, "sitrep: watch: no feeds (give URLs or --feeds FILE)\n");
      ExitCode() = 2;
      return;
    }
    options.interval = std::chrono::seconds(interval);
    options.max_backoff = std::chrono::seconds(std::max(max_backoff, interval));
    options.fetch.connect_timeout_s = std::min(options.fetch.connect_timeout_s, options.fetch.timeout_s);
    options.stop = &g_stop;
    // Progress lines only for a person watching; problems always.
    if (isatty(STDERR_FILENO))
      options.on_progress = [](const std::string& line) { fprintf(stderr, "watch: %s\n", line.c_str()); };
    // SIGINT and SIGTERM ask for a stop; the poller honours it between batches.
    struct sigaction sa {};
    sa.sa_handler = OnStopSignal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, nullptr);
    sigaction(SIGTERM, &sa, nullptr);
    auto store = Store::Open(g.db);
    watch::WatchStats s = watch::Watch(*store, feeds, options);
    if (g.json) {
      nlohmann::json j = {{"feeds", feeds.size()},         {"polls", s.polls},
                          {"not_modified", s.not_modified}, {"feed_errors", s.feed_errors},
                          {"items", s.items},               {"pages_fetched", s.pages_fetched},
                          {"page_errors", s.page_errors},   {"added", s.added}};
      printf("%s\n", j.dump().c_str());
    } else if (isatty(STDERR_FILENO)) {
      fprintf(stderr, "watch: %zu polls (%zu not modified, %zu failed), %zu pages fetched, %zu new articles\n",
              s.polls, s.not_modified, s.feed_errors, s.pages_fetched, s.added);
    }
    // Exit 1 when nothing could be read at all: every poll of every feed failed.
    if (s.polls > 0 && s.feed_errors == s.polls) ExitCode() = 1;
  });
}

}  // namespace sitrep::cli

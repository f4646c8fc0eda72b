// Live feeds: RSS and Atom feeds polled over HTTP, each new item's article page fetched and
// ingested as it comes, so a story changes within seconds of a new article.
//
// Promises:
// - A feed is asked again no sooner than its interval (or the feed's own ttl / Cache-Control
//   max-age when longer), with If-None-Match / If-Modified-Since from the last answer; the
//   validators live in the store, so a restart does not refetch an unchanged feed.
// - A failing feed (timeout, DNS, refused, HTTP 429/5xx or any other non-2xx) is asked again
//   after an exponential delay with jitter, never sooner than its Retry-After.
// - A page already handled (an article with its URL is stored, or it was marked done) is never
//   fetched again. A page that fails for good (4xx, not HTML, too large, no article text) is
//   reported with its URL and marked done; one that fails for now (5xx, timeout) is retried at
//   the next poll. Either way the rest goes on.
// - Only http and https, a bounded number of redirects, a timeout and a size limit for every
//   fetch, and a User-Agent that names sitrep.
// - New articles go to the store in small batches (one transaction each) through the same
//   path as `sitrep ingest`; a stop request is honoured between batches.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "store/store.h"

namespace sitrep::watch {

struct FetchOptions {
  std::string user_agent = "sitrep/0.1 (news feed watcher)";
  long connect_timeout_s = 10;
  long timeout_s = 30;              // the whole transfer
  uint64_t max_bytes = 8u << 20;    // larger bodies are cut off and the fetch fails
  long max_redirects = 5;
  const std::atomic<bool>* stop = nullptr;  // set: a transfer under way is abandoned
};

// One answer. `error` is set when there was no usable HTTP answer (DNS, timeout, refused,
// too large, a scheme other than http/https); then `status` is 0.
struct FetchResult {
  int status = 0;
  std::string error;
  std::string body;
  std::string url;           // after redirects
  std::string content_type;  // as sent, e.g. "text/html; charset=utf-8"
  std::string etag, last_modified, cache_control, retry_after;
};

// A reusable HTTP client (one libcurl handle: connections are kept alive between fetches).
// Not for use from two threads at once.
class Fetcher {
 public:
  explicit Fetcher(FetchOptions options = {});
  ~Fetcher();
  Fetcher(const Fetcher&) = delete;
  Fetcher& operator=(const Fetcher&) = delete;

  // GET `url`; a non-empty `etag` / `last_modified` makes it conditional (304 when unchanged).
  FetchResult Get(const std::string& url, const std::string& etag = "", const std::string& last_modified = "");

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Seconds a Retry-After header asks for (delta-seconds or an HTTP date, relative to `now`);
// nothing when absent or unreadable.
std::optional<long> RetryAfterSeconds(std::string_view value, std::time_t now);
// The max-age of a Cache-Control header; nothing when absent (no-cache/no-store give 0).
std::optional<long> MaxAgeSeconds(std::string_view cache_control);
// The charset parameter of a Content-Type, lower case; empty when none.
std::string CharsetOf(std::string_view content_type);

// How long to wait after the `failures`-th failure in a row: `interval` doubled per failure,
// capped at `most`, with jitter (uniform over its upper half), and never under `at_least`
// (a Retry-After).
std::chrono::seconds BackoffDelay(int failures, std::chrono::seconds interval, std::chrono::seconds most,
                                  std::chrono::seconds at_least, std::mt19937_64& rng);

struct WatchOptions {
  std::chrono::seconds interval{300};   // per feed, between polls
  std::chrono::seconds max_backoff{3600};
  bool once = false;                    // poll each feed once, then return
  size_t batch_size = 8;                // articles a transaction
  FetchOptions fetch;
  const std::atomic<bool>* stop = nullptr;
  // A problem as one line "url: reason" (default: stderr); a progress line (default: none).
  std::function<void(const std::string&)> on_problem, on_progress;
};

struct WatchStats {
  size_t polls = 0, not_modified = 0, feed_errors = 0;
  size_t items = 0;            // items the feeds listed (each poll)
  size_t pages_fetched = 0, page_errors = 0;
  size_t added = 0;            // articles new to the store
};

// Polls `feeds` until `options.stop` is set (or, with `once`, until each was polled once).
WatchStats Watch(Store& store, const std::vector<std::string>& feeds, const WatchOptions& options);

}  // namespace sitrep::watch

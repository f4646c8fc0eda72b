// The poller: one loop over the feeds, each due at its own time; a poll fetches the feed
// (conditionally), then the pages of its new items, and hands them to the ingest in small
// batches. Everything runs on one thread: the work is waiting on the network, and a story
// desk placing one article after another wants no company.
#include <algorithm>
#include <cstdio>
#include <set>
#include <thread>

#include "ingest/feed_parse.h"
#include "pipeline/analyse.h"
#include "pipeline/ingest_job.h"
#include "pipeline/story_desk.h"
#include "watch/watch.h"

namespace sitrep::watch {

namespace {

using Clock = std::chrono::steady_clock;
using std::chrono::seconds;

bool IsHtmlType(const std::string& type) {
  return type.find("html") != std::string::npos || type.find("xml") != std::string::npos;
}

std::string PlainText(const FeedText& t) { return IsHtmlType(t.type) ? HtmlToPlainText(t.value) : t.value; }

bool IsWebUrl(const std::string& url) { return url.starts_with("http://") || url.starts_with("https://"); }

// The page an item points at: its link, else an id that is a web address (RSS guid).
std::string PageOf(const FeedItem& item) {
  if (IsWebUrl(item.link)) return item.link;
  if (IsWebUrl(item.id)) return item.id;
  return "";
}

// Statuses worth asking again later: the server says so, or is in trouble.
bool Transient(int status) { return status == 408 || status == 425 || status == 429 || status >= 500; }

struct FeedSlot {
  std::string url;
  Clock::time_point due;
  int failures = 0;
  bool polled = false;
  seconds ttl{0};  // the feed's own <ttl> when last read: a 304 does not repeat it
};

class Poller {
 public:
  Poller(Store& store, const WatchOptions& options)
      : store_(store), o_(options), fetcher_(WithStop(options)), rng_(std::random_device{}()) {}

  // Polls one feed; the time until it is due again.
  seconds Poll(FeedSlot& feed) {
    ++stats_.polls;
    FeedState state = store_.GetFeedState(feed.url);
    FetchResult r = fetcher_.Get(feed.url, state.etag, state.last_modified);
    if (Stopped()) return o_.interval;
    if (!r.error.empty() || r.status < 200 || (r.status >= 300 && r.status != 304))
      return Failed(feed, r.error.empty() ? "HTTP " + std::to_string(r.status) : r.error, r.retry_after);
    seconds next = o_.interval;
    if (auto age = MaxAgeSeconds(r.cache_control); age && seconds(*age) > next) next = seconds(std::min<long>(*age, 86400));
    if (r.status == 304) {
      next = std::max(next, feed.ttl);
      feed.failures = 0;
      ++stats_.not_modified;
      Progress(feed.url + ": not modified");
      return next;
    }
    Feed parsed = ParseFeed(r.body);
    if (parsed.root.empty() || !parsed.is_feed)
      return Failed(feed, parsed.root.empty() ? "not a feed: " + parsed.bozo_reason
                                              : "not an RSS or Atom feed: the root element is <" + parsed.root + ">",
                    "");
    feed.failures = 0;
    feed.ttl = seconds(parsed.ttl_minutes * 60L);
    next = std::max(next, feed.ttl);
    // The validators are kept only once every new item was handled; else the next poll
    // would be told "not modified" and never see the items left over.
    if (TakeItems(feed.url, parsed)) store_.PutFeedState({feed.url, r.etag, r.last_modified});
    return next;
  }

  void Problem(const std::string& line) {
    if (o_.on_problem) o_.on_problem(line);
    else fprintf(stderr, "%s\n", line.c_str());
  }

  bool Stopped() const { return o_.stop && o_.stop->load(); }
  const WatchStats& stats() const { return stats_; }

 private:
  static FetchOptions WithStop(const WatchOptions& o) {
    FetchOptions f = o.fetch;
    f.stop = o.stop;
    return f;
  }

  void Progress(const std::string& line) {
    if (o_.on_progress) o_.on_progress(line);
  }

  seconds Failed(FeedSlot& feed, const std::string& reason, const std::string& retry_after) {
    ++stats_.feed_errors;
    ++feed.failures;
    auto asked = RetryAfterSeconds(retry_after, std::time(nullptr));
    seconds at_least(asked ? std::min<long>(*asked, 86400) : 0);
    seconds delay = BackoffDelay(feed.failures, o_.interval, o_.max_backoff, at_least, rng_);
    Problem(feed.url + ": " + reason + (asked ? " (Retry-After " + std::to_string(*asked) + " s)" : "") +
            (o_.once ? "" : "; next try in " + std::to_string(delay.count()) + " s"));
    return delay;
  }

  // Fetches and ingests the items not handled yet, oldest first (feeds list the newest
  // first, and stories are built in arrival order). True when none is left for later.
  bool TakeItems(const std::string& feed_url, const Feed& feed) {
    std::vector<const FeedItem*> items;
    std::vector<std::string> pages;
    std::set<std::string> listed;
    for (auto it = feed.items.rbegin(); it != feed.items.rend(); ++it) {
      std::string page = PageOf(*it);
      if (page.empty() || !listed.insert(page).second) continue;
      items.push_back(&*it);
      pages.push_back(page);
    }
    stats_.items += feed.items.size();
    std::vector<bool> done = store_.PagesDone(pages);
    size_t fresh = std::count(done.begin(), done.end(), false);
    Progress(feed_url + ": " + std::to_string(feed.items.size()) + " items, " + std::to_string(fresh) + " new");
    bool complete = true;
    const std::string outlet = PlainText(feed.title);
    for (size_t i = 0; i < items.size(); ++i) {
      if (done[i]) continue;
      if (Stopped()) {
        complete = false;
        break;
      }
      complete &= TakePage(pages[i], *items[i], feed, outlet);
      if (pending_.size() >= std::max<size_t>(1, o_.batch_size)) Flush();
    }
    Flush();
    return complete && !Stopped();
  }

  // Fetches one page into the pending batch; false when it failed for now (to retry later).
  bool TakePage(const std::string& page, const FeedItem& item, const Feed& feed, const std::string& outlet) {
    FetchResult r = fetcher_.Get(page);
    ++stats_.pages_fetched;
    std::string reason;
    bool retry = false;
    if (!r.error.empty()) {
      reason = r.error;
      retry = !(r.error.starts_with("larger than") || r.error.starts_with("not an http") ||
                r.error.starts_with("too many redirects"));
    } else if (r.status < 200 || r.status >= 300) {
      reason = "HTTP " + std::to_string(r.status);
      retry = Transient(r.status);
    } else if (!r.content_type.empty() && !IsHtmlType(r.content_type) && !r.content_type.starts_with("text/plain")) {
      reason = "not an HTML page (" + r.content_type + ")";
    }
    if (!reason.empty()) {
      ++stats_.page_errors;
      if (Stopped() && retry) return false;
      Problem(page + ": " + reason + (retry ? "; tried again at the next poll" : "; skipped"));
      if (!retry) store_.MarkPagesDone({page});
      return !retry;
    }
    Document doc;
    doc.origin = page;
    doc.container = "html";
    doc.is_html = !r.content_type.starts_with("text/plain");
    doc.body = std::move(r.body);
    doc.charset = CharsetOf(r.content_type);
    doc.url = r.url.empty() ? page : r.url;
    doc.title = PlainText(item.title);
    doc.date = !item.published.empty() ? item.published : !item.updated.empty() ? item.updated : item.created;
    doc.outlet = outlet;
    doc.byline = item.author_detail.name.empty() ? item.author : item.author_detail.name;
    doc.language = item.language.empty() ? feed.language : item.language;
    pending_.push_back(std::move(doc));
    pending_pages_.push_back(page);
    return true;
  }

  // Builds, places and stores the pending pages as one transaction.
  void Flush() {
    if (pending_.empty()) return;
    // Another process (a server taking posts, a second watcher) may have added articles:
    // the desk must have seen every stored article to place the next one.
    if (!desk_ || store_.Count() != desk_articles_) desk_ = std::make_unique<StoryDesk>(store_);
    IngestOptions options;
    options.threads = 1;
    options.progress = false;
    options.on_problem = [this](const std::string& line) { Problem(line); };
    IngestStats s;
    try {
      s = IngestDocuments(store_, *desk_, std::move(pending_), options);
    } catch (...) {
      desk_.reset();  // it may have placed articles that were never stored
      pending_.clear();
      pending_pages_.clear();
      throw;
    }
    desk_articles_ = store_.Count();
    store_.MarkPagesDone(pending_pages_);
    stats_.added += s.added;
    stats_.page_errors += s.empty + s.record_errors;
    Progress("+" + std::to_string(s.added) + " articles (" + std::to_string(desk_articles_) + " stored)");
    pending_.clear();
    pending_pages_.clear();
  }

  Store& store_;
  const WatchOptions& o_;
  Fetcher fetcher_;
  std::mt19937_64 rng_;
  std::unique_ptr<StoryDesk> desk_;
  size_t desk_articles_ = 0;
  std::vector<Document> pending_;
  std::vector<std::string> pending_pages_;
  WatchStats stats_;
};

// Sleeps until `when`, waking early when a stop is requested.
void SleepUntil(Clock::time_point when, const std::atomic<bool>* stop) {
  while (Clock::now() < when && !(stop && stop->load()))
    std::this_thread::sleep_for(std::min<Clock::duration>(when - Clock::now(), std::chrono::milliseconds(100)));
}

}  // namespace

WatchStats Watch(Store& store, const std::vector<std::string>& feeds, const WatchOptions& options) {
  Poller poller(store, options);
  // The models load before the first poll, not when the first new article is waiting.
  for (const std::string& problem : Analyser::Shared().problems()) poller.Problem(problem + " (that layer stays empty)");
  std::vector<FeedSlot> slots;
  std::set<std::string> seen;
  for (const std::string& url : feeds) {
    if (!seen.insert(url).second) continue;
    if (!IsWebUrl(url)) {
      poller.Problem(url + ": not an http or https URL; skipped");
      continue;
    }
    slots.push_back({url, Clock::now()});
  }
  while (!poller.Stopped()) {
    FeedSlot* next = nullptr;
    for (FeedSlot& s : slots)
      if (!(options.once && s.polled) && (!next || s.due < next->due)) next = &s;
    if (!next) break;
    SleepUntil(next->due, options.stop);
    if (poller.Stopped()) break;
    seconds delay = poller.Poll(*next);
    next->polled = true;
    next->due = Clock::now() + delay;
  }
  return poller.stats();
}

}  // namespace sitrep::watch

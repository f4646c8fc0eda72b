// HTTP GET with libcurl, bounded in every way a hostile or broken server could exploit:
// schemes, redirects, time and size.
#include <curl/curl.h>

#include <algorithm>
#include <cctype>
#include <mutex>

#include "watch/watch.h"

namespace sitrep::watch {

namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

// curl_global_init is not thread-safe; once per process.
void GlobalInit() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

struct Transfer {
  FetchResult* result;
  uint64_t max_bytes;
  bool too_large = false;
  const std::atomic<bool>* stop;
};

size_t OnBody(char* data, size_t size, size_t n, void* user) {
  auto* t = static_cast<Transfer*>(user);
  const size_t bytes = size * n;
  if (t->result->body.size() + bytes > t->max_bytes) {
    t->too_large = true;
    return 0;  // aborts the transfer
  }
  t->result->body.append(data, bytes);
  return bytes;
}

// Headers of the last response only: a redirect's or a 100's are dropped when the next
// status line arrives.
size_t OnHeader(char* data, size_t size, size_t n, void* user) {
  auto* r = static_cast<Transfer*>(user)->result;
  std::string_view line(data, size * n);
  if (line.starts_with("HTTP/")) {
    r->etag.clear();
    r->last_modified.clear();
    r->cache_control.clear();
    r->retry_after.clear();
    return size * n;
  }
  size_t colon = line.find(':');
  if (colon == std::string_view::npos) return size * n;
  std::string name = Lower(Trim(line.substr(0, colon)));
  std::string value(Trim(line.substr(colon + 1)));
  if (name == "etag") r->etag = value;
  else if (name == "last-modified") r->last_modified = value;
  else if (name == "cache-control") r->cache_control = value;
  else if (name == "retry-after") r->retry_after = value;
  return size * n;
}

int OnProgress(void* user, curl_off_t, curl_off_t, curl_off_t, curl_off_t) {
  auto* t = static_cast<Transfer*>(user);
  return t->stop && t->stop->load() ? 1 : 0;
}

std::string Describe(CURLcode code, const char* detail) {
  switch (code) {
    case CURLE_COULDNT_RESOLVE_HOST: return std::string("cannot resolve the host (DNS): ") + detail;
    case CURLE_OPERATION_TIMEDOUT: return std::string("timed out: ") + detail;
    case CURLE_COULDNT_CONNECT: return std::string("cannot connect: ") + detail;
    case CURLE_TOO_MANY_REDIRECTS: return "too many redirects";
    case CURLE_UNSUPPORTED_PROTOCOL: return "not an http or https URL";
    case CURLE_ABORTED_BY_CALLBACK: return "stopped";
    default: return detail[0] ? detail : curl_easy_strerror(code);
  }
}

}  // namespace

struct Fetcher::Impl {
  FetchOptions options;
  CURL* curl = nullptr;
};

Fetcher::Fetcher(FetchOptions options) : impl_(std::make_unique<Impl>()) {
  GlobalInit();
  impl_->options = std::move(options);
  impl_->curl = curl_easy_init();
}

Fetcher::~Fetcher() {
  if (impl_->curl) curl_easy_cleanup(impl_->curl);
}

FetchResult Fetcher::Get(const std::string& url, const std::string& etag, const std::string& last_modified) {
  FetchResult r;
  r.url = url;
  CURL* c = impl_->curl;
  if (!c) {
    r.error = "cannot start libcurl";
    return r;
  }
  const FetchOptions& o = impl_->options;
  curl_easy_reset(c);
  Transfer t{&r, o.max_bytes, false, o.stop};
  char detail[CURL_ERROR_SIZE] = "";
  curl_easy_setopt(c, CURLOPT_URL, url.c_str());
  curl_easy_setopt(c, CURLOPT_ERRORBUFFER, detail);
  curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(c, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 1L);
  curl_easy_setopt(c, CURLOPT_MAXREDIRS, o.max_redirects);
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, o.connect_timeout_s);
  curl_easy_setopt(c, CURLOPT_TIMEOUT, o.timeout_s);
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);  // timeouts without SIGALRM: signals are the caller's
  curl_easy_setopt(c, CURLOPT_USERAGENT, o.user_agent.c_str());
  curl_easy_setopt(c, CURLOPT_ACCEPT_ENCODING, "");  // whatever libcurl can decode
  curl_easy_setopt(c, CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(o.max_bytes));
  curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, OnBody);
  curl_easy_setopt(c, CURLOPT_WRITEDATA, &t);
  curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, OnHeader);
  curl_easy_setopt(c, CURLOPT_HEADERDATA, &t);
  curl_easy_setopt(c, CURLOPT_XFERINFOFUNCTION, OnProgress);
  curl_easy_setopt(c, CURLOPT_XFERINFODATA, &t);
  curl_easy_setopt(c, CURLOPT_NOPROGRESS, 0L);
  curl_slist* headers = nullptr;
  if (!etag.empty()) headers = curl_slist_append(headers, ("If-None-Match: " + etag).c_str());
  if (!last_modified.empty()) headers = curl_slist_append(headers, ("If-Modified-Since: " + last_modified).c_str());
  if (headers) curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers);

  CURLcode code = curl_easy_perform(c);
  curl_slist_free_all(headers);
  if (char* effective = nullptr; curl_easy_getinfo(c, CURLINFO_EFFECTIVE_URL, &effective) == CURLE_OK && effective)
    r.url = effective;
  if (code != CURLE_OK) {
    r.error = t.too_large || code == CURLE_FILESIZE_EXCEEDED
                  ? "larger than " + std::to_string(o.max_bytes) + " bytes"
                  : Describe(code, detail);
    r.body.clear();
    return r;
  }
  long status = 0;
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
  r.status = static_cast<int>(status);
  if (char* type = nullptr; curl_easy_getinfo(c, CURLINFO_CONTENT_TYPE, &type) == CURLE_OK && type)
    r.content_type = type;
  return r;
}

std::optional<long> RetryAfterSeconds(std::string_view value, std::time_t now) {
  value = Trim(value);
  if (value.empty()) return std::nullopt;
  if (std::all_of(value.begin(), value.end(), [](unsigned char c) { return std::isdigit(c); })) {
    if (value.size() > 9) return 365L * 24 * 3600;  // absurd, but clearly "a long time"
    return std::stol(std::string(value));
  }
  std::time_t when = curl_getdate(std::string(value).c_str(), nullptr);
  if (when < 0) return std::nullopt;
  return std::max<long>(0, static_cast<long>(when - now));
}

std::optional<long> MaxAgeSeconds(std::string_view cache_control) {
  std::string cc = Lower(cache_control);
  if (cc.find("no-store") != std::string::npos || cc.find("no-cache") != std::string::npos) return 0;
  size_t at = cc.find("max-age");
  if (at == std::string::npos) return std::nullopt;
  at = cc.find('=', at);
  if (at == std::string::npos) return std::nullopt;
  std::string_view rest = Trim(std::string_view(cc).substr(at + 1));
  if (!rest.empty() && rest.front() == '"') rest.remove_prefix(1);
  size_t digits = 0;
  while (digits < rest.size() && digits < 9 && std::isdigit(static_cast<unsigned char>(rest[digits]))) ++digits;
  if (digits == 0) return std::nullopt;
  return std::stol(std::string(rest.substr(0, digits)));
}

std::string CharsetOf(std::string_view content_type) {
  std::string ct = Lower(content_type);
  size_t at = ct.find("charset=");
  if (at == std::string::npos) return "";
  std::string_view v = std::string_view(ct).substr(at + 8);
  if (!v.empty() && v.front() == '"') v.remove_prefix(1);
  size_t end = v.find_first_of("\"; \t");
  return std::string(v.substr(0, end));
}

std::chrono::seconds BackoffDelay(int failures, std::chrono::seconds interval, std::chrono::seconds most,
                                  std::chrono::seconds at_least, std::mt19937_64& rng) {
  double delay = static_cast<double>(std::max<long>(1, interval.count()));
  for (int i = 0; i < failures && delay < most.count(); ++i) delay *= 2;
  delay = std::min(delay, static_cast<double>(most.count()));
  // Jitter over the upper half, so feeds that failed together (one outage) spread out.
  std::uniform_real_distribution<double> half(delay / 2, delay);
  auto chosen = std::chrono::seconds(static_cast<long>(half(rng) + 0.5));
  return std::max({chosen, at_least, std::chrono::seconds(1)});
}

}  // namespace sitrep::watch
